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
from pathlib import Path

from app.domain.errors import InvalidInput, OperationFailed
from app.domain.records import ComponentState, DocumentRecord, DocumentSource
from app.scan.driver import ScannedPage, ScanSettings
from app.scan.imageio import iter_pages
from app.scan.session import SessionStore
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
        raise InvalidInput(f"{path.name}: file too large ({size // 1024**2} MB, at most {MAX_FILE_BYTES // 1024**2} MB)",
                           f"{path.name}: tệp quá lớn ({size // 1024**2} MB, tối đa {MAX_FILE_BYTES // 1024**2} MB)")
    with path.open("rb") as f:
        head = f.read(1024)
    return "pdf" if b"%PDF-" in head else "image"


def _session(ws: Workspace, store: SessionStore, dossier_no: str, component_id: str, sid: int | None) -> int:
    if sid is not None:
        return sid
    return store.open(device=IMPORT_DEVICE, settings=ScanSettings(), dossier_no=dossier_no, component_id=component_id).id


def _pdf_pages(path: Path, tmp: Path, cancel: threading.Event | None) -> list[tuple[Path, int, bool]]:
    """(image file, dpi, lossless) of every page of an unsigned PDF, in order."""
    import pikepdf
    from pikepdf import PdfImage

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
            if len(images) == 1 and width_pt > 0:  # a scanned page (an invisible text layer is dropped)
                try:
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
        raise OperationFailed("pdftoppm (poppler-utils) is not installed", "Máy chưa cài poppler-utils (pdftoppm)")
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
    from app.services.reuse import require_checked
    from app.sign.verify import INVALID, verify_pdf

    dossier = ws.dossiers.get(dossier_no)
    if dossier.component(component_id) is None:
        raise InvalidInput(f"Dossier {dossier_no} has no component '{component_id}'",
                           f"Hồ sơ {dossier_no} không có thành phần '{component_id}'")
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
        report = verify_pdf(data, trust_dir=Path(ws.settings.trust_dir) if ws.settings.trust_dir else None, name=f.name)
        if report.signed:
            if report.status == INVALID:
                raise InvalidInput(f"{f.name}: the signed PDF does not verify: {report.message_en}",
                                   f"{f.name}: tệp PDF đã ký nhưng chữ ký không hợp lệ: {report.message_vi}")
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
            result.files.append(ImportedFile(f.name, "signed_pdf", 0, 0, report.status, report.message_vi,
                                             report.message_en, doc.id))
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
