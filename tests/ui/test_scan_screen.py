"""The Scan screen through the real widgets: thumbnails with badges as pages arrive, findings in
Vietnamese with the fix, override with a reason, build; cancel mid-scan keeps what was scanned;
a jam names the sheet to reload and the same session continues.

Until the scan area's service is merged, pages come from tests/ui/fake_scan.py (real images in
the workspace blobs; see its docstring)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.services.reception import ReceptionRequest, open_dossier
from tests.ui.conftest import save_screenshot
from tests.ui.fake_scan import FakeDigitize


def _to_scan(win, qtbot, sheets: int) -> None:  # type: ignore[no-untyped-def]
    d = open_dossier(win.ctx.ws, ReceptionRequest(owner="052090000495", procedure="1.001193"))
    win.open_dossier(d.number)
    win.components.select_component("giay_chung_sinh")
    qtbot.keyClick(win.components.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert win.stack.currentWidget() is win.scan
    win.scan.sheets.setValue(sheets)
    win.scan.duplex.setChecked(True)


def test_scan_findings_override_and_build(main_window, qtbot, monkeypatch, test_output_dir) -> None:
    fake = FakeDigitize(blank_back_of=2)
    fake.install(monkeypatch)
    win = main_window
    _to_scan(win, qtbot, 3)
    scan = win.scan
    assert "Giấy chứng sinh" in scan.target.text()
    qtbot.keyClick(scan, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: scan.task is None and scan.thumbs.count() == 6, timeout=20000)
    assert not scan.thumbs.item(0).icon().isNull()
    texts = [scan.findings.item(i).text() for i in range(scan.findings.count())]
    assert any("mặt sau tờ 2" in t and "trắng" in t and "Quét lại trang 4" in t for t in texts), texts
    assert "1 lỗi" in scan.status.text()
    scan.build()
    assert "Hãy sửa hoặc chấp nhận" in scan.status.text()
    scan.thumbs.setCurrentRow(3)
    qtbot.waitUntil(lambda: scan.viewer._item is not None, timeout=5000)
    save_screenshot(win, test_output_dir, "scan_with_finding")
    scan.findings.setCurrentRow(0)
    scan.override_selected(reason="")
    assert "Phải nhập lý do" in scan.status.text()
    scan.override_selected(reason="Mặt sau giấy chứng sinh để trắng")
    qtbot.waitUntil(lambda: scan.session is not None and not scan.session.blocking, timeout=5000)
    qtbot.waitUntil(lambda: any("Đã chấp nhận" in scan.findings.item(i).text()
                                for i in range(scan.findings.count())), timeout=5000)
    qtbot.keyClick(scan, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Đã tạo PDF" in scan.status.text(), timeout=30000)
    docs = win.ctx.ws.documents.for_dossier(scan.session.dossier_no)
    assert len(docs) == 1 and docs[0].component_id == "giay_chung_sinh"
    assert win.ctx.ws.blobs.verify(docs[0].pdf_sha256, "pdf")
    import pikepdf

    with pikepdf.open(win.ctx.ws.blobs.path(docs[0].pdf_sha256, "pdf")) as pdf:
        assert len(pdf.pages) == 6
    assert win.ctx.dossier.component("giay_chung_sinh").state.value == "built"
    save_screenshot(win, test_output_dir, "scan_built")


def test_rescan_fixes_the_finding(main_window, qtbot, monkeypatch) -> None:
    fake = FakeDigitize(blank_back_of=1)
    fake.install(monkeypatch)
    win = main_window
    _to_scan(win, qtbot, 2)
    scan = win.scan
    scan.start_scan()
    qtbot.waitUntil(lambda: scan.task is None and scan.thumbs.count() == 4, timeout=20000)
    assert len(scan.session.blocking) == 1
    scan.thumbs.setCurrentRow(1)
    first_back = scan.session.pages[1].page_id
    qtbot.keyClick(scan, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: scan.task is None and scan.session is not None and not scan.session.blocking,
                    timeout=20000)
    qtbot.waitUntil(lambda: scan.thumbs.count() == 4, timeout=5000)
    assert scan.session.pages[1].page_id != first_back


def test_cancel_mid_scan_keeps_the_pages(main_window, qtbot, monkeypatch) -> None:
    fake = FakeDigitize(delay=0.1)
    fake.install(monkeypatch)
    win = main_window
    _to_scan(win, qtbot, 20)
    scan = win.scan
    scan.start_scan()
    qtbot.waitUntil(lambda: scan.thumbs.count() >= 3, timeout=20000)
    qtbot.keyClick(scan, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: scan.task is None, timeout=20000)
    assert "Đã dừng quét" in scan.status.text()
    kept = len(scan.session.pages)
    assert 3 <= kept < 40
    qtbot.waitUntil(lambda: scan.thumbs.count() == kept, timeout=5000)
    assert scan.scan_btn.isEnabled()


@pytest.mark.timeout(60)
def test_jam_names_the_sheet_and_the_session_continues(main_window, qtbot, monkeypatch, test_output_dir) -> None:
    fake = FakeDigitize(jam_at=2)
    fake.install(monkeypatch)
    win = main_window
    _to_scan(win, qtbot, 3)
    scan = win.scan
    scan.start_scan()
    qtbot.waitUntil(lambda: scan.task is None and scan.jam.isVisible(), timeout=20000)
    assert "tờ 2" in scan.jam.text() and "Quét (F9)" in scan.jam.text()
    qtbot.waitUntil(lambda: scan.thumbs.count() == 2, timeout=5000)
    save_screenshot(win, test_output_dir, "scan_jam")
    session_id = scan.session.session_id
    scan.start_scan()
    qtbot.waitUntil(lambda: scan.task is None and scan.thumbs.count() == 6, timeout=20000)
    assert scan.session.session_id == session_id
    assert not scan.jam.isVisible()


def test_event_loop_stays_responsive_during_a_50_page_scan(main_window, qtbot, monkeypatch) -> None:
    from app.ui.latency import LatencyProbe

    fake = FakeDigitize()
    fake.install(monkeypatch)
    win = main_window
    _to_scan(win, qtbot, 25)
    scan = win.scan
    probe = LatencyProbe()
    probe.start()
    scan.start_scan()
    qtbot.waitUntil(lambda: scan.task is None and scan.thumbs.count() == 50, timeout=60000)
    probe.stop()
    # goal 100 ms (bench/ui_event_loop.py measures it); looser here for 2 shared cores
    assert probe.worst_ms < 250, f"event loop stalled {probe.worst_ms:.0f} ms"


def test_the_declared_sheet_count_does_not_carry_into_the_next_component(main_window, qtbot, monkeypatch) -> None:
    FakeDigitize().install(monkeypatch)
    win = main_window
    _to_scan(win, qtbot, sheets=7)
    assert win.scan.sheets.value() == 7
    win.go(win.components)
    win.components.select_component("to_khai")
    qtbot.keyClick(win.components.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert win.stack.currentWidget() is win.scan and win.scan.component_id == "to_khai"
    assert win.scan.sheets.value() == 1, "the last component's count would be a count error on this one"


def test_a_scanner_out_of_tolerance_is_named_on_the_scan_screen(main_window, qtbot, tmp_path, test_output_dir) -> None:  # type: ignore[no-untyped-def]
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
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-singlefile", str(pdf), str(tmp_path / "scan")], check=True)
    chart = np.asarray(Image.open(tmp_path / "scan.png").convert("RGB"))
    Image.fromarray(cv2.GaussianBlur(chart, (0, 0), 3)).save(tmp_path / "blurred.png", dpi=(200, 200))
    check_and_record(ws, tmp_path / "blurred.png", "test:0")
    main_window.go(scan)
    scan.device.setCurrentText("test:0")
    scan._check_calibration("test:0")
    qtbot.waitUntil(lambda: "sai lệch quá mức" in scan.calibration.text() and scan.calibration.isVisible(),
                    timeout=10000)
    save_screenshot(main_window, test_output_dir, "scan_calibration_warning")
    Image.fromarray(chart).save(tmp_path / "clean.png", dpi=(200, 200))
    assert check_and_record(ws, tmp_path / "clean.png", "test:0").verdict == "pass"
    scan._check_calibration("test:0")
    qtbot.waitUntil(lambda: not scan.calibration.isVisible(), timeout=10000)
