"""Visible signature appearances.

- ``officer``: a box with the signer's name, title and signing time, over an optional
  handwritten-signature image (bottom right of the last page).
- ``copy``: the certified electronic copy of Decree 30/2020 art. 25.1.c: top right of page 1,
  no seal image, text only in a Times-compatible serif 10 pt, black, upright: the copy type
  (SAO Y / SAO LỤC / TRÍCH SAO), the copying agency and the signing time in ISO 8601 with the
  Vietnam offset (2024-06-12T09:15:02+07:00).
- ``agency``: the agency's red seal at actual size overlapping the left third of the signer's
  signature image (the seal alone when there is no signature image).
- ``copy`` with a seal image (``motcua sign --copy-stamp ... --seal IMAGE``): the agency's seal
  at actual size at the left of the copy stamp's text.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from app.domain.errors import InvalidInput
from app.resources import resource

PT_PER_MM = 72 / 25.4
MARGIN = 10 * PT_PER_MM


class CopyKind(StrEnum):
    SAO_Y = "sao-y"
    SAO_LUC = "sao-luc"
    TRICH_SAO = "trich-sao"

    @property
    def text(self) -> str:
        return {"sao-y": "SAO Y", "sao-luc": "SAO LỤC", "trich-sao": "TRÍCH SAO"}[self.value]


class AppearanceKind(StrEnum):
    INVISIBLE = "invisible"
    OFFICER = "officer"
    COPY = "copy"
    AGENCY = "agency"


@dataclass(frozen=True)
class AppearanceOptions:
    kind: AppearanceKind = AppearanceKind.OFFICER
    signer_name: str = ""
    signer_title: str = ""
    copy_kind: CopyKind = CopyKind.SAO_Y
    agency_name: str = ""
    signature_image: Path | None = None  # transparent PNG of the handwritten signature
    seal_image: Path | None = None  # transparent PNG of the red seal, at its physical dpi


def serif_font() -> Path:
    return resource("fonts", "LiberationSerif-Regular.ttf")


def copy_stamp_text(kind: CopyKind, agency: str, when: datetime) -> str:
    return f"{kind.text}\n{agency}\n{when.isoformat(timespec='seconds')}"


def officer_text(name: str, title: str, when: datetime) -> str:
    lines = [f"Ký bởi: {name}"]
    if title:
        lines.append(f"Chức vụ: {title}")
    lines.append(f"Thời gian ký: {when.isoformat(timespec='seconds')}")
    return "\n".join(lines)


def _clamp(box: tuple[float, float, float, float], page_w: float, page_h: float) -> tuple[int, int, int, int]:
    x1, y1, x2, y2 = box
    w, h = x2 - x1, y2 - y1
    if w > page_w:
        x1, x2 = 0, page_w
    elif x1 < 0:
        x1, x2 = 0, w
    if h > page_h:
        y1, y2 = 0, page_h
    elif y1 < 0:
        y1, y2 = 0, h
    return round(x1), round(y1), round(x2), round(y2)


def copy_stamp_box(page_w: float, page_h: float) -> tuple[int, int, int, int]:
    """Top right of the page: 70 mm x 18 mm inside a 10 mm margin."""
    w, h = 70 * PT_PER_MM, 18 * PT_PER_MM
    return _clamp((page_w - MARGIN - w, page_h - MARGIN - h, page_w - MARGIN, page_h - MARGIN), page_w,
                  page_h)


def officer_box(page_w: float, page_h: float) -> tuple[int, int, int, int]:
    w, h = 75 * PT_PER_MM, 25 * PT_PER_MM
    return _clamp((page_w - MARGIN - w, MARGIN, page_w - MARGIN, MARGIN + h), page_w, page_h)


MAX_SEAL_PX = 4000  # a seal or signature image larger than this (per side) is refused


def seal_image(seal: Path) -> tuple[bytes, tuple[float, float]]:
    """The seal alone at its physical size: the PNG and its size in points."""
    try:
        with Image.open(seal) as img:
            _check_size(img, seal)
            dpi = float(img.info.get("dpi", (300, 300))[0]) or 300.0
            rgba = img.convert("RGBA")
    except (UnidentifiedImageError, OSError) as exc:
        raise InvalidInput(f"{seal.name}: not a readable seal image ({exc})",
                           f"{seal.name}: không đọc được ảnh con dấu ({exc})") from exc
    buf = io.BytesIO()
    rgba.save(buf, "PNG", dpi=(dpi, dpi))
    return buf.getvalue(), (rgba.width / dpi * 72, rgba.height / dpi * 72)


def _check_size(img: Image.Image, path: Path) -> None:
    if img.width > MAX_SEAL_PX or img.height > MAX_SEAL_PX:
        raise InvalidInput(f"{path.name}: image larger than {MAX_SEAL_PX} px per side",
                           f"{path.name}: ảnh lớn hơn {MAX_SEAL_PX} điểm ảnh mỗi chiều")


def seal_over_signature(signature: Path | None, seal: Path) -> tuple[bytes, tuple[float, float]]:
    """Compose the seal over the left third of the signature image, both at their physical
    size (the seal alone without a signature image). Returns the PNG and its size in points."""
    if signature is None:
        return seal_image(seal)
    with Image.open(signature) as sig_img, Image.open(seal) as seal_img:
        _check_size(sig_img, signature)
        _check_size(seal_img, seal)
        sig = sig_img.convert("RGBA")
        sl = seal_img.convert("RGBA")
        sig_dpi = float(sig_img.info.get("dpi", (300, 300))[0]) or 300.0
        seal_dpi = float(seal_img.info.get("dpi", (300, 300))[0]) or 300.0
    if abs(seal_dpi - sig_dpi) > 0.5:  # bring the seal to the signature's dpi, keeping physical size
        sl = sl.resize((round(sl.width * sig_dpi / seal_dpi), round(sl.height * sig_dpi / seal_dpi)))
    # The seal's right edge lands one third into the signature: it overlaps the left third.
    offset = max(0, sl.width - sig.width // 3)
    width = max(offset + sig.width, sl.width)
    height = max(sig.height, sl.height)
    canvas = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    canvas.alpha_composite(sig, (offset, (height - sig.height) // 2))
    canvas.alpha_composite(sl, (0, (height - sl.height) // 2))
    buf = io.BytesIO()
    canvas.save(buf, "PNG", dpi=(sig_dpi, sig_dpi))
    return buf.getvalue(), (width / sig_dpi * 72, height / sig_dpi * 72)
