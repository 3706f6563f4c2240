"""String contracts between the layers: every fix a QC rule proposes is handled by the Scan screen and
explained; the Send screen names exactly the states the outbox writes."""

from __future__ import annotations

from app.scan.qc.rules import FixAction
from app.services.scan_view import _FIX
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


def test_the_sign_screen_preselects_the_key_by_the_rule_the_cli_uses() -> None:
    """sign_adapter.preferred_certificate and services.signing.choose_certificate are one rule
    (domain.signing_policy.choose_key): the right role, usable first, then the longest-valid."""
    from app.services.sign_view import CertChoice, DocToSign, preferred_certificate

    certs = [
        CertChoice("T", "agency", "UBND", "agency", not_after_ts=3e9),
        CertChoice("T", "old", "A", "officer", problem_en="expired", problem_vi="hết hạn", not_after_ts=1e9),
        CertChoice("T", "short", "A", "officer", not_after_ts=2e9),
        CertChoice("T", "long", "A", "officer", not_after_ts=2.5e9),
    ]
    officer_doc, agency_doc = (
        DocToSign(1, "c1", "1", False, "officer"),
        DocToSign(2, "c2", "2", False, "agency"),
    )
    assert preferred_certificate(certs, [officer_doc, agency_doc]) == 3
    assert preferred_certificate(certs, [agency_doc]) == 0
    assert preferred_certificate(certs[1:], [agency_doc]) == -1  # never another role's key
