"""Printed page numbers ("Trang 2/5", "- 2 -", "2/5") read with Tesseract (Vietnamese model),
for the order rule. Tesseract is optional at runtime: without it, ``available()`` is False and
the order rule keeps feed order silently. Only the top and bottom strips of a page are read."""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess

import cv2
import numpy as np

log = logging.getLogger(__name__)

_PATTERNS = (
    re.compile(r"trang\s*(\d{1,3})\s*(?:/|trên|tren)\s*(\d{1,3})", re.IGNORECASE),
    re.compile(r"trang\s*(\d{1,3})\b()", re.IGNORECASE),
    re.compile(r"^\s*[-–—]\s*(\d{1,3})\s*[-–—]\s*$()", re.MULTILINE),
    re.compile(r"^\s*(\d{1,3})\s*/\s*(\d{1,3})\s*$", re.MULTILINE),
)


def available() -> bool:
    return shutil.which("tesseract") is not None


def parse(text: str) -> tuple[int, int | None] | None:
    """The page number (and total, if printed) found in OCR text, or None."""
    for pat in _PATTERNS:
        m = pat.search(text)
        if m:
            n = int(m.group(1))
            of = int(m.group(2)) if m.group(2) else None
            # The most specific form that matched decides: "Trang 9/5" is a misread, not page 9.
            return (n, of) if n >= 1 and (of is None or n <= of) else None
    return None


def _ocr(strip: np.ndarray, lang: str) -> str:
    ok, png = cv2.imencode(".png", strip)
    if not ok:
        return ""
    try:
        res = subprocess.run(["tesseract", "stdin", "stdout", "-l", lang, "--psm", "6"], input=png.tobytes(),
                             capture_output=True, timeout=20, check=False,
                             env={**os.environ, "OMP_THREAD_LIMIT": "1"})  # callers run pages side by side
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.info("Tesseract failed: %s", exc)
        return ""
    return res.stdout.decode("utf-8", "replace")


def read_page_number(image: np.ndarray, dpi: int, *, lang: str = "vie") -> tuple[int, int | None] | None:
    """Read the printed page number from the bottom (then top) strip of a page."""
    if not available():
        return None
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    if dpi and dpi < 250:  # Tesseract reads best around 300 dpi
        f = 300 / dpi
        gray = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC)
    h = gray.shape[0]
    strip_h = max(1, int(h * 0.09))
    for strip in (gray[h - strip_h:], gray[:strip_h]):
        if int((strip < 128).sum()) < 30:  # nothing printed there
            continue
        found = parse(_ocr(strip, lang))
        if found:
            return found
    return None
