"""Translated names of states and categories (one place, so every screen says the same)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.records import ComponentState, DigitizationCategory, DossierState
from app.domain.routing import ForwardState


def dossier_state(state: DossierState | str) -> str:
    names = {
        DossierState.RECEIVING: QCoreApplication.translate("Labels", "Receiving"),
        DossierState.SCANNING: QCoreApplication.translate("Labels", "Digitizing"),
        DossierState.SIGNED: QCoreApplication.translate("Labels", "Signed"),
        DossierState.QUEUED: QCoreApplication.translate("Labels", "Waiting to send"),
        DossierState.SENT: QCoreApplication.translate("Labels", "Sent"),
        DossierState.SENT_BACK: QCoreApplication.translate("Labels", "Sent back for correction"),
        DossierState.RESULT_RETURNED: QCoreApplication.translate("Labels", "Result returned"),
    }
    return names.get(DossierState(state), str(state))


def component_state(state: ComponentState | str) -> str:
    names = {
        ComponentState.PENDING: QCoreApplication.translate("Labels", "Not handled yet"),
        ComponentState.REUSED: QCoreApplication.translate("Labels", "Reused from the warehouse"),
        ComponentState.TO_SCAN: QCoreApplication.translate("Labels", "To scan"),
        ComponentState.SCANNED: QCoreApplication.translate("Labels", "Scanned"),
        ComponentState.BUILT: QCoreApplication.translate("Labels", "PDF built"),
        ComponentState.SIGNED: QCoreApplication.translate("Labels", "Signed"),
        ComponentState.NOT_PROVIDED: QCoreApplication.translate("Labels", "Not provided"),
    }
    return names.get(ComponentState(state), str(state))


def forward_state(state: ForwardState | str) -> str:
    """A component's earlier result forwarded to its managing agency or the certification desk."""
    names = {
        ForwardState.QUEUED: QCoreApplication.translate("Labels", "Waiting to be forwarded"),
        ForwardState.SENT: QCoreApplication.translate("Labels", "Forwarded, waiting for the check"),
        ForwardState.MATCHES: QCoreApplication.translate("Labels", "Checked: matches"),
        ForwardState.DOES_NOT_MATCH: QCoreApplication.translate("Labels", "Checked: does not match"),
    }
    return names.get(ForwardState(state), str(state))


def category(cat: DigitizationCategory | str) -> str:
    names = {
        DigitizationCategory.EARLIER_RESULT: QCoreApplication.translate("Labels", "(1) Result of an earlier "
                                                                                  "procedure"),
        DigitizationCategory.SPECIALISED_LAW: QCoreApplication.translate("Labels", "(2) Required by "
                                                                                   "specialised law"),
        DigitizationCategory.REQUIRED_BY_AUTHORITY: QCoreApplication.translate("Labels", "(3) Required by "
                                                                                         "the minister or "
                                                                                         "provincial "
                                                                                         "chairman"),
        DigitizationCategory.AGENCY_RESULT: QCoreApplication.translate("Labels", "(4) Processing result of "
                                                                                 "an agency involved"),
        DigitizationCategory.PROCEDURE_RESULT: QCoreApplication.translate("Labels", "(5) Result of the "
                                                                                    "procedure"),
        DigitizationCategory.ON_REQUEST: QCoreApplication.translate("Labels", "On request (fee)"),
    }
    return names.get(DigitizationCategory(cat), str(cat))


def queue_state(state: str) -> str:
    """The work queue's states (app.services.workqueue.QueueState values)."""
    names = {
        "digitizing": QCoreApplication.translate("Labels", "Digitizing"),
        "to_sign": QCoreApplication.translate("Labels", "To sign"),
        "to_send": QCoreApplication.translate("Labels", "To send"),
        "send_failed": QCoreApplication.translate("Labels", "Send failed"),
        "waiting_province": QCoreApplication.translate("Labels", "At the province"),
        "to_return": QCoreApplication.translate("Labels", "To return"),
        "returned": QCoreApplication.translate("Labels", "Returned"),
    }
    return names.get(str(state), str(state))
