"""Digitizing a dossier component: scan into a durable session, check it against the rules,
fix or override findings, and hand the pages to the PDF builder.

Long calls take a ``progress`` callback and a ``cancel`` event (no Qt): the UI runs them in
workers, the CLI in the foreground."""

from __future__ import annotations

import logging
import shutil
import threading
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.errors import InvalidInput, OperationFailed, StorageError
from app.domain.records import ComponentState
from app.scan.devices import driver_for, list_all_devices
from app.scan.driver import ColourMode, DeviceInfo, ScannedPage, ScannerFault, ScanSettings, Source
from app.scan.imageio import iter_pages
from app.scan.qc import pagenum
from app.scan.qc.config import QcConfig
from app.scan.qc.rules import Finding, SessionFacts, evaluate, verdict
from app.scan.qc.rules import FixAction as FixAction  # re-exported: the Scan screen's fixes
from app.scan.qc.rules import RuleId as RuleId
from app.scan.readahead import read_ahead
from app.scan.session import PageRow, SessionRecord, SessionState, SessionStore
from app.store.workspace import Workspace

log = logging.getLogger(__name__)


class ScanInterrupted(OperationFailed):
    """A batch stopped by a scanner fault or a full disk: the pages reported saved are kept and
    the batch resumes at ``sheet``. ``cause`` is the typed fault (a ScannerFault: PaperJam,
    CoverOpen, ...; or a StorageError) as the driver or the store raised it; ``kind`` is its kind."""

    def __init__(self, cause: ScannerFault | StorageError, sheet: int, message_en: str,
                 message_vi: str) -> None:
        super().__init__(message_en, message_vi)
        self.cause, self.sheet, self.kind = cause, sheet, cause.kind


@dataclass
class ScanOutcome:
    session: SessionRecord
    added: list[PageRow] = field(default_factory=list)
    cancelled: bool = False
    fault: ScanInterrupted | None = None  # why the batch stopped early (typed), None if it did not

    @property
    def fault_kind(self) -> str:
        return self.fault.kind if self.fault else ""

    @property
    def fault_en(self) -> str:
        return self.fault.message_en if self.fault else ""

    @property
    def fault_vi(self) -> str:
        return self.fault.message_vi if self.fault else ""

    @property
    def reload_sheet(self) -> int | None:
        return self.fault.sheet if self.fault else None


@dataclass
class QcReport:
    session_id: int
    pages: list[PageRow]
    findings: list[Finding]
    overridden: dict[str, str]
    verdict: str

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings
                if f.severity.value == "error" and (f.key not in self.overridden or not f.waivable)]


def list_devices(ws: Workspace | None = None) -> list[DeviceInfo]:
    """SANE and TWAIN devices side by side (app.scan.devices.list_all_devices); a driver missing
    on this machine is not an error."""
    return list_all_devices()[0]


def start_session(ws: Workspace, *, device: str, settings: ScanSettings, dossier_no: str | None = None,
                  component_id: str | None = None, declared_sheets: int | None = None) -> SessionRecord:
    if dossier_no and component_id:
        dossier = ws.dossiers.get(dossier_no)
        if dossier.component(component_id) is None:
            raise InvalidInput(f"Dossier {dossier_no} has no component '{component_id}'",
                               f"Hồ sơ {dossier_no} không có thành phần '{component_id}'")
        from app.services.reuse import require_checked  # noqa: PLC0415 - the PDF and verification stack (~0.4 s at the UI's start): loaded when a scan starts

        require_checked(ws, dossier_no, component_id)  # warehouse first (seed 000, point 4)
    return SessionStore(ws).open(device=device, settings=settings, dossier_no=dossier_no,
                                 component_id=component_id,
                                 declared_sheets=declared_sheets)


def scan_into(ws: Workspace, session_id: int, *, progress: Callable[[PageRow], None] | None = None,
              cancel: threading.Event | None = None, settings: ScanSettings | None = None) -> ScanOutcome:
    """Scan a batch into the session, starting at the first sheet not fully captured (the session's
    durable position, moved with every saved page). A half-captured duplex sheet is rescanned whole.
    A fault keeps every page captured so far and says which sheet to reload; calling again resumes
    there, and so does calling again after a crash or a full disk.

    The session's own duplex / dpi / mode are used (the numbering depends on them); ``settings``
    only contributes the page size."""
    store = SessionStore(ws)
    s = store.begin_batch(session_id)
    run = ScanSettings(source=Source(s.source), duplex=s.duplex, dpi=s.dpi, mode=ColourMode(s.mode),
                       page_size_mm=settings.page_size_mm if settings else ScanSettings().page_size_mm,
                       start_sheet=s.next_sheet)
    outcome = ScanOutcome(session=s)
    driver = driver_for(s.device)
    try:
        for page in read_ahead(driver.scan(s.device, run, cancel)):
            row = store.add_page(session_id, page, capture=True)
            outcome.added.append(row)
            if progress:
                progress(row)
            if cancel is not None and cancel.is_set():
                break
        outcome.cancelled = bool(cancel is not None and cancel.is_set())
        # The position already sits after the last complete sheet; a cancelled half sheet is
        # rescanned whole by the next batch.
        outcome.session = store.update(session_id, state=SessionState.OPEN, last_fault="")
    except ScannerFault as fault:
        at = store.get(session_id)
        reload_sheet = at.next_sheet
        if fault.sheet is not None and fault.sheet != reload_sheet:
            log.info("Scanner reported sheet %s, the session's position is sheet "
                     "%s", fault.sheet, reload_sheet)
        # Drop a lone front whose back never came: the officer reloads that whole sheet.
        if at.next_side == "back":
            store.drop_half_sheet(session_id)
            if outcome.added and outcome.added[-1].sheet == reload_sheet:
                outcome.added.pop()
        outcome.session = store.update(session_id, state=SessionState.INTERRUPTED, last_fault=fault.kind)
        outcome.fault = ScanInterrupted(fault, reload_sheet, fault.message_en, fault.message_vi)
        log.warning("Scan session %s interrupted: %s", session_id, fault.message_en)
    except StorageError as exc:
        # The disk is full (or failing): every page reported saved is safe, the position says
        # where to go on. Marking the session may fail too; state 'scanning' resumes the same way.
        at = store.get(session_id)
        try:
            at = store.update(session_id, state=SessionState.INTERRUPTED, last_fault=exc.kind)
        except StorageError:
            log.warning("Scan session %s: could not mark it interrupted (the disk is still full)", session_id)
        outcome.session = at
        sheet = at.next_sheet
        outcome.fault = ScanInterrupted(exc, sheet, f"{exc.message_en}. Scanning resumes at sheet {sheet} "
                                                    "(motcua scan --resume)",
                                        f"{exc.message_vi}. Khi quét tiếp, máy sẽ bắt đầu từ tờ {sheet}")
        log.warning("Scan session %s interrupted by storage: %s", session_id, exc.message_en)
    if s.dossier_no and s.component_id and outcome.added:
        try:
            ws.dossiers.set_component_state(s.dossier_no, s.component_id, ComponentState.SCANNED,
                                            actor=ws.actor,
                                            details={"session": session_id,
                                                     "pages": len(store.pages(session_id))})
        except StorageError as exc:
            if not outcome.fault_kind:
                raise
            log.warning("Component state not updated (the disk is still full): %s", exc.message_en)
    return outcome


def resumable_session(ws: Workspace, dossier_no: str, component_id: str) -> SessionRecord | None:
    """The component's latest session when its last batch stopped before the end (a fault, a
    crash, a full disk); None when there is none to resume."""
    rec = SessionStore(ws).latest_for(dossier_no, component_id)
    return rec if rec is not None and rec.resumable else None


def component_sessions(ws: Workspace, dossier_no: str, component_id: str) -> list[tuple[SessionRecord, int]]:
    """Every scan session of a component, oldest first, with the number of pages each holds now."""
    store = SessionStore(ws)
    return [(rec, store.page_count(rec.id)) for rec in store.for_component(dossier_no, component_id)]


def get_session(ws: Workspace, session_id: int) -> SessionRecord:
    return SessionStore(ws).get(session_id)


def latest_session(ws: Workspace, dossier_no: str, component_id: str) -> SessionRecord | None:
    return SessionStore(ws).latest_for(dossier_no, component_id)


def session_pages(ws: Workspace, session_id: int) -> list[PageRow]:
    return SessionStore(ws).pages(session_id)


def page_numbers(ws: Workspace, pages: list[PageRow]) -> dict[str, tuple[int, int | None] | None]:
    """Printed page numbers read so far, by capture hash (absent: not read yet)."""
    return SessionStore(ws).page_numbers([p.sha256 for p in pages])


def _capture_one(ws: Workspace, s: SessionRecord, sheet: int, side: str,
                 cancel: threading.Event | None) -> ScannedPage:
    settings = ScanSettings(source=Source(s.source), duplex=False, dpi=s.dpi, mode=ColourMode(s.mode),
                            start_sheet=sheet)
    for page in driver_for(s.device).scan(s.device, settings, cancel):
        page.side, page.sheet = side, sheet
        return page
    raise OperationFailed("The scanner returned no "
                          "page", "Máy quét không trả về trang nào; hãy đặt giấy rồi thử lại")


def rescan_page(ws: Workspace, session_id: int, page_id: int,
                cancel: threading.Event | None = None) -> PageRow:
    """Capture the same sheet side again; the new capture takes the old one's place (audited)."""
    store = SessionStore(ws)
    target = _page(store, session_id, page_id)
    page = _capture_one(ws, store.get(session_id), target.sheet, target.side, cancel)
    return store.add_page(session_id, page, replace_page=target.id)


def insert_page_after(ws: Workspace, session_id: int, page_id: int,
                      cancel: threading.Event | None = None) -> PageRow:
    """Capture one more page right after this one (e.g. the page again without its sticky note)."""
    store = SessionStore(ws)
    target = _page(store, session_id, page_id)
    page = _capture_one(ws, store.get(session_id), target.sheet, target.side, cancel)
    return store.add_page(session_id, page, after_index=target.index)


def _page(store: SessionStore, session_id: int, page_id: int) -> PageRow:
    found = next((p for p in store.pages(session_id) if p.id == page_id), None)
    if found is None:
        raise InvalidInput(f"Page {page_id} is not in session "
                           f"{session_id}", f"Trang {page_id} không thuộc phiên quét")
    return found


def confirm_simplex(ws: Workspace, session_id: int) -> None:
    """The officer confirms every sheet is blank on the back (audited)."""
    SessionStore(ws).update(session_id, simplex_confirmed=True)


def rotate_page(ws: Workspace, session_id: int, page_id: int, degrees: int) -> PageRow:
    """A derived, rotated page replaces this one in the session; the capture stays (audited)."""
    return SessionStore(ws).rotate(session_id, page_id, degrees)


def deskew_page(ws: Workspace, session_id: int, page_id: int) -> PageRow:
    """A derived, straightened page (by the measured skew) replaces this one; the capture stays."""
    return SessionStore(ws).deskew(session_id, page_id)


def delete_page(ws: Workspace, session_id: int, page_id: int, reason: str = "deleted by the officer") -> None:
    SessionStore(ws).delete_page(session_id, page_id, reason=reason)


def delete_pages(ws: Workspace, session_id: int, page_ids: list[int], reason: str = "deleted by the "
                                                                                    "officer") -> None:
    """Several pages taken out, one after another, each deletion audited (the captures stay)."""
    store = SessionStore(ws)
    for pid in page_ids:
        store.delete_page(session_id, pid, reason=reason)


def declare_sheets(ws: Workspace, session_id: int, sheets: int) -> None:
    """The officer corrects the number of sheets handed in (audited); the count rule follows it."""
    if not 1 <= sheets <= 10000:
        raise InvalidInput(f"{sheets} is not a number of sheets", f"{sheets} không phải số tờ hợp lệ")
    SessionStore(ws).update(session_id, declared_sheets=sheets)


def restore_pages(ws: Workspace, session_id: int, page_ids: list[int]) -> None:
    """Undo the officer's last deletion: the pages come back at their places (audited)."""
    SessionStore(ws).restore_pages(session_id, page_ids)


def last_batch_sheet(ws: Workspace, session_id: int) -> int | None:
    """The first sheet of the session's last batch (None: no batch was scanned yet)."""
    return SessionStore(ws).last_batch_sheet(session_id)


def discard_last_batch(ws: Workspace, session_id: int) -> int:
    """"Scan this batch again": the pages of the last batch leave the session (audited, the
    captures stay in the store) and the next batch starts at that batch's first sheet. Returns
    the sheet to reload."""
    store = SessionStore(ws)
    sheet = store.last_batch_sheet(session_id)
    if sheet is None:
        raise InvalidInput(f"Scan session {session_id} has no batch to scan again",
                           "Phiên quét này chưa có lượt quét nào để quét lại")
    store.discard_from_sheet(session_id, sheet, reason="batch discarded to be scanned again")
    return sheet


def reorder_pages(ws: Workspace, session_id: int, page_ids: list[int]) -> None:
    SessionStore(ws).reorder(session_id, page_ids)


def override_finding(ws: Workspace, session_id: int, finding_key: str, reason: str) -> None:
    """Let a blocking finding pass, with the officer's reason (audited)."""
    SessionStore(ws).override(session_id, finding_key, reason)


def import_files(ws: Workspace, session_id: int, files: list[Path]) -> list[PageRow]:
    """Captures from a large-format scanner or a camera (maps, drawings), added as pages."""
    store = SessionStore(ws)
    rows = []
    next_sheet = store.get(session_id).next_sheet
    for i, f in enumerate(files):
        for loaded in iter_pages(f):  # one frame in memory at a time
            if not loaded.dpi:
                raise InvalidInput(f"{f.name}: the file records no resolution; give it at scan time",
                                   f"{f.name}: tệp không ghi độ phân giải (dpi)")
            rows.append(store.add_page(session_id,
                                       ScannedPage(loaded.array, loaded.dpi, next_sheet + i, "front",
                                                                {"file": f.name})))
    store.update(session_id, next_sheet=next_sheet + len(files))
    return rows


def session_qc(ws: Workspace, session_id: int, cfg: QcConfig | None = None, *,
               thorough_integrity: bool = True) -> QcReport:
    """The session's findings. ``thorough_integrity=False`` re-hashes only the captures whose file
    changed since this process last checked them (the Scan screen, on every page arrival);
    building a PDF always re-hashes every capture."""
    store = SessionStore(ws)
    s = store.get(session_id)
    pages = store.pages(session_id)
    known = store.page_numbers([p.sha256 for p in pages])
    facts = SessionFacts(duplex=s.duplex, declared_sheets=s.declared_sheets, backs_dropped=s.backs_dropped,
                         simplex_confirmed=s.simplex_confirmed,
                         integrity_failures=tuple(store.integrity_failures(session_id,
                                                                           thorough=thorough_integrity)),
                         page_numbers={i + 1: found for i, p in enumerate(pages)
                                       if (found := known.get(p.sha256)) is not None},
                         same_capture=_same_capture(pages))
    measures = [p.measures for p in pages if p.measures is not None]
    findings = evaluate(measures, facts, cfg)
    overridden = store.overrides(session_id)
    return QcReport(session_id, pages, findings, overridden, verdict(findings, set(overridden)))


def _same_capture(pages: list[PageRow]) -> dict[int, int]:
    first: dict[str, int] = {}
    out: dict[int, int] = {}
    for i, p in enumerate(pages):
        if p.sha256 in first:
            out[i] = first[p.sha256]
        else:
            first[p.sha256] = i
    return out


def read_page_numbers(ws: Workspace, session_id: int, *, progress: Callable[[int, int], None] | None = None,
                      cancel: threading.Event | None = None) -> int:
    """Read the printed page numbers of the session's pages not read yet (Tesseract, Vietnamese),
    for the order rule. Runs after a batch, not during it: OCR costs 0.3-1.5 s a page. Two pages
    at a time (one Tesseract thread each). Without Tesseract, returns 0 and the order rule keeps
    feed order. Returns how many pages were read."""
    if not pagenum.available():
        return 0
    store = SessionStore(ws)
    pages = store.pages(session_id)
    known = store.page_numbers([p.sha256 for p in pages])
    # Blank captures carry no number (a page with only its number is not blank).
    todo = list({p.sha256: p for p in pages
                 if p.sha256 not in known and not (p.measures is not None and p.measures.blank)}.values())
    if not todo:
        return 0

    def read(page: PageRow) -> tuple[PageRow, tuple[int, int | None] | None]:
        if cancel is not None and cancel.is_set():
            raise _Cancelled
        return page, pagenum.read_page_number(store.image(page), page.dpi)

    done = 0
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="page-number-ocr") as pool:
        try:
            for page, found in pool.map(read, todo):
                store.record_page_number(page.sha256, found)
                done += 1
                if progress:
                    progress(done, len(todo))
        except _Cancelled:
            log.info("Page-number reading cancelled after %d of %d pages", done, len(todo))
    return done


class _Cancelled(Exception):
    pass


def drop_blank_backs(ws: Workspace, session_id: int) -> int:
    """When every back is blank: drop them all at once (audited). Refused otherwise."""
    store = SessionStore(ws)
    s = store.get(session_id)
    pages = store.pages(session_id)
    backs = [p for p in pages if p.side == "back"]
    if not s.duplex or not backs or not all(p.measures and p.measures.blank for p in backs):
        raise InvalidInput("Backs can be dropped only when every back is blank",
                           "Chỉ bỏ mặt sau khi mọi mặt sau đều trắng")
    for p in backs:
        store.delete_page(session_id, p.id, reason="all backs blank")
    store.update(session_id, backs_dropped=True)
    return len(backs)


@contextmanager
def hashed_snapshot(ws: Workspace, images: list[Path]) -> Iterator[list[Path]]:
    """Private copies of the page files for the PDF builder, each captured page re-hashed as it is
    read: what goes into the PDF is exactly what was checked, even if a file is swapped while the
    build runs. Pages not from the workspace's store (given by path) are copied as they are.
    Raises IntegrityError for a capture that changed or disappeared."""
    snap = ws.tmp_dir / f"pages-{uuid.uuid4().hex}"
    snap.mkdir(parents=True)
    try:
        out = []
        for i, path in enumerate(images):
            target = snap / f"{i:05d}{path.suffix}"
            sha = path.stem
            if len(sha) == 64 and ws.blobs.path(sha, path.suffix.lstrip(".")) == path:
                target.write_bytes(ws.blobs.read_verified(sha, path.suffix.lstrip("."),
                                                          what=f"page {i + 1}", what_vi=f"trang {i + 1}"))
            else:
                shutil.copyfile(path, target)
            out.append(target)
        yield out
    finally:
        shutil.rmtree(snap, ignore_errors=True)


def component_pages(ws: Workspace, dossier_no: str, component_id: str) -> list[Path]:
    """Page files of the component's latest session, in order, after checking their hashes."""
    store = SessionStore(ws)
    s = store.latest_for(dossier_no, component_id)
    if s is None:
        return []
    report = session_qc(ws, s.id)
    if report.blocking:
        first = report.blocking[0]
        raise InvalidInput(f"Quality errors must be fixed or overridden first: {first.message_en}",
                           f"Cần xử lý lỗi chất lượng trước khi tạo PDF: {first.message_vi}")
    return [ws.blobs.path(p.sha256, "png") for p in report.pages]
