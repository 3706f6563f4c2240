"""Captured pages are stored as lossless PNG that any reader opens at the page's true size."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest
from PIL import Image

from app.scan import png
from app.testing.pages import PageSpec, render


def _page(gray: bool = False) -> np.ndarray:
    bgr = np.asarray(render(PageSpec(dpi=150, seed=21, table=True, seal=True))[0])[..., ::-1].copy()
    return cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY) if gray else bgr


@pytest.mark.parametrize("gray", [False, True])
@pytest.mark.parametrize("encoder", ["isal", "opencv"])
def test_page_png_is_lossless_and_keeps_its_resolution(gray: bool, encoder: str) -> None:
    page = _page(gray)
    if encoder == "isal":
        if png._deflate is None:
            pytest.fail("python-isal is a dependency: it must be installed")
        data = png._encode_isal(page, 150)
    else:
        data = png._encode_opencv(page, 150)
    back = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
    assert back.shape == page.shape and np.array_equal(back, page)
    with Image.open(io.BytesIO(data)) as im:  # an independent reader: colours and resolution
        im.load()
        assert im.mode == ("L" if gray else "RGB")
        assert tuple(round(v) for v in im.info["dpi"]) == (150, 150)
        rgb = np.asarray(im)
        assert np.array_equal(rgb if gray else rgb[..., ::-1], page)
    # Compressed: a scanned page is far smaller than its raw samples.
    assert len(data) < page.nbytes * 0.6


def test_default_encoder_is_the_fast_one() -> None:
    page = _page()
    assert png.encode_png(page, 200) == png._encode_isal(page, 200)
