"""Text comparison for OCR checks: character error rate and a Tesseract run.

Used by the compact-PDF bench and its tests to tell whether a page stays as legible as the
lossless one."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import numpy as np


def normalise(text: str) -> str:
    """NFC, whitespace runs collapsed to one space (OCR line breaks are not errors)."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, one numpy row at a time (insertions by a running minimum)."""
    if not a:
        return len(b)
    if not b:
        return len(a)
    bb = np.frombuffer(b.encode("utf-32-le"), np.uint32)
    cols = np.arange(len(b) + 1, dtype=np.int64)
    prev = cols.copy()
    for i, ch in enumerate(a, start=1):
        sub = prev[:-1] + (bb != ord(ch))
        cur = np.empty_like(prev)
        cur[0] = i
        cur[1:] = np.minimum(sub, prev[1:] + 1)
        # cur[j] = min(cur[j], cur[j-1] + 1): a running minimum of cur[k] - k, plus j
        cur = np.minimum.accumulate(cur - cols) + cols
        prev = cur
    return int(prev[-1])


def char_error_rate(reference: str, hypothesis: str) -> float:
    ref, hyp = normalise(reference), normalise(hypothesis)
    return edit_distance(ref, hyp) / max(1, len(ref))


def tesseract_text(image: Path, dpi: int, lang: str = "vie", timeout: float = 120) -> str:
    """Tesseract's plain text of an image file (the ``tesseract`` process)."""
    done = subprocess.run(["tesseract", str(image), "-", "-l", lang, "--dpi", str(dpi)],
                          check=True, capture_output=True, timeout=timeout)
    return done.stdout.decode("utf-8", "replace")


def line_error_rate(reference: str, hypothesis: str) -> float:
    """Character error rate that does not count reading order: each reference line is compared
    with the hypothesis line closest to it (each used once), unmatched hypothesis lines count as
    insertions. Tesseract orders the blocks of a page differently for tiny changes, which moves
    whole lines without a single character being misread."""
    ref = [normalise(x) for x in reference.splitlines() if normalise(x)]
    hyp = [normalise(x) for x in hypothesis.splitlines() if normalise(x)]
    total = sum(len(x) for x in ref)
    if not ref:
        return float(sum(len(x) for x in hyp) > 0)
    pairs = sorted((edit_distance(r, h), i, j) for i, r in enumerate(ref) for j, h in enumerate(hyp)
                   if abs(len(r) - len(h)) < max(len(r), len(h)) // 2 + 2)
    used_r: set[int] = set()
    used_h: set[int] = set()
    errors = 0
    for dist, i, j in pairs:
        if i in used_r or j in used_h or dist >= max(len(ref[i]), len(hyp[j])):
            continue
        used_r.add(i)
        used_h.add(j)
        errors += dist
    errors += sum(len(ref[i]) for i in range(len(ref)) if i not in used_r)
    errors += sum(len(hyp[j]) for j in range(len(hyp)) if j not in used_h)
    return errors / max(1, total)
