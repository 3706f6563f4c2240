"""Writing a captured page as lossless PNG, fast: the page's rows go straight to ISA-L's deflate
(python-isal), about four times faster than OpenCV's libpng + zlib at a similar size, and it
releases the GIL so QC runs beside it. The resolution is recorded (pHYs), so the page keeps its
physical size. Without python-isal, OpenCV's encoder is used."""

from __future__ import annotations

import io
import logging
import struct
import zlib
from types import ModuleType

import cv2
import numpy as np
from PIL import Image

log = logging.getLogger(__name__)

_deflate: ModuleType | None
try:
    from isal import isal_zlib as _deflate
except ImportError:  # pragma: no cover - depends on the installation
    _deflate = None

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_CV_PARAMS = [cv2.IMWRITE_PNG_COMPRESSION, 1, cv2.IMWRITE_PNG_FILTER, cv2.IMWRITE_PNG_FILTER_NONE]


def _chunk(tag: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + tag + body + struct.pack(">I",
                                                                   zlib.crc32(body,
                                                                              zlib.crc32(tag)) & 0xFFFFFFFF)


def _phys(dpi: int) -> bytes:
    ppm = round(dpi / 0.0254)
    return _chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1))


def encode_png(image: np.ndarray, dpi: int) -> bytes:
    """An 8-bit BGR (or 2-D gray) page as PNG bytes, with ``dpi`` recorded when it is known."""
    if (_deflate is not None and image.dtype == np.uint8
            and (image.ndim == 2 or (image.ndim == 3 and image.shape[2] == 3))):
        return _encode_isal(image, dpi)
    return _encode_opencv(image, dpi)


def _encode_isal(image: np.ndarray, dpi: int) -> bytes:
    h, w = image.shape[:2]
    samples = 1 if image.ndim == 2 else 3
    # Each PNG row is a filter-type byte followed by the row's RGB or gray samples. Filter 0
    # (none): on scanner noise the predictors gain nothing and cost most of the encode time.
    rows = np.empty((h, 1 + w * samples), np.uint8)
    rows[:, 0] = 0
    if samples == 3:
        cv2.cvtColor(image, cv2.COLOR_BGR2RGB, dst=rows[:, 1:].reshape(h, w, 3))
    else:
        rows[:, 1:] = image
    assert _deflate is not None
    idat = _deflate.compress(rows, 1)
    header = struct.pack(">IIBBBBB", w, h, 8, 2 if samples == 3 else 0, 0, 0, 0)
    return b"".join((_SIGNATURE, _chunk(b"IHDR", header), _phys(dpi) if dpi > 0 else b"",
                     _chunk(b"IDAT", idat),
                     _chunk(b"IEND", b"")))


def _encode_opencv(image: np.ndarray, dpi: int) -> bytes:
    ok, buf = cv2.imencode(".png", image, _CV_PARAMS)
    if not ok:
        rgb = image[..., ::-1] if image.ndim == 3 else image
        out = io.BytesIO()
        Image.fromarray(np.ascontiguousarray(rgb)).save(out, "PNG", dpi=(dpi, dpi), compress_level=1)
        return out.getvalue()
    data = buf.tobytes()
    if dpi <= 0:
        return data
    return data[:33] + _phys(dpi) + data[33:]  # OpenCV writes no pHYs: it goes right after IHDR
