"""Hồ sơ hôm nay: the officer's dossiers with their state, searchable."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.catalogue import fold
from app.domain.codes import vn_today
from app.domain.records import Dossier
from app.services.review_sync import sent_back_today
from app.services.submit import province_statuses
from app.ui import labels
from app.ui.context import AppContext
from app.ui.screens.base import Screen
from app.ui.worker import TaskContext

SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1


class _FoldFilter(QSortFilterProxyModel):
    """Accent-insensitive filter over a hidden search key of each row."""

    def __init__(self) -> None:
        super().__init__()
        self._needle = ""

    def set_needle(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = fold(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802 - Qt override
        if not self._needle:
            return True
        key = self.sourceModel().index(row, 0, parent).data(SEARCH_ROLE) or ""
        return all(part in key for part in self._needle.split())


class TodayScreen(Screen):
    open_requested = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("today")
        self.search = QLineEdit()
        self.search.setObjectName("today_search")
        self.search.setPlaceholderText(self.tr("Search by number, owner, name, procedure or state (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.only_today = QCheckBox(self.tr("Only today"))
        self.only_today.setChecked(True)
        self.refresh_btn = QPushButton(self.tr("Refresh (F5)"))
        self.open_btn = QPushButton(self.tr("Open (Enter)"))
        self.count = QLabel()
        self.model = QStandardItemModel(0, 5, self)
        self.model.setHorizontalHeaderLabels([
            self.tr("Dossier number"), self.tr("Owner"), self.tr("Procedure"), self.tr("State"), self.tr("Received"),
        ])
        self.proxy = _FoldFilter()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("today_table")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSortingEnabled(True)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.only_today)
        top.addWidget(self.refresh_btn)
        top.addWidget(self.open_btn)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.count)

        self.search.textChanged.connect(self._filter)
        self.only_today.toggled.connect(lambda _=False: self.activated())
        self.refresh_btn.clicked.connect(self.activated)
        self.open_btn.clicked.connect(self._open_selected)
        self.table.activated.connect(lambda _i: self._open_selected())
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.activated)
        self.refresh_on(ctx.events.dossier_changed, ctx.events.components_changed, ctx.events.outbox_changed)
        self.setTabOrder(self.search, self.only_today)
        self.setTabOrder(self.only_today, self.table)
        self.setTabOrder(self.table, self.open_btn)
        self._rows: list[Dossier] = []
        self._province: dict[str, str] = {}

    def title(self) -> str:
        return self.tr("Today's dossiers")

    def activated(self) -> None:
        day = vn_today().isoformat() if self.only_today.isChecked() else None

        def load(_ctx: TaskContext) -> tuple[list[Dossier], dict[str, str], dict[str, str]]:
            dossiers = self.ctx.ws.dossiers.list(day=day)
            return (dossiers, province_statuses(self.ctx.ws, [d.number for d in dossiers]),
                    dict(sent_back_today(self.ctx.ws)))

        self.ctx.runner.run(self.tr("loading dossiers"), load, on_success=self._show, on_error=self.show_error)

    def _show(self, loaded: tuple[list[Dossier], dict[str, str], dict[str, str]]) -> None:
        dossiers, self._province, sent_back = loaded  # screen state set on the GUI thread, never in the worker
        self._rows = dossiers
        self.model.setRowCount(0)
        for d in dossiers:
            owner = d.owner.name or d.owner.id
            state = labels.dossier_state(d.state)
            if d.number in self._province:  # the province's own status, as its system names it
                state += f" · {self._province[d.number]}"
            if sent_back.get(d.number):  # the supervisor's reason, to act on
                state += f" — {sent_back[d.number]}"
            cells = [d.number, f"{owner} ({d.owner.id})" if d.owner.name else owner, d.procedure_name, state,
                     d.received_at.strftime("%H:%M %d/%m")]
            items = [QStandardItem(c) for c in cells]
            items[0].setData(d.number, Qt.ItemDataRole.UserRole)
            items[0].setData(fold(" ".join([*cells, d.owner.id, d.procedure_code, d.submitter.name])), SEARCH_ROLE)
            self.model.appendRow(items)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self._update_count()

    def _filter(self, text: str) -> None:
        self.proxy.set_needle(text)
        self._update_count()

    def _update_count(self) -> None:
        self.count.setText(self.tr("%n dossier(s) shown", "", self.proxy.rowCount()))

    def _open_selected(self) -> None:
        idx = self.table.currentIndex()
        if not idx.isValid() and self.proxy.rowCount():
            idx = self.proxy.index(0, 0)
        if idx.isValid():
            number = self.proxy.index(idx.row(), 0).data(Qt.ItemDataRole.UserRole)
            self.open_requested.emit(number)
