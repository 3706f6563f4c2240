"""Helpers for signing tests: page images; the PKI and the SoftHSM2 token are the session fixtures of
tests/conftest.py."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.conftest import TOKEN_PIN

PIN = TOKEN_PIN  # the session token (tests/conftest.py)


def page_image(path: Path, *, dpi: int = 200, size_mm: tuple[float, float] = (210, 297),
               seed: int = 0) -> Path:
    """A colour page with some text-like strokes, saved with its dpi."""
    rng = np.random.default_rng(seed)
    w, h = round(size_mm[0] / 25.4 * dpi), round(size_mm[1] / 25.4 * dpi)
    arr = np.full((h, w, 3), 250, dtype=np.uint8)
    for _ in range(40):
        y, x = rng.integers(50, h - 60), rng.integers(50, w - 400)
        arr[y:y + 6, x:x + rng.integers(100, 350)] = rng.integers(0, 80, 3)
    arr[100:180, w - 300:w - 120] = (200, 30, 30)  # a red block like a seal
    noise = rng.normal(0, 3, arr.shape)  # scanner sensor noise, as in real captures
    arr = np.clip(arr.astype(np.int16) + noise, 0, 255).astype(np.uint8)
    Image.fromarray(arr).save(path, dpi=(dpi, dpi))
    return path


@pytest.fixture
def a4_pdf(tmp_path: Path) -> Path:
    from app.sign.pdf import build_pdf

    out = tmp_path / "doc.pdf"
    build_pdf([page_image(tmp_path / "p1.png")], out)
    return out
