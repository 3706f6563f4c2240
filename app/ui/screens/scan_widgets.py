"""The Scan screen's widgets, one job each: the page viewer (zoom, re-fit on resize), the
thumbnail grid (one thumbnail per page, in the session's order, reordered by drag, several
selected with Ctrl/Shift) and the calibration notice. The findings list is in scan_findings."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent, QTransform
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
)

from app.services import scan_view as sa
from app.ui.context import AppContext
from app.ui.i18n import current_language
from app.ui.thumbs import THUMB

PAGE_ROLE = Qt.ItemDataRole.UserRole
FINDING_ROLE = Qt.ItemDataRole.UserRole + 2
DRAWN_ROLE = Qt.ItemDataRole.UserRole + 3
MIN_THUMB = 80  # the smallest thumbnail width the size slider allows


def _tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """The Scan screen's translations (context ScanScreen, where its texts were first written)."""
    return QCoreApplication.translate("ScanScreen", text, disambiguation, n)


def page_label(page: sa.PageInfo) -> str:
    """ "Page 3 (sheet 2, front)": a thumbnail's tooltip."""
    if page.sheet is None:
        return _tr("Page %1").replace("%1", str(page.position))
    side = _tr("front") if page.side != "back" else _tr("back")
    return (
        _tr("Page %1 (sheet %2, %3)")
        .replace("%1", str(page.position))
        .replace("%2", str(page.sheet))
        .replace("%3", side)
    )


class PageViewer(QGraphicsView):
    """The page at full size; fitted to the view (and fitted again when the view is resized)
    until the officer zooms."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("page_viewer")
        self._scene = QGraphicsScene(self)
        self.setScene(self._scene)
        self._item: QGraphicsPixmapItem | None = None
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.zoom = 1.0
        self.fitted = True

    def show_image(self, img: QImage | None) -> None:
        self._scene.clear()
        self._item = None
        if img is None or img.isNull():
            return
        self._item = self._scene.addPixmap(QPixmap.fromImage(img))
        self._scene.setSceneRect(self._item.boundingRect())
        self.fit()

    def fit(self) -> None:
        self.fitted = True
        if self._item is not None:
            self.fitInView(self._item, Qt.AspectRatioMode.KeepAspectRatio)
            self.zoom = self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        self.fitted = False
        self.zoom = max(0.05, min(8.0, self.zoom * factor))
        self.setTransform(QTransform.fromScale(self.zoom, self.zoom))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self.fitted:
            self.fit()


class ThumbnailGrid(QListWidget):
    """One thumbnail per page (its id in PAGE_ROLE), in the session's order, in as many columns
    as the width allows; the size follows the zoom slider (set_thumb_width). Ctrl/Shift select
    several pages; the officer drags to reorder (the model's rowsMoved tells the screen). Each
    item remembers what its badge was drawn from (DRAWN_ROLE), so a changed finding redraws it."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("thumbs")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Snap)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setWrapping(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.set_thumb_width(120)

    def set_thumb_width(self, width: int) -> None:
        width = max(MIN_THUMB, min(THUMB.width(), width))
        icon = QSize(width, width * THUMB.height() // THUMB.width())
        self.setIconSize(icon)
        self.setGridSize(QSize(icon.width() + 12, icon.height() + 12))
        for r in range(self.count()):
            self.item(r).setSizeHint(QSize(icon.width() + 6, icon.height() + 6))

    def page_ids(self) -> list[str]:
        """The page ids in the order shown."""
        return [str(self.item(r).data(PAGE_ROLE)) for r in range(self.count())]

    def put(self, page_id: str, thumb: QImage, tooltip: str, drawn: object = None) -> None:
        """Show a page's thumbnail: replace the icon of a page already shown, else add it."""
        for row in range(self.count()):
            it = self.item(row)
            if it.data(PAGE_ROLE) == page_id:
                it.setIcon(QPixmap.fromImage(thumb))
                it.setData(DRAWN_ROLE, drawn)
                it.setToolTip(tooltip)
                return
        it = QListWidgetItem(QPixmap.fromImage(thumb), "")
        it.setData(PAGE_ROLE, page_id)
        it.setData(DRAWN_ROLE, drawn)
        it.setToolTip(tooltip)
        icon = self.iconSize()
        it.setSizeHint(QSize(icon.width() + 6, icon.height() + 6))
        self.addItem(it)
        self.scrollToItem(it)

    def stale(self, drawn: dict[str, object]) -> set[str]:
        """Pages shown whose badge was drawn from something else than ``drawn[page_id]`` now."""
        return {pid for r in range(self.count())
                if (pid := str(self.item(r).data(PAGE_ROLE))) in drawn
                and self.item(r).data(DRAWN_ROLE) != drawn[pid]}

    def arrange(self, order: Sequence[str]) -> set[str]:
        """Follow the session: drop pages no longer in it, put the rest in its order. Returns the
        ids of the session's pages that have no thumbnail yet."""
        rank = {pid: i for i, pid in enumerate(order)}
        for r in reversed(range(self.count())):
            if self.item(r).data(PAGE_ROLE) not in rank:
                self.takeItem(r)
        if self.page_ids() != [pid for pid in order if pid in set(self.page_ids())]:
            items = sorted((self.takeItem(0) for _ in range(self.count())),
                           key=lambda it: rank.get(it.data(PAGE_ROLE), 0))
            for it in items:
                self.addItem(it)
        return set(order) - set(self.page_ids())

    def show_only(self, page_ids: set[str] | None) -> None:
        """Hide every page not in ``page_ids`` (None: show all)."""
        for r in range(self.count()):
            it = self.item(r)
            it.setHidden(page_ids is not None and str(it.data(PAGE_ROLE)) not in page_ids)

    def select_page(self, page_id: str | None) -> None:
        for r in range(self.count()):
            if self.item(r).data(PAGE_ROLE) == page_id:
                self.setCurrentRow(r)
                return

    def current_page_id(self) -> str | None:
        it = self.currentItem()
        return None if it is None else str(it.data(PAGE_ROLE))

    def selected_page_ids(self) -> list[str]:
        """The selected pages in the order shown (the current one when none is selected)."""
        chosen = [str(self.item(r).data(PAGE_ROLE)) for r in range(self.count()) if self.item(r).isSelected()]
        current = self.current_page_id()
        return chosen or ([current] if current is not None else [])


class CalibrationNotice(QLabel):
    """A scanner not calibrated today, or out of tolerance at its last check of the chart
    (services.calibration), named above the pages; hidden when today's check passed."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("scan_calibration")
        self.setWordWrap(True)
        self.setProperty("kind", "warn")
        self.setVisible(False)

    def check(self, ctx: AppContext, device: str) -> None:
        ws = ctx.ws
        ctx.runner.run(_tr("reading the scanner's "
                           "calibration"), lambda _c: sa.calibration_warning(ws, device),
                       on_success=self.show_warning, on_error=lambda _e: None)

    def show_warning(self, warning: tuple[str, str] | None) -> None:
        self.setText("" if warning is None else warning[0 if current_language() != "vi" else 1])
        self.setVisible(warning is not None)

