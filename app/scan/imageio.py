"""Reading page images safely: every failure names the file and says why, in both languages.
CMYK, 16-bit, palette and alpha images are converted to 8-bit colour; a multi-page TIFF gives
several pages."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageSequence, UnidentifiedImageError

from app.domain.errors import InvalidInput

MAX_PIXELS = 250_000_000  # 20000 x 12500; beyond that a "page" is not a page
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


class UnreadableImage(InvalidInput):
    def __init__(self, path: Path, why_en: str, why_vi: str) -> None:
        super().__init__(f"{path.name}: {why_en}", f"{path.name}: {why_vi}")
        self.path = path


@dataclass(frozen=True)
class LoadedPage:
    array: np.ndarray  # uint8, BGR (colour) or 2-D gray
    dpi: int  # 0 when the file records none
    converted_from: str = ""  # original mode when it had to be converted (e.g. CMYK, I;16)


def _to_array(img: Image.Image) -> tuple[np.ndarray, str]:
    mode = img.mode
    converted = ""
    if mode in ("I;16", "I;16B", "I;16L", "I"):
        arr = np.asarray(img, dtype=np.uint32)
        arr = (arr >> 8).astype(np.uint8) if arr.max() > 255 else arr.astype(np.uint8)
        return arr, mode
    if mode == "1":
        return (np.asarray(img, dtype=np.uint8) * 255), mode
    if mode == "L":
        return np.asarray(img), ""
    if mode in ("RGBA", "LA", "PA") or (mode == "P" and "transparency" in img.info):
        bg = Image.new("RGB", img.size, (255, 255, 255))
        bg.paste(img.convert("RGBA"), mask=img.convert("RGBA").split()[-1])
        img, converted = bg, mode
    elif mode != "RGB":
        img, converted = img.convert("RGB"), mode
    rgb = np.asarray(img)
    return np.ascontiguousarray(rgb[..., ::-1]), converted


def load_pages(path: Path | str) -> list[LoadedPage]:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise UnreadableImage(path, "file not found", "không tìm thấy tệp") from exc
    except OSError as exc:
        raise UnreadableImage(path, f"cannot be read ({exc.strerror})", f"không đọc được ({exc.strerror})") from exc
    if not data:
        raise UnreadableImage(path, "the file is empty (0 bytes)", "tệp rỗng (0 byte)")
    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.width * img.height > MAX_PIXELS:
                raise UnreadableImage(path, f"image is too large ({img.width} x {img.height} px)",
                                      f"ảnh quá lớn ({img.width} x {img.height} điểm ảnh)")
            pages = []
            for frame in ImageSequence.Iterator(img):
                frame.load()
                dpi = frame.info.get("dpi") or img.info.get("dpi")
                arr, conv = _to_array(frame)
                pages.append(LoadedPage(arr, round(float(dpi[0])) if dpi and float(dpi[0]) > 1 else 0, conv))
            return pages
    except UnreadableImage:
        raise
    except Image.DecompressionBombError as exc:
        raise UnreadableImage(path, "image is too large to be a page", "ảnh quá lớn, không phải trang tài liệu") from exc
    except UnidentifiedImageError as exc:
        raise UnreadableImage(path, "not an image file", "không phải tệp ảnh") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise UnreadableImage(path, f"the image is damaged or truncated ({exc})", "ảnh bị hỏng hoặc không đầy đủ") from exc
