"""Số hóa: device and profile, declared sheets, the big Scan button; thumbnails with QC badges as
pages arrive; the findings panel with the fix for each; a page viewer with zoom; rotate, reorder
by drag, delete, rescan one, insert; jam messages naming the sheet to reload; override with a
reason; build the PDF."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut, QTransform
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import MotcuaError
from app.ui import scan_adapter as sa
from app.ui.context import AppContext
from app.ui.i18n import current_language, error_text
from app.ui.screens.base import Screen
from app.ui.thumbs import THUMB, badge_thumbnail
from app.ui.worker import Task, TaskContext

log = logging.getLogger(__name__)
PAGE_ROLE = Qt.ItemDataRole.UserRole
FINDING_ROLE = Qt.ItemDataRole.UserRole + 2


class PageViewer(QGraphicsView):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("page_viewer")
        self._scene = QGraphicsScene(self)
        self.setScene(self._scene)
        self._item: QGraphicsPixmapItem | None = None
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.zoom = 1.0

    def show_image(self, img: QImage | None) -> None:
        self._scene.clear()
        self._item = None
        if img is None or img.isNull():
            return
        self._item = self._scene.addPixmap(QPixmap.fromImage(img))
        self._scene.setSceneRect(self._item.boundingRect())
        self.fit()

    def fit(self) -> None:
        if self._item is not None:
            self.fitInView(self._item, Qt.AspectRatioMode.KeepAspectRatio)
            self.zoom = self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        self.zoom = max(0.05, min(8.0, self.zoom * factor))
        self.setTransform(QTransform.fromScale(self.zoom, self.zoom))


class ScanScreen(Screen):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("scan")
        self.session: sa.SessionInfo | None = None
        self.component_id: str | None = None
        self.task: Task | None = None
        self._images: dict[str, QImage] = {}

        self.target = QLabel()
        self.target.setObjectName("scan_target")
        self.target.setWordWrap(True)
        self.device = QComboBox()
        self.device.setObjectName("scan_device")
        self.device.setEditable(True)
        self.profile = QComboBox()
        self.profile.setObjectName("scan_profile")
        for pid, vi, en in sa.profiles():
            self.profile.addItem(vi if current_language() == "vi" else en, pid)
        self.sheets = QSpinBox()
        self.sheets.setObjectName("scan_sheets")
        self.sheets.setRange(1, 500)
        self.duplex = QCheckBox(self.tr("Both sides (duplex)"))
        self.duplex.setChecked(True)
        self.scan_btn = QPushButton(self.tr("Scan (F9)"))
        self.scan_btn.setObjectName("scan_btn")
        self.cancel_btn = QPushButton(self.tr("Stop (Esc)"))
        self.cancel_btn.setObjectName("scan_cancel")
        self.cancel_btn.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setObjectName("scan_progress")
        self.progress.setFormat(self.tr("%v of %m pages"))
        self.jam = QLabel()
        self.jam.setObjectName("scan_jam")
        self.jam.setWordWrap(True)
        self.jam.setProperty("kind", "error")
        self.jam.setVisible(False)

        form = QFormLayout()
        form.addRow(self.tr("&Device:"), self.device)
        form.addRow(self.tr("&Profile:"), self.profile)
        form.addRow(self.tr("Declared &sheets:"), self.sheets)
        form.addRow("", self.duplex)
        for w, b in ((self.device, self.device), (self.profile, self.profile), (self.sheets, self.sheets)):
            lbl = form.labelForField(w)
            if isinstance(lbl, QLabel):
                lbl.setBuddy(b)

        self.thumbs = QListWidget()
        self.thumbs.setObjectName("thumbs")
        self.thumbs.setViewMode(QListView.ViewMode.IconMode)
        self.thumbs.setIconSize(THUMB)
        self.thumbs.setGridSize(QSize(THUMB.width() + 16, THUMB.height() + 16))
        self.thumbs.setMovement(QListView.Movement.Snap)
        self.thumbs.setResizeMode(QListView.ResizeMode.Adjust)
        self.thumbs.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.thumbs.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.thumbs.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.thumbs.model().rowsMoved.connect(self._rows_moved)

        self.findings = QListWidget()
        self.findings.setObjectName("findings")
        self.findings.setWordWrap(True)
        self.findings_title = QLabel(self.tr("Quality findings"))
        self.viewer = PageViewer()

        self.rotate_btn = QPushButton(self.tr("Rotate (Ctrl+R)"))
        self.delete_btn = QPushButton(self.tr("Delete (Del)"))
        self.rescan_btn = QPushButton(self.tr("Rescan this page (Ctrl+Shift+R)"))
        self.insert_btn = QPushButton(self.tr("Insert after (Ctrl+I)"))
        self.override_btn = QPushButton(self.tr("Accept with a reason… (Ctrl+O)"))
        self.override_btn.setObjectName("override_btn")
        self.fix_btn = QPushButton(self.tr("Apply the fix (Ctrl+J)"))
        self.fix_btn.setObjectName("fix_btn")
        self.zoom_in_btn = QPushButton(self.tr("Zoom in (Ctrl++)"))
        self.zoom_out_btn = QPushButton(self.tr("Zoom out (Ctrl+-)"))
        self.build_btn = QPushButton(self.tr("Build the PDF (Ctrl+B)"))
        self.build_btn.setObjectName("build_btn")
        self.status = QLabel()
        self.status.setObjectName("scan_status")
        self.status.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.target, 2)
        top.addLayout(form, 2)
        big = QVBoxLayout()
        big.addWidget(self.scan_btn)
        big.addWidget(self.cancel_btn)
        top.addLayout(big, 1)
        side = QWidget()
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addWidget(self.findings_title)
        sl.addWidget(self.findings, 1)
        for b in (self.fix_btn, self.override_btn, self.rescan_btn, self.insert_btn):
            sl.addWidget(b)
        viewer_box = QWidget()
        vl = QVBoxLayout(viewer_box)
        vl.setContentsMargins(0, 0, 0, 0)
        vl.addWidget(self.viewer, 1)
        tools = QHBoxLayout()
        for b in (self.zoom_in_btn, self.zoom_out_btn, self.rotate_btn, self.delete_btn):
            tools.addWidget(b)
        vl.addLayout(tools)
        split = QSplitter()
        split.addWidget(self.thumbs)
        split.addWidget(viewer_box)
        split.addWidget(side)
        split.setSizes([420, 520, 320])
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.build_btn)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.jam)
        lay.addWidget(split, 1)
        lay.addWidget(self.status)
        lay.addLayout(bottom)

        self.scan_btn.clicked.connect(self.start_scan)
        self.cancel_btn.clicked.connect(self.cancel)
        self.rotate_btn.clicked.connect(lambda: self._page_op("rotate"))
        self.delete_btn.clicked.connect(lambda: self._page_op("delete"))
        self.rescan_btn.clicked.connect(lambda: self._page_op("rescan"))
        self.insert_btn.clicked.connect(lambda: self._page_op("insert"))
        self.override_btn.clicked.connect(self.override_selected)
        self.fix_btn.clicked.connect(self.apply_fix)
        self.zoom_in_btn.clicked.connect(lambda: self.viewer.zoom_by(1.25))
        self.zoom_out_btn.clicked.connect(lambda: self.viewer.zoom_by(0.8))
        self.build_btn.clicked.connect(self.build)
        self.thumbs.currentItemChanged.connect(self._page_selected)
        self.findings.currentItemChanged.connect(self._finding_selected)
        for keys, slot in (("F9", self.start_scan), ("Esc", self.cancel), ("Ctrl+R", lambda: self._page_op("rotate")),
                           ("Del", lambda: self._page_op("delete")), ("Ctrl+Shift+R", lambda: self._page_op("rescan")),
                           ("Ctrl+I", lambda: self._page_op("insert")), ("Ctrl+O", self.override_selected), ("Ctrl+J", self.apply_fix),
                           ("Ctrl++", lambda: self.viewer.zoom_by(1.25)), ("Ctrl+=", lambda: self.viewer.zoom_by(1.25)),
                           ("Ctrl+-", lambda: self.viewer.zoom_by(0.8)), ("Ctrl+0", self.viewer.fit),
                           ("Ctrl+B", self.build)):
            QShortcut(QKeySequence(keys), self, slot)
        order = [self.device, self.profile, self.sheets, self.duplex, self.scan_btn, self.thumbs, self.findings,
                 self.fix_btn, self.override_btn, self.rescan_btn, self.insert_btn, self.build_btn]
        for a, b in zip(order, order[1:], strict=False):
            self.setTabOrder(a, b)
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
        if component_id != self.component_id:
            self.sheets.setValue(1)  # each component's sheets are counted anew, never carried over
        self.component_id = component_id
        self.session = None
        self._show_session()
        self._resume()

    def activated(self) -> None:
        if not self.device.count():
            choices = [self.ctx.ws.settings.scanner] if self.ctx.ws.settings.scanner else []
            choices += [v for v in self.ctx.demo_info.get("scanners", "").split(";") if v and v not in choices]
            self.device.addItems(choices)
            self.ctx.runner.run(self.tr("listing scanners"), lambda _c: sa.devices(self.ctx.ws),
                                on_success=self._add_devices, on_error=lambda _e: None)
        if self.ctx.dossier is not None and self.component_id is None and self.ctx.dossier.components:
            self.set_component(self.ctx.dossier.components[0].component_id)
        elif self.session is None and self.component_id is not None:
            self._resume()  # reopened after closing mid-scan: show the session as it was
        self._update()
        self.scan_btn.setFocus()

    def _add_devices(self, names: list[str]) -> None:
        have = {self.device.itemText(i) for i in range(self.device.count())}
        self.device.addItems([n for n in names if n not in have])

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
        self.session = session
        self.sheets.setValue(max(1, session.declared_sheets))
        self.duplex.setChecked(session.duplex)
        self._show_session()
        self._load_thumbs(session.pages)
        rec = session.raw
        if rec is not None and getattr(rec, "resumable", False):
            # An interrupted batch (fault, crash, full disk): Scan goes on at the right sheet.
            self.status.setText(self.tr("This scan was interrupted: press Scan (F9) to continue from sheet %1.")
                                .replace("%1", str(rec.next_sheet)))

    def _update(self) -> None:
        running = self.task is not None
        has_target = self.ctx.dossier is not None and self.component_id is not None
        has_pages = bool(self.session and self.session.pages)
        self.scan_btn.setEnabled(has_target and not running)
        self.cancel_btn.setEnabled(running)
        for b in (self.rotate_btn, self.delete_btn, self.rescan_btn, self.insert_btn):
            b.setEnabled(has_pages and not running)
        selected = self._current_finding()
        self.override_btn.setEnabled(bool(self.session and self.session.findings) and not running
                                     and (selected is None or selected.waivable))
        self.fix_btn.setEnabled(bool(self.session and any(f.action for f in self.session.findings)) and not running)
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
        self.status.setText(self.tr("Scanning…"))
        total = self.sheets.value() * (2 if self.duplex.isChecked() else 1)
        if rescan_page is None and insert_after is None:
            self.progress.setRange(0, total)
            self.progress.setValue(len(self.session.pages) if self.session else 0)
        if self.session is None:
            self.thumbs.clear()
            self._images.clear()
        device, declared, duplex = self.device.currentText(), self.sheets.value(), self.duplex.isChecked()

        def work(tctx: TaskContext) -> sa.SessionInfo:
            session = self._ensure_session_in_worker(device, declared, duplex)
            return sa.scan(tctx, self.ctx.ws, session, rescan_page=rescan_page, insert_after=insert_after)

        self.task = self.ctx.runner.run(self.tr("scanning"), work, on_item=self._page_arrived,
                                        on_progress=self._progress, on_success=self._scan_done,
                                        on_error=self._scan_failed, on_cancel=self._scan_cancelled,
                                        on_done=self._task_done)
        self._update()

    def _ensure_session_in_worker(self, device: str, declared: int, duplex: bool) -> sa.SessionInfo:
        dossier, comp = self.ctx.dossier, self.component_id
        assert dossier is not None and comp is not None
        session = self.session
        if session is None:
            session = sa.open_session(self.ctx.ws, dossier.number, comp, device, self.profile.currentData(),
                                      declared, duplex)
            self.session = session
        return session

    def _progress(self, done: int, total: int, message: str) -> None:
        # the feeder may hold more pages than declared: the bar never shows "4 of 4" after 6
        self.progress.setRange(0, max(total or self.progress.maximum(), done))
        self.progress.setValue(done)
        if message == sa.READING_PAGE_NUMBERS:
            self.status.setText(self.tr("Reading printed page numbers…"))
        elif message:
            self.status.setText(message)

    def _page_arrived(self, item: object) -> None:
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], sa.PageInfo):
            page, thumb = item
            self._put_thumb(page, thumb)

    def _put_thumb(self, page: sa.PageInfo, thumb: QImage) -> None:
        self._images[page.page_id] = thumb
        if self.task is not None:  # while scanning and reading page numbers: the newest page, not a blank view
            self.viewer.show_image(thumb)
        for row in range(self.thumbs.count()):
            it = self.thumbs.item(row)
            if it.data(PAGE_ROLE) == page.page_id:
                it.setIcon(QPixmap.fromImage(thumb))
                return
        it = QListWidgetItem(QPixmap.fromImage(thumb), "")
        it.setData(PAGE_ROLE, page.page_id)
        it.setToolTip(self._page_label(page))
        it.setSizeHint(QSize(THUMB.width() + 8, THUMB.height() + 8))
        self.thumbs.addItem(it)
        self.thumbs.scrollToItem(it)

    def _page_label(self, page: sa.PageInfo) -> str:
        if page.sheet is None:
            return self.tr("Page %1").replace("%1", str(page.position))
        side = self.tr("front") if page.side != "back" else self.tr("back")
        return (self.tr("Page %1 (sheet %2, %3)").replace("%1", str(page.position))
                .replace("%2", str(page.sheet)).replace("%3", side))

    def _scan_done(self, session: sa.SessionInfo) -> None:
        self.session = session
        self._show_session()
        n = len(session.blocking)
        warnings = sum(1 for f in session.findings if f.severity != "error" and not f.overridden)
        self.status.setText(self.tr("%n page(s) scanned.", "", len(session.pages)) + " "
                            + (self.tr("%n problem(s) to fix before building the PDF.", "", n) if n
                               else self.tr("%n warning(s) to look at; the PDF can be built.", "", warnings)
                               if warnings > 0 else self.tr("No problem found.")))

    def _scan_failed(self, exc: MotcuaError) -> None:
        """A jam or an open cover: say which sheet to reload; the session stays open."""
        sheet = getattr(exc, "sheet", None)
        if sheet is not None:
            self.jam.setText(self.tr("The scanner stopped at sheet %1: %2 Reload sheet %1 and press Scan (F9) "
                                     "to continue the same session.").replace("%1", str(sheet))
                             .replace("%2", error_text(exc)))
        else:
            self.jam.setText(error_text(exc))
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
        self._show_session()
        self._load_thumbs(session.pages)

    # --- showing ------------------------------------------------------------------------------
    def _show_session(self) -> None:
        self.findings.clear()
        if self.session is None:
            self.thumbs.clear()
            self._images.clear()
            self.viewer.show_image(None)
            self.status.setText("")
            self._update()
            return
        en = current_language() != "vi"
        for f in self.session.findings:
            msg = f.message_en if en else f.message_vi
            fix = f.fix_en if en else f.fix_vi
            text = msg + (("\n→ " + fix) if fix else "")
            if f.overridden:
                text = self.tr("Accepted: %1 (reason: %2)").replace("%1", msg).replace("%2", f.reason)
            it = QListWidgetItem(("✖ " if f.severity == "error" and not f.overridden else
                                  "! " if not f.overridden else "✔ ") + text)
            it.setData(FINDING_ROLE, f.finding_id)
            it.setData(PAGE_ROLE, f.page_id)
            self.findings.addItem(it)
        self.findings_title.setText(self.tr("Quality findings (%1)").replace("%1", str(len(self.session.blocking))))
        # order and badges of the thumbnails follow the session
        order = {p.page_id: i for i, p in enumerate(self.session.pages)}
        present = {self.thumbs.item(r).data(PAGE_ROLE) for r in range(self.thumbs.count())}
        for r in reversed(range(self.thumbs.count())):
            if self.thumbs.item(r).data(PAGE_ROLE) not in order:
                self.thumbs.takeItem(r)
        if present != set(order):
            self._load_thumbs([p for p in self.session.pages if p.page_id not in present])
        items = sorted((self.thumbs.takeItem(0) for _ in range(self.thumbs.count())),
                       key=lambda it: order.get(it.data(PAGE_ROLE), 0))
        for it in items:
            self.thumbs.addItem(it)
        self._update()

    def _load_thumbs(self, pages: list[sa.PageInfo]) -> None:
        if not pages:
            return

        def make(tctx: TaskContext) -> None:
            for p in pages:
                tctx.emit((p, badge_thumbnail(p.image_path, p.position, p.severity, rotation=p.rotation)))

        self.ctx.runner.run(self.tr("drawing thumbnails"), make, on_item=self._page_arrived,
                            on_done=self._show_order)

    def _show_order(self) -> None:
        if self.session is None:
            return
        order = {p.page_id: i for i, p in enumerate(self.session.pages)}
        items = sorted((self.thumbs.takeItem(0) for _ in range(self.thumbs.count())),
                       key=lambda it: order.get(it.data(PAGE_ROLE), 0))
        for it in items:
            self.thumbs.addItem(it)

    def current_page(self) -> sa.PageInfo | None:
        it = self.thumbs.currentItem()
        if it is None or self.session is None:
            return None
        pid = it.data(PAGE_ROLE)
        return next((p for p in self.session.pages if p.page_id == pid), None)

    def _page_selected(self, current: QListWidgetItem | None, _prev: object = None) -> None:
        page = self.current_page()
        if page is None:
            return
        path, rotation = page.image_path, page.rotation

        def load(_c: TaskContext) -> QImage:
            from app.ui.thumbs import load_scaled

            return load_scaled(path, QSize(1600, 2200), rotation)

        self.ctx.runner.run(self.tr("opening the page"), load, on_success=self.viewer.show_image)

    def _finding_selected(self, current: QListWidgetItem | None, _prev: object = None) -> None:
        if current is None:
            return
        self._update()  # a finding no reason can waive disables "Accept with a reason"
        pid = current.data(PAGE_ROLE)
        for r in range(self.thumbs.count()):
            if self.thumbs.item(r).data(PAGE_ROLE) == pid:
                self.thumbs.setCurrentRow(r)
                return

    # --- edits ----------------------------------------------------------------------------------
    def _page_op(self, op: str) -> None:
        page = self.current_page()
        if page is None or self.session is None or self.task is not None:
            return
        if op == "rescan":
            self.start_scan(rescan_page=page.page_id)
            return
        if op == "insert":
            self.start_scan(insert_after=page.page_id)
            return
        session = self.session
        fn = {"rotate": lambda: sa.rotate(self.ctx.ws, session, page.page_id, 90),
              "delete": lambda: sa.delete(self.ctx.ws, session, page.page_id)}[op]
        self.ctx.runner.run(self.tr("changing the page"), lambda _c: fn(), on_success=self._edited,
                            on_error=self.show_error)

    def _edited(self, session: sa.SessionInfo) -> None:
        changed = {p.page_id for p in session.pages if self.session is None
                   or p not in self.session.pages}
        self.session = session
        self._show_session()
        self._load_thumbs([p for p in session.pages if p.page_id in changed])

    def _rows_moved(self, *_args: object) -> None:
        if self.session is None:
            return
        order = [self.thumbs.item(r).data(PAGE_ROLE) for r in range(self.thumbs.count())]
        session = self.session
        self.ctx.runner.run(self.tr("reordering pages"), lambda _c: sa.reorder(self.ctx.ws, session, order),
                            on_success=self._edited, on_error=self.show_error)

    def override_selected(self, reason: str | None = None) -> None:
        it = self.findings.currentItem() or (self.findings.item(0) if self.findings.count() else None)
        if it is None or self.session is None:
            return
        finding = self._current_finding()
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
        fid, session = it.data(FINDING_ROLE), self.session
        self.ctx.runner.run(self.tr("recording the override"),
                            lambda _c: sa.override(self.ctx.ws, session, fid, reason.strip()),
                            on_success=self._edited, on_error=self.show_error)

    def _current_finding(self) -> sa.FindingInfo | None:
        it = self.findings.currentItem() or (self.findings.item(0) if self.findings.count() else None)
        if it is None or self.session is None:
            return None
        fid = it.data(FINDING_ROLE)
        return next((f for f in self.session.findings if f.finding_id == fid), None)

    def apply_fix(self) -> None:
        """Do what the selected finding proposes: rescan / capture again / confirm simplex / drop backs."""
        finding = self._current_finding()
        if finding is None or self.session is None or self.task is not None:
            return
        if finding.action in ("rescan", "capture_without_note") and finding.page_id:
            for r in range(self.thumbs.count()):
                if self.thumbs.item(r).data(PAGE_ROLE) == finding.page_id:
                    self.thumbs.setCurrentRow(r)
            self._page_op("rescan" if finding.action == "rescan" else "insert")
            return
        if finding.action in ("confirm_simplex", "drop_backs"):
            session, action = self.session, finding.action
            self.ctx.runner.run(self.tr("applying the fix"), lambda _c: sa.apply_action(self.ctx.ws, session, action),
                                on_success=self._edited, on_error=lambda e: self.show_error(e, self.status))
            return
        self.status.setText(self.tr("This finding has no automatic fix: rescan the page or accept it with a reason."))

    def build(self) -> None:
        if self.session is None or self.task is not None:
            return
        if self.session.blocking:
            self.status.setText(self.tr("Fix or accept every finding before building the PDF."))
            return
        session = self.session
        self.status.setText(self.tr("Building the PDF…"))
        self.task = self.ctx.runner.run(self.tr("building the PDF"), sa.build_in_child, str(self.ctx.ws.root),
                                        session.dossier_no, session.component_id,
                                        None if session.raw is not None else [str(p.image_path) for p in session.pages],
                                        in_process=True,
                                        on_progress=self._progress, on_success=self._built,
                                        on_error=lambda e: self.show_error(e, self.status), on_done=self._task_done)
        self._update()

    def _built(self, result: object) -> None:
        self.status.setText(self.tr("PDF built; the component is ready to sign."))
        self.ctx.reload_dossier()
