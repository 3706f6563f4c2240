"""What the Scan screen needs from the digitizing service, in one small interface.

The screen speaks only these dataclasses and functions; the functions map them onto
``app.services.digitize`` (the scan area's service). Every function runs on a worker thread.
Qt-free: the screen's thumbnails are drawn by the ``thumbnail`` function it passes to ``scan``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.domain.errors import OperationFailed
from app.scan.devices import DeviceLabel as DeviceLabel  # re-exported: the device lists' labels
from app.scan.devices import describe as describe
from app.scan.driver import ScannerFault as ScannerFault  # re-exported: the screen names a fault's sheet
from app.scan.driver import ScanSettings
from app.services import digitize, scan_profiles
from app.services.calibration import warning
from app.services.digitize import (
    FixAction,
    confirm_simplex,
    delete_page,
    delete_pages,
    deskew_page,
    discard_last_batch,
    drop_blank_backs,
    latest_session,
    list_devices,
    override_finding,
    read_page_numbers,
    reorder_pages,
    restore_pages,
    rotate_page,
    session_qc,
    start_session,
)
from app.services.scan_profiles import ScanProfile
from app.services.task import TaskContext
from app.store.workspace import Workspace

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
    action: FixAction = FixAction.NONE  # what "Apply the fix" does
    # False: no reason can accept it (a capture changed after scanning): rescan or delete
    waivable: bool = True


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


_FIX: dict[FixAction, tuple[str, str]] = {
    FixAction.RESCAN: ("Chọn trang đó rồi bấm Quét lại trang này (Ctrl+Shift+R).",
               "Select that page and press Rescan this page (Ctrl+Shift+R)."),
    FixAction.CAPTURE_WITHOUT_NOTE: ("Gỡ giấy ghi chú, chọn trang đó rồi bấm Chèn trang sau (Ctrl+I) để "
                                     "chụp lại.",
                             "Remove the note, select the page and press Insert after (Ctrl+I) to capture "
                             "it again."),
    FixAction.CONFIRM_SIMPLEX: ("Nếu mọi tờ đều trắng ở mặt sau, bấm Làm theo hướng dẫn (Ctrl+J) để xác "
                                "nhận; nếu không, quét hai mặt.",
                        "If every sheet is blank on the back, press Apply the fix (Ctrl+J) to confirm; "
                        "otherwise scan duplex."),
    FixAction.DROP_BACKS: ("Nếu mọi mặt sau đều trắng, bấm Làm theo hướng dẫn (Ctrl+J) để bỏ toàn bộ mặt "
                           "sau.",
                           "If every back is blank, press Apply the fix (Ctrl+J) to drop them all."),
    FixAction.DESKEW: ("Bấm Làm theo hướng dẫn (Ctrl+J) để xoay thẳng trang (ảnh gốc vẫn được giữ), hoặc "
                       "quét lại.",
                       "Press Apply the fix (Ctrl+J) to straighten the page (the capture is kept), or "
                       "rescan it."),
    FixAction.REMOVE_REPEAT: ("Bấm Làm theo hướng dẫn (Ctrl+J) để xóa trang bị quét lặp.",
                              "Press Apply the fix (Ctrl+J) to delete the page fed twice."),
}


# Progress message code: the screen shows its own translated text for it.
READING_PAGE_NUMBERS = "reading-page-numbers"


def _info(ws: Workspace, session_id: int) -> SessionInfo:
    """The session as the screen shows it: pages in order with their worst finding, findings."""
    rec = digitize.get_session(ws, session_id)
    report = session_qc(ws, session_id, thorough_integrity=False)  # runs on every page arrival
    by_index = {p.index + 1: p for p in report.pages}
    worst: dict[int, str] = {}
    findings = []
    for f in report.findings:
        sev = f.severity.value
        page = by_index.get(f.page) if f.page else None
        over = f.key in report.overridden and f.waivable
        if page is not None and sev in ("error", "warning"):
            mark = "overridden" if over else sev
            rank = {"ok": 0, "overridden": 1, "warning": 2, "error": 3}
            if rank[mark] > rank.get(worst.get(page.id, "ok"), 0):
                worst[page.id] = mark
        fix_vi, fix_en = _FIX.get(f.action, ("", ""))
        findings.append(FindingInfo(f.key, sev, f.message_vi, f.message_en, fix_vi, fix_en,
                                    str(page.id) if page else None, page.sheet if page else None, over,
                                    report.overridden.get(f.key, ""), f.action, f.waivable))
    pages = [PageInfo(str(p.id), p.index + 1, ws.blobs.path(p.sha256, "png"), p.sheet, p.side, 0,
                      worst.get(p.id, "ok")) for p in report.pages]
    return SessionInfo(str(rec.id), rec.dossier_no or "", rec.component_id or "", rec.device,
                       rec.declared_sheets or 0, rec.duplex, pages, findings, rec.state, raw=rec)


def calibration_warning(ws: Workspace, device: str) -> tuple[str, str] | None:
    """(English, Vietnamese) when the scanner was not calibrated today or failed its last check."""
    return warning(ws, device) if device else None


def devices(ws: Workspace) -> list[DeviceLabel]:
    """The scanners the drivers list, each with the name people read (app.scan.devices.describe)."""
    return [describe(d.name, d.vendor, d.model) for d in list_devices(ws)]


def device_label(device: str) -> DeviceLabel:
    return describe(device)


def profile_for(ws: Workspace, doc_type: str) -> ScanProfile:
    return scan_profiles.profile_for(ws, doc_type)


def open_session(ws: Workspace, dossier_no: str, component_id: str, device: str, profile: ScanProfile,
                 declared_sheets: int, duplex: bool) -> SessionInfo:
    """``profile``: source, dpi and colour (device and duplex as the screen shows them now)."""
    settings = ScanSettings(source=profile.source, duplex=duplex, dpi=profile.dpi, mode=profile.mode)
    rec = start_session(ws, device=device, settings=settings, dossier_no=dossier_no,
                        component_id=component_id,
                        declared_sheets=declared_sheets)
    return _info(ws, rec.id)


def find_session(ws: Workspace, dossier_no: str, component_id: str) -> SessionInfo | None:
    rec = latest_session(ws, dossier_no, component_id)
    return _info(ws, rec.id) if rec is not None else None


def get_session(ws: Workspace, session_id: str) -> SessionInfo:
    return _info(ws, int(session_id))


Thumbnail = Callable[["PageInfo"], object]


def _emit_page(ctx: TaskContext, ws: Workspace, session_id: int, page_id: int,
               thumbnail: Thumbnail | None = None) -> None:
    """Emit ``(page, thumbnail(page))`` for a page that arrived (``None`` without a thumbnail
    function): drawn on the worker thread, shown by the screen on the GUI thread."""
    info = _info(ws, session_id)
    page = next((p for p in info.pages if p.page_id == str(page_id)), None)
    if page is not None:
        ctx.emit((page, thumbnail(page) if thumbnail is not None else None))


def scan(ctx: TaskContext, ws: Workspace, session: SessionInfo, *, rescan_page: str | None = None,
         insert_after: str | None = None, thumbnail: Thumbnail | None = None) -> SessionInfo:
    sid = int(session.session_id)
    if rescan_page is not None or insert_after is not None:
        if rescan_page is not None:
            row = digitize.rescan_page(ws, sid, int(rescan_page), ctx.cancel)
        else:
            row = digitize.insert_page_after(ws, sid, int(insert_after or 0), ctx.cancel)
        _emit_page(ctx, ws, sid, row.id, thumbnail)
        _read_numbers(ctx, ws, sid)
        return _info(ws, sid)
    rec = digitize.get_session(ws, sid)
    total = (rec.declared_sheets or 0) * (2 if rec.duplex else 1)
    already = len(digitize.session_pages(ws, sid))

    def arrived(row: Any) -> None:
        _emit_page(ctx, ws, sid, row.id, thumbnail)
        ctx.progress(row.index + 1, max(total, row.index + 1), "")

    ctx.progress(already, max(total, already), "")
    outcome = digitize.scan_into(ws, sid, progress=arrived, cancel=ctx.cancel)
    if outcome.fault is not None:
        raise outcome.fault  # typed: ScanInterrupted(cause=PaperJam/..., sheet=the sheet to reload)
    _read_numbers(ctx, ws, sid)
    return _info(ws, sid)


def _read_numbers(ctx: TaskContext, ws: Workspace, sid: int) -> None:
    """Printed page numbers for the order rule, once the pages are safe (cancellable)."""
    if not ctx.cancel.is_set():
        read_page_numbers(ws, sid, progress=lambda done, n: ctx.progress(done, n, READING_PAGE_NUMBERS),
                          cancel=ctx.cancel)


def apply_action(ws: Workspace, session: SessionInfo, action: FixAction) -> SessionInfo:
    """Session-wide fixes the rules propose: confirm a simplex scan, drop all-blank backs."""
    sid = int(session.session_id)
    if action is FixAction.CONFIRM_SIMPLEX:
        confirm_simplex(ws, sid)
    elif action is FixAction.DROP_BACKS:
        drop_blank_backs(ws, sid)
    else:
        raise OperationFailed(f"No automatic fix for '{action}'", "Lỗi này không có cách sửa tự động")
    return _info(ws, sid)


def rotate(ws: Workspace, session: SessionInfo, page_id: str, degrees: int) -> SessionInfo:
    rotate_page(ws, int(session.session_id), int(page_id), degrees)
    return _info(ws, int(session.session_id))


def deskew(ws: Workspace, session: SessionInfo, page_id: str) -> SessionInfo:
    deskew_page(ws, int(session.session_id), int(page_id))
    return _info(ws, int(session.session_id))


def delete(ws: Workspace, session: SessionInfo, page_id: str) -> SessionInfo:
    delete_page(ws, int(session.session_id), int(page_id))
    return _info(ws, int(session.session_id))


def delete_many(ws: Workspace, session: SessionInfo, page_ids: list[str]) -> SessionInfo:
    delete_pages(ws, int(session.session_id), [int(i) for i in page_ids])
    return _info(ws, int(session.session_id))


def restore(ws: Workspace, session: SessionInfo, page_ids: list[str]) -> SessionInfo:
    restore_pages(ws, int(session.session_id), [int(i) for i in page_ids])
    return _info(ws, int(session.session_id))


def discard_batch(ws: Workspace, session: SessionInfo) -> SessionInfo:
    """The last batch's pages out of the session; the next Scan captures those sheets again."""
    discard_last_batch(ws, int(session.session_id))
    return _info(ws, int(session.session_id))


def declare_sheets(ws: Workspace, session: SessionInfo, sheets: int) -> SessionInfo:
    digitize.declare_sheets(ws, int(session.session_id), sheets)
    return _info(ws, int(session.session_id))


def reorder(ws: Workspace, session: SessionInfo, order: list[str]) -> SessionInfo:
    reorder_pages(ws, int(session.session_id), [int(i) for i in order])
    return _info(ws, int(session.session_id))


def override(ws: Workspace, session: SessionInfo, finding_id: str, reason: str) -> SessionInfo:
    override_finding(ws, int(session.session_id), finding_id, reason)
    return _info(ws, int(session.session_id))


def build_in_child(ctx: TaskContext, ws_root: str, dossier_no: str, component_id: str,
                   pages: list[str] | None) -> int:
    """Build the component's archival PDF from the session's pages (in order) and record it.

    Runs in a child process (``TaskRunner.run(..., in_process=True)``): image decoding and PDF
    writing hold the GIL for long stretches and would freeze the window from a thread.
    Returns the new document's id.
    """
    from app.services.signing import build_component_pdf  # noqa: PLC0415 - pyHanko: loaded on first use

    ctx.progress(0, 1, "")
    ws = Workspace.open(ws_root)
    try:
        # pages=None: the service takes the component's session pages after re-checking QC and hashes
        doc, _path = build_component_pdf(ws, dossier_no, component_id,
                                         pages=[Path(p) for p in pages] if pages is not None else None)
        ctx.progress(1, 1, "")
        return int(doc.id or 0)
    finally:
        ws.close()
