"""Lấy từ kho, looking before taking (seed 000): the owner's warehouse documents for one
component, searchable by name, code, decision number, issuing agency and abstract; the chosen
one previewed (rendered pages), with its signature verdict and metadata; then Take, Not this one
(feedback with one of the three reasons, queued in the outbox when the server is away), or Take
the paper instead (with the reason). Every service call runs in a worker."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import MotcuaError
from app.services import counter_view as ca
from app.ui.context import AppContext
from app.ui.i18n import current_language, error_text
from app.ui.worker import Task

FEEDBACK_REASONS = ("wrong_citizen_info", "not_citizens_result", "not_gov_ca_signed")


class WarehouseLookDialog(QDialog):
    taken = Signal(str)  # code attached
    paper_taken = Signal(str)  # reason
    feedback_sent = Signal(str, bool)  # code, reached the server (False: queued in the outbox)

    def __init__(self, ctx: AppContext, dossier_no: str, component_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.dossier_no, self.component_id = ctx, dossier_no, component_id
        self.docs: list[ca.Candidate] = []
        self._preview_task: Task | None = None
        self.setObjectName("warehouse_look_dialog")
        self.setWindowTitle(self.tr("Data warehouse — look before taking"))
        self.query = QLineEdit()
        self.query.setObjectName("warehouse_query")
        self.query.setPlaceholderText(self.tr("Name, code, decision number, issuing agency or abstract"))
        self.search_btn = QPushButton(self.tr("Search"))
        self.list = QListWidget()
        self.list.setObjectName("warehouse_docs")
        self.pages = QLabel(self.tr("Choose a document to see its pages"))
        self.pages.setObjectName("warehouse_preview")
        self.pages.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.setMinimumSize(320, 420)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.pages)
        self.verdict = QLabel()
        self.verdict.setObjectName("warehouse_verdict")
        self.verdict.setWordWrap(True)
        self.meta = QLabel()
        self.meta.setObjectName("warehouse_meta")
        self.meta.setWordWrap(True)
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.status.setObjectName("warehouse_status")
        self.status.setWordWrap(True)
        self.take_btn = QPushButton(self.tr("Take this document"))
        self.take_btn.setObjectName("warehouse_take")
        self.reason = QComboBox()
        self.reason.setObjectName("feedback_reason")
        for key, text in zip(FEEDBACK_REASONS, (self.tr("Wrong citizen information"),
                                                self.tr("Not the citizen's result"),
                                                self.tr("Not signed with a Government Cipher Committee "
                                                        "certificate")),
                             strict=True):
            self.reason.addItem(text, key)
        self.note = QLineEdit()
        self.note.setObjectName("feedback_note")
        self.note.setPlaceholderText(self.tr("Note (optional)"))
        self.not_this_btn = QPushButton(self.tr("Not this one (send feedback)"))
        self.not_this_btn.setObjectName("warehouse_not_this")
        self.paper_reason = QLineEdit()
        self.paper_reason.setObjectName("paper_reason")
        self.paper_reason.setPlaceholderText(self.tr("Why the paper differs from the electronic copy"))
        self.paper_btn = QPushButton(self.tr("Take the paper instead"))
        self.paper_btn.setObjectName("warehouse_paper")
        close = QPushButton(self.tr("Close"))

        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(self.search_btn)
        side = QWidget()
        form = QFormLayout(side)
        form.addRow(self.list)
        form.addRow(self.tr("Signature"), self.verdict)
        form.addRow(self.tr("Details"), self.meta)
        form.addRow(self.take_btn)
        fb = QHBoxLayout()
        fb.addWidget(self.reason, 1)
        fb.addWidget(self.note, 1)
        form.addRow(fb)
        form.addRow(self.not_this_btn)
        form.addRow(self.paper_reason)
        form.addRow(self.paper_btn)
        split = QSplitter()
        split.addWidget(side)
        split.addWidget(scroll)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        lay.addWidget(self.status)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        lay.addLayout(bottom)
        self.resize(980, 640)

        self.search_btn.clicked.connect(self.search)
        self.query.returnPressed.connect(self.search)
        self.list.currentRowChanged.connect(self._chosen)
        self.take_btn.clicked.connect(self._take)
        self.not_this_btn.clicked.connect(self._not_this)
        self.paper_btn.clicked.connect(self._paper)
        close.clicked.connect(self.reject)
        self.finished.connect(lambda _r: self._preview_task.cancel() if self._preview_task else None)
        self._update_buttons()
        self.search()

    # -- searching and showing --------------------------------------------------------------------
    def search(self) -> None:
        number, comp, query = self.dossier_no, self.component_id, self.query.text().strip()
        self._say(self.tr("Searching the owner's data warehouse…"))
        self.ctx.runner.run(self.tr("searching the warehouse"),
                            lambda _c: ca.candidates(self.ctx.ws, number, comp, query),
                            on_success=self._show, on_error=self._error)

    def _show(self, docs: list[ca.Candidate]) -> None:
        self.docs = docs
        self.list.clear()
        for d in docs:
            mark = "" if d.usable else "  ⚠ "
            it = QListWidgetItem(f"{mark}{d.code} — {d.title or d.type_name}, {d.issuer}, {d.issued}")
            it.setData(Qt.ItemDataRole.UserRole, d.code)
            self.list.addItem(it)
        self._say(self.tr("%1 document(s) found").replace("%1", str(len(docs))) if docs else
                  self.tr("Nothing found in the warehouse: digitize the paper."))
        if docs:
            self.list.setCurrentRow(0)
        else:
            self._chosen(-1)

    def current(self) -> ca.Candidate | None:
        row = self.list.currentRow()
        return self.docs[row] if 0 <= row < len(self.docs) else None

    def _chosen(self, _row: int) -> None:
        d = self.current()
        self._update_buttons()
        if self._preview_task is not None:
            self._preview_task.cancel()
        if d is None:
            self.verdict.clear()
            self.meta.clear()
            self.pages.setText(self.tr("Choose a document to see its pages"))
            return
        vi = current_language() == "vi"
        verdict = f"{d.status}: {d.verdict_vi if vi else d.verdict_en}"
        if not d.usable:
            verdict += "\n" + self.tr("Cannot be taken: "
                                      "%1").replace("%1", d.refusal_vi if vi else d.refusal_en)
        self.verdict.setText(verdict)
        self.verdict.setProperty("kind", "ok" if d.usable else "error")
        rows = [(self.tr("Code"), d.code), (self.tr("Name"), d.title or d.type_name),
                (self.tr("Decision number"), d.decision_no), (self.tr("Issued by"), d.issuer),
                (self.tr("Issued on"), d.issued), (self.tr("Abstract"), d.abstract),
                (self.tr("Used"), str(d.uses))] + sorted(d.metadata.items())
        self.meta.setText("\n".join(f"{k}: {v}" for k, v in rows if v))
        self.pages.setText(self.tr("Rendering the pages…"))
        number, code = self.dossier_no, d.code
        self._preview_task = self.ctx.runner.run(
            self.tr("rendering the warehouse document"), lambda c: ca.preview(c, self.ctx.ws, number, code),
            on_success=lambda pngs: self._pages(code, pngs),
            on_error=lambda e: self.pages.setText(error_text(e)))

    def _pages(self, code: str, pngs: list[bytes]) -> None:
        d = self.current()
        if d is None or d.code != code:
            return  # the officer moved on
        if not pngs:
            self.pages.setText(self.tr("No page to show"))
            return
        first = QPixmap()
        first.loadFromData(pngs[0], "PNG")
        self.pages.setPixmap(first)
        self.pages.setProperty("pages", len(pngs))

    def _update_buttons(self) -> None:
        d = self.current()
        self.take_btn.setEnabled(d is not None and d.usable)
        self.not_this_btn.setEnabled(d is not None)

    # -- actions ------------------------------------------------------------------------------------
    def _take(self) -> None:
        d = self.current()
        if d is None or not d.usable:
            return
        number, comp, code = self.dossier_no, self.component_id, d.code
        self._say(self.tr("Attaching %1…").replace("%1", code))
        self.ctx.runner.run(self.tr("attaching the warehouse document"),
                            lambda _c: ca.attach(self.ctx.ws, number, comp, code),
                            on_success=lambda _r: self._done(self.taken, code), on_error=self._error)

    def _done(self, signal: Any, value: str) -> None:
        signal.emit(value)
        self.accept()

    def _not_this(self) -> None:
        d = self.current()
        if d is None:
            return
        number, code = self.dossier_no, d.code
        reason, note = str(self.reason.currentData()), self.note.text().strip()

        def sent(reached: bool) -> None:
            self._say(self.tr("Feedback on %1 sent to the province.").replace("%1", code) if reached else
                      self.tr("Feedback on %1 waits in the outbox (server away); it is sent "
                              "later.").replace("%1", code))
            self.feedback_sent.emit(code, reached)

        self.ctx.runner.run(self.tr("sending feedback"),
                            lambda _c: ca.feedback(self.ctx.ws, number, code, reason, note),
                            on_success=sent, on_error=self._error)

    def _paper(self) -> None:
        reason = self.paper_reason.text().strip()
        number, comp = self.dossier_no, self.component_id
        self.ctx.runner.run(self.tr("taking the paper instead"),
                            lambda _c: ca.take_paper(self.ctx.ws, number, comp, reason),
                            on_success=lambda _r: self._done(self.paper_taken, reason),
                            on_error=self._error)

    def _say(self, text: str, kind: str = "") -> None:
        self.status.setText(text)
        self.status.setProperty("kind", kind)

    def _error(self, exc: MotcuaError) -> None:
        self._say(error_text(exc), "error")
