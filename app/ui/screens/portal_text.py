"""What the counter says of a citizen's national-portal account (Reception and its summary)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.services.counter_view import PortalStatus


def portal_text(status: PortalStatus, *, english: bool) -> str:
    """The account's state in the officer's language; the province's own guidance, when it sends
    one in Vietnamese, for an account still to register or link."""
    def t(text: str) -> str:
        return QCoreApplication.translate("ReceptionScreen", text)  # the context they were written in

    texts = {
        "linked": t("Linked to the national ID (VNeID): the citizen can follow the dossier online."),
        "not_linked": t("Has an account, not linked to VNeID: advise linking it at dichvucong.gov.vn."),
        "none": t("No account: guide the citizen to register with VNeID to receive results online."),
        "unknown": t("Unknown (server not reachable or not configured)."),
    }
    if status.guidance_vi and not english and status.state != "linked":
        return status.guidance_vi
    return texts.get(status.state, texts["unknown"])
