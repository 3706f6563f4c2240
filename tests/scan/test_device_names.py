"""Device names people read (app.scan.devices.describe), the one place a device name is taken
apart for showing it."""

from __future__ import annotations

from app.scan.devices import DEMO_FOLDER_NAME, describe


def test_names_people_read() -> None:
    demo = describe(f"folder:/home/x/demo/{DEMO_FOLDER_NAME}?jam_after=2")
    assert (demo.vi, demo.en) == ("Máy quét thư mục (demo)", "Image-folder scanner (demo)")
    assert demo.name == f"folder:/home/x/demo/{DEMO_FOLDER_NAME}?jam_after=2"  # what the drivers take
    assert describe("folder:/srv/scans/quay-3").text("vi") == "Máy quét thư mục ảnh “quay-3”"
    assert describe("test:0").text("vi") == "Máy quét thử nghiệm SANE (số 0)"
    assert describe("test:1").text("en") == "SANE test scanner (no. 1)"
    assert describe("fujitsu:fi-7160:12345", "FUJITSU", "fi-7160").text("vi") == "FUJITSU fi-7160 (fujitsu)"
    assert describe("twain:Canon DR-C225").text("en") == "Canon DR-C225"
    unknown = describe("epson2:net:10.0.0.5")
    assert unknown.vi == unknown.en == "epson2:net:10.0.0.5"  # nothing better known: the name itself
