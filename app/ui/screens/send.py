"""Gửi hồ sơ: the outbox with each dossier's state, retry and the server's reasons (works
offline and catches up); "Lấy từ kho" picker; return of results (status 10)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import MotcuaError
from app.domain.flow import blocking_components
from app.services import sign_view as sg
from app.services.submit import OPEN_STATES, OutboxState
from app.ui import events
from app.ui.context import AppContext
from app.ui.i18n import current_language, error_text
from app.ui.screens.base import Screen
from app.ui.warehouse_dialog import WarehouseLookDialog
from app.ui.worker import Task


class WarehouseDialog(QDialog):
    """Lấy từ kho: several documents in the owner's warehouse fit; the officer picks one."""

    def __init__(self, docs: list[sg.WarehouseDoc], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("warehouse_dialog")
        self.setWindowTitle(self.tr("Take from the warehouse"))
        self.list = QListWidget()
        self.list.setObjectName("warehouse_list")
        for d in docs:
            it = QListWidgetItem(self.tr("%1 — %2, issued %3 by %4 (used %5 times)")
                                 .replace("%1", d.code).replace("%2", d.type_name).replace("%3", d.issued)
                                 .replace("%4", d.issuer).replace("%5", str(d.uses)))
            it.setData(Qt.ItemDataRole.UserRole, d.code)
            self.list.addItem(it)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _i: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Several documents in the owner's data warehouse fit this component. "
                                     "If the paper differs from the electronic data, scan the paper "
                                     "instead.")))
        lay.addWidget(self.list, 1)
        lay.addWidget(buttons)
        self.resize(720, 360)

    def chosen(self) -> str | None:
        it = self.list.currentItem()
        return it.data(Qt.ItemDataRole.UserRole) if it else None


class SendScreen(Screen):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("send")
        self.task: Task | None = None
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("outbox_table")
        self.table.setHorizontalHeaderLabels([self.tr("Dossier"), self.tr("Update"), self.tr("State"),
                                              self.tr("Attempts"), self.tr("Server's reason"),
                                              self.tr("Province's status"), self.tr("Time")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.send_btn = QPushButton(self.tr("Send this dossier (Ctrl+Shift+S)"))
        self.send_btn.setObjectName("send_btn")
        self.retry_btn = QPushButton(self.tr("Retry waiting items (Ctrl+T)"))
        self.retry_btn.setObjectName("retry_btn")
        self.return_btn = QPushButton(self.tr("Result handed over: mark returned (Ctrl+Shift+K)"))
        self.return_btn.setObjectName("return_btn")
        self.message = QLabel()
        self.message.setObjectName("send_message")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for b in (self.send_btn, self.retry_btn, self.return_btn):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Outbox: updates wait here while the server cannot be reached and are "
                                     "sent "
                                     "as soon as it can.")))
        lay.addWidget(self.table, 1)
        lay.addWidget(self.message)
        lay.addLayout(buttons)
        self.send_btn.clicked.connect(self.send)
        self.retry_btn.clicked.connect(self.retry)
        self.return_btn.clicked.connect(self.mark_returned)
        QShortcut(QKeySequence("Ctrl+Shift+S"), self, self.send)
        QShortcut(QKeySequence("Ctrl+T"), self, self.retry)
        QShortcut(QKeySequence("Ctrl+Shift+K"), self, self.mark_returned)
        self.setTabOrder(self.table, self.send_btn)
        self.setTabOrder(self.send_btn, self.retry_btn)
        self.setTabOrder(self.retry_btn, self.return_btn)
        self.timer = QTimer(self)
        self.timer.setInterval(60000)
        self.timer.timeout.connect(self._background_retry)
        self.refresh_on(ctx.events.outbox_changed, refresh=self.refresh)
        ctx.dossier_changed.connect(lambda _d: self._gate())

    def title(self) -> str:
        return self.tr("Send")

    def activated(self) -> None:
        self.refresh()
        self._gate()
        self.return_btn.setEnabled(self.ctx.dossier is not None)
        if not self.timer.isActive():
            self.timer.start()

    def blocking(self) -> list[str]:
        """Names of the open dossier's components that keep it from being sent (unsigned, not digitized)."""
        return [c.name for c in blocking_components(self.ctx.dossier)] if self.ctx.dossier is not None else []

    def _gate(self) -> None:
        """Send only a dossier whose required components are all signed, reused or not provided."""
        blocking = self.blocking()
        self.send_btn.setEnabled(self.ctx.dossier is not None and self.task is None and not blocking)
        if blocking:
            self.set_message(self.message, self.tr("Not ready to send: %1 must be signed (Ctrl+5) or "
                                                   "recorded as not "
                                                   "provided "
                                                   "(Ctrl+3).").replace("%1", ", ".join(blocking)), "warn")
        elif self.message.property("kind") == "warn":
            self.set_message(self.message, "")

    def refresh(self) -> None:
        self.ctx.runner.run(self.tr("reading the outbox"), lambda _c: sg.outbox(self.ctx.ws),
                            on_success=self._show, on_error=lambda e: self.show_error(e, self.message))

    def state_names(self) -> dict[OutboxState, str]:
        """A name for each state the outbox writes (and only those)."""
        return {OutboxState.WAITING: self.tr("Waiting to send"), OutboxState.SENDING: self.tr("Sending"),
                OutboxState.SENT: self.tr("Sent"), OutboxState.REJECTED: self.tr("Refused by the server"),
                OutboxState.CANCELLED: self.tr("Cancelled")}

    def _state(self, state: OutboxState) -> str:
        return self.state_names()[state]

    def _show(self, rows: list[sg.OutboxRow]) -> None:
        self.table.setRowCount(len(rows))
        en = current_language() != "vi"
        for r, row in enumerate(rows):
            kind = {"dossier": self.tr("Dossier and files"), "status": self.tr("Status update"),
                    "warehouse_use": self.tr("Warehouse document reused"),
                    "warehouse_feedback": self.tr("Feedback on a warehouse document"),
                    "account_link": self.tr("Portal account link request"),
                    "forward": self.tr("Result forwarded to another agency")}.get(row.kind, row.kind)
            cells = (row.dossier_no, kind, self._state(row.state), str(row.attempts),
                     row.reason_en if en else row.reason_vi, row.province, row.updated)
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)

    def send(self) -> None:
        dossier = self.ctx.dossier
        if dossier is None or self.task is not None:
            return
        if self.blocking():  # the shortcut works with the button disabled: the same rule, said again
            self._gate()
            return
        number = dossier.number
        self.message.setText(self.tr("Sending…"))
        self.task = self.ctx.runner.run(self.tr("sending the dossier"),
                                        lambda tctx: sg.send_dossier(tctx, self.ctx.ws, number),
                                        on_success=self._sent, on_error=self._failed,
                                        on_progress=lambda d, t, m: self.message.setText(m) if m else None,
                                        on_done=self._done, changes=[events.OUTBOX])
        self.send_btn.setEnabled(False)

    def retry(self) -> None:
        if self.task is not None:
            return
        self.message.setText(self.tr("Retrying…"))
        self.task = self.ctx.runner.run(self.tr("retrying the "
                                                "outbox"), lambda tctx: sg.retry(tctx, self.ctx.ws),
                                        on_success=self._sent, on_error=self._failed, on_done=self._done,
                                        changes=[events.OUTBOX])

    def _background_retry(self) -> None:
        if self.task is None and self.isVisible():
            self.retry()

    def _sent(self, rows: list[sg.OutboxRow]) -> None:
        self._show(rows)
        waiting = sum(1 for r in rows if r.state in OPEN_STATES)
        self.message.setText(self.tr("All updates sent.") if not waiting else
                             self.tr("%n update(s) still waiting; they will be sent when the server answers.",
                                     "", waiting))
        self.ctx.reload_dossier()

    def _failed(self, exc: MotcuaError) -> None:
        self.message.setText(error_text(exc))
        self.refresh()

    def _done(self) -> None:
        self.task = None
        self._gate()

    def mark_returned(self, confirm: bool = True) -> None:
        dossier = self.ctx.dossier
        if dossier is None:
            return
        if confirm and QMessageBox.question(
                self, self.tr("Return of results"),
                self.tr("Has the citizen received the paper result of dossier "
                        "%1?").replace("%1", dossier.number),
        ) != QMessageBox.StandardButton.Yes:
            return
        number = dossier.number
        self.ctx.runner.run(self.tr("recording the return of results"),
                            lambda _c: sg.return_result(self.ctx.ws, number),
                            on_success=lambda _r: self._result_returned(number),
                            on_error=lambda e: self.show_error(e, self.message),
                            changes=[events.OUTBOX, events.dossier(number)])

    def _result_returned(self, number: str) -> None:
        self.message.setText(self.tr("Dossier %1 marked as result returned; the update is in the outbox.")
                             .replace("%1", number))  # the outbox and the dossier: by the declared changes

    # --- warehouse ------------------------------------------------------------------------------
    def pick_from_warehouse(self, component_id: str, choose: str | None = None) -> None:
        """Lấy từ kho: one valid match is attached at once; several are offered; invalid ones are
        refused with the reason (their signature)."""
        dossier = self.ctx.dossier
        if dossier is None:
            return
        number = dossier.number
        self.ctx.message.emit(self.tr("Looking in the owner's data warehouse…"))

        def found(p: sg.WarehouseProposal) -> None:
            vi = current_language() == "vi"
            refused = "; ".join(f"{d.code}: {rvi if vi else ren}" for d, rvi, ren in p.refused)
            if p.attached is not None:
                self.ctx.message.emit(self.tr("Attached %1 from the "
                                              "warehouse").replace("%1", p.attached.code))
                self.ctx.reload_dossier()
                return
            if not p.choices and not p.refused:
                text = self.tr("Nothing in the warehouse for this component: scan the paper.")
                self.ctx.message.emit(text + (" " + refused if refused else ""))
                return
            if choose is not None:
                self._attach(number, component_id, choose)
                return
            self.look_in_warehouse(number, component_id)  # look before taking: preview, feedback, paper

        self.ctx.runner.run(self.tr("searching the warehouse"),
                            lambda _c: sg.warehouse_propose(self.ctx.ws, number, component_id),
                            on_success=found, on_error=lambda e: self.show_error(e))

    def look_in_warehouse(self, number: str, component_id: str) -> WarehouseLookDialog:
        dlg = WarehouseLookDialog(self.ctx, number, component_id, self)
        dlg.taken.connect(self._taken_from_warehouse)
        dlg.paper_taken.connect(lambda _r: self.ctx.reload_dossier())
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        self.warehouse_dialog = dlg
        return dlg

    def _attach(self, number: str, component_id: str, code: str) -> None:
        self.ctx.runner.run(self.tr("attaching the warehouse document"),
                            lambda _c: sg.attach_from_warehouse(self.ctx.ws, number, component_id, code),
                            on_success=lambda _r: self._attached(code),
                            on_error=lambda e: self.show_error(e))

    def _attached(self, code: str) -> None:
        self.ctx.message.emit(self.tr("Attached %1 from the warehouse").replace("%1", code))
        self.ctx.reload_dossier()

    def _taken_from_warehouse(self, code: str) -> None:
        self.ctx.message.emit(self.tr("Attached %1 from the warehouse").replace("%1", code))
        self.ctx.reload_dossier()
