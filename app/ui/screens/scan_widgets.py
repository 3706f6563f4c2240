"""The Scan screen's widgets, one job each: the page viewer (zoom), the thumbnail strip (one
thumbnail per page, in the session's order, reordered by drag) and the findings panel."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QImage, QPixmap, QTransform
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


def _tr(text: str) -> str:
    """The Scan screen's translations (context ScanScreen, where its texts were first written)."""
    return QCoreApplication.translate("ScanScreen", text)


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


class ThumbnailStrip(QListWidget):
    """One thumbnail per page (its id in PAGE_ROLE), in the session's order; the officer drags
    to reorder (the model's rowsMoved tells the screen)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("thumbs")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(THUMB)
        self.setGridSize(QSize(THUMB.width() + 16, THUMB.height() + 16))
        self.setMovement(QListView.Movement.Snap)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    def page_ids(self) -> list[str]:
        """The page ids in the order shown."""
        return [str(self.item(r).data(PAGE_ROLE)) for r in range(self.count())]

    def put(self, page_id: str, thumb: QImage, tooltip: str) -> None:
        """Show a page's thumbnail: replace the icon of a page already shown, else add it."""
        for row in range(self.count()):
            it = self.item(row)
            if it.data(PAGE_ROLE) == page_id:
                it.setIcon(QPixmap.fromImage(thumb))
                return
        it = QListWidgetItem(QPixmap.fromImage(thumb), "")
        it.setData(PAGE_ROLE, page_id)
        it.setToolTip(tooltip)
        it.setSizeHint(QSize(THUMB.width() + 8, THUMB.height() + 8))
        self.addItem(it)
        self.scrollToItem(it)

    def arrange(self, order: Sequence[str]) -> set[str]:
        """Follow the session: drop pages no longer in it, put the rest in its order. Returns the
        ids of the session's pages that have no thumbnail yet."""
        rank = {pid: i for i, pid in enumerate(order)}
        for r in reversed(range(self.count())):
            if self.item(r).data(PAGE_ROLE) not in rank:
                self.takeItem(r)
        items = sorted(
            (self.takeItem(0) for _ in range(self.count())), key=lambda it: rank.get(it.data(PAGE_ROLE), 0)
        )
        for it in items:
            self.addItem(it)
        return set(order) - set(self.page_ids())

    def select_page(self, page_id: str | None) -> None:
        for r in range(self.count()):
            if self.item(r).data(PAGE_ROLE) == page_id:
                self.setCurrentRow(r)
                return

    def current_page_id(self) -> str | None:
        it = self.currentItem()
        return None if it is None else str(it.data(PAGE_ROLE))


class FindingsPanel(QListWidget):
    """The session's findings, each with its fix (or the officer's reason when accepted)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("findings")
        self.setWordWrap(True)

    def show_findings(self, findings: Sequence[sa.FindingInfo], *, english: bool) -> None:
        self.clear()
        for f in findings:
            msg = f.message_en if english else f.message_vi
            fix = f.fix_en if english else f.fix_vi
            text = msg + (("\n→ " + fix) if fix else "")
            if f.overridden:
                text = _tr("Accepted: %1 (reason: %2)").replace("%1", msg).replace("%2", f.reason)
            it = QListWidgetItem(
                ("✖ " if f.severity == "error" and not f.overridden else "! " if not f.overridden else "✔ ")
                + text
            )
            it.setData(FINDING_ROLE, f.finding_id)
            it.setData(PAGE_ROLE, f.page_id)
            self.addItem(it)

    def current_finding_id(self) -> str | None:
        """The selected finding, else the first one."""
        it = self.currentItem() or (self.item(0) if self.count() else None)
        return None if it is None else str(it.data(FINDING_ROLE))

    def current_finding(self, session: sa.SessionInfo | None) -> sa.FindingInfo | None:
        fid = self.current_finding_id()
        if fid is None or session is None:
            return None
        return next((f for f in session.findings if f.finding_id == fid), None)


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
        ctx.runner.run(_tr("reading the scanner's calibration"), lambda _c: sa.calibration_warning(ws, device),
                       on_success=self.show_warning, on_error=lambda _e: None)

    def show_warning(self, warning: tuple[str, str] | None) -> None:
        self.setText("" if warning is None else warning[0 if current_language() != "vi" else 1])
        self.setVisible(warning is not None)

