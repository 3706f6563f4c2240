"""Hồ sơ cần xử lý: the officer's work queue. Every dossier still in hand (whatever day it was
received) and those returned lately, by state with counts, with its components' progress, its
send status and its appointment date coloured by urgency; row actions by Enter, double-click or
the context menu (open, continue scanning, sign, send, return the result)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.catalogue import fold
from app.domain.records import DossierState
from app.services.submit import OutboxState, return_result
from app.services.workqueue import QueueRow, QueueState, Urgency, counts, work_queue
from app.ui import labels
from app.ui.context import AppContext
from app.ui.screens.base import Screen, ask
from app.ui.worker import TaskContext

SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_ROLE = Qt.ItemDataRole.UserRole + 3
COL_NUMBER, COL_OWNER, COL_PROCEDURE, COL_STATE, COL_PROGRESS, COL_SEND, COL_DUE = range(7)
URGENCY_COLOURS = {Urgency.OVERDUE: ("#b00020", "#fde7e9"), Urgency.SOON: ("#7a4300", "#fff3cd")}
# the action Enter / double-click takes for each state
DEFAULT_ACTION = {QueueState.DIGITIZING: "scan", QueueState.TO_SIGN: "sign", QueueState.TO_SEND: "send",
                  QueueState.SEND_FAILED: "send", QueueState.WAITING_PROVINCE: "open",
                  QueueState.TO_RETURN: "return", QueueState.RETURNED: "open"}


class _QueueFilter(QSortFilterProxyModel):
    """The chosen state's rows, filtered accent-insensitively on a hidden search key of each row."""

    def __init__(self) -> None:
        super().__init__()
        self._needle = ""
        self.state = ""  # a QueueState value, "" for all
        self.setSortRole(SORT_ROLE)

    def set_needle(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = fold(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_state(self, state: str) -> None:
        self.beginFilterChange()
        self.state = state
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int,
                         parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802 - Qt override
        first = self.sourceModel().index(row, 0, parent)
        if self.state and first.data(STATE_ROLE) != self.state:
            return False
        key = first.data(SEARCH_ROLE) or ""
        return all(part in key for part in self._needle.split())


class TodayScreen(Screen):
    open_requested = Signal(str)
    action_requested = Signal(str, str, str)  # action (scan | sign | send), dossier number, component id

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("today")
        self.tabs = QTabBar()
        self.tabs.setObjectName("queue_tabs")
        self.tabs.setExpanding(False)
        self.tabs.setUsesScrollButtons(True)
        self.tabs.setStyleSheet(  # all eight fit at 1024 px; the chosen one stands out
            "QTabBar::tab { padding: 5px 8px; margin-right: 2px; border: 1px solid #b8b8b8; background: "
            "#ececec; }"
            "QTabBar::tab:selected { background: #0b5394; color: white; border-color: #0b5394; }")
        self.tab_states: list[str] = ["", *(s.value for s in QueueState)]
        for _state in self.tab_states:
            self.tabs.addTab("")
        self.search = QLineEdit()
        self.search.setObjectName("today_search")
        self.search.setPlaceholderText(self.tr("Search by number, owner, name, procedure or state (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.refresh_btn = QPushButton(self.tr("Refresh (F5)"))
        self.open_btn = QPushButton(self.tr("Open the dossier"))
        self.open_btn.setObjectName("queue_open_btn")
        self.next_btn = QPushButton()  # the selected row's next step, named
        self.next_btn.setObjectName("queue_next_btn")
        self.count = QLabel()
        self.count.setObjectName("queue_count")
        self.model = QStandardItemModel(0, 7, self)
        self.model.setHorizontalHeaderLabels([
            self.tr("Dossier number"), self.tr("Owner"), self.tr("Procedure"), self.tr("State"),
            self.tr("Components"), self.tr("Send status"), self.tr("Due date"),
        ])
        self.proxy = _QueueFilter()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("today_table")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setSortingEnabled(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self._fit_columns()
        self.table.sortByColumn(COL_DUE, Qt.SortOrder.AscendingOrder)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.refresh_btn)
        top.addWidget(self.open_btn)
        top.addWidget(self.next_btn)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        hint = QLabel(self.tr("Enter: the next step · right click: all actions"))
        hint.setObjectName("queue_hint")
        bottom.addWidget(hint)
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addLayout(bottom)

        self.tabs.currentChanged.connect(self._tab_changed)
        self.search.textChanged.connect(self._filter)
        self.refresh_btn.clicked.connect(self.activated)
        self.open_btn.clicked.connect(lambda: self.run_action("open"))
        self.next_btn.clicked.connect(lambda: self.run_action(None))
        self.table.activated.connect(lambda _i: self.run_action(None))
        self.table.selectionModel().currentChanged.connect(lambda _c, _p: self._name_next())
        self.proxy.layoutChanged.connect(self._name_next)
        self.table.customContextMenuRequested.connect(self._menu)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.activated)
        QShortcut(QKeySequence("Ctrl+Tab"), self, lambda: self.tabs.setCurrentIndex(
            (self.tabs.currentIndex() + 1) % self.tabs.count()))
        QShortcut(QKeySequence("Shift+F10"), self, lambda: self._menu(self.table.visualRect(
            self.table.currentIndex()).center() if self.table.currentIndex().isValid() else QPoint(0, 0)))
        self.refresh_on(ctx.events.dossier_changed, ctx.events.components_changed, ctx.events.outbox_changed)
        self.setTabOrder(self.search, self.table)
        self.setTabOrder(self.table, self.open_btn)
        self.setTabOrder(self.open_btn, self.next_btn)
        self.rows: dict[str, QueueRow] = {}
        self._label_tabs({})
        self._name_next()

    def title(self) -> str:
        return self.tr("Today's dossiers")

    def activated(self) -> None:
        ws = self.ctx.ws

        def load(_ctx: TaskContext) -> list[QueueRow]:
            return work_queue(ws)

        self.ctx.runner.run(self.tr("loading "
                                    "dossiers"), load, on_success=self._show, on_error=self.show_error)

    # --- showing ------------------------------------------------------------------------------
    def _label_tabs(self, n: dict[QueueState, int]) -> None:
        for i, state in enumerate(self.tab_states):
            name = labels.queue_state(state) if state else self.tr("All")
            count = sum(n.values()) if not state else n.get(QueueState(state), 0)
            self.tabs.setTabText(i, f"{name} ({count})")

    def send_text(self, r: QueueRow) -> str:
        names = {OutboxState.WAITING: self.tr("Waiting to send"), OutboxState.SENDING: self.tr("Sending"),
                 OutboxState.SENT: self.tr("Sent"), OutboxState.REJECTED: self.tr("Refused by the server")}
        text = names.get(r.send, "—") if r.send else self.tr("Not sent")
        if r.send is OutboxState.REJECTED and r.send_error_vi:
            text += f": {r.send_error_vi}"
        if r.province_status is not None:  # the province's own status, as its system names it
            text += f" · {r.province_status} {r.province_status_name}"
        return text

    def _show(self, rows: list[QueueRow]) -> None:
        self.rows = {r.number: r for r in rows}  # screen state set on the GUI thread, never in the worker
        current = self.selected_number()
        self.table.setSortingEnabled(False)
        self.model.setRowCount(0)
        for r in rows:
            owner = f"{r.owner_name} ({r.owner_id})" if r.owner_name else r.owner_id
            state = labels.queue_state(r.state)
            if r.dossier_state is DossierState.SENT_BACK:  # digitizing again, because it came back
                state = labels.dossier_state(r.dossier_state)
            if r.note:  # why it came back, to act on
                state += f" — {r.note}"
            due = f"{r.due:%d/%m/%Y}" if r.due else "—"
            cells = [r.number, owner, r.procedure_name, state, f"{r.done}/{r.total}", self.send_text(r), due]
            items = [QStandardItem(c) for c in cells]
            for item in items:
                item.setToolTip(item.text())
                item.setData(item.text(), SORT_ROLE)
            items[COL_NUMBER].setData(r.number, Qt.ItemDataRole.UserRole)
            items[COL_NUMBER].setData(r.state.value, STATE_ROLE)
            items[COL_NUMBER].setData(fold(" ".join([*cells, r.procedure_code])), SEARCH_ROLE)
            received = datetime.fromisoformat(r.received_at)
            items[COL_NUMBER].setToolTip(self.tr("Received %1").replace("%1", f"{received:%H:%M %d/%m/%Y}"))
            items[COL_PROGRESS].setData(r.done / r.total if r.total else 0.0, SORT_ROLE)
            items[COL_PROGRESS].setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            items[COL_DUE].setData(r.due.isoformat() if r.due else "9999", SORT_ROLE)
            self._colour_due(items[COL_DUE], r)
            self.model.appendRow(items)
        self.table.setSortingEnabled(True)
        self._label_tabs(counts(rows))
        self._update_count()
        if current:
            self.select(current)
        self._name_next()

    def _colour_due(self, item: QStandardItem, r: QueueRow) -> None:
        if r.urgency in URGENCY_COLOURS:
            fg, bg = URGENCY_COLOURS[r.urgency]
            item.setForeground(QBrush(QColor(fg)))
            item.setBackground(QBrush(QColor(bg)))
            font = QFont(item.font())
            font.setBold(True)
            item.setFont(font)
        item.setData(r.urgency.value, STATE_ROLE)
        item.setToolTip({Urgency.OVERDUE: self.tr("Overdue"), Urgency.SOON: self.tr("Due today or tomorrow"),
                         Urgency.LATER: self.tr("Due later")}.get(r.urgency, item.text()))

    def _fit_columns(self) -> None:
        """Number, progress and due date as wide as their contents, the texts share the rest (and
        elide); set again after a filter, which Qt does not re-measure by itself."""
        header = self.table.horizontalHeader()
        for col in range(self.model.columnCount()):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch
                                        if col in (COL_OWNER, COL_PROCEDURE, COL_STATE, COL_SEND)
                                        else QHeaderView.ResizeMode.ResizeToContents)

    def _tab_changed(self, index: int) -> None:
        self.proxy.set_state(self.tab_states[index] if index >= 0 else "")
        self._fit_columns()
        self._update_count()
        self._name_next()

    def _filter(self, text: str) -> None:
        self.proxy.set_needle(text)
        self._fit_columns()
        self._update_count()

    def _update_count(self) -> None:
        self.count.setText(self.tr("%n dossier(s) shown", "", self.proxy.rowCount()))

    # --- actions ------------------------------------------------------------------------------
    def selected_number(self) -> str:
        idx = self.table.currentIndex()
        if not idx.isValid() and self.proxy.rowCount():
            idx = self.proxy.index(0, 0)
        return str(self.proxy.index(idx.row(),
                                    0).data(Qt.ItemDataRole.UserRole) or "") if idx.isValid() else ""

    def select(self, number: str) -> bool:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(Qt.ItemDataRole.UserRole) == number:
                self.table.selectRow(row)
                self.table.setCurrentIndex(self.proxy.index(row, 0))
                return True
        return False

    def actions_for(self, r: QueueRow) -> list[tuple[str, str, bool]]:
        """(action, label, enabled) of a row, in the order of the work."""
        return [("open", self.tr("Open the dossier"), True),
                ("scan", self.tr("Continue "
                                 "scanning"), r.state is QueueState.DIGITIZING and bool(r.next_component)),
                ("sign", self.tr("Sign"), r.state is QueueState.TO_SIGN),
                ("send", self.tr("Send"), r.state in (QueueState.TO_SEND, QueueState.SEND_FAILED)),
                ("return", self.tr("Return the result…"), r.state is QueueState.TO_RETURN)]

    def _name_next(self) -> None:
        r = self.rows.get(self.selected_number())
        label = next((lbl for a, lbl, on in self.actions_for(r) if on and a == DEFAULT_ACTION[r.state]),
                     self.tr("Open the dossier")) if r else self.tr("Open the dossier")
        self.next_btn.setText(f"{label.rstrip('…')} (Enter)")
        self.next_btn.setEnabled(r is not None)
        self.open_btn.setEnabled(r is not None)

    def _menu(self, pos: QPoint) -> None:
        idx = self.table.indexAt(pos)
        if idx.isValid():
            self.table.setCurrentIndex(idx)
        r = self.rows.get(self.selected_number())
        if r is None:
            return
        menu = QMenu(self)
        menu.setObjectName("queue_menu")
        default = DEFAULT_ACTION[r.state]
        for action, label, enabled in self.actions_for(r):
            act = menu.addAction(label)
            act.setEnabled(enabled)
            act.setData(action)
            if action == default and enabled:
                menu.setDefaultAction(act)
        self.menu = menu
        chosen = menu.exec(self.table.viewport().mapToGlobal(pos))
        if chosen is not None:
            self.run_action(str(chosen.data()))

    def run_action(self, action: str | None) -> None:
        """Run ``action`` on the selected dossier; None: the next step of its state."""
        r = self.rows.get(self.selected_number())
        if r is None:
            return
        allowed = {a for a, _label, enabled in self.actions_for(r) if enabled}
        action = action or DEFAULT_ACTION[r.state]
        if action not in allowed:
            action = "open"
        if action == "open":
            self.open_requested.emit(r.number)
        elif action == "return":
            self.return_result(r.number)
        else:
            self.action_requested.emit(action, r.number, r.next_component if action == "scan" else "")

    def return_result(self, number: str, *, confirm: bool = True) -> None:
        """The citizen has the paper result: the same service the Send screen uses (status 10
        through the outbox), after a confirmation whose safe answer is the default."""
        if confirm and not ask(self, "queue_return_confirm", title=self.tr("Return of results"),
                               text=self.tr("Has the citizen received the paper result of dossier %1?")
                               .replace("%1", number),
                               proceed=self.tr("Yes, result handed over"), cancel=self.tr("Not yet")):
            return
        ws = self.ctx.ws

        def run(_c: TaskContext) -> None:
            return_result(ws, number)

        self.ctx.runner.run(self.tr("recording the return of results"), run,
                            on_success=lambda _r: self._returned(number), on_error=self.show_error)

    def _returned(self, number: str) -> None:
        self.ctx.message.emit(self.tr("Dossier %1 marked as result returned; the update is in the outbox.")
                              .replace("%1", number))
        self.ctx.reload_dossier()  # tells every screen, this queue included, that the dossiers changed
