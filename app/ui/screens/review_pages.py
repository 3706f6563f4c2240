"""The review screen's page view: a component's page images read from the provincial system
(in a worker, kept while the dossier stays open), shown beside their QC findings, zoomable."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea

from app.services import review_sync
from app.services.submit import client_from
from app.ui.context import AppContext
from app.ui.i18n import error_text


def _tr(text: str) -> str:
    """The review screen's translations (context ReviewScreen, where they were written)."""
    return QCoreApplication.translate("ReviewScreen", text)


def page_rows(packet: dict[str, Any]) -> tuple[list[list[str]], list[tuple[str, int]]]:
    """The "Pages and QC" table of a review packet: one row per scanned page (component, page, dpi,
    skew, sharpness, its findings), or one per component built from files or reused; and the
    (component, 0-based page) each row shows."""
    rows: list[list[str]] = []
    refs: list[tuple[str, int]] = []
    for comp in packet.get("components", []):
        by_page: dict[int | None, list[str]] = {}
        for f in comp.get("findings", []):
            accepted = f" [{_tr('accepted')}: {f['overridden']}]" if f.get("overridden") else ""
            by_page.setdefault(f.get("page"), []).append(f["message_vi"] + accepted)
        for pg in comp.get("pages", []):
            m = pg.get("measures") or {}
            skew = f"{m['skew_deg']:.1f}°" if m.get("skew_deg") is not None else ""
            sharp = f"{m['sharpness']:.0f}" if m.get("sharpness") is not None else ""
            rows.append([comp["name"], str(pg["index"]), f"{pg['dpi']} dpi", skew, sharp,
                         "; ".join(by_page.get(pg["index"], []))])
            refs.append((comp["id"], int(pg["index"]) - 1))
        if not comp.get("pages"):  # built from imported files, or reused: what the documents say
            docs = comp.get("documents", [])
            pages = ", ".join(d["pages"] for d in docs if d.get("pages"))
            note = "; ".join(sum(by_page.values(), [])) or (_tr("no scan session") if docs else "")
            rows.append([comp["name"], pages, "", "", "", note])
            refs.append((comp["id"], 0))
    return rows, refs


class ReviewPageView(QScrollArea):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.label = QLabel(_tr("Choose a page"))
        self.label.setObjectName("review_page_view")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWidget(self.label)
        self.setWidgetResizable(False)
        self.zoom = 0.35
        self._cache: dict[str, list[bytes]] = {}
        self._shown: tuple[str, int] | None = None

    def clear(self) -> None:
        """Another dossier: nothing cached, nothing shown."""
        self._cache.clear()
        self._shown = None
        self.label.setText(_tr("Choose a page"))
        self.label.adjustSize()

    def show_page(self, number: str, component: str, index: int) -> None:
        if component in self._cache:
            self._display(component, index)
            return

        ws = self.ctx.ws

        def done(pages: list[bytes]) -> None:
            self._cache[component] = pages
            self._display(component, index)

        self.label.setText(_tr("Loading the page…"))
        self.ctx.runner.run(_tr("reading the pages"),
                            lambda _c: review_sync.component_pages(client_from(ws, quick=True), number,
                                                                   component),
                            on_success=done, on_error=lambda e: self.label.setText(error_text(e)))

    def _display(self, component: str, index: int) -> None:
        pages = self._cache.get(component, [])
        if not 0 <= index < len(pages):
            self.label.setText(_tr("No page image for this row"))
            self.label.adjustSize()
            return
        self._shown = (component, index)
        pix = QPixmap()
        pix.loadFromData(pages[index])
        self.label.setPixmap(pix.scaledToWidth(max(50, int(pix.width() * self.zoom)),
                                               Qt.TransformationMode.SmoothTransformation))
        self.label.adjustSize()

    def set_zoom(self, zoom: float) -> None:
        self.zoom = min(3.0, max(0.1, zoom))
        if self._shown is not None:
            self._display(*self._shown)
