"""Scan profiles in Settings and on the Scan screen, friendly device names, and the demo's
image-folder scanner whose realistic pages pass the quality rules once the officer's sheet count
is right (the count corrected on the open session, audited)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.scan.devices import DEMO_FOLDER_NAME
from app.scan.driver import ColourMode
from app.services.reception import ReceptionRequest, open_dossier
from app.services.scan_profiles import load_profiles
from app.testing.pages import PageSpec, demo_folder, save
from tests.ui.conftest import save_screenshot


def to_component(win, qtbot, component: str) -> None:  # type: ignore[no-untyped-def]
    win.go(win.components)
    win.components.select_component(component)
    win.components.scan_btn.click()  # Digitize this component
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.scan and win.scan.component_id == component,
                    timeout=10000)


@pytest.mark.timeout(120)
def test_profile_edited_in_settings_is_chosen_by_document_type(main_window, qtbot, tmp_path,
                                                               test_output_dir) -> None:
    from app.ui.screens.settings_profiles import ScanProfilesEditor, open_dialog

    win = main_window
    feeder = tmp_path / "quay-3"
    feeder.mkdir()
    save(PageSpec(page_number=(1, 1), seed=4), feeder / "p001.png")
    win.ctx.ws.settings.scanner = "test:0"
    win.go(win.settings)
    dlg = open_dialog(win.ctx, [f"folder:{feeder}", "test:0"], win.settings)
    editor = dlg.findChild(ScanProfilesEditor)
    assert editor.table.rowCount() == 1  # the default profile, on the workstation's scanner
    editor.add_btn.click()
    row = editor.table.rowCount() - 1
    editor.table.item(row, 0).setText("gcs")
    device = editor.table.cellWidget(row, 1)
    assert [device.itemText(i) for i in range(device.count())][:2] == ["Máy quét thư mục ảnh “quay-3”",
                                                                       "Máy quét thử nghiệm SANE (số 0)"]
    device.setCurrentIndex(0)
    editor.table.cellWidget(row, 3).setChecked(False)
    editor.table.cellWidget(row, 4).setCurrentIndex(editor.table.cellWidget(row, 4).findData(200))
    editor.table.cellWidget(row, 5).setCurrentIndex(1)
    save_screenshot(dlg, test_output_dir, "settings_scan_profiles")
    editor.save_btn.click()
    qtbot.waitUntil(lambda: editor.result.text() == "Đã lưu cấu hình quét.", timeout=10000)
    assert load_profiles(win.ctx.ws)["GCS"].device == f"folder:{feeder}"
    dlg.accept()
    # giấy chứng sinh is of type GCS: its profile is on screen; the device by its name, not its path
    d = open_dossier(win.ctx.ws, ReceptionRequest(owner="052090000495", procedure="1.001193"))
    win.open_dossier(d.number)
    to_component(win, qtbot, "giay_chung_sinh")
    scan = win.scan
    assert scan.device.currentText() == "Máy quét thư mục ảnh “quay-3”"
    assert scan.device.device() == f"folder:{feeder}"
    assert not scan.duplex.isChecked() and scan.ui.dpi.currentData() == 200
    assert scan.ui.mode.currentData() == ColourMode.GRAY and "GCS" in scan.ui.profile.text()
    scan.start_scan()
    qtbot.waitUntil(lambda: scan.task is None and scan.thumbs.count() == 1, timeout=60000)
    rec = scan.session.raw
    assert (rec.device, rec.dpi, rec.mode, rec.duplex) == (f"folder:{feeder}", 200, "gray", False)
    save_screenshot(win, test_output_dir, "scan_profile_applied")
    # another type: the default profile (both sides, the workstation's scanner)
    to_component(win, qtbot, "to_khai")
    assert scan.duplex.isChecked() and scan.device.device() == "test:0"
    assert "mặc định" in scan.ui.profile.text()


@pytest.mark.timeout(180)
def test_demo_pages_pass_once_the_sheet_count_is_corrected(main_window, qtbot, tmp_path,
                                                           test_output_dir) -> None:
    folder = tmp_path / "demo" / DEMO_FOLDER_NAME
    demo_folder(folder)  # what `motcua demo` feeds: three sheets, both sides
    win = main_window
    win.ctx.ws.settings.scanner = f"folder:{folder}"
    d = open_dossier(win.ctx.ws, ReceptionRequest(owner="052090000495", procedure="1.001193"))
    win.open_dossier(d.number)
    to_component(win, qtbot, "giay_chung_sinh")
    scan = win.scan
    assert scan.device.currentText() == "Máy quét thư mục (demo)"
    assert scan.sheets.value() == 1 and scan.duplex.isChecked()
    qtbot.keyClick(scan, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: scan.task is None and scan.thumbs.count() == 6, timeout=90000)
    # the officer counted one sheet; the feeder held three: the count rule says so
    assert [f.page_id for f in scan.session.blocking] == [None] and "1" in scan.session.blocking[0].message_vi
    scan.sheets.setValue(3)  # corrected on the open session
    qtbot.waitUntil(lambda: scan.session.declared_sheets == 3, timeout=10000)
    assert not scan.session.blocking and scan.build_btn.isEnabled()
    # notes (blank backs kept) are not problems
    assert "Không phát hiện lỗi" in scan.status.text(), scan.status.text()
    updates = [e.details for e in win.ctx.ws.audit.entries(dossier=d.number)
               if e.action == "scan.session.update"]
    assert {"session": int(scan.session.session_id), "declared_sheets": 3} in updates
    # every badge drawn from the page's findings as they are now (none left from mid-batch)
    from app.ui.screens.scan_pages import drawn_key

    qtbot.waitUntil(lambda: not scan.thumbs.stale({p.page_id: drawn_key(p) for p in scan.session.pages}),
                    timeout=10000)
    assert scan.progress.value() == scan.progress.maximum() == 6  # pages scanned, not pages read for numbers
    save_screenshot(win, test_output_dir, "scan_demo_pages_pass")
