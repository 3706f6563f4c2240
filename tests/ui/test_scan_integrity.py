"""The Scan screen on reopening shows the component's saved session; a page changed after capture
offers only rescan or delete: "Accept with a reason" is off and refuses (real adapter, real widgets)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.scan.driver import ScanSettings
from app.scan.session import SessionStore
from app.services.digitize import scan_into, start_session
from app.services.reception import ReceptionRequest, open_dossier
from app.testing.pages import PageSpec
from app.ui.screens.scan_widgets import FINDING_ROLE
from tests.scan.conftest import save_pages
from tests.ui.conftest import save_screenshot


def test_changed_page_offers_only_rescan_or_delete(main_window, qtbot, tmp_path: Path,
                                                   test_output_dir) -> None:  # type: ignore[no-untyped-def]
    win = main_window
    ws = win.ctx.ws
    folder = tmp_path / "feeder"
    save_pages(folder, [PageSpec(seed=i, dpi=200, page_number=(i + 1, 2)) for i in range(2)])
    d = open_dossier(ws, ReceptionRequest(owner="052090000495", procedure="1.001193"))
    s = start_session(ws, device=f"folder:{folder}", settings=ScanSettings(dpi=200), dossier_no=d.number,
                      component_id="giay_chung_sinh", declared_sheets=2)
    scan_into(ws, s.id)
    page = SessionStore(ws).pages(s.id)[1]
    path = ws.blobs.path(page.sha256, "png")
    data = bytearray(path.read_bytes())
    data[-20] ^= 0xFF
    path.write_bytes(bytes(data))

    win.open_dossier(d.number)
    win.components.select_component("giay_chung_sinh")
    qtbot.keyClick(win.components.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    scan = win.scan
    qtbot.waitUntil(lambda: scan.session is not None and scan.thumbs.count() == 2, timeout=20000)
    assert scan.session.session_id == str(s.id)  # the saved session is back on reopening
    changed = next(f for f in scan.session.findings if f.finding_id.startswith("integrity"))
    assert not changed.waivable
    # the page's line (one per page) shows it: its worst issue
    row = next(i for i in range(scan.findings.count())
               if scan.findings.item(i).data(FINDING_ROLE) == changed.finding_id)
    scan.findings.setCurrentRow(row)
    assert not scan.override_btn.isEnabled()
    assert scan.rescan_btn.isEnabled() and scan.delete_btn.isEnabled()
    scan.override_selected(reason="Tôi đã kiểm tra, trang vẫn đúng")
    assert "không thể chấp nhận" in scan.status.text()
    save_screenshot(win, test_output_dir, "scan_changed_page")
    assert "qc.override" not in [e.action for e in ws.audit.entries()]


def test_reopening_an_interrupted_scan_offers_to_continue_at_the_right_sheet(main_window, qtbot,
                                                                             tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import json

    win = main_window
    ws = win.ctx.ws
    folder = tmp_path / "feeder"
    save_pages(folder, [PageSpec(seed=i, dpi=200) for i in range(4)])
    (folder / "scanner.json").write_text(json.dumps({"jam_after": 2, "once": True}))
    d = open_dossier(ws, ReceptionRequest(owner="052090000495", procedure="1.001193"))
    s = start_session(ws, device=f"folder:{folder}", settings=ScanSettings(dpi=200), dossier_no=d.number,
                      component_id="giay_chung_sinh", declared_sheets=4)
    assert scan_into(ws, s.id).reload_sheet == 3
    win.open_dossier(d.number)
    win.components.select_component("giay_chung_sinh")
    qtbot.keyClick(win.components.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    scan = win.scan
    qtbot.waitUntil(lambda: scan.session is not None and scan.thumbs.count() == 2, timeout=20000)
    assert "quét tiếp từ tờ 3" in scan.status.text()
    qtbot.keyClick(scan, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: scan.task is None and scan.thumbs.count() == 4, timeout=30000)
    assert [p.sheet for p in SessionStore(ws).pages(s.id)] == [1, 2, 3, 4]
