"""Archival PDF from page images.

- ``lossless`` (default): every image is embedded as it was captured (img2pdf: PNG/TIFF as
  Flate with the same pixels, JPEG as is); nothing of the original is thrown away.
- ``compact``: re-encoded as JPEG at a chosen quality for size-capped uploads.
- ``mrc``: mixed raster content (``app.sign.mrc``): a lossless 1-bit G4 text layer over a
  low-resolution JPEG background, ink colour kept; about a tenth of ``compact``, for portals.
Page size equals the physical size at each image's recorded dpi (100% scale). The Decree 30
Appendix VI document fields go into the Info dictionary and into XMP (namespaces ``nd30`` and
``nd30hs`` for the dossier, declared in a PDF/A extension schema: ``app.sign.xmp``), also in
PDF/A-2b output.
"""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
import tempfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import img2pdf
import numpy as np
import pikepdf
from PIL import Image, UnidentifiedImageError

from app.domain.errors import InvalidInput, OperationFailed
from app.domain.nd30 import DOCUMENT_FIELDS
from app.sign import mrc
from app.sign.xmp import read_nd30, with_nd30
from app.store.blobs import write_durably

log = logging.getLogger(__name__)

ND30_NS = "http://motcua.vn/ns/nd30/1.0/"  # = app.domain.nd30.DOCUMENT_NS
MIN_DPI = 200


class Profile(StrEnum):
    LOSSLESS = "lossless"
    COMPACT = "compact"
    MRC = "mrc"


@dataclass(frozen=True)
class PdfOptions:
    profile: Profile = Profile.LOSSLESS
    jpeg_quality: int = 80
    title: str = ""
    author: str = ""
    subject: str = ""
    metadata: dict[str, str] = field(default_factory=dict)  # ND30 fields, dossier number, document code
    default_dpi: int | None = None  # used only when an image records no dpi
    ocr: bool = False  # invisible Tesseract text layer (Vietnamese); the page images stay as captured
    ocr_lang: str = "vie"
    pdfa: bool = False  # PDF/A-2b (validated by pikepdf on write; the ND30 XMP is added after it)
    dossier_metadata: dict[str, str] = field(default_factory=dict)  # ND30 dossier fields (XMP nd30hs)


@dataclass(frozen=True)
class BuiltPdf:
    path: Path
    pages: int
    size: int
    page_sizes_mm: tuple[tuple[float, float], ...]


def _image_dpi(img: Image.Image, path: Path, default_dpi: int | None) -> int:
    dpi = img.info.get("dpi")
    value = round(float(dpi[0])) if dpi else 0
    if value <= 1:
        if default_dpi:
            return default_dpi
        raise InvalidInput(
            f"{path.name}: the image records no resolution; the PDF cannot be at 100% scale",
            f"{path.name}: ảnh không ghi độ phân giải (dpi); không thể tạo PDF đúng tỷ lệ 100%",
        )
    return value


def _prepare(path: Path, options: PdfOptions) -> tuple[bytes, tuple[float, float]]:
    try:
        with Image.open(path) as img:
            img.load()
            dpi = _image_dpi(img, path, options.default_dpi)
            size_mm = (img.width / dpi * 25.4, img.height / dpi * 25.4)
            if options.profile is Profile.COMPACT:
                rgb = img.convert("RGB") if img.mode not in ("RGB", "L") else img
                buf = io.BytesIO()
                rgb.save(buf, "JPEG", quality=options.jpeg_quality, dpi=(dpi, dpi), optimize=True)
                return buf.getvalue(), size_mm
            if img.format in ("PNG", "JPEG", "TIFF", "JPEG2000") and img.mode not in ("P", "RGBA", "LA",
                                                                                      "I;16"):
                data = path.read_bytes()
                if img.info.get("dpi") or img.format == "JPEG":
                    return data, size_mm
            # Normalise to a PNG that carries the dpi (lossless for every mode we accept).
            conv = img.convert("RGB") if img.mode in ("P", "RGBA", "LA", "CMYK") else img
            if conv.mode == "I;16":
                raise InvalidInput(f"{path.name}: 16-bit images are not "
                                   "supported", f"{path.name}: không hỗ trợ ảnh 16 bit")
            buf = io.BytesIO()
            conv.save(buf, "PNG", dpi=(dpi, dpi))
            return buf.getvalue(), size_mm
    except (UnidentifiedImageError, OSError) as exc:
        raise InvalidInput(f"{path.name}: not a readable image "
                           f"({exc})", f"{path.name}: không đọc được ảnh ({exc})") from exc


def _mrc_document(images: list[Path], options: PdfOptions) -> tuple[bytes, list[tuple[float, float]]]:
    """The pages as mixed raster content, one page per image at 100% scale."""
    doc = pikepdf.new()
    sizes: list[tuple[float, float]] = []
    for path in images:
        try:
            with Image.open(path) as img:
                img.load()
                dpi = _image_dpi(img, path, options.default_dpi)
                if img.mode == "I;16":
                    raise InvalidInput(f"{path.name}: 16-bit images are not supported",
                                       f"{path.name}: không hỗ trợ ảnh 16 bit")
                rgb = np.asarray(img.convert("RGB"))
        except (UnidentifiedImageError, OSError) as exc:
            raise InvalidInput(f"{path.name}: not a readable image ({exc})",
                               f"{path.name}: không đọc được ảnh ({exc})") from exc
        mrc.page_into(doc, mrc.encode(rgb, dpi))
        sizes.append((rgb.shape[1] / dpi * 25.4, rgb.shape[0] / dpi * 25.4))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue(), sizes


def build_pdf(images: Sequence[Path], out: Path, options: PdfOptions | None = None) -> BuiltPdf:
    """Build one PDF from ``images`` in order and write it durably to ``out``."""
    options = options or PdfOptions()
    if not images:
        raise InvalidInput("No page images to build a PDF from", "Không có trang nào để tạo PDF")
    if options.profile is Profile.MRC:
        raw, sizes_mm = _mrc_document([Path(p) for p in images], options)
    else:
        prepared = [_prepare(Path(p), options) for p in images]
        sizes_mm = [size for _, size in prepared]
        try:
            raw = img2pdf.convert([data for data, _ in prepared], rotation=img2pdf.Rotation.ifvalid)
        except Exception as exc:  # img2pdf raises several types
            raise OperationFailed(f"PDF building failed: {exc}", f"Không tạo được PDF: {exc}") from exc
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        if options.ocr:
            _add_text_layer(pdf, [Path(p) for p in images], out.parent, options)
        _apply_metadata(pdf, options)
        buf = io.BytesIO()
        if options.pdfa:
            from pikepdf import pdfa

            try:
                pdfa.save(pdf, buf, "2b")
            except Exception as exc:  # noqa: BLE001 - the validator's report
                raise OperationFailed(f"PDF/A-2b output failed validation: {exc}",
                                      "Không tạo được tệp PDF/A-2b hợp lệ") from exc
            buf = _pdfa_with_nd30(buf, options)
        else:
            pdf.save(buf, min_version="1.7", deterministic_id=True)
    data = buf.getvalue()
    write_durably(out, data)
    log.info("Built PDF %s: %d pages, %d bytes (%s)", out.name, len(sizes_mm), len(data), options.profile)
    return BuiltPdf(out, len(sizes_mm), len(data), tuple(sizes_mm))


def _apply_metadata(pdf: pikepdf.Pdf, options: PdfOptions) -> None:
    info = pdf.docinfo
    if options.title:
        info["/Title"] = options.title
    if options.author:
        info["/Author"] = options.author
    if options.subject:
        info["/Subject"] = options.subject
    info["/Producer"] = "Tram So hoa Mot cua (motcua-station)"
    for key, value in options.metadata.items():
        info[pikepdf.Name("/" + _pdf_key(key))] = str(value)
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        if options.pdfa:
            # pikepdf's PDF/A validator knows no XMP extension schema: the ND30 properties and
            # their schema are added after it passed (_pdfa_with_nd30).
            if options.title:
                meta["dc:title"] = options.title
            return
        if options.title:
            meta["dc:title"] = options.title
        if options.author:
            meta["dc:creator"] = [options.author]
        if options.subject:
            meta["dc:description"] = options.subject
        meta["pdf:Producer"] = "Tram So hoa Mot cua (motcua-station)"
    _write_nd30_xmp(pdf, options)


def _nd30_groups(options: PdfOptions) -> tuple[dict[str, str], dict[str, str]]:
    """The ND30 document fields of ``options.metadata`` and the other (processing) keys."""
    names = {f.name for f in DOCUMENT_FIELDS}
    document = {_pdf_key(k): str(v) for k, v in options.metadata.items() if _pdf_key(k) in names}
    extra = {_pdf_key(k): str(v) for k, v in options.metadata.items() if _pdf_key(k) not in names}
    return document, extra


def _write_nd30_xmp(pdf: pikepdf.Pdf, options: PdfOptions) -> None:
    document, extra = _nd30_groups(options)
    old = pdf.Root.Metadata.read_bytes() if "/Metadata" in pdf.Root else None
    dossier = {_pdf_key(k): str(v) for k, v in options.dossier_metadata.items()}
    stream = pdf.make_stream(with_nd30(old, document, dossier, extra))
    stream[pikepdf.Name.Type] = pikepdf.Name.Metadata
    stream[pikepdf.Name.Subtype] = pikepdf.Name.XML
    pdf.Root.Metadata = stream


def _pdfa_with_nd30(buf: io.BytesIO, options: PdfOptions) -> io.BytesIO:
    """A validated PDF/A-2b file with the ND30 XMP properties and their extension schema added."""
    if not options.metadata and not options.dossier_metadata:
        return buf
    buf.seek(0)
    out = io.BytesIO()
    with pikepdf.open(buf) as pdf:
        _write_nd30_xmp(pdf, options)
        pdf.save(out, deterministic_id=True)
    return out


def _add_text_layer(pdf: pikepdf.Pdf, images: list[Path], scratch_parent: Path, options: PdfOptions) -> None:
    """Overlay an invisible Tesseract text layer on each page, so the PDF is searchable while the
    page images stay exactly as captured."""
    if shutil.which("tesseract") is None:
        raise OperationFailed("Tesseract is not installed: no text "
                              "layer", "Chưa cài Tesseract: không tạo được lớp chữ (OCR)")
    scratch_parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".ocr-",
                                     dir=scratch_parent) as tmp:  # beside the output, not /tmp
        for index, (page, image) in enumerate(zip(pdf.pages, images, strict=True)):
            box = [float(v) for v in page.mediabox]
            with Image.open(image) as im:
                dpi = round(im.width * 72.0 / (box[2] - box[0]))
            base = Path(tmp) / f"p{index}"
            try:
                subprocess.run(["tesseract", str(image), str(base), "-l", options.ocr_lang, "--dpi", str(dpi),
                                "-c", "textonly_pdf=1", "pdf"], check=True, capture_output=True, timeout=300)
            except (OSError, subprocess.SubprocessError) as exc:
                raise OperationFailed(f"OCR failed on page {index + 1}: {exc}",
                                      f"Nhận dạng chữ (OCR) lỗi ở trang {index + 1}") from exc
            with pikepdf.open(base.with_suffix(".pdf")) as text_pdf:
                layer = pdf.copy_foreign(text_pdf.pages[0].as_form_xobject())
                page.add_overlay(layer, pikepdf.Rectangle(*box))


def _pdf_key(key: str) -> str:
    clean = "".join(ch for ch in key if ch.isalnum())
    if not clean:
        raise InvalidInput(f"Metadata key '{key}' is empty", f"Khóa siêu dữ liệu '{key}' trống")
    return clean


def read_xmp(path: Path, *, max_bytes: int | None = None) -> bytes | None:
    """The raw XMP packet of a PDF (None without one). Raises ValueError for a file that is not
    a readable PDF or a packet larger than ``max_bytes``."""
    try:
        with pikepdf.open(path) as pdf:
            if "/Metadata" not in pdf.Root:
                return None
            stream = pdf.Root.Metadata
            if not isinstance(stream, pikepdf.Stream):
                return None
            if max_bytes is not None and int(stream.get("/Length", 0)) > max_bytes:
                raise ValueError(f"XMP packet larger than {max_bytes} bytes")
            data = _bounded_stream_bytes(stream, max_bytes)
    except pikepdf.PdfError as exc:
        raise ValueError(str(exc)) from exc
    if max_bytes is not None and len(data) > max_bytes:  # a /Length that lied, or a filter that inflates
        raise ValueError(f"XMP packet larger than {max_bytes} bytes")
    return data


def _bounded_stream_bytes(stream: Any, max_bytes: int | None) -> bytes:
    """A stream's decoded bytes, inflating at most ``max_bytes`` (+1) of a Flate stream."""
    if max_bytes is None or "/Filter" not in stream:
        return bytes(stream.read_bytes())

    filters = stream.Filter if isinstance(stream.Filter, pikepdf.Array) else [stream.Filter]
    if [str(f) for f in filters] != ["/FlateDecode"] or "/DecodeParms" in stream:
        raise ValueError("XMP packet with an unsupported filter")
    return zlib.decompressobj().decompress(bytes(stream.read_raw_bytes()), max_bytes + 1)


def read_metadata(path: Path) -> dict[str, str]:
    """The ND30 document fields and our processing keys from a PDF's XMP (dossier fields:
    ``app.sign.xmp.read_nd30``)."""
    found = read_nd30(read_xmp(path))
    return {**found.extra, **found.document}
