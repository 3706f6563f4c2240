"""The Scan screen's pages as shown: thumbnails drawn off the GUI thread with badges that follow
the findings (a page whose worst finding changed is drawn again), the "problems only" filter,
and the page viewer showing the selected page (after a batch: the first page with a problem,
else the first page)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from app.services import scan_view as sa
from app.ui.context import AppContext
from app.ui.screens.scan_view import ScanView
from app.ui.screens.scan_widgets import _tr, page_label
from app.ui.thumbs import badge_thumbnail, load_scaled
from app.ui.worker import TaskContext

PROBLEM = ("error", "warning")


def drawn_key(page: sa.PageInfo) -> tuple[int, str, int]:
    """What a thumbnail's badge shows: a change in any of these draws it again."""
    return (page.position, page.severity, page.rotation)


def first_to_show(session: sa.SessionInfo) -> str | None:
    """The first page with an unresolved problem (errors before warnings), else the first page."""
    for severity in PROBLEM:
        page = next((p for p in session.pages if p.severity == severity), None)
        if page is not None:
            return page.page_id
    return session.pages[0].page_id if session.pages else None


class PagesShown:
    def __init__(self, ctx: AppContext, ui: ScanView) -> None:
        self.ctx, self.ui = ctx, ui
        self.session: sa.SessionInfo | None = None
        ui.problems_only.toggled.connect(self._filter)
        ui.thumbs.currentItemChanged.connect(lambda *_a: self.open_current())

    def clear(self) -> None:
        self.session = None
        self.ui.thumbs.clear()
        self.ui.viewer.show_image(None)

    def put(self, page: sa.PageInfo, thumb: QImage, *, live: bool) -> None:
        """A thumbnail drawn by a worker. ``live``: a batch is running, the viewer follows the newest page."""
        if live:
            self.ui.viewer.show_image(thumb)
        self.ui.thumbs.put(page.page_id, thumb, page_label(page), drawn_key(page))

    def follow(self, session: sa.SessionInfo) -> None:
        """Order, badges and filter follow the session; draw what is missing or changed."""
        self.session = session
        thumbs = self.ui.thumbs
        missing = thumbs.arrange([p.page_id for p in session.pages])
        stale = thumbs.stale({p.page_id: drawn_key(p) for p in session.pages})
        self.load([p for p in session.pages if p.page_id in missing | stale])
        self._filter(self.ui.problems_only.isChecked())

    def load(self, pages: list[sa.PageInfo]) -> None:
        if not pages:
            return

        def make(tctx: TaskContext) -> None:
            for p in pages:
                tctx.emit((p, badge_thumbnail(p.image_path, p.position, p.severity, rotation=p.rotation)))

        def arrived(item: object) -> None:
            if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], sa.PageInfo):
                self.put(item[0], item[1], live=False)

        self.ctx.runner.run(_tr("drawing thumbnails"), make, on_item=arrived, on_done=self._order)

    def _order(self) -> None:
        if self.session is not None:
            self.ui.thumbs.arrange([p.page_id for p in self.session.pages])
            self._filter(self.ui.problems_only.isChecked())

    def _filter(self, on: bool) -> None:
        self.ui.findings.set_problems_only(on)
        if self.session is None or not on:
            self.ui.thumbs.show_only(None)
            return
        self.ui.thumbs.show_only({p.page_id for p in self.session.pages if p.severity in PROBLEM})

    def show_first(self) -> None:
        """After a batch: the first problem page (or the first page) in the viewer at once."""
        if self.session is None:
            return
        pid = first_to_show(self.session)
        if pid is None:
            return
        self.ui.thumbs.clearSelection()
        if self.ui.thumbs.current_page_id() == pid:
            self.ui.thumbs.select_page(pid)
            self.open_current()
        else:
            self.ui.thumbs.select_page(pid)  # the current-item signal opens it

    def current(self) -> sa.PageInfo | None:
        pid = self.ui.thumbs.current_page_id()
        if pid is None or self.session is None:
            return None
        return next((p for p in self.session.pages if p.page_id == pid), None)

    def selected(self) -> list[sa.PageInfo]:
        """The selected pages, in the document's order."""
        chosen = set(self.ui.thumbs.selected_page_ids())
        return [p for p in self.session.pages if p.page_id in chosen] if self.session else []

    def open_current(self) -> None:
        page = self.current()
        if page is None:
            return
        path, rotation = page.image_path, page.rotation
        item = self.ui.thumbs.currentItem()
        if item is not None:  # its thumbnail at once, the full page when it is read
            self.ui.viewer.show_image(item.icon().pixmap(self.ui.thumbs.iconSize()).toImage())

        def load(_c: TaskContext) -> QImage:
            return load_scaled(path, QSize(1600, 2200), rotation)

        self.ctx.runner.run(_tr("opening the page"), load, on_success=self.ui.viewer.show_image)
