"""Thành phần hồ sơ: each component of the procedure with its source, state, digitization
category and the on-request fee; entry points to "Lấy từ kho" and to scanning.

Warehouse first (seed 000, point 4): opening a dossier checks the owner's warehouse for every
reusable component at once, in a worker (progress, cancel); each row shows what was found, and a
reusable component cannot be scanned until it was checked (or the citizen has no electronic
copy, or the check was impossible and that is recorded). The citizen's national-portal account
is shown with its next step (guide, request the link)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import MotcuaError
from app.domain.records import ComponentRecord, ComponentState, Dossier, DossierState
from app.services import counter_view as ca
from app.services.catalogue import load_catalogue
from app.services.forwarding import Forward, component_states
from app.services.reception import mark_not_provided
from app.services.review import ReviewDecision
from app.services.review import history as review_history
from app.ui import events, labels
from app.ui.context import AppContext
from app.ui.flow_layout import FlowLayout
from app.ui.screens import components_checklist as checklist
from app.ui.screens import components_originals as originals
from app.ui.screens.base import Screen
from app.ui.screens.components_portal import PortalPanel
from app.ui.worker import Task

SCANNABLE = (ComponentState.PENDING, ComponentState.TO_SCAN)  # not digitized yet: the warehouse first


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
        self.table = checklist.components_table(self)
        self.warehouse_btn = QPushButton(self.tr("Take from the warehouse (Ctrl+K)"))
        self.warehouse_btn.setObjectName("warehouse_btn")
        self.scan_btn = QPushButton(self.tr("Digitize this component (Ctrl+D)"))
        self.scan_btn.setObjectName("scan_component_btn")
        self.not_provided_btn = QPushButton(self.tr("Mark not provided"))
        self.recheck_btn = QPushButton(self.tr("Check the warehouse again"))
        self.recheck_btn.setObjectName("warehouse_recheck_btn")
        self.no_copy_btn = QPushButton(self.tr("Citizen has no electronic copy"))
        self.no_copy_btn.setObjectName("no_copy_btn")
        self.check_progress = QProgressBar()
        self.check_progress.setObjectName("warehouse_check_progress")
        self.check_progress.setVisible(False)
        self.check_cancel = QPushButton(self.tr("Stop checking"))
        self.check_cancel.setObjectName("warehouse_check_cancel")
        self.check_cancel.setVisible(False)
        self.check_note = QLabel()
        self.check_note.setObjectName("warehouse_check_note")
        self.check_note.setWordWrap(True)
        self.portal_panel = PortalPanel(self, self, self.check_note)
        self.portal, self.guide_btn, self.link_btn = self.portal_panel.state, self.portal_panel.guide_btn, \
            self.portal_panel.link_btn
        self.import_btn = QPushButton(self.tr("Import files (USB, e-mail)…"))
        self.import_btn.setObjectName("import_files_btn")
        self.special_btn = QPushButton(self.tr("Special original…"))
        self.special_btn.setObjectName("special_original_btn")
        self.checks: dict[str, ca.CheckRow] = {}
        self.forwards: dict[str, Forward] = {}  # another agency's results forwarded (seed 002)
        self._check_task: Task | None = None
        self._checked_number: str | None = None
        self.fee_note = QLabel()
        self.fee_note.setWordWrap(True)
        self.counts = QLabel()
        self.counts.setObjectName("components_counts")
        self.stopped: set[str] = set()  # components whose last scan stopped on a fault
        self.empty = QLabel(self.tr("No dossier open. Receive one or open it from Today's dossiers."))
        buttons = FlowLayout()  # wraps at 1024 px rather than widening the window
        for button in (self.warehouse_btn, self.scan_btn, self.not_provided_btn, self.import_btn,
                       self.special_btn, self.no_copy_btn, self.recheck_btn):
            buttons.addWidget(button)
        buttons.addStretch(1)
        checking = QHBoxLayout()
        checking.addWidget(self.check_note, 1)
        checking.addWidget(self.check_progress)
        checking.addWidget(self.check_cancel)
        lay = QVBoxLayout(self)
        lay.addWidget(self.empty)
        lay.addWidget(self.header)
        lay.addLayout(self.portal_panel.layout)
        lay.addWidget(self.sent_back)
        lay.addLayout(checking)
        lay.addWidget(self.counts)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.fee_note)
        lay.addLayout(buttons)
        self.recheck_btn.clicked.connect(lambda: self.check_warehouse(force=True))
        self.no_copy_btn.clicked.connect(self._no_copy)
        self.check_cancel.clicked.connect(lambda: self._check_task.cancel() if self._check_task else None)
        self.import_btn.clicked.connect(lambda: self.import_files())
        self.special_btn.clicked.connect(lambda: self.special_original())
        self.warehouse_btn.clicked.connect(lambda: self._emit(self.warehouse_requested))
        self.scan_btn.clicked.connect(self._scan)
        self.not_provided_btn.clicked.connect(self._not_provided)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        QShortcut(QKeySequence("Ctrl+K"), self, lambda: self._emit(self.warehouse_requested))
        QShortcut(QKeySequence("Ctrl+D"), self, self._scan)
        ctx.dossier_changed.connect(self._show)
        self._show(ctx.dossier)

    def title(self) -> str:
        return self.tr("Components")

    def activated(self) -> None:
        self._show(self.ctx.dossier)
        self.table.setFocus()

    def _show(self, dossier: Dossier | None) -> None:
        self.empty.setVisible(dossier is None)
        for w in (self.header, self.table, self.fee_note, self.portal, self.check_note, self.counts):
            w.setVisible(dossier is not None)
        if dossier is None:
            self._checked_number = None
            self.portal_panel.reset(asking=False)
            self._update_buttons()
            return
        if dossier.number != self._checked_number:  # a dossier opened: warehouse first, portal state
            self._checked_number = dossier.number
            self.checks, self.stopped, self.forwards = {}, set(), {}
            self.portal_panel.reset(asking=True)
            self.check_warehouse()
            self.portal_panel.load()
        elif self._check_task is None:  # the same dossier changed (a decision taken): re-read the checks
            number = dossier.number
            self.ctx.runner.run(self.tr("reading the warehouse checks"),
                                lambda _c: ca.recorded_checks(self.ctx.ws, number),
                                on_success=lambda rows: self._refresh_checks(number, rows))
        number, ws = dossier.number, self.ctx.ws
        self.ctx.runner.run(self.tr("reading the scan sessions"), lambda _c: ca.stopped_scans(ws, number),
                            on_success=lambda ids: self._set_stopped(number, ids), on_error=lambda _e: None)
        owner = dossier.owner.name or dossier.owner.id
        self.header.setText(self.tr("Dossier %1 — %2 — owner %3 (%4)")
                            .replace("%1", dossier.number).replace("%2", dossier.procedure_name)
                            .replace("%3", owner).replace("%4", labels.dossier_state(dossier.state)))
        self.sent_back.setVisible(False)
        if dossier.state is DossierState.SENT_BACK:
            number = dossier.number
            self.ctx.runner.run(self.tr("reading the supervisor's decision"),
                                lambda _c: review_history(self.ctx.ws, number), on_success=self._show_review)
        self.ctx.runner.run(self.tr("reading the forwarded results"), lambda _c: component_states(ws, number),
                            on_success=lambda f: self._set_forwards(number, f), on_error=lambda _e: None)
        self.table.setRowCount(len(dossier.components))
        for row, comp in enumerate(dossier.components):
            cells = [comp.name, load_catalogue().doc_type_name(comp.doc_type), self._source(comp),
                     labels.category(comp.category), self.tr("Yes") if comp.required else self.tr("No"),
                     checklist.fee_cell(comp)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, comp.component_id)
                self.table.setItem(row, col, item)
            self._mark(row, comp)
        self.table.resizeRowsToContents()
        if self.table.rowCount() and not self.table.selectedItems():
            self.table.selectRow(0)
        self.fee_note.setText(checklist.fee_note(dossier))
        self._update_buttons()

    def _show_review(self, decisions: list[ReviewDecision]) -> None:
        back = [d for d in decisions if d.decision == "sent_back"]
        if back:
            last = back[-1]
            self.sent_back.setText(self.tr("Sent back by %1: %2").replace("%1", last.reviewer)
                                   .replace("%2", last.reason))
            self.sent_back.setVisible(True)

    def _mark(self, row: int, comp: ComponentRecord) -> None:
        """The checklist's icon on the row's state cell, and the counts above the table."""
        mark = checklist.mark_of(comp, comp.component_id in self.stopped)
        checklist.show_mark(self.table.item(row, 2), mark)
        dossier = self.ctx.dossier
        if dossier is not None:
            self.counts.setText(checklist.counts_text([checklist.mark_of(c, c.component_id in self.stopped)
                                                       for c in dossier.components]))

    def _set_stopped(self, number: str, ids: set[str]) -> None:
        if self.ctx.dossier is None or self.ctx.dossier.number != number or ids == self.stopped:
            return
        self.stopped = ids
        self._redraw_sources()

    def _set_forwards(self, number: str, forwards: dict[str, Forward]) -> None:
        if self.ctx.dossier is not None and self.ctx.dossier.number == number and forwards != self.forwards:
            self.forwards = forwards
            self._redraw_sources()

    def _redraw_sources(self) -> None:
        for row, comp in enumerate(self.ctx.dossier.components if self.ctx.dossier else []):
            if (item := self.table.item(row, 2)) is not None:
                item.setText(self._source(comp))
            self._mark(row, comp)

    def _source(self, comp: ComponentRecord) -> str:
        if checklist.mark_of(comp, comp.component_id in self.stopped) is checklist.Mark.FAILED:
            return checklist.mark_text(checklist.Mark.FAILED)
        text = labels.component_state(comp.state)
        forwarded = self.forwards.get(comp.component_id)
        if forwarded is not None:  # the managing agency's (or the certification desk's) check
            text += " — " + labels.forward_state(forwarded.state)
        check = self.checks.get(comp.component_id)
        if comp.reusable and check is not None and comp.state in (*SCANNABLE, ComponentState.REUSED):
            return text + " — " + checklist.outcome_text(check)
        if comp.state is ComponentState.PENDING and comp.reusable:
            return self.tr("%1 — may be in the warehouse").replace("%1", text)
        return text

    def _refresh_checks(self, number: str, rows: dict[str, ca.CheckRow]) -> None:
        dossier = self.ctx.dossier
        if dossier is None or dossier.number != number or rows == self.checks:
            return
        self.checks = rows
        for row, comp in enumerate(dossier.components):
            item = self.table.item(row, 2)
            if item is not None:
                item.setText(self._source(comp))

    # -- warehouse first -------------------------------------------------------------------------
    def check_warehouse(self, force: bool = False) -> None:
        """Check the warehouse for every reusable component of the open dossier (in a worker)."""
        dossier = self.ctx.dossier
        if dossier is None or not any(c.reusable for c in dossier.components):
            self.check_note.setText("")
            return
        if self._check_task is not None:
            self._check_task.cancel()
        number = dossier.number
        self.check_note.setText(self.tr("Checking the owner's data warehouse for every reusable component…"))
        self.check_progress.setRange(0, 0)
        self.check_progress.setVisible(True)
        self.check_cancel.setVisible(True)

        def done(rows: dict[str, ca.CheckRow]) -> None:
            if self.ctx.dossier is None or self.ctx.dossier.number != number:
                return
            self.checks = rows
            self._check_finished()
            counts = {o: sum(1 for r in rows.values() if r.outcome == o)
                      for o in ("attached", "choose", "offline")}
            text = self.tr("Warehouse checked: %1 attached, %2 to choose, %3 to digitize.") \
                .replace("%1", str(counts["attached"])).replace("%2", str(counts["choose"])) \
                .replace("%3", str(len(rows) - counts["attached"] - counts["choose"]))
            if counts["offline"]:
                text += " " + self.tr("The server could not be reached: recorded; check again when it is "
                                      "back.")
            self.check_note.setText(text)
            self.ctx.reload_dossier() if counts["attached"] else self._show(self.ctx.dossier)

        def progress(i: int, n: int, _comp: str) -> None:
            self.check_progress.setRange(0, n)
            self.check_progress.setValue(i)

        def failed(exc: MotcuaError) -> None:
            self._check_finished()
            self.show_error(exc, self.check_note)

        def cancelled() -> None:
            self._check_finished()
            self.check_note.setText(self.tr("Warehouse check stopped; components not checked cannot be "
                                            "scanned yet."))

        self._check_task = self.ctx.runner.run(self.tr("checking the warehouse"),
                                               lambda c: ca.check_warehouse(c, self.ctx.ws, number,
                                                                            again=force),
                                               on_success=done, on_error=failed, on_progress=progress,
                                               on_cancel=cancelled)

    def _check_finished(self) -> None:
        self._check_task = None
        self.check_progress.setVisible(False)
        self.check_cancel.setVisible(False)

    def _scan(self) -> None:
        """Digitize the component, unless it is reusable and its warehouse check is missing."""
        comp, dossier = self.current_component(), self.ctx.dossier
        if comp is None or dossier is None:
            return
        rec = dossier.component(comp)
        if rec is None or not rec.reusable or rec.state not in SCANNABLE:
            self.scan_requested.emit(comp)  # nothing to check in the warehouse
            return
        number = dossier.number
        self.ctx.runner.run(self.tr("checking the component"),
                            lambda _c: ca.require_checked(self.ctx.ws, number, comp),
                            on_success=self.scan_requested.emit,
                            on_error=lambda e: self.show_error(e, self.check_note))

    def _no_copy(self) -> None:
        comp, dossier = self.current_component(), self.ctx.dossier
        if comp is None or dossier is None:
            return
        note, ok = QInputDialog.getText(self, self.tr("No electronic copy"),
                                        self.tr("Note (what the citizen said):"))
        if not ok:
            return
        number = dossier.number
        self.ctx.runner.run(self.tr("recording the warehouse check"),
                            lambda _c: ca.no_copy(self.ctx.ws, number, comp, note),
                            on_success=self._check_recorded,
                            on_error=lambda e: self.show_error(e, self.check_note))

    # -- originals that are files, special originals ---------------------------------------------------
    def import_files(self, paths: list[str] | None = None) -> None:
        """Images or PDFs the citizen brings (USB, e-mail): pages through QC, a signed PDF kept."""
        originals.import_files(self, paths)

    def special_original(self, kind: str | None = None, reason: str | None = None) -> None:
        originals.special_original(self, kind, reason)

    def _guide(self) -> None:
        self.portal_panel.guide()

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
        comp = self.ctx.dossier.component(self.current_component() or "") if self.ctx.dossier else None
        reusable = comp is not None and comp.reusable
        self.no_copy_btn.setEnabled(reusable)
        self.import_btn.setEnabled(has)
        self.special_btn.setEnabled(has)
        self.recheck_btn.setEnabled(self.ctx.dossier is not None)
        self.portal_panel.update_buttons()

    def _emit(self, signal: SignalInstance) -> None:
        comp = self.current_component()
        if comp is not None and self.ctx.dossier is not None:
            signal.emit(comp)

    def _not_provided(self) -> None:
        """Ask first (Cancel by default, the reason required); the service audits who and why."""
        comp, dossier = self.current_component(), self.ctx.dossier
        rec = dossier.component(comp) if comp is not None and dossier is not None else None
        if rec is None or dossier is None:
            return
        dlg = checklist.NotProvidedDialog(rec, self)
        self.not_provided_dialog = dlg
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        ws, number, reason = self.ctx.ws, dossier.number, dlg.reason_text()
        self.ctx.runner.run(self.tr("updating the component"),
                            lambda _c: mark_not_provided(ws, number, rec.component_id, reason),
                            on_success=lambda _r: self.ctx.reload_dossier(),
                            on_error=lambda e: self.show_error(e, self.check_note),
                            changes=[events.components(number), events.dossier(number)])

    def _check_recorded(self, row: Any) -> None:
        self.checks[row.component_id] = row
        self._show(self.ctx.dossier)

    def _noted(self, text: str) -> None:
        self.check_note.setText(text)
        self.ctx.reload_dossier()
