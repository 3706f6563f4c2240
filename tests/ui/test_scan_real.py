"""The Scan screen on the real digitizing service and the image-folder scanner: realistic pages
arrive as thumbnails with QC badges, a planted blurred page is reported in Vietnamese and fixed
through the UI (rescan after cleaning), the PDF is built from the session."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.services.reception import ReceptionRequest, open_dossier
from app.testing.pages import PageSpec, save
from tests.ui.conftest import save_screenshot


def folder_with_blurred_page(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    save(PageSpec(page_number=(1, 2), seed=1), folder / "p001.png")
    save(PageSpec(page_number=(2, 2), seal=True, signature=True, blur_px=4.0, seed=3), folder / "p002.png")
    return folder


def open_for_scan(win, qtbot, device: str,
                  component: str = "giay_chung_sinh") -> str:  # type: ignore[no-untyped-def]
    d = open_dossier(win.ctx.ws, ReceptionRequest(owner="052090000495", procedure="1.001193"))
    win.open_dossier(d.number)
    win.components.select_component(component)
    qtbot.keyClick(win.components.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    scan = win.scan
    scan.device.setCurrentText(device)
    return d.number


@pytest.mark.timeout(120)
def test_folder_scanner_blurred_page_fixed_by_rescan(main_window, qtbot, tmp_path, test_output_dir) -> None:
    folder = folder_with_blurred_page(tmp_path / "feeder")
    win = main_window
    number = open_for_scan(win, qtbot, f"folder:{folder}")
    scan = win.scan
    scan.sheets.setValue(2)
    scan.duplex.setChecked(False)
    qtbot.keyClick(scan, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: scan.task is None and scan.thumbs.count() == 2, timeout=60000)
    assert scan.session is not None and scan.session.raw is not None  # the real session store
    texts = [scan.findings.item(i).text() for i in range(scan.findings.count())]
    assert any("mờ" in t for t in texts), texts
    bad = [p for p in scan.session.pages if p.severity == "error"]
    assert [p.position for p in bad] == [2]
    scan.thumbs.setCurrentRow(1)
    save_screenshot(win, test_output_dir, "scan_real_blurred")
    scan.build()
    assert "Hãy sửa hoặc chấp nhận" in scan.status.text()
    # the officer cleans the glass and rescans page 2
    save(PageSpec(page_number=(2, 2), seal=True, signature=True, seed=3), folder / "p002.png")
    qtbot.keyClick(scan, Qt.Key.Key_R,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(
        lambda: scan.task is None and [f.finding_id for f in scan.session.blocking] == ["both_sides:0"],
        timeout=60000)
    # simplex: the officer confirms every back is blank (the rule's own fix)
    row = next(i for i in range(scan.findings.count()) if "Quét một mặt" in scan.findings.item(i).text())
    scan.findings.setCurrentRow(row)
    qtbot.keyClick(scan, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: scan.task is None and not scan.session.blocking, timeout=20000)
    qtbot.waitUntil(lambda: scan.thumbs.count() == 2, timeout=10000)
    qtbot.keyClick(scan, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    # built: the flow then moves on to the next component to digitize (the guided flow's advance)
    qtbot.waitUntil(lambda: scan.task is None and len(win.ctx.ws.documents.for_dossier(number)) == 1,
                    timeout=60000)
    docs = win.ctx.ws.documents.for_dossier(number)
    assert len(docs) == 1 and win.ctx.ws.blobs.verify(docs[0].pdf_sha256, "pdf")
    save_screenshot(win, test_output_dir, "scan_real_built")


@pytest.mark.timeout(120)
def test_jam_on_the_folder_scanner_names_the_sheet(main_window, qtbot, tmp_path) -> None:
    folder = tmp_path / "feeder"
    folder.mkdir()
    for i in range(3):
        save(PageSpec(page_number=(i + 1, 3), seed=i), folder / f"p{i + 1:03d}.png")
    win = main_window
    open_for_scan(win, qtbot, f"folder:{folder}?jam_after=1&once=1")
    scan = win.scan
    scan.sheets.setValue(3)
    scan.duplex.setChecked(False)
    scan.start_scan()
    qtbot.waitUntil(lambda: scan.task is None and scan.jam.isVisible(), timeout=60000)
    assert "tờ 2" in scan.jam.text()
    qtbot.waitUntil(lambda: scan.thumbs.count() == 1, timeout=10000)
    scan.start_scan()
    qtbot.waitUntil(lambda: scan.task is None and scan.thumbs.count() == 3, timeout=60000)
    assert [p.sheet for p in scan.session.pages] == [1, 2, 3]


@pytest.mark.timeout(120)
def test_closing_mid_session_and_reopening_shows_it(main_window, qtbot, tmp_path) -> None:
    from app.ui.app import start

    folder = tmp_path / "feeder"
    folder.mkdir()
    save(PageSpec(page_number=(1, 1), seed=11), folder / "p001.png")
    win = main_window
    open_for_scan(win, qtbot, f"folder:{folder}")
    scan = win.scan
    scan.sheets.setValue(2)
    scan.duplex.setChecked(False)
    scan.start_scan()
    qtbot.waitUntil(lambda: scan.task is None and scan.thumbs.count() == 1, timeout=60000)
    qtbot.waitUntil(lambda: win.ctx.ws.settings.extra.get("ui.component") == "giay_chung_sinh", timeout=5000)
    win.close()
    _app, shell = start(win.ctx.ws, lang="vi", show=True)
    again = shell.window
    qtbot.addWidget(again)
    assert again.stack.currentWidget() is again.scan
    qtbot.waitUntil(lambda: again.scan.session is not None and again.scan.thumbs.count() == 1, timeout=20000)
    assert again.scan.session.session_id == scan.session.session_id
