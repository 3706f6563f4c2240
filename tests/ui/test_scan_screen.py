"""The Scan screen through the real widgets and the real image-folder scanner: a blurred page
reported in Vietnamese, accepted with a reason (an empty reason refused), the PDF built; cancel
mid-scan keeps what was scanned; the event loop stays responsive through a 50-page batch; the
declared sheet count starts anew for each component; a scanner out of tolerance is named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.services.reception import ReceptionRequest, open_dossier
from app.testing.pages import PageSpec, save
from tests.ui.conftest import save_screenshot


def copies(folder: Path, n: int, spec: PageSpec) -> Path:
    """A feeder of ``n`` sheets: one generated page, copied (the scanner reads each file anew)."""
    folder.mkdir(parents=True, exist_ok=True)
    first = folder / "p0001.png"
    save(spec, first)
    for i in range(2, n + 1):
        shutil.copyfile(first, folder / f"p{i:04d}.png")
    return folder


def _to_scan(win, qtbot, device: str, sheets: int, *,  # type: ignore[no-untyped-def]
             duplex: bool = False) -> None:
    d = open_dossier(win.ctx.ws, ReceptionRequest(owner="052090000495", procedure="1.001193"))
    win.open_dossier(d.number)
    win.components.select_component("giay_chung_sinh")
    qtbot.keyClick(win.components.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert win.stack.currentWidget() is win.scan
    win.scan.device.setCurrentText(device)
    win.scan.sheets.setValue(sheets)
    win.scan.duplex.setChecked(duplex)


@pytest.mark.timeout(120)
def test_scan_findings_override_and_build(main_window, qtbot, tmp_path, test_output_dir) -> None:
    feeder = tmp_path / "feeder"
    feeder.mkdir()
    for i in range(1, 5):  # two sheets, both sides; the back of sheet 1 is blurred
        save(PageSpec(page_number=(i, 4), blur_px=4.0 if i == 2 else 0.0, seed=20 + i), feeder / f"p{i}.png")
    win = main_window
    _to_scan(win, qtbot, f"folder:{feeder}", 2, duplex=True)
    scan = win.scan
    assert "Giấy chứng sinh" in scan.target.text()
    qtbot.keyClick(scan, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: scan.task is None and scan.thumbs.count() == 4, timeout=60000)
    assert not scan.thumbs.item(0).icon().isNull()
    line = next(i for i in range(scan.findings.count()) if "Trang 2" in scan.findings.item(i).text())
    assert "mờ" in scan.findings.item(line).text()
    assert "Quét lại trang này (Ctrl+Shift+R)" in scan.findings.item(line).toolTip()  # the whole fix
    assert "1 lỗi" in scan.status.text()
    scan.build()
    assert "Hãy sửa hoặc chấp nhận" in scan.status.text()
    assert scan.thumbs.current_page_id() == scan.session.pages[1].page_id  # the problem page, unasked
    qtbot.waitUntil(lambda: scan.viewer._item is not None and scan.viewer._item.pixmap().height() > 1000,
                    timeout=10000)
    save_screenshot(win, test_output_dir, "scan_with_finding")
    scan.findings.setCurrentRow(line)
    scan.override_selected(reason="")
    assert "Phải nhập lý do" in scan.status.text()
    scan.override_selected(reason="Bản gốc đã nhòe, đối chiếu với bản chính")
    qtbot.waitUntil(lambda: scan.session is not None and not scan.session.blocking, timeout=10000)
    # the page's line now shows its worst open issue (or the acceptance); the tooltip keeps the reason
    page2 = next(i for i in range(scan.findings.count()) if "Trang 2" in scan.findings.item(i).toolTip())
    assert not scan.findings.item(page2).text().startswith("✖")
    assert "Đã chấp nhận" in scan.findings.item(page2).toolTip() \
        and "đối chiếu" in scan.findings.item(page2).toolTip()
    qtbot.keyClick(scan, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    number = scan.session.dossier_no
    # built: the flow then moves on to the next component to digitize (the guided flow's advance)
    qtbot.waitUntil(lambda: len(win.ctx.ws.documents.for_dossier(number)) == 1, timeout=60000)
    docs = win.ctx.ws.documents.for_dossier(number)
    assert len(docs) == 1 and docs[0].component_id == "giay_chung_sinh"
    assert win.ctx.ws.blobs.verify(docs[0].pdf_sha256, "pdf")
    import pikepdf

    with pikepdf.open(win.ctx.ws.blobs.path(docs[0].pdf_sha256, "pdf")) as pdf:
        assert len(pdf.pages) == 4
    qtbot.waitUntil(lambda: win.ctx.dossier.component("giay_chung_sinh").state.value == "built",
                    timeout=10000)
    save_screenshot(win, test_output_dir, "scan_built")


@pytest.mark.timeout(120)
def test_cancel_mid_scan_keeps_the_pages(main_window, qtbot, tmp_path) -> None:
    feeder = copies(tmp_path / "feeder", 40, PageSpec(dpi=100, page_number=(1, 1), seed=5))
    win = main_window
    _to_scan(win, qtbot, f"folder:{feeder}", 40)
    scan = win.scan
    scan.start_scan()
    qtbot.waitUntil(lambda: scan.thumbs.count() >= 3, timeout=60000)
    qtbot.keyClick(scan, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: scan.task is None, timeout=30000)
    assert "Đã dừng quét" in scan.status.text()
    qtbot.waitUntil(lambda: len(scan.session.pages) >= 3, timeout=10000)  # the session as saved, reloaded
    kept = len(scan.session.pages)
    assert 3 <= kept < 40
    qtbot.waitUntil(lambda: scan.thumbs.count() == kept, timeout=10000)
    assert scan.scan_btn.isEnabled()


@pytest.mark.timeout(180)
def test_event_loop_stays_responsive_during_a_50_page_scan(main_window, qtbot, tmp_path) -> None:
    from app.ui.latency import LatencyProbe

    feeder = copies(tmp_path / "feeder", 50, PageSpec(dpi=100, page_number=(1, 1), seed=6))
    win = main_window
    _to_scan(win, qtbot, f"folder:{feeder}", 50)
    scan = win.scan
    probe = LatencyProbe()
    probe.start()
    scan.start_scan()
    qtbot.waitUntil(lambda: scan.task is None and scan.thumbs.count() == 50, timeout=150000)
    probe.stop()
    # goal 100 ms (bench/ui_event_loop.py measures it); looser here for 2 shared cores
    assert probe.worst_ms < 250, f"event loop stalled {probe.worst_ms:.0f} ms"


def test_the_declared_sheet_count_does_not_carry_into_the_next_component(main_window, qtbot) -> None:
    win = main_window
    _to_scan(win, qtbot, "test:0", sheets=7)
    assert win.scan.sheets.value() == 7
    win.go(win.components)
    win.components.select_component("to_khai")
    qtbot.keyClick(win.components.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert win.stack.currentWidget() is win.scan and win.scan.component_id == "to_khai"
    assert win.scan.sheets.value() == 1, "the last component's count would be a count error on this one"


def test_a_scanner_out_of_tolerance_is_named_on_the_scan_screen(main_window, qtbot, tmp_path,  # type: ignore[no-untyped-def]
                                                                test_output_dir) -> None:
    """The chart scanned blurred this morning: the Scan screen says the scanner is out of
    tolerance; a clean check of the chart clears the warning."""
    import subprocess

    import cv2
    import numpy as np
    from PIL import Image

    from app.scan.calibration import draw_chart
    from app.services.calibration import check_and_record

    ws, scan = main_window.ctx.ws, main_window.scan
    pdf = draw_chart(tmp_path / "chart.pdf")
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-singlefile", str(pdf), str(tmp_path / "scan")],
                   check=True)
    chart = np.asarray(Image.open(tmp_path / "scan.png").convert("RGB"))
    Image.fromarray(cv2.GaussianBlur(chart, (0, 0), 3)).save(tmp_path / "blurred.png", dpi=(200, 200))
    check_and_record(ws, tmp_path / "blurred.png", "test:0")
    main_window.go(scan)
    scan.device.setCurrentText("test:0")
    scan._check_calibration("test:0")
    qtbot.waitUntil(lambda: "Máy quét thử nghiệm SANE (số 0) sai lệch quá mức" in scan.calibration.text()
                    and scan.calibration.isVisible(), timeout=10000)
    save_screenshot(main_window, test_output_dir, "scan_calibration_warning")
    Image.fromarray(chart).save(tmp_path / "clean.png", dpi=(200, 200))
    assert check_and_record(ws, tmp_path / "clean.png", "test:0").verdict == "pass"
    scan._check_calibration("test:0")
    qtbot.waitUntil(lambda: not scan.calibration.isVisible(), timeout=10000)
