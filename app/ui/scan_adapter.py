"""What the Scan screen needs from the digitizing service, in one small interface.

The screen speaks only these dataclasses and functions; the functions map them onto
``app.services.digitize`` (the scan area's service). Every function runs on a worker thread.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.store.workspace import Workspace
from app.ui.backend import require_module
from app.ui.worker import TaskContext

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageInfo:
    page_id: str
    position: int  # 1-based order in the document
    image_path: Path
    sheet: int | None = None
    side: str = ""  # front | back | ""
    rotation: int = 0
    severity: str = "ok"  # worst finding on the page: ok | warning | error | overridden


@dataclass(frozen=True)
class FindingInfo:
    finding_id: str
    severity: str  # error | warning
    message_vi: str
    message_en: str
    fix_vi: str = ""
    fix_en: str = ""
    page_id: str | None = None
    sheet: int | None = None
    overridden: bool = False
    reason: str = ""


@dataclass
class SessionInfo:
    session_id: str
    dossier_no: str
    component_id: str
    device: str
    declared_sheets: int
    duplex: bool
    pages: list[PageInfo] = field(default_factory=list)
    findings: list[FindingInfo] = field(default_factory=list)
    state: str = "open"  # open | scanning | interrupted | built
    raw: Any = None

    @property
    def blocking(self) -> list[FindingInfo]:
        return [f for f in self.findings if f.severity == "error" and not f.overridden]


def _svc() -> Any:
    return require_module("app.services.digitize", "Digitizing", "số hóa")


def devices(ws: Workspace) -> list[str]:
    return list(_svc().list_devices(ws))


def profiles() -> list[tuple[str, str, str]]:
    """(id, Vietnamese label, English label)."""
    return [("archival", "Lưu trữ (không nén mất dữ liệu, màu, 300 dpi)", "Archival (lossless, colour, 300 dpi)"),
            ("compact", "Gọn nhẹ (nén, màu, 200 dpi)", "Compact (compressed, colour, 200 dpi)")]


def open_session(ws: Workspace, dossier_no: str, component_id: str, device: str, profile: str,
                 declared_sheets: int, duplex: bool) -> SessionInfo:
    return _svc().ui_open_session(ws, dossier_no, component_id, device, profile, declared_sheets, duplex)


def scan(ctx: TaskContext, ws: Workspace, session: SessionInfo, *, rescan_page: str | None = None,
         insert_after: str | None = None) -> SessionInfo:
    return _svc().ui_scan(ws, session, ctx, rescan_page=rescan_page, insert_after=insert_after)


def find_session(ws: Workspace, dossier_no: str, component_id: str) -> SessionInfo | None:
    return _svc().ui_find_session(ws, dossier_no, component_id)


def get_session(ws: Workspace, session_id: str) -> SessionInfo:
    return _svc().ui_get_session(ws, session_id)


def rotate(ws: Workspace, session: SessionInfo, page_id: str, degrees: int) -> SessionInfo:
    return _svc().ui_rotate(ws, session, page_id, degrees)


def delete(ws: Workspace, session: SessionInfo, page_id: str) -> SessionInfo:
    return _svc().ui_delete(ws, session, page_id)


def reorder(ws: Workspace, session: SessionInfo, order: list[str]) -> SessionInfo:
    return _svc().ui_reorder(ws, session, order)


def override(ws: Workspace, session: SessionInfo, finding_id: str, reason: str) -> SessionInfo:
    return _svc().ui_override(ws, session, finding_id, reason)


def build_in_child(ctx: TaskContext, ws_root: str, dossier_no: str, component_id: str, pages: list[str]) -> int:
    """Build the component's archival PDF from the session's pages (in order) and record it.

    Runs in a child process (``TaskRunner.run(..., in_process=True)``): image decoding and PDF
    writing hold the GIL for long stretches and would freeze the window from a thread.
    Returns the new document's id.
    """
    from app.services.signing import build_component_pdf

    ctx.progress(0, 1, "")
    ws = Workspace.open(ws_root)
    try:
        doc, _path = build_component_pdf(ws, dossier_no, component_id, pages=[Path(p) for p in pages])
        ctx.progress(1, 1, "")
        return int(doc.id or 0)
    finally:
        ws.close()
