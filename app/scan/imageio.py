"""Reading page images safely: every failure names the file and says why, in both languages.
CMYK, 16-bit, palette and alpha images are converted to 8-bit colour; a multi-page TIFF gives
several pages.

Memory is bounded whatever the file says: each frame's size is read from its header and checked
against a per-file budget of pixels summed over the frames *before* it is decoded; frames are
decoded one at a time (``iter_pages``), and conversions avoid holding several full copies. A
file beyond the budget is refused with "file too large", never decoded. Peak memory for one
frame at the budget is about 6 bytes a pixel (decoded frame + the 8-bit BGR array)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, UnidentifiedImageError

from app.domain.errors import InvalidInput

# Pixels per file, summed over its frames: an A1 sheet at 300 dpi (7016 x 9933 = 69.7 M) fits,
# so does a 70-page A4 TIFF at 200 dpi. At ~6 bytes a pixel while converting: ~430 MB at most.
MAX_PIXELS = 72_000_000
MAX_FRAMES = 1000
# PIL's own guard (raises beyond twice this) stays on as a second line behind ours.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


class UnreadableImage(InvalidInput):
    def __init__(self, path: Path, why_en: str, why_vi: str) -> None:
        super().__init__(f"{path.name}: {why_en}", f"{path.name}: {why_vi}")
        self.path = path


class ImageTooLarge(UnreadableImage):
    """The file would need more memory than any page may take (refused before decoding)."""


def _too_large(path: Path, detail_en: str, detail_vi: str) -> ImageTooLarge:
    limit = f"{MAX_PIXELS / 1e6:.0f}"
    return ImageTooLarge(path, f"file too large: {detail_en} (the limit is {limit} million pixels a file)",
                         f"tệp quá lớn: {detail_vi} (tối đa {limit} triệu điểm ảnh mỗi tệp); hãy quét lại "
                         "với độ phân giải thấp hơn hoặc tách thành nhiều tệp")


@dataclass(frozen=True)
class LoadedPage:
    array: np.ndarray  # uint8, BGR (colour) or 2-D gray
    dpi: int  # 0 when the file records none
    converted_from: str = ""  # original mode when it had to be converted (e.g. CMYK, I;16)


_STRIP = 256  # rows converted at a time


def _bgr_from_rgb(img: Image.Image) -> np.ndarray:
    """RGB PIL image -> BGR array, strip by strip: PIL's own raw packer writes BGR, and no full
    intermediate copy is made (PIL holds 4 bytes a pixel; a whole tobytes() would add 3 more)."""
    w, h = img.size
    out = np.empty((h, w, 3), np.uint8)
    for y in range(0, h, _STRIP):
        y2 = min(h, y + _STRIP)
        out[y:y2] = np.frombuffer(img.crop((0, y, w, y2)).tobytes("raw", "BGR"), np.uint8).reshape(y2 - y, w,
                                                                                                   3)
    return out


# Formats OpenCV decodes straight into the final array (3 bytes a pixel, no PIL copy), once
# PIL has read the header and the budget allows it.
_CV_FORMATS = {"PNG", "JPEG", "BMP", "WEBP"}


def _cv_decode(path: Path, img: Image.Image) -> np.ndarray | None:
    if img.format not in _CV_FORMATS or getattr(img, "n_frames", 1) != 1 or "transparency" in img.info:
        return None
    if img.mode not in ("RGB", "L", "P"):
        return None
    flag = cv2.IMREAD_GRAYSCALE if img.mode == "L" else cv2.IMREAD_COLOR
    arr = cv2.imdecode(np.fromfile(path, np.uint8), flag | cv2.IMREAD_IGNORE_ORIENTATION)
    if arr is None or arr.shape[:2] != (img.height, img.width):
        return None  # let PIL decode it (and name the damage)
    return arr


def _to_array(img: Image.Image) -> tuple[np.ndarray, str]:
    mode = img.mode
    if mode in ("I;16", "I;16B", "I;16L", "I"):
        arr = np.asarray(img, dtype=np.uint32)
        arr8 = (arr >> 8).astype(np.uint8) if arr.max() > 255 else arr.astype(np.uint8)
        return arr8, mode
    if mode == "1":
        return (np.asarray(img, dtype=np.uint8) * 255), mode
    if mode == "L":
        return np.array(img), ""
    if mode == "P" and "transparency" not in img.info:
        # Palette lookup in numpy: 1 byte a pixel of indices + the 3-byte result, no RGB PIL copy.
        pal = np.frombuffer(bytes(img.getpalette(rawmode="BGR") or b""), np.uint8).reshape(-1, 3)
        lut = np.full((256, 3), 255, np.uint8)
        lut[: len(pal)] = pal[:256]
        return lut[np.asarray(img)], mode
    if mode in ("RGBA", "LA", "PA") or (mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        bg = Image.new("RGB", img.size, (255, 255, 255))
        bg.paste(rgba, mask=rgba.split()[-1])
        del rgba
        return _bgr_from_rgb(bg), mode
    if mode != "RGB":
        return _bgr_from_rgb(img.convert("RGB")), mode
    return _bgr_from_rgb(img), ""


def _open(path: Path) -> Image.Image:
    try:
        if path.stat().st_size == 0:
            raise UnreadableImage(path, "the file is empty (0 bytes)", "tệp rỗng (0 byte)")
        return Image.open(path)
    except FileNotFoundError as exc:
        raise UnreadableImage(path, "file not found", "không tìm thấy tệp") from exc
    except Image.DecompressionBombError as exc:
        raise _too_large(path, str(exc).split(" pixels")[0], "ảnh có quá nhiều điểm ảnh") from exc
    except UnidentifiedImageError as exc:
        raise UnreadableImage(path, "not an image file", "không phải tệp ảnh") from exc
    except OSError as exc:
        raise UnreadableImage(path, "cannot be read "
                                    f"({exc.strerror or exc})", "không đọc được "
                                                                f"({exc.strerror or exc})") from exc


def _frames(img: Image.Image, path: Path) -> Iterator[int]:
    """Seek frame by frame (headers only), checking the budget before each frame is decoded."""
    total = 0
    index = 0
    while True:
        if index >= MAX_FRAMES:
            raise _too_large(path, f"more than {MAX_FRAMES} pages", f"hơn {MAX_FRAMES} trang")
        w, h = img.size
        total += w * h
        if total > MAX_PIXELS:
            where_en = f"page {index + 1} is {w} x {h} px" if index else f"{w} x {h} px"
            where_vi = f"trang {index + 1} cỡ {w} x {h} điểm ảnh" if index else f"{w} x {h} điểm ảnh"
            if index:
                where_en += f", {total / 1e6:.0f} million pixels in all"
                where_vi += f", tổng {total / 1e6:.0f} triệu điểm ảnh"
            raise _too_large(path, where_en, where_vi)
        yield index
        index += 1
        try:
            img.seek(index)
        except EOFError:
            return


def _guarded(path: Path, gen: Iterator[LoadedPage]) -> Iterator[LoadedPage]:
    try:
        yield from gen
    except UnreadableImage:
        raise
    except Image.DecompressionBombError as exc:
        raise _too_large(path, "too many pixels", "ảnh có quá nhiều điểm ảnh") from exc
    except MemoryError as exc:
        raise _too_large(path, "not enough memory to decode it", "không đủ bộ nhớ để đọc ảnh") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise UnreadableImage(path, "the image is damaged or truncated "
                                    f"({exc})", "ảnh bị hỏng hoặc không đầy đủ") from exc


def iter_pages(path: Path | str, only: int | None = None) -> Iterator[LoadedPage]:
    """The file's pages one at a time (``only``: just that 0-based frame). Each frame is checked
    against the pixel budget (counting the frames before it) before it is decoded."""
    path = Path(path)

    def gen() -> Iterator[LoadedPage]:
        with _open(path) as img:
            for _ in _frames(img, path):  # headers only: the whole file within the budget, or nothing
                pass
            img.seek(0)
            for index in _frames(img, path):
                if only is not None and index != only:
                    continue
                dpi = img.info.get("dpi")
                fast = _cv_decode(path, img)
                if fast is not None:
                    arr, conv = fast, ("P" if img.mode == "P" else "")
                else:
                    img.load()
                    arr, conv = _to_array(img)
                yield LoadedPage(arr, round(float(dpi[0])) if dpi and float(dpi[0]) > 1 else 0, conv)
                if only is not None:
                    return

    return _guarded(path, gen())


def count_pages(path: Path | str) -> int:
    """How many pages the file holds (headers only, within the same budget)."""
    path = Path(path)

    n = 0
    with _open(path) as img:
        try:
            for _ in _frames(img, path):
                n += 1
        except (OSError, SyntaxError, ValueError) as exc:
            raise UnreadableImage(path, "the image is damaged or truncated "
                                        f"({exc})", "ảnh bị hỏng hoặc không đầy đủ") from exc
    return n


def load_page(path: Path | str, index: int = 0) -> LoadedPage:
    for page in iter_pages(path, only=index):
        return page
    raise UnreadableImage(Path(path), f"has no page {index + 1}", f"không có trang {index + 1}")


def load_pages(path: Path | str) -> list[LoadedPage]:
    """Every page of the file (small files; prefer ``iter_pages`` to hold one page at a time)."""
    return list(iter_pages(path))
