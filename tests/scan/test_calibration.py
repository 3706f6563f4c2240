"""Scanner calibration on generated scans of the chart: the chart PDF rendered by poppler, then
distorted by known amounts (scale per axis, rotation, colour cast, blur); each distortion shows in
its own measure and fails the verdict, the clean scan passes."""

from __future__ import annotations

import subprocess
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from app.domain.errors import InvalidInput
from app.scan.calibration import check_image, draw_chart, measure
from app.services.calibration import check_and_record, warning
from app.store.workspace import Workspace
from tests.conftest import CliRunner, cli_json

DPI = 200


@pytest.fixture(scope="module")
def chart_scan(tmp_path_factory: pytest.TempPathFactory) -> np.ndarray:
    d = tmp_path_factory.mktemp("chart")
    pdf = draw_chart(d / "chart.pdf")
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-singlefile", str(pdf), str(d / "scan")], check=True)
    return np.asarray(Image.open(d / "scan.png").convert("RGB"))


def test_the_clean_scan_passes(chart_scan: np.ndarray) -> None:
    r = measure(chart_scan, DPI)
    assert r.verdict == "pass", r.problems
    assert abs(r.scale_x - 1) < 0.002 and abs(r.scale_y - 1) < 0.002 and abs(r.skew_deg) < 0.05
    assert r.grey_delta_e < 1.5 and r.colour_delta_e < 3 and r.resolution_lpmm >= 3


def test_known_distortions_are_measured(chart_scan: np.ndarray) -> None:
    h, w = chart_scan.shape[:2]
    wide = measure(cv2.resize(chart_scan, (round(w * 1.02), h), interpolation=cv2.INTER_AREA), DPI)
    assert abs(wide.scale_x - 1.02) < 0.002 and abs(wide.scale_y - 1) < 0.002 and wide.verdict == "fail"
    short = measure(cv2.resize(chart_scan, (w, round(h * 0.985)), interpolation=cv2.INTER_AREA), DPI)
    assert abs(short.scale_y - 0.985) < 0.002 and abs(short.scale_x - 1) < 0.002 and short.verdict == "fail"
    turned = cv2.warpAffine(chart_scan, cv2.getRotationMatrix2D((w / 2, h / 2), -1.5, 1.0), (w, h),
                            borderValue=(255, 255, 255))
    rot = measure(turned, DPI)
    assert abs(rot.skew_deg - 1.5) < 0.05 and abs(rot.scale_x - 1) < 0.002 and rot.verdict == "fail"
    cast = measure(np.clip(chart_scan.astype(int) + [25, 0, -20], 0, 255).astype(np.uint8), DPI)
    assert cast.grey_delta_e > 10 and abs(cast.scale_x - 1) < 0.002 and cast.verdict == "fail"
    blurred = measure(cv2.GaussianBlur(chart_scan, (0, 0), 3), DPI)
    assert blurred.resolution_lpmm < 2 and blurred.grey_delta_e < 2 and blurred.verdict == "fail"
    assert any("lp/mm" in p for p in blurred.problems)


def test_bounds_and_wrong_images(tmp_path: Path, chart_scan: np.ndarray) -> None:
    img = tmp_path / "scan.png"
    Image.fromarray(chart_scan).save(img, dpi=(DPI, DPI))
    with pytest.raises(InvalidInput, match="pixels"):
        check_image(img, max_pixels=1_000_000)  # refused from the header, before decoding
    blank = tmp_path / "blank.png"
    Image.new("RGB", (1654, 2339), "white").save(blank, dpi=(DPI, DPI))
    with pytest.raises(InvalidInput, match="registration marks"):
        check_image(blank)
    nodpi = tmp_path / "nodpi.png"
    Image.fromarray(chart_scan).save(nodpi)
    with pytest.raises(InvalidInput, match="resolution"):
        check_image(nodpi)
    assert check_image(nodpi, dpi=DPI).verdict == "pass"


def test_per_scanner_record_warning_and_cli(tmp_path: Path, chart_scan: np.ndarray, cli: CliRunner) -> None:
    good, bad = tmp_path / "good.png", tmp_path / "bad.png"
    Image.fromarray(chart_scan).save(good, dpi=(DPI, DPI))
    Image.fromarray(cv2.GaussianBlur(chart_scan, (0, 0), 3)).save(bad, dpi=(DPI, DPI))
    with Workspace.open(tmp_path / "ws") as ws:
        assert warning(ws, "test:0") is not None  # never calibrated
        assert check_and_record(ws, good, "test:0").verdict == "pass"
        assert warning(ws, "test:0") is None
        check_and_record(ws, bad, "test:0")
        w = warning(ws, "test:0")
        assert w is not None and "sai lệch" in w[1]
    out = cli_json(cli("calibration", "check", good, "--json"))
    assert {"scale_x", "scale_y", "skew_deg", "grey_delta_e",
            "verdict"} <= set(out) and out["verdict"] == "pass"
    chart = tmp_path / "c.pdf"
    assert cli("calibration", "chart", "-o", chart).returncode == 0 and chart.read_bytes().startswith(b"%PDF")
