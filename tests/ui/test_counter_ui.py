"""The counter's warehouse-first flow through the real widgets and the session's reference
server: opening a dossier checks every reusable component at once (in a worker), a component
with several candidates cannot be scanned until decided, the look-before-taking dialog renders
the document and its verdict, feedback and the paper instead are reachable, and the portal
account's next step is recorded."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.domain.warehouse import CheckOutcome
from app.services import reuse
from app.services.reception import ReceptionRequest, open_dossier
from app.store.workspace import Session
from tests.ui.conftest import save_screenshot, save_settings


def _login(win, station_server) -> None:  # type: ignore[no-untyped-def]
    ws = win.ctx.ws
    ws.settings.trust_dir = str(station_server.trust_dir)
    ws.settings.server_user = "demo"
    ws.save_settings()
    ws.session = Session("demo", ("officer",), "000.87.34.H08", "demo")  # what the login dialog sets


def test_warehouse_first_look_before_taking_and_paper_instead(main_window, qtbot, station_server,
                                                              test_output_dir) -> None:
    win = main_window
    _login(win, station_server)
    ws = win.ctx.ws
    number = open_dossier(ws, ReceptionRequest(owner="052090000495", procedure="2.001263")).number
    win.open_dossier(number)
    comp = win.components
    win.go(comp)
    qtbot.waitUntil(lambda: len(comp.checks) == 3 and not comp.check_progress.isVisible(), timeout=60000)
    assert comp.checks["giay_khai_sinh_tre"].outcome == "choose"
    rows = {comp.table.item(r, 0).data(Qt.ItemDataRole.UserRole): comp.table.item(r, 2).text()
            for r in range(comp.table.rowCount())}
    assert "cần chọn" in rows["giay_khai_sinh_tre"] and "không có" in rows["ly_lich_tu_phap"]
    qtbot.waitUntil(lambda: "đã liên kết" in comp.portal.text(), timeout=20000)
    save_screenshot(win, test_output_dir, "counter_warehouse_first")

    # several candidates: scanning waits for a decision
    comp.select_component("giay_khai_sinh_tre")
    qtbot.keyClick(comp.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "nhiều giấy tờ" in comp.check_note.text(), timeout=10000)
    assert win.stack.currentWidget() is comp

    # look before taking: the pages, the verdict, the search
    dlg = win.send.look_in_warehouse(number, "giay_khai_sinh_tre")
    qtbot.waitUntil(lambda: dlg.list.count() == 2, timeout=30000)
    qtbot.waitUntil(lambda: dlg.pages.pixmap() is not None and not dlg.pages.pixmap().isNull(), timeout=30000)
    assert "VALID" in dlg.verdict.text() and "Số quyết định" in dlg.meta.text()
    assert dlg.take_btn.isEnabled()
    save_screenshot(dlg, test_output_dir, "counter_warehouse_preview")
    dlg.query.setText("cap lai")
    dlg.search()
    qtbot.waitUntil(lambda: dlg.list.count() == 1, timeout=30000)
    assert "000214" in dlg.list.item(0).text()

    # the paper disagrees: feedback on the electronic copy, then the paper is digitized instead
    dlg.reason.setCurrentIndex(0)
    with qtbot.waitSignal(dlg.feedback_sent, timeout=20000) as sent:
        dlg.not_this_btn.click()
    assert sent.args[1] is True and "Đã gửi phản ánh" in dlg.status.text()
    dlg.paper_reason.setText("x")
    dlg.paper_btn.click()
    qtbot.waitUntil(lambda: "lý do" in dlg.status.text(), timeout=10000)
    dlg.paper_reason.setText("Bản giấy ghi ngày sinh khác bản điện tử")
    with qtbot.waitSignal(dlg.paper_taken, timeout=20000):
        dlg.paper_btn.click()
    assert reuse.checks(ws, number)["giay_khai_sinh_tre"].outcome is CheckOutcome.PAPER
    qtbot.waitUntil(lambda: "dùng bản giấy" in comp.table.item(
        next(r for r in range(comp.table.rowCount())
             if comp.table.item(r, 0).data(Qt.ItemDataRole.UserRole) == "giay_khai_sinh_tre"), 2).text(),
        timeout=10000)
    comp.select_component("giay_khai_sinh_tre")
    comp.scan_btn.click()  # decided (the paper): scanning goes on
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.scan, timeout=10000)


def test_portal_account_guided_and_link_requested(main_window, qtbot, station_server,
                                                  test_output_dir) -> None:
    from app.services.portal import steps_done

    win = main_window
    _login(win, station_server)
    ws = win.ctx.ws
    number = open_dossier(ws, ReceptionRequest(owner="079200000001", procedure="1.001193")).number
    win.open_dossier(number)
    comp = win.components
    win.go(comp)
    qtbot.waitUntil(lambda: comp.portal_panel.view is not None, timeout=30000)
    comp._guide()
    qtbot.waitUntil(lambda: comp.portal_panel.guide_box.isVisible(), timeout=5000)
    assert "Cổng Dịch vụ công" in comp.portal_panel.guide_box.text()
    save_screenshot(win, test_output_dir, "counter_portal_guide")
    comp.portal_panel.guide_box.accept()
    qtbot.waitUntil(lambda: "đã hướng dẫn" in comp.portal.text(), timeout=20000)
    if comp.link_btn.isEnabled():  # not linked yet in this session's server
        comp.link_btn.click()
        qtbot.waitUntil(lambda: "link_requested" in steps_done(ws, number), timeout=20000)
    qtbot.waitUntil(lambda: "đã gửi yêu cầu liên kết" in comp.portal.text(), timeout=20000)
    assert not comp.link_btn.isEnabled()


def test_settings_time_stamp_server_copy_agency_and_title(main_window,
                                                          qtbot) -> None:  # type: ignore[no-untyped-def]
    from tests.sync.conftest import free_port

    win = main_window
    st = win.settings
    win.go(st)
    st.tsa.setText("tsa.example")  # no scheme
    save_settings(qtbot, st)
    assert "http(s)" in st.saved.text()
    st.tsa.setText(f"http://127.0.0.1:{free_port()}/tsa")
    st.copy_agency.setText("UBND xã Phước Hưng")
    st.officer_title.setText("Công chức Tư pháp - Hộ tịch")
    save_settings(qtbot, st)
    s = win.ctx.ws.settings
    assert (s.agency_name, s.officer_title) == ("UBND xã Phước Hưng", "Công chức Tư pháp - Hộ tịch")
    st.results["tsa"].setText("")
    st.test_buttons["tsa"].click()
    qtbot.waitUntil(lambda: st.results["tsa"].text()[:1] in ("✔", "⚠", "✖"), timeout=30000)
    assert "không trả lời" in st.results["tsa"].text()


def test_the_scan_preview_shows_the_newest_page_while_scanning(main_window, qtbot,
                                                               tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.testing.pages import PageSpec
    from tests.ui.test_scan_screen import copies

    feeder = copies(tmp_path / "feeder", 10, PageSpec(dpi=100, page_number=(1, 1), seed=7))
    win = main_window
    d = open_dossier(win.ctx.ws, ReceptionRequest(owner="052090000495", procedure="1.001193"))
    win.open_dossier(d.number)
    win.components.select_component("giay_chung_sinh")
    win.components.scan_btn.click()
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.scan, timeout=5000)
    scan = win.scan
    scan.device.setCurrentText(f"folder:{feeder}")  # the image-folder scanner
    scan.duplex.setChecked(False)
    scan.sheets.setValue(10)
    scan.start_scan()
    qtbot.waitUntil(lambda: scan.thumbs.count() >= 2, timeout=60000)
    assert scan.task is not None and scan.viewer._item is not None  # not an empty view while pages arrive
    scan.cancel()
    qtbot.waitUntil(lambda: scan.task is None, timeout=20000)


def test_import_files_and_a_fragile_original_from_the_components_screen(main_window, qtbot, station_server,
                                                                        tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.services.receipt import receipt_for
    from tests.sign.conftest import page_image

    win = main_window
    _login(win, station_server)
    ws = win.ctx.ws
    number = open_dossier(ws, ReceptionRequest(owner="052090000495", procedure="1.004227")).number
    win.open_dossier(number)
    comp = win.components
    win.go(comp)
    comp.select_component("ban_ve")
    img = page_image(tmp_path / "drawing.png", dpi=100, size_mm=(148, 210), seed=4)
    comp.import_files([str(img)])
    qtbot.waitUntil(lambda: "Đã nhập 1 tệp, 1 trang" in comp.check_note.text(), timeout=30000)
    qtbot.waitUntil(lambda: win.ctx.dossier.component("ban_ve").state.value == "scanned", timeout=10000)
    comp.select_component("don")
    comp.special_original("fragile", "Đơn viết tay trên giấy đã mục")
    qtbot.waitUntil(lambda: win.ctx.dossier.component("don").state.value == "not_provided", timeout=10000)
    assert any("dễ hư hỏng" in line.note for line in receipt_for(ws, number).lines)
