"""The citizen's national-portal account on the Components screen (seed 002, step 2): its state
as the provincial system knows it, a guide to create or link the account, the link request
(through the outbox), each step recorded on the dossier. Every call runs in a worker."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from app.domain.errors import MotcuaError
from app.services import counter_view as ca
from app.ui import events
from app.ui.context import AppContext
from app.ui.i18n import current_language


def _tr(text: str) -> str:
    """The Components screen's translations (context ComponentsScreen, where they were written)."""
    return QCoreApplication.translate("ComponentsScreen", text)


class Host(Protocol):
    """What the panel needs of the screen it sits on."""

    ctx: AppContext

    def show_error(self, exc: MotcuaError, label: QLabel | None = None) -> None: ...

    def _update_buttons(self) -> None: ...


class PortalPanel:
    """The state line with its two buttons; ``view`` is the last state read (None: not yet)."""

    def __init__(self, host: Host, parent: QWidget, error_label: QLabel) -> None:
        self.host, self.ctx, self.parent, self.error_label = host, host.ctx, parent, error_label
        self.state = QLabel()
        self.state.setObjectName("portal_state")
        self.state.setWordWrap(True)
        self.guide_btn = QPushButton(_tr("Guide the citizen"))
        self.guide_btn.setObjectName("portal_guide_btn")
        self.link_btn = QPushButton(_tr("Request the link"))
        self.link_btn.setObjectName("portal_link_btn")
        self.view: ca.PortalView | None = None
        self.guide_box: QMessageBox | None = None
        self.layout = QHBoxLayout()
        self.layout.addWidget(self.state, 1)
        self.layout.addWidget(self.guide_btn)
        self.layout.addWidget(self.link_btn)
        self.guide_btn.clicked.connect(self.guide)
        self.link_btn.clicked.connect(self.request_link)

    def reset(self, asking: bool) -> None:
        self.view = None
        if asking:
            self.state.setText(_tr("National-portal account: asking the provincial system…"))

    def update_buttons(self) -> None:
        view = self.view
        self.guide_btn.setEnabled(view is not None and view.state in ("none", "not_linked", "link_requested"))
        self.link_btn.setEnabled(view is not None and view.state == "not_linked")

    def load(self) -> None:
        dossier = self.ctx.dossier
        if dossier is None:
            return
        number, ws = dossier.number, self.ctx.ws
        self.ctx.runner.run(_tr("reading the portal account"), lambda _c: ca.portal_state(ws, number),
                            on_success=lambda v: self.show(number, v),
                            on_error=lambda e: self.state.setText(_tr("National-portal account: unknown")))

    def show(self, number: str, view: ca.PortalView) -> None:
        if self.ctx.dossier is None or self.ctx.dossier.number != number:
            return
        self.view = view
        state = {"none": _tr("no account"), "not_linked": _tr("account not linked"),
                 "link_requested": _tr("link requested"), "linked": _tr("linked"),
                 "unknown": _tr("unknown (server away)")}.get(view.state, view.state)
        done = {"guided_create": _tr("guided to create an account"), "guided_link": _tr("guided to link"),
                "link_requested": _tr("link request sent")}
        text = _tr("National-portal account: %1").replace("%1", state)
        if view.steps_done:
            text += " — " + ", ".join(done.get(s, s) for s in view.steps_done)
        if view.queued:
            text += " " + _tr("(link request waiting in the outbox)")
        self.state.setText(text)
        self.host._update_buttons()

    def guide(self) -> None:
        view, dossier = self.view, self.ctx.dossier
        if view is None or dossier is None:
            return
        steps = view.guide_vi if current_language() == "vi" else view.guide_en
        box = QMessageBox(QMessageBox.Icon.Information, _tr("National-portal account"),
                          "\n".join(f"{i}. {s}" for i, s in enumerate(steps, 1)), parent=self.parent)
        box.setObjectName("portal_guide_box")
        box.setInformativeText(_tr("Press OK once the citizen was guided (recorded on the dossier)."))
        box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
        number, state, ws = dossier.number, view.state, self.ctx.ws
        box.accepted.connect(lambda: self.ctx.runner.run(
            _tr("recording the guidance"), lambda _c: ca.portal_guided(ws, number, state),
            on_success=lambda v: self.show(number, v), on_error=self._error))
        box.open()
        self.guide_box = box

    def request_link(self) -> None:
        dossier = self.ctx.dossier
        if dossier is None:
            return
        number, ws = dossier.number, self.ctx.ws
        self.ctx.runner.run(_tr("requesting the account link"), lambda _c: ca.portal_request_link(ws, number),
                            on_success=lambda v: self.show(number, v), on_error=self._error,
                            changes=[events.OUTBOX])

    def _error(self, exc: MotcuaError) -> None:
        self.host.show_error(exc, self.error_label)
