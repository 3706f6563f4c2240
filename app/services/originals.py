"""Originals that are not sheets of paper (issue 20): files the citizen brings on a USB stick or
that arrive by e-mail (images, PDFs, large-format drawings scanned elsewhere).

- Images go into a session of the component as pages and through the same QC rules as scans.
- A PDF without a signature keeps its pages: a page that is one image is taken out losslessly
  (its own pixels, no re-rendering); any other page is rendered by poppler at 200 dpi.
- A signed PDF is verified, not rasterised: it is kept as the signed original with its verdict
  (a broken signature is refused with the reason).

Every file is bounded before it is read (bytes, pages; images by the pixel budget of
``app.scan.imageio``), and the warehouse is checked first for a reusable component."""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import cv2
import numpy as np

from app.domain.codes import vn_now
from app.domain.errors import InvalidInput, OperationFailed
from app.domain.records import ComponentState, DocumentRecord, DocumentSource
from app.scan.driver import ScannedPage, ScanSettings
from app.scan.imageio import iter_pages
from app.scan.session import SessionStore
from app.sign.verify import INVALID, verify_pdf
from app.store.workspace import Workspace

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 256 * 1024**2  # one imported file
MAX_PDF_PAGES = 300
RENDER_DPI = 200
IMPORT_DEVICE = "import"


@dataclass
class ImportedFile:
    name: str
    kind: str  # image | pdf | signed_pdf
    pages: int = 0
    lossless_pages: int = 0  # PDF pages taken out as their own image
    signature_status: str = ""  # VALID / INDETERMINATE for a signed PDF
    signature_vi: str = ""
    signature_en: str = ""
    document_id: int | None = None


@dataclass
class ImportResult:
    dossier_no: str
    component_id: str
    session_id: int | None = None
    files: list[ImportedFile] = field(default_factory=list)


def _sniff(path: Path) -> str:
    if not path.is_file():
        raise InvalidInput(f"{path.name}: no such file", f"{path.name}: không có tệp này")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InvalidInput(f"{path.name}: file too large ({size // 1024**2} MB, at most "
                           f"{MAX_FILE_BYTES // 1024**2} MB)",
                           f"{path.name}: tệp quá lớn ({size // 1024**2} MB, tối đa "
                           f"{MAX_FILE_BYTES // 1024**2} MB)")
    with path.open("rb") as f:
        head = f.read(1024)
    return "pdf" if b"%PDF-" in head else "image"


def _session(ws: Workspace, store: SessionStore, dossier_no: str, component_id: str, sid: int | None) -> int:
    if sid is not None:
        return sid
    return store.open(device=IMPORT_DEVICE, settings=ScanSettings(), dossier_no=dossier_no,
                      component_id=component_id).id


def _pdf_pages(path: Path, tmp: Path, cancel: threading.Event | None) -> list[tuple[Path, int, bool]]:
    """(image file, dpi, lossless) of every page of an unsigned PDF, in order."""
    import pikepdf  # noqa: PLC0415 - the counter's first window does not pay for PDF parsing
    from pikepdf import PdfImage  # noqa: PLC0415 - idem

    out: list[tuple[Path, int, bool]] = []
    with pikepdf.open(path) as pdf:
        if len(pdf.pages) > MAX_PDF_PAGES:
            raise InvalidInput(f"{path.name}: {len(pdf.pages)} pages, at most {MAX_PDF_PAGES}",
                               f"{path.name}: {len(pdf.pages)} trang, tối đa {MAX_PDF_PAGES} trang")
        for i, page in enumerate(pdf.pages):
            if cancel is not None and cancel.is_set():
                raise InvalidInput("Import cancelled", "Đã hủy nhập tệp")
            images = list(page.images.values())
            width_pt = float(page.mediabox[2]) - float(page.mediabox[0])
            if len(images) == 1 and width_pt > 0 and isinstance(images[0], pikepdf.Stream):  # a scanned page
                try:  # (an invisible text layer is dropped)
                    img = PdfImage(images[0])
                    stem = tmp / f"page-{i:04d}"
                    written = Path(img.extract_to(fileprefix=str(stem)))
                    dpi = max(1, round(img.width / (width_pt / 72)))
                    out.append((written, dpi, True))
                    continue
                except Exception as exc:  # noqa: BLE001 - an image pikepdf cannot take out is rendered instead
                    log.info("Page %d of an imported PDF rendered instead: %s", i + 1, type(exc).__name__)
            out.append((_render(path, i + 1, tmp), RENDER_DPI, False))
    return out


def _render(path: Path, page: int, tmp: Path) -> Path:
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise OperationFailed("pdftoppm (poppler-utils) is not "
                              "installed", "Máy chưa cài poppler-utils (pdftoppm)")
    prefix = tmp / f"render-{page:04d}"
    try:
        subprocess.run([exe, "-png", "-r", str(RENDER_DPI), "-f", str(page), "-l", str(page), "-singlefile",
                        str(path), str(prefix)], check=True, capture_output=True, timeout=120)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        raise InvalidInput(f"{path.name}: page {page} cannot be rendered ({type(exc).__name__})",
                           f"{path.name}: không đọc được trang {page}") from exc
    return prefix.with_suffix(".png")


def import_originals(ws: Workspace, dossier_no: str, component_id: str, files: list[Path], *,
                     default_dpi: int | None = None, cancel: threading.Event | None = None) -> ImportResult:
    """Import ``files`` as the originals of a component (see the module's docstring)."""
    dossier = ws.dossiers.get(dossier_no)
    if dossier.component(component_id) is None:
        raise InvalidInput(f"Dossier {dossier_no} has no component '{component_id}'",
                           f"Hồ sơ {dossier_no} không có thành phần '{component_id}'")
    from app.services.reuse import require_checked  # noqa: PLC0415 - the PDF stack, loaded on the first import

    require_checked(ws, dossier_no, component_id)  # warehouse first
    kinds = [_sniff(Path(f)) for f in files]  # every bound checked before anything is stored
    store = SessionStore(ws)
    result = ImportResult(dossier_no, component_id)
    sid: int | None = None
    for f, kind in zip(map(Path, files), kinds, strict=True):
        if cancel is not None and cancel.is_set():
            break
        if kind == "image":
            sid = _session(ws, store, dossier_no, component_id, sid)
            sheet = store.get(sid).next_sheet
            n = 0
            for loaded in iter_pages(f):  # one frame in memory at a time, pixel budget checked first
                dpi = loaded.dpi or default_dpi
                if not dpi:
                    raise InvalidInput(f"{f.name}: the file records no resolution; give it with --dpi",
                                       f"{f.name}: tệp không ghi độ phân giải (dpi); hãy nhập độ phân giải")
                store.add_page(sid, ScannedPage(loaded.array, dpi, sheet + n, "front", {"file": f.name}))
                n += 1
            store.update(sid, next_sheet=sheet + n)
            result.files.append(ImportedFile(f.name, "image", n))
            continue
        data = f.read_bytes()
        report = verify_pdf(data, trust_dir=Path(ws.settings.trust_dir) if ws.settings.trust_dir else None,
                            name=f.name)
        if report.signed:
            if report.status == INVALID:
                raise InvalidInput(f"{f.name}: the signed PDF does not verify: {report.message.en}",
                                   f"{f.name}: tệp PDF đã ký nhưng chữ ký không hợp lệ: {report.message.vi}")
            blob = ws.blobs.put_bytes(data, "pdf")
            with ws.db.transaction() as conn:
                doc = ws.documents.add(conn, DocumentRecord(
                    dossier_no, component_id, 0, DocumentSource.FILE, blob.sha256, signed_sha256=blob.sha256,
                    type_code=dossier.component(component_id).doc_type,  # type: ignore[union-attr]
                    metadata={"file": f.name, "signature_status": report.status,
                              "signer": report.signatures[0].signer if report.signatures else ""}))
                ws.audit.append(conn, "document.import", actor=ws.actor, dossier=dossier_no,
                                objects={"pdf": blob.sha256},
                                details={"component": component_id, "file": f.name, "signed": True,
                                         "signature_status": report.status})
            ws.dossiers.set_component_state(dossier_no, component_id, ComponentState.SIGNED, actor=ws.actor,
                                            details={"imported_signed_pdf": f.name})
            result.files.append(ImportedFile(f.name, "signed_pdf", 0, 0, report.status, report.message.vi,
                                             report.message.en, doc.id))
            continue
        sid = _session(ws, store, dossier_no, component_id, sid)
        with tempfile.TemporaryDirectory(dir=ws.tmp_dir, prefix="import-") as tmp:
            pages = _pdf_pages(f, Path(tmp), cancel)
            sheet = store.get(sid).next_sheet
            for i, (img, dpi, _lossless) in enumerate(pages):
                for loaded in iter_pages(img):
                    store.add_page(sid, ScannedPage(loaded.array, dpi, sheet + i, "front",
                                                    {"file": f.name, "page": str(i + 1)}))
            store.update(sid, next_sheet=sheet + len(pages))
        result.files.append(ImportedFile(f.name, "pdf", len(pages), sum(1 for p in pages if p[2])))
    result.session_id = sid
    if sid is not None:
        ws.dossiers.set_component_state(dossier_no, component_id, ComponentState.SCANNED, actor=ws.actor,
                                        details={"imported": [x.name for x in result.files]})
    return result


# --- special originals (seed 002) ------------------------------------------------------------------
class SpecialKind(StrEnum):
    GLOSSY = "glossy"  # a glossy photograph: scanned, then the enhancement profile; the capture is kept
    FRAGILE = "fragile"  # too fragile to feed or press: declined, with the reason on the receipt
    AUDIO_VISUAL = "audio_visual"  # tape, disc, film: recorded as received, not digitized


RECEIPT_NOTE_VI = {
    SpecialKind.FRAGILE: "không số hóa, bản gốc dễ hư hỏng: {reason}",
    SpecialKind.AUDIO_VISUAL: "đã nhận tài liệu nghe nhìn, không số hóa{reason_sep}{reason}",
    SpecialKind.GLOSSY: "ảnh bóng, số hóa với chế độ tăng cường ảnh",
}


def record_special(ws: Workspace, dossier_no: str, component_id: str, kind: SpecialKind,
                   reason: str = "") -> None:
    """Record a special original (audited). Fragile and audio-visual originals are not digitized:
    the component leaves the scanning path and the receipt says why."""
    comp = ws.dossiers.get(dossier_no).component(component_id)
    if comp is None:
        raise InvalidInput(f"Dossier {dossier_no} has no component '{component_id}'",
                           f"Hồ sơ {dossier_no} không có thành phần '{component_id}'")
    reason = reason.strip()
    if kind is SpecialKind.FRAGILE and len(reason) < 5:
        raise InvalidInput("Declining a fragile original needs the reason (shown on the receipt)",
                           "Từ chối số hóa bản gốc dễ hư hỏng cần ghi lý do (in trên giấy tiếp nhận)")

    with ws.db.transaction() as conn:
        conn.execute("INSERT OR REPLACE INTO special_originals(dossier_no, component_id, kind, reason, "
                     "actor, at) "
                     "VALUES (?,?,?,?,?,?)", (dossier_no, component_id, kind.value, reason, ws.actor,
                                              vn_now().isoformat(timespec="seconds")))
        ws.audit.append(conn, "original.special", actor=ws.actor, dossier=dossier_no,
                        details={"component": component_id, "kind": kind.value, "reason": reason})
    if kind is not SpecialKind.GLOSSY:
        ws.dossiers.set_component_state(dossier_no, component_id, ComponentState.NOT_PROVIDED, actor=ws.actor,
                                        details={"special": kind.value,
                                                 "not_digitized": reason or kind.value})


def specials(ws: Workspace, dossier_no: str) -> dict[str, tuple[SpecialKind, str]]:
    with ws.db.read() as conn:
        return {r["component_id"]: (SpecialKind(r["kind"]), r["reason"]) for r in conn.execute(
            "SELECT component_id, kind, reason FROM special_originals WHERE dossier_no = ?", (dossier_no,))}


def receipt_note(kind: SpecialKind, reason: str) -> str:
    return RECEIPT_NOTE_VI[kind].format(reason=reason, reason_sep=": " if reason else "")


def enhance_glossy(ws: Workspace, session_id: int, page_id: int) -> int:
    """The glossy-photo profile: specular highlights (bright, colourless spots) are filled from
    their surroundings and the local contrast is evened out (CLAHE on lightness). The result
    replaces the page in the session; the capture itself is kept (audited). Returns the new page id."""
    store = SessionStore(ws)
    page = next((p for p in store.pages(session_id) if p.id == page_id), None)
    if page is None:
        raise InvalidInput(f"Page {page_id} is not in session "
                           f"{session_id}", f"Trang {page_id} không thuộc phiên quét")
    img = store.image(page)
    colour = img.ndim == 3
    hsv = cv2.cvtColor(img, cv2.COLOR_BGR2HSV) if colour else None
    bright = (hsv[:, :, 2] >= 245) & (hsv[:, :, 1] <= 30) if hsv is not None else img >= 245
    # glare is a blob inside the photo, not the white paper around it: keep spots away from the border
    mask = cv2.dilate(bright.astype(np.uint8) * 255, np.ones((5, 5), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask)
    h, w = mask.shape
    keep = np.zeros_like(mask)
    for i in range(1, n):
        x, y, bw, bh, area = stats[i]
        if x > 0 and y > 0 and x + bw < w and y + bh < h and area < 0.05 * h * w:
            keep[labels == i] = 255
    out = cv2.inpaint(img, keep, 5, cv2.INPAINT_TELEA) if keep.any() else img.copy()
    clahe = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8))
    if colour:
        lab = cv2.cvtColor(out, cv2.COLOR_BGR2LAB)
        lab[:, :, 0] = clahe.apply(lab[:, :, 0])
        out = cv2.cvtColor(lab, cv2.COLOR_LAB2BGR)
    else:
        out = clahe.apply(out)
    row = store.add_page(session_id, ScannedPage(out, page.dpi, page.sheet, page.side), derived_from=page.id,
                         transform="enhance:glossy", replace_page=page.id)
    return int(row.id)
