"""Thành phần hồ sơ: each component of the procedure with its source, state, digitization
category and the on-request fee; entry points to "Lấy từ kho" and to scanning."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.records import ComponentRecord, ComponentState, DigitizationCategory, Dossier, DossierState
from app.services.catalogue import load_catalogue
from app.services.reception import mark_not_provided
from app.services.review import ReviewDecision
from app.services.review import history as review_history
from app.ui import labels
from app.ui.context import AppContext
from app.ui.screens.base import Screen


def _vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " ₫"


class ComponentsScreen(Screen):
    scan_requested = Signal(str)  # component id
    warehouse_requested = Signal(str)  # component id

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("components")
        self.header = QLabel()
        self.header.setObjectName("components_header")
        self.header.setWordWrap(True)
        f = QFont(self.header.font())
        f.setBold(True)
        self.header.setFont(f)
        self.sent_back = QLabel()
        self.sent_back.setObjectName("sent_back_reason")
        self.sent_back.setWordWrap(True)
        self.sent_back.setProperty("kind", "error")
        self.sent_back.setVisible(False)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("components_table")
        self.table.setHorizontalHeaderLabels([
            self.tr("Component"), self.tr("Document type"), self.tr("Source / state"),
            self.tr("Digitization category"), self.tr("Required"), self.tr("Fee if digitized on request"),
        ])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for col, mode in enumerate((QHeaderView.ResizeMode.Stretch, QHeaderView.ResizeMode.Stretch,
                                    QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch,
                                    QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(col, mode)
        self.warehouse_btn = QPushButton(self.tr("Take from the warehouse (Ctrl+K)"))
        self.warehouse_btn.setObjectName("warehouse_btn")
        self.scan_btn = QPushButton(self.tr("Digitize this component (Ctrl+D)"))
        self.scan_btn.setObjectName("scan_component_btn")
        self.not_provided_btn = QPushButton(self.tr("Mark not provided"))
        self.fee_note = QLabel()
        self.fee_note.setWordWrap(True)
        self.empty = QLabel(self.tr("No dossier open. Receive one or open it from Today's dossiers."))
        buttons = QHBoxLayout()
        buttons.addWidget(self.warehouse_btn)
        buttons.addWidget(self.scan_btn)
        buttons.addWidget(self.not_provided_btn)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.empty)
        lay.addWidget(self.header)
        lay.addWidget(self.sent_back)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.fee_note)
        lay.addLayout(buttons)
        self.warehouse_btn.clicked.connect(lambda: self._emit(self.warehouse_requested))
        self.scan_btn.clicked.connect(lambda: self._emit(self.scan_requested))
        self.not_provided_btn.clicked.connect(self._not_provided)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        QShortcut(QKeySequence("Ctrl+K"), self, lambda: self._emit(self.warehouse_requested))
        QShortcut(QKeySequence("Ctrl+D"), self, lambda: self._emit(self.scan_requested))
        ctx.dossier_changed.connect(self._show)
        self._show(ctx.dossier)

    def title(self) -> str:
        return self.tr("Components")

    def activated(self) -> None:
        self._show(self.ctx.dossier)
        self.table.setFocus()

    def _show(self, dossier: Dossier | None) -> None:
        self.empty.setVisible(dossier is None)
        for w in (self.header, self.table, self.fee_note):
            w.setVisible(dossier is not None)
        if dossier is None:
            self._update_buttons()
            return
        owner = dossier.owner.name or dossier.owner.id
        self.header.setText(self.tr("Dossier %1 — %2 — owner %3 (%4)")
                            .replace("%1", dossier.number).replace("%2", dossier.procedure_name)
                            .replace("%3", owner).replace("%4", labels.dossier_state(dossier.state)))
        self.sent_back.setVisible(False)
        if dossier.state is DossierState.SENT_BACK:
            number = dossier.number
            self.ctx.runner.run(self.tr("reading the supervisor's decision"),
                                lambda _c: review_history(self.ctx.ws, number), on_success=self._show_review)
        fee_per_page = load_catalogue().digitization_fee_per_page
        self.table.setRowCount(len(dossier.components))
        for row, comp in enumerate(dossier.components):
            fee = (self.tr("%1 per page").replace("%1", _vnd(fee_per_page))
                   if comp.category is DigitizationCategory.ON_REQUEST else self.tr("Free (mandatory)"))
            if comp.fee > 0:  # digitized on request: the fee computed from its page count
                fee = self.tr("%1 (to pay)").replace("%1", _vnd(comp.fee))
            cells = [comp.name, load_catalogue().doc_type_name(comp.doc_type), self._source(comp),
                     labels.category(comp.category), self.tr("Yes") if comp.required else self.tr("No"), fee]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, comp.component_id)
                self.table.setItem(row, col, item)
        self.table.resizeRowsToContents()
        if self.table.rowCount() and not self.table.selectedItems():
            self.table.selectRow(0)
        note = self.tr("Mandatory categories (1)-(5) are digitized free of charge; other "
                       "components are digitized on the citizen's request for a fee.")
        due = sum(c.fee for c in dossier.components)
        if due:
            note += " " + self.tr("Digitization fee to pay: %1.").replace("%1", _vnd(due))
        self.fee_note.setText(note)
        self._update_buttons()

    def _show_review(self, decisions: list[ReviewDecision]) -> None:
        back = [d for d in decisions if d.decision == "sent_back"]
        if back:
            last = back[-1]
            self.sent_back.setText(self.tr("Sent back by %1: %2").replace("%1", last.reviewer)
                                   .replace("%2", last.reason))
            self.sent_back.setVisible(True)

    def _source(self, comp: ComponentRecord) -> str:
        text = labels.component_state(comp.state)
        if comp.state is ComponentState.PENDING and comp.reusable:
            return self.tr("%1 — may be in the warehouse").replace("%1", text)
        return text

    def current_component(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def select_component(self, component_id: str) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == component_id:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        has = self.ctx.dossier is not None and self.current_component() is not None
        for b in (self.warehouse_btn, self.scan_btn, self.not_provided_btn):
            b.setEnabled(has)

    def _emit(self, signal: SignalInstance) -> None:
        comp = self.current_component()
        if comp is not None and self.ctx.dossier is not None:
            signal.emit(comp)

    def _not_provided(self) -> None:
        comp, dossier = self.current_component(), self.ctx.dossier
        if comp is None or dossier is None:
            return

        ws = self.ctx.ws

        def mark(_c: object) -> None:
            mark_not_provided(ws, dossier.number, comp)

        self.ctx.runner.run(self.tr("updating the component"), mark,
                            on_success=lambda _r: self.ctx.reload_dossier(), on_error=self.show_error)
