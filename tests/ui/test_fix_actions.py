"""Every fix a QC rule can propose is handled by the Scan screen and explained to the officer."""

from __future__ import annotations

from app.scan.qc.rules import FixAction
from app.ui.scan_adapter import _FIX
from app.ui.screens.scan import PAGE_FIXES, SESSION_FIXES


def test_every_fix_action_is_handled_and_explained() -> None:
    proposed = set(FixAction) - {FixAction.NONE}
    assert set(PAGE_FIXES) | SESSION_FIXES == proposed
    assert not set(PAGE_FIXES) & SESSION_FIXES
    assert set(_FIX) == proposed
    for vi, en in _FIX.values():
        assert vi and en and vi != en
