"""Printed page numbers, for the order rule: the ND30/2020 form (a bare Arabic numeral centred in
the top margin, from page 2 on; the first page carries none) and the common others, top or
bottom centre: "2", "Trang 2", "Trang 2/5", "- 2 -", "2/5".

Only the small block holding the number is read: in the top and bottom margins, the ink block
standing alone near the horizontal centre (a heading or a date line is wider, or shares its
line). It goes to Tesseract through its C API (``tesserocr``, loaded once per thread) with a
whitelist of digits and the letters of "Trang", which takes milliseconds; without tesserocr, a
``tesseract`` process reads the same block. Without either, ``available()`` is False and the
order rule keeps feed order silently."""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

import cv2
import numpy as np

log = logging.getLogger(__name__)

_PATTERNS = (
    re.compile(r"trang\s*(\d{1,3})\s*(?:/|trên|tren)\s*(\d{1,3})", re.IGNORECASE),
    re.compile(r"trang\s*(\d{1,3})\b()", re.IGNORECASE),
    re.compile(r"^\s*[-–—]\s*(\d{1,3})\s*[-–—]\s*$()", re.MULTILINE),
    re.compile(r"^\s*(\d{1,3})\s*/\s*(\d{1,3})\s*$", re.MULTILINE),
)
# A bare number: only when the block read is the number alone (never a number inside a text line).
_BARE = re.compile(r"^\s*(\d{1,3})\s*$")
_WHITELIST = "0123456789/-Trang"
_TESSDATA = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
             "/usr/share/tessdata", "/usr/local/share/tessdata")
_LANG = "eng"  # digits and "Trang": no Vietnamese model needed for the whitelisted block
_local = threading.local()


def _tessdata() -> str | None:
    for d in ([os.environ["TESSDATA_PREFIX"]] if os.environ.get("TESSDATA_PREFIX") else []) + list(_TESSDATA):
        if (Path(d) / f"{_LANG}.traineddata").is_file():
            return d
    return None


def _api() -> Any | None:
    """This thread's Tesseract API (tesserocr), or None when it is not installed or fails."""
    if not hasattr(_local, "api"):
        _local.api = None
        try:
            import tesserocr  # optional: MIT-licensed binding of the Tesseract C++ API

            path = _tessdata()
            if path:
                api = tesserocr.PyTessBaseAPI(path=path + "/", lang=_LANG, psm=tesserocr.PSM.SINGLE_LINE)
                api.SetVariable("tessedit_char_whitelist", _WHITELIST)
                _local.api = api
        except Exception as exc:  # noqa: BLE001 - any failure means: use the process instead
            log.info("tesserocr unavailable (%s); page numbers read by the tesseract process", exc)
    return _local.api


def available() -> bool:
    return _api() is not None or shutil.which("tesseract") is not None


def parse(text: str) -> tuple[int, int | None] | None:
    """The page number (and total, if printed) found in OCR text, or None."""
    for pat in _PATTERNS:
        m = pat.search(text)
        if m:
            n = int(m.group(1))
            of = int(m.group(2)) if m.group(2) else None
            # The most specific form that matched decides: "Trang 9/5" is a misread, not page 9.
            return (n, of) if n >= 1 and (of is None or n <= of) else None
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if len(lines) == 1:
        m = _BARE.match(lines[0])
        if m and int(m.group(1)) >= 1:
            return int(m.group(1)), None
    return None


def _ocr_process(block: np.ndarray, whitelist: str = _WHITELIST) -> str:
    ok, png = cv2.imencode(".png", block)
    if not ok:
        return ""
    try:
        res = subprocess.run(["tesseract", "stdin", "stdout", "-l", _LANG, "--psm", "7",
                              "-c", f"tessedit_char_whitelist={whitelist}"], input=png.tobytes(),
                             capture_output=True, timeout=20, check=False,
                             env={**os.environ, "OMP_THREAD_LIMIT": "1"})  # callers run pages side by side
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.info("Tesseract failed: %s", exc)
        return ""
    return res.stdout.decode("utf-8", "replace")


def _ocr(block: np.ndarray, whitelist: str = _WHITELIST) -> str:
    api = _api()
    if api is None:
        return _ocr_process(block, whitelist)
    block = np.ascontiguousarray(block)
    api.SetVariable("tessedit_char_whitelist", whitelist)
    api.SetImageBytes(block.tobytes(), block.shape[1], block.shape[0], 1, block.shape[1])
    return str(api.GetUTF8Text())


def _drop_dashes(block: np.ndarray, ink: np.ndarray, paper: float) -> None:
    """Paint out the dashes of "- 2 -" (flat marks far lower than the digits): Tesseract takes
    them for digits, and the number alone is what the order rule needs."""
    n, lab, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if n <= 2:
        return
    tallest = int(stats[1:, cv2.CC_STAT_HEIGHT].max())
    for i in range(1, n):
        bw, bh = int(stats[i, cv2.CC_STAT_WIDTH]), int(stats[i, cv2.CC_STAT_HEIGHT])
        if bh <= 0.35 * tallest and bw >= 1.5 * bh:
            block[cv2.dilate((lab == i).astype(np.uint8), np.ones((3, 3), np.uint8)).view(bool)] = int(paper)


def number_blocks(gray: np.ndarray, dpi: int) -> list[np.ndarray]:
    """The blocks that may hold a page number, top margin first (ND30), then the bottom: an ink
    block near the horizontal centre, alone on its line, of a page number's size."""
    h, w = gray.shape
    mm = dpi / 25.4
    out = []
    for y0, y1 in ((0, min(h, int(24 * mm))), (max(0, h - int(24 * mm)), h)):
        strip = gray[y0:y1]
        paper = float(np.percentile(strip[::2, ::2], 90))
        ink = (strip < paper - max(40.0, 0.3 * paper)).astype(np.uint8)
        # Characters and words of "Trang 12/15" joined; separate text lines stay apart.
        joined = cv2.dilate(ink,
                            cv2.getStructuringElement(cv2.MORPH_RECT,
                                                      (max(3, int(5 * mm)), max(1, int(0.4 * mm)))))
        n, _lab, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
        boxes = [tuple(int(v) for v in stats[i, :4]) for i in range(1, n) if stats[i, 4] >= 4]
        for x, y, bw, bh in sorted(boxes, key=lambda b: abs(b[0] + b[2] / 2 - w / 2)):
            cx = x + bw / 2
            if abs(cx - w / 2) > 0.12 * w or bw > 40 * mm or not 1.5 * mm <= bh <= 8 * mm:
                continue
            if y <= 1 or y + bh >= strip.shape[0] - 1:  # runs off the strip: part of something taller
                continue
            # Alone on its line near the centre (a logo or a reference number at the side may share it).
            alone = all(b == (x, y, bw, bh) or b[1] + b[3] <= y or b[1] >= y + bh
                        or b[0] + b[2] < 0.25 * w or b[0] > 0.75 * w for b in boxes)
            if not alone:
                continue
            pad = int(1.5 * mm)
            x0, y0b = max(0, x - pad), max(0, y - pad)
            block = strip[y0b:y + bh + pad, x0:x + bw + pad].copy()
            _drop_dashes(block, ink[y0b:y + bh + pad, x0:x + bw + pad], paper)
            if dpi and dpi < 280:  # Tesseract reads best near 300 dpi
                f = 300 / dpi
                block = cv2.resize(block, None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC)
            out.append(cv2.copyMakeBorder(block, 12, 12, 12, 12, cv2.BORDER_CONSTANT, value=int(paper)))
            break
    return out


def read_page_number(image: np.ndarray, dpi: int) -> tuple[int, int | None] | None:
    """Read the printed page number from the top margin (ND30), then the bottom one."""
    if not available():
        return None
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    for block in number_blocks(gray, dpi or 200):
        found = parse(_ocr(block))
        if found is None or (found[1] is None and found[0] >= 100):
            # Nothing, or a three-digit bare number: "7/9" misread as "719" happens at one scale
            # and not at another. A second read at twice the size decides.
            again = parse(_ocr(cv2.resize(block, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)))
            if again is not None and (found is None or again[1] is not None or again == found):
                found = again
        if found is None:  # "11" read as "T": digits only
            found = parse(_ocr(block, "0123456789/-"))
        if found:
            return found
    return None
