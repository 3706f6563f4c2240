"""The counter's guided flow: a header on the counter screens showing where the open dossier
stands (reception -> components n/m -> signing -> sending, with its number and owner), and the
automatic advance: after a PDF is built, to the next required component still to digitize (or to
Sign once every one is built); after signing, to Send once every required component is signed.

The rules are app.domain.flow's; this module only shows them and moves between screens. It
listens to the context's ``dossier_changed`` (every service result that changes a dossier reloads
it), so the header follows whatever screen made the change."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.domain.flow import FlowProgress, Step, next_to_digitize, progress
from app.domain.records import ComponentState, Dossier, DossierState

STYLE = """
QFrame#flow_header { background: #f4f7fb; border-bottom: 1px solid #c9d6e6; }
QLabel#flow_title { font-weight: bold; }
QLabel#flow_next { color: #333333; }
"""
# each step label gets its own style sheet (set directly, so its size follows its weight at once)
_STEP_STYLE = {
    "done": "color: #1b5e20; padding: 3px 8px;",
    "current": "background: #0b5394; color: white; font-weight: bold; padding: 3px 8px; border-radius: 3px;",
    "todo": "color: #5f6b7a; padding: 3px 8px;",
}
_ORDER = (Step.RECEPTION, Step.COMPONENTS, Step.SIGNING, Step.SENDING)


class FlowHeader(QFrame):
    """Dossier number, owner and procedure; the four steps with the current one highlighted;
    what to do next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("flow_header")
        self.setStyleSheet(STYLE)
        self.title = QLabel()
        self.title.setObjectName("flow_title")
        self.title.setWordWrap(True)  # long procedure names wrap instead of widening the window
        self.steps = {step: QLabel() for step in _ORDER}
        for step, label in self.steps.items():
            label.setObjectName(f"flow_step_{step.value}")
        self.next = QLabel()
        self.next.setObjectName("flow_next")
        self.next.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for i, step in enumerate(_ORDER):
            if i:
                row.addWidget(QLabel("→"))
            row.addWidget(self.steps[step])
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 6)
        lay.setSpacing(3)
        lay.addWidget(self.title)
        lay.addLayout(row)
        lay.addWidget(self.next)
        self.progress: FlowProgress | None = None

    def show_dossier(self, dossier: Dossier | None) -> None:
        if dossier is None:
            self.progress = None
            self.title.setText(self.tr("No dossier open: receive one (Ctrl+2) or open it from Today's "
                                       "dossiers (Ctrl+1)."))
            for label in self.steps.values():
                label.setText("")
            self.next.setText("")
            return
        p = self.progress = progress(dossier)
        owner = dossier.owner.name or dossier.owner.id
        self.title.setText(self.tr("Dossier %1 — %2 — %3").replace("%1", dossier.number).replace("%2", owner)
                           .replace("%3", dossier.procedure_name))
        signing_total = p.signed + p.to_sign
        texts = {
            Step.RECEPTION: self.tr("1. Reception"),
            Step.COMPONENTS: self.tr("2. Components "
                                     "%1/%2").replace("%1", str(p.handled)).replace("%2", str(p.total)),
            Step.SIGNING: self.tr("3. Signing "
                                  "%1/%2").replace("%1", str(p.signed)).replace("%2", str(signing_total)),
            Step.SENDING: (self.tr("4. "
                                   "Sent") if dossier.state in (DossierState.SENT,
                                                                DossierState.RESULT_RETURNED)
                           else self.tr("4. In the outbox") if dossier.state is DossierState.QUEUED
                           else self.tr("4. Sending")),
        }
        current = _ORDER.index(p.step) if p.step in _ORDER else len(_ORDER)
        for i, step in enumerate(_ORDER):
            state = "done" if i < current or p.step is Step.SENT else "current" if i == current else "todo"
            label = self.steps[step]
            label.setText(("✓ " if state == "done" else "") + texts[step])
            label.setProperty("step", state)
            label.setStyleSheet(_STEP_STYLE[state])
        self.next.setText(self._next_text(dossier, p))

    def _next_text(self, dossier: Dossier, p: FlowProgress) -> str:
        if p.step is Step.COMPONENTS:
            comp = next_to_digitize(dossier)
            name = comp.name if comp else ""
            return self.tr("Next: digitize “%1” (Ctrl+3, then Ctrl+D), take it from the warehouse (Ctrl+K) "
                           "or "
                           "mark it not provided.").replace("%1", name)
        if p.step is Step.SIGNING:
            return self.tr("Next: sign %n document(s) (Ctrl+5, then Ctrl+G).", "", p.to_sign)
        if p.step is Step.SENDING:
            return self.tr("Next: send the dossier (Ctrl+6, then Ctrl+Shift+S).")
        return ""


class GuidedFlow(QObject):
    """Keeps the header current and moves the officer on when a step is finished."""

    def __init__(self, win: Any) -> None:  # the MainWindow (not imported: it builds this flow)
        super().__init__(win)
        self.win = win
        self.header = FlowHeader()
        self._states: tuple[str, dict[str, ComponentState]] = ("", {})
        self.counter_screens = (win.reception, win.components, win.scan, win.sign, win.send)
        win.ctx.dossier_changed.connect(self._changed)
        win.nav.currentRowChanged.connect(lambda _r: self._place())
        self._changed(win.ctx.dossier)

    def _place(self) -> None:
        self.header.setVisible(self.win.stack.currentWidget() in self.counter_screens)

    def _changed(self, dossier: Dossier | None) -> None:
        self.header.show_dossier(dossier)
        self._place()
        if dossier is None:
            self._states = ("", {})
            return
        number, before = self._states
        now = {c.component_id: c.state for c in dossier.components}
        self._states = (dossier.number, now)
        if number != dossier.number:
            return
        changed = {cid: st for cid, st in now.items() if before.get(cid) is not st}
        screen = self.win.stack.currentWidget()
        if screen is self.win.scan and changed.get(self.win.scan.component_id or "") is ComponentState.BUILT:
            built = self.win.scan.component_id or ""
            QTimer.singleShot(0, lambda: self._after_build(built))
        elif screen is self.win.sign and ComponentState.SIGNED in changed.values():
            QTimer.singleShot(0, self._after_signing)

    def _after_build(self, built: str) -> None:
        dossier = self.win.ctx.dossier
        if dossier is None:
            return
        done = dossier.component(built)
        comp = next_to_digitize(dossier, after=built)
        name = done.name if done else built
        if comp is None:
            if progress(dossier).step is Step.SIGNING:
                self.win.ctx.message.emit(self.tr("PDF of “%1” built. Every component is digitized: sign "
                                                  "them now "
                                                  "(Ctrl+G).").replace("%1", name))
                self.win.go(self.win.sign)
            return
        self.win.ctx.message.emit(self.tr("PDF of “%1” built. Next component: “%2”.").replace("%1", name)
                                  .replace("%2", comp.name))
        # the warehouse may hold it: the officer chooses on the checklist (Ctrl+K or Ctrl+D)
        if comp.reusable:
            self.win.components.select_component(comp.component_id)
            self.win.go(self.win.components)
        else:
            self.win.components.select_component(comp.component_id)
            self.win.scan.set_component(comp.component_id)

    def _after_signing(self) -> None:
        dossier = self.win.ctx.dossier
        if dossier is not None and progress(dossier).step is Step.SENDING:
            self.win.ctx.message.emit(self.tr("Every required component is signed: send the dossier "
                                              "(Ctrl+Shift+S)."))
            self.win.go(self.win.send)
