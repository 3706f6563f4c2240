"""The scanner test of Settings (services.diagnostics.check_scanner) goes through the driver: it
must never shut libsane down under the driver's feet, also while a scan is running."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from app.domain.errors import InvalidInput, OperationFailed
from app.scan.driver import ScanSettings, Source
from app.scan.sane_driver import SaneScanner
from app.services.diagnostics import check_scanner
from tests.scan.conftest import save_pages


def test_scanner_check_leaves_the_sane_driver_working(sane_config: dict[str, str]) -> None:
    driver = SaneScanner()
    assert "test:0" in [d.name for d in driver.devices()]  # the driver has initialised libsane
    assert check_scanner("test:0").ok
    # after the check, the driver still talks to a live libsane: devices listed, a page scanned
    assert "test:0" in [d.name for d in driver.devices()]
    pages = list(driver.scan("test:0", ScanSettings(dpi=50, source=Source.FLATBED)))
    assert len(pages) == 1 and pages[0].image.size > 0


def test_scanner_check_during_a_scan_does_not_break_it(sane_config: dict[str, str]) -> None:
    """The officer presses "test scanner" while a batch runs: the batch still completes."""
    driver = SaneScanner()
    stream = driver.scan("test:0", ScanSettings(dpi=50))
    first = next(stream)
    results: list[bool] = []
    t = threading.Thread(target=lambda: results.append(check_scanner("test:0").ok))
    t.start()
    rest = list(stream)
    t.join(30)
    assert results == [True]
    assert first.image.size > 0 and len(rest) >= 1 and all(p.image.size > 0 for p in rest)


def test_scanner_check_of_an_unknown_sane_device_says_so(sane_config: dict[str, str]) -> None:
    with pytest.raises(OperationFailed) as err:
        check_scanner("test:7")
    assert "Không mở được máy quét test:7" in err.value.message_vi
    assert "test:0" in [d.name for d in SaneScanner().devices()]


def test_scanner_check_of_an_image_folder(tmp_path: Path) -> None:
    from app.testing.pages import PageSpec

    with pytest.raises(InvalidInput):
        check_scanner("")
    with pytest.raises(InvalidInput, match="does not exist"):
        check_scanner(f"folder:{tmp_path / 'none'}")
    (tmp_path / "empty").mkdir()
    with pytest.raises(OperationFailed, match="holds no images"):
        check_scanner(f"folder:{tmp_path / 'empty'}")
    save_pages(tmp_path / "pages", [PageSpec(dpi=100), PageSpec(dpi=100)])
    res = check_scanner(f"folder:{tmp_path / 'pages'}")
    assert res.ok and res.message.vi == "Thư mục ảnh có 2 ảnh" and "2 images" in res.message.en
