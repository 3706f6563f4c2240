"""String contracts between the layers: every fix a QC rule proposes is handled by the Scan screen and
explained; the Send screen names exactly the states the outbox writes."""

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


def test_the_send_screen_names_exactly_the_states_the_outbox_writes(main_window) -> None:  # type: ignore[no-untyped-def]
    from app.sync.outbox import OutboxState

    names = main_window.send.state_names()
    assert set(names) == set(OutboxState)
    assert names[OutboxState.CANCELLED] == "Đã hủy" and len(set(names.values())) == len(names)
