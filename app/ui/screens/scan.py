"""Số hóa: device and profile, declared sheets, the big Scan button; thumbnails with QC badges as
pages arrive; the findings panel with the fix for each; a page viewer with zoom; rotate, reorder
by drag, delete, rescan one, insert; jam messages naming the sheet to reload; override with a
reason; build the PDF."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QInputDialog, QListWidgetItem, QMessageBox, QWidget

from app.domain.errors import MotcuaError
from app.services import scan_view as sa
from app.services.digitize import ScanInterrupted
from app.services.scan_view import ScannerFault
from app.ui.context import AppContext
from app.ui.i18n import current_language, error_text
from app.ui.screens.base import Screen
from app.ui.screens.scan_edits import PAGE_FIXES as PAGE_FIXES
from app.ui.screens.scan_edits import SESSION_FIXES as SESSION_FIXES
from app.ui.screens.scan_edits import SessionEdits
from app.ui.screens.scan_findings import counts, fix_label
from app.ui.screens.scan_pages import PagesShown
from app.ui.screens.scan_view import ScanView
from app.ui.screens.scan_widgets import PAGE_ROLE
from app.ui.thumbs import page_thumbnail
from app.ui.worker import Task, TaskContext


class ScanScreen(Screen):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("scan")
        self.session: sa.SessionInfo | None = None
        self.component_id: str | None = None
        self.task: Task | None = None

        ui = self.ui = ScanView(self)
        self.target, self.device, self.profile = ui.target, ui.device, ui.profile
        self.sheets, self.duplex, self.jam, self.calibration = ui.sheets, ui.duplex, ui.jam, ui.calibration
        self.scan_btn, self.cancel_btn, self.progress = ui.scan_btn, ui.cancel_btn, ui.progress
        self.thumbs, self.findings, self.viewer = ui.thumbs, ui.findings, ui.viewer
        self.findings_title, self.status = ui.findings_title, ui.status
        self.rotate_btn, self.delete_btn = ui.rotate_btn, ui.delete_btn
        self.rescan_btn, self.insert_btn = ui.rescan_btn, ui.insert_btn
        self.override_btn, self.fix_btn, self.build_btn = ui.override_btn, ui.fix_btn, ui.build_btn
        self.batch_btn, self.problems_only = ui.batch_btn, ui.problems_only
        self.pages = PagesShown(ctx, ui)
        self.thumbs.model().rowsMoved.connect(self._rows_moved)
        self.edits = SessionEdits(ctx, self._edited, self.show_error)

        self.scan_btn.clicked.connect(self.start_scan)
        self.cancel_btn.clicked.connect(self.cancel)
        self.rotate_btn.clicked.connect(lambda: self._page_op("rotate"))
        self.delete_btn.clicked.connect(lambda: self._page_op("delete"))
        self.rescan_btn.clicked.connect(lambda: self._page_op("rescan"))
        self.insert_btn.clicked.connect(lambda: self._page_op("insert"))
        self.override_btn.clicked.connect(self.override_selected)
        self.fix_btn.clicked.connect(self.apply_fix)
        self.build_btn.clicked.connect(self.build)
        self.batch_btn.clicked.connect(self.rescan_batch)
        self.sheets.valueChanged.connect(self._sheets_changed)
        self.device.currentTextChanged.connect(lambda _t: self._check_calibration(self.device.device()))
        self.findings.currentItemChanged.connect(self._finding_selected)
        op = self._page_op
        for keys, slot in (("F9", self.start_scan), ("Esc", self.cancel), ("Ctrl+R", lambda: op("rotate")),
                           ("Del", lambda: op("delete")), ("Ctrl+Shift+R", lambda: op("rescan")),
                           ("Ctrl+I", lambda: op("insert")), ("Ctrl+O", self.override_selected),
                           ("Ctrl+J", self.apply_fix), ("Ctrl+B", self.build), ("Ctrl+Z", self.undo_delete)):
            QShortcut(QKeySequence(keys), self, slot)
        ctx.dossier_changed.connect(lambda _d: self._reset())
        self._update()

    def title(self) -> str:
        return self.tr("Scan")

    # --- state --------------------------------------------------------------------------------
    def _reset(self) -> None:
        if self.task is None:
            self.session = None
            self.component_id = None
            self._show_session()

    def set_component(self, component_id: str) -> None:
        self.session = None  # first: the count below belongs to no session yet
        if component_id != self.component_id:
            self.sheets.setValue(1)  # each component's sheets are counted anew, never carried over
            comp = self.ctx.dossier.component(component_id) if self.ctx.dossier else None
            doc_type = comp.doc_type if comp else ""
            # a small JSON file, read here so the officer never sees the settings change under his hands
            self.ui.apply_profile(sa.profile_for(self.ctx.ws, doc_type), doc_type)
        self.component_id = component_id
        self.session = None
        self._show_session()
        self._resume()

    def activated(self) -> None:
        if not self.device.count():
            choices = [self.ctx.ws.settings.scanner] if self.ctx.ws.settings.scanner else []
            choices += [
                v for v in self.ctx.demo_info.get("scanners", "").split(";") if v and v not in choices
            ]
            self.device.add_names(choices)
            self.ctx.runner.run(self.tr("listing scanners"), lambda _c: sa.devices(self.ctx.ws),
                                on_success=self.device.add_devices, on_error=lambda _e: None)
        if self.ctx.dossier is not None and self.component_id is None and self.ctx.dossier.components:
            self.set_component(self.ctx.dossier.components[0].component_id)
        elif self.session is None and self.component_id is not None:
            self._resume()  # reopened after closing mid-scan: show the session as it was
        self._update()
        self._check_calibration(self.device.device())
        self.scan_btn.setFocus()

    def _check_calibration(self, device: str) -> None:
        self.calibration.check(self.ctx, device)

    def _resume(self) -> None:
        """Reopen the component's unfinished session, if any (closing mid-scan loses nothing)."""
        dossier, comp = self.ctx.dossier, self.component_id
        if dossier is None or comp is None:
            return
        self.ctx.runner.run(self.tr("reopening the scan session"),
                            lambda _c: sa.find_session(self.ctx.ws, dossier.number, comp),
                            on_success=self._resumed, on_error=lambda _e: None)

    def _resumed(self, session: sa.SessionInfo | None) -> None:
        if session is None or self.session is not None:
            return
        self.sheets.setValue(max(1, session.declared_sheets))  # before the session: not a correction
        self.session = session
        self.duplex.setChecked(session.duplex)
        self._show_session(summary=False)
        rec = session.raw
        if rec is not None and getattr(rec, "resumable", False):
            # An interrupted batch (fault, crash, full disk): Scan goes on at the right sheet.
            text = self.tr("This scan was interrupted: press Scan (F9) to continue from sheet %1.")
            self.status.setText(text.replace("%1", str(rec.next_sheet)))

    def _update(self) -> None:
        running = self.task is not None
        has_target = self.ctx.dossier is not None and self.component_id is not None
        has_pages = bool(self.session and self.session.pages)
        self.scan_btn.setEnabled(has_target and not running)
        self.cancel_btn.setEnabled(running)
        for b in (self.rotate_btn, self.delete_btn, self.rescan_btn, self.insert_btn, self.batch_btn):
            b.setEnabled(has_pages and not running)
        selected = self.findings.current_finding(self.session)
        self.fix_btn.setText(fix_label(self.findings.current_line()))
        self.override_btn.setEnabled(bool(self.session and self.session.findings) and not running
                                     and (selected is None or selected.waivable))
        fixable = bool(self.session and any(f.action for f in self.session.findings))
        self.fix_btn.setEnabled(fixable and not running)
        self.build_btn.setEnabled(has_pages and not running)
        if self.ctx.dossier is None:
            self.target.setText(self.tr("Open a dossier first (Today's dossiers or Reception)."))
        elif self.component_id is None:
            self.target.setText(self.tr("Pick the component to digitize on the Components screen."))
        else:
            comp = self.ctx.dossier.component(self.component_id)
            self.target.setText(self.tr("Dossier %1\nComponent: %2").replace("%1", self.ctx.dossier.number)
                                .replace("%2", comp.name if comp else self.component_id))

    # --- scanning -----------------------------------------------------------------------------
    def start_scan(self, *, rescan_page: str | None = None, insert_after: str | None = None) -> None:
        if self.task is not None or self.ctx.dossier is None or self.component_id is None:
            return
        self.jam.setVisible(False)
        self.edits.deleted = None  # pages scanned since: the deletion is no longer undone
        self.status.setText(self.tr("Scanning…"))
        total = self.sheets.value() * (2 if self.duplex.isChecked() else 1)
        if rescan_page is None and insert_after is None:
            self.progress.setRange(0, total)
            self.progress.setValue(len(self.session.pages) if self.session else 0)
        if self.session is None:
            self.pages.clear()
        # everything the worker needs is read here, on the GUI thread; the worker touches no widget
        # and no screen attribute (a session it opens comes back as an item, handled on this thread)
        profile, declared = self.ui.chosen_profile(), self.sheets.value()
        ws, session = self.ctx.ws, self.session
        device, duplex = profile.device, profile.duplex
        dossier_no, comp = self.ctx.dossier.number, self.component_id

        def work(tctx: TaskContext) -> sa.SessionInfo:
            opened = session
            if opened is None:
                opened = sa.open_session(ws, dossier_no, comp, device, profile, declared, duplex)
                tctx.emit(opened)
            return sa.scan(tctx, ws, opened, rescan_page=rescan_page, insert_after=insert_after,
                           thumbnail=page_thumbnail)

        self.task = self.ctx.runner.run(self.tr("scanning"), work, on_item=self._page_arrived,
                                        on_progress=self._progress, on_success=self._scan_done,
                                        on_error=self._scan_failed, on_cancel=self._scan_cancelled,
                                        on_done=self._task_done)
        self._update()

    def _progress(self, done: int, total: int, message: str) -> None:
        if message == sa.READING_PAGE_NUMBERS:  # pages, not sheets: the bar keeps counting the pages scanned
            self.status.setText(self.tr("Reading printed page numbers…") + f" {done}/{total}")
            return
        # the feeder may hold more pages than declared: the bar never shows "4 of 4" after 6
        self.progress.setRange(0, max(total or self.progress.maximum(), done))
        self.progress.setValue(done)
        if message:
            self.status.setText(message)

    def _page_arrived(self, item: object) -> None:
        if isinstance(item, sa.SessionInfo):  # the session the batch opened
            self.session = item
        elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], sa.PageInfo):
            # while scanning and reading page numbers: the newest page in the viewer, not a blank view
            self.pages.put(item[0], item[1], live=self.task is not None)

    def _scan_done(self, session: sa.SessionInfo) -> None:
        self.session = session
        self._show_session()
        self.status.setText(self.summary())  # the batch's task is still running here
        self.pages.show_first()

    def summary(self) -> str:
        """The status line after a batch or an edit: the same counts as the findings title."""
        if self.session is None:
            return ""
        n, warnings, _accepted = counts(self.session)
        return (self.tr("%n page(s) scanned.", "", len(self.session.pages)) + " "
                + (self.tr("%n problem(s) to fix before building the PDF.", "", n) if n
                   else self.tr("%n warning(s) to look at; the PDF can be built.", "", warnings)
                   if warnings > 0 else self.tr("No problem found.")))

    def _scan_failed(self, exc: MotcuaError) -> None:
        """A jam or an open cover: say which sheet to reload; the session stays open."""
        sheet = exc.sheet if isinstance(exc, ScanInterrupted | ScannerFault) else None
        self.jam.setText(error_text(exc) if sheet is None else self.tr(
            "The scanner stopped at sheet %1: %2 Reload sheet %1 and press Scan (F9) to continue the same "
            "session.").replace("%1", str(sheet)).replace("%2", error_text(exc)))
        self.jam.setVisible(True)
        self.status.setText("")
        self._refresh_session()

    def _scan_cancelled(self) -> None:
        self.status.setText(self.tr("Scanning stopped. The pages already scanned are kept."))
        self._refresh_session()

    def _task_done(self) -> None:
        self.task = None
        self._update()

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.status.setText(self.tr("Stopping…"))

    def _refresh_session(self) -> None:
        if self.session is None:
            return
        sid = self.session.session_id
        self.ctx.runner.run(self.tr("reloading the session"), lambda _c: sa.get_session(self.ctx.ws, sid),
                            on_success=self._reloaded, on_error=self.show_error)

    def _reloaded(self, session: sa.SessionInfo) -> None:
        self.session = session
        self._show_session(summary=False)

    # --- showing ------------------------------------------------------------------------------
    def _show_session(self, *, summary: bool = True) -> None:
        if self.session is None:
            self.findings.clear()
            self.pages.clear()
            self.findings_title.setText(self.tr("Quality findings"))
            self.status.setText("")
            self._update()
            return
        self.findings.show_findings(self.session, english=current_language() != "vi")
        n, warnings, accepted = counts(self.session)
        self.findings_title.setText(self.tr("Quality findings: %1 to fix, %2 warning(s), %3 accepted")
                                    .replace("%1", str(n)).replace("%2", str(warnings)).replace("%3",
                                                                                                str(accepted)))
        self.pages.follow(self.session)  # order, badges and the filter follow the session
        if summary and self.task is None:
            self.status.setText(self.summary())
        self._update()

    def current_page(self) -> sa.PageInfo | None:
        return self.pages.current()

    def _finding_selected(self, current: QListWidgetItem | None, _prev: object = None) -> None:
        if current is None:
            return
        self._update()  # a finding no reason can waive disables "Accept with a reason"; the fix's name
        if current.data(PAGE_ROLE) is not None:
            self.thumbs.clearSelection()
            self.thumbs.select_page(current.data(PAGE_ROLE))

    # --- edits ----------------------------------------------------------------------------------
    def _page_op(self, op: str) -> None:
        page = self.current_page()
        if page is None or self.session is None or self.task is not None:
            return
        if op == "delete":
            chosen = self.pages.selected() or [page]
            self.edits.delete(self.session, [p.page_id for p in chosen])
            return
        if op == "rescan":
            self.start_scan(rescan_page=page.page_id)
            return
        if op == "insert":
            self.start_scan(insert_after=page.page_id)
            return
        self.edits.page(op, self.session, page.page_id)

    def _edited(self, session: sa.SessionInfo) -> None:
        self.session = session
        self._show_session()

    def rescan_batch(self, *, confirmed: bool = False) -> None:
        """Scan this batch again: its pages leave the session (audited, on the session's queue
        after any edit still pending), then the same sheets are scanned again."""
        if self.session is None or self.task is not None:
            return
        if not confirmed and QMessageBox.question(
            self, self.tr("Scan this batch again"),
            self.tr("Take every page of the last batch out of this component and scan those sheets again? "
                    "The pages taken out stay in the audit log.")) != QMessageBox.StandardButton.Yes:
            return
        self.status.setText(self.tr("Taking the last batch out…"))
        self.edits.discard_batch(self.session, self._batch_discarded)

    def _batch_discarded(self, session: sa.SessionInfo) -> None:
        self.session = session
        self._show_session(summary=False)
        self.start_scan()

    def undo_delete(self) -> None:
        if self.session is not None and self.task is None and not self.edits.undo_delete(self.session):
            self.status.setText(self.tr("Nothing to undo: only the last deletion can be undone (Ctrl+Z)."))

    def _sheets_changed(self, n: int) -> None:
        """The officer corrects the declared count of the open session (audited); the count rule follows."""
        if self.session is not None and self.task is None and n != self.session.declared_sheets:
            self.edits.declare(self.session, n)

    def _rows_moved(self, *_args: object) -> None:
        if self.session is None:
            return
        self.edits.reorder(self.session, self.thumbs.page_ids())

    def override_selected(self, reason: str | None = None) -> None:
        fid = self.findings.current_finding_id()
        if fid is None or self.session is None:
            return
        finding = self.findings.current_finding(self.session)
        if finding is not None and not finding.waivable:
            self.status.setText(self.tr("This page changed after it was scanned and cannot be accepted: "
                                        "rescan it (Ctrl+Shift+R) or delete it (Del)."))
            return
        if reason is None:
            reason, ok = QInputDialog.getText(self, self.tr("Accept with a reason"),
                                              self.tr("Why is this page acceptable as it is?"))
            if not ok:
                return
        if not reason.strip():
            self.status.setText(self.tr("A reason is required to accept a finding."))
            return
        self.edits.override(self.session, fid, reason.strip())

    def apply_fix(self) -> None:
        """Do what the selected finding proposes: rescan / capture again / confirm simplex / drop backs."""
        finding = self.findings.current_finding(self.session)
        if finding is None or self.session is None or self.task is not None:
            return
        page_op = PAGE_FIXES.get(finding.action)
        if page_op is not None and finding.page_id:
            self.thumbs.select_page(finding.page_id)
            self._page_op(page_op)
            return
        if finding.action in SESSION_FIXES:
            self.edits.fix(self.session, finding.action)
            return
        self.status.setText(self.tr("This finding has no automatic fix: rescan the page or accept it "
                                    "with a reason."))

    def build(self) -> None:
        if self.session is None or self.task is not None:
            return
        if self.session.blocking:
            self.status.setText(self.tr("Fix or accept every finding before building the PDF."))
            return
        session = self.session
        self.status.setText(self.tr("Building the PDF…"))
        images = None if session.raw is not None else [str(p.image_path) for p in session.pages]
        self.task = self.ctx.runner.run(self.tr("building the PDF"), sa.build_in_child, str(self.ctx.ws.root),
                                        session.dossier_no, session.component_id, images, in_process=True,
                                        on_progress=self._progress, on_success=self._built,
                                        on_error=lambda e: self.show_error(e, self.status),
                                        on_done=self._task_done)
        self._update()

    def _built(self, result: object) -> None:
        self.status.setText(self.tr("PDF built; the component is ready to sign."))
        self.ctx.reload_dossier()
