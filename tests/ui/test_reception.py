"""Reception through the real widgets: ID validation in Vietnamese, QR from a card image,
accent-insensitive procedure search, delegated submitter, dossier number shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.ui.conftest import save_screenshot
from tests.ui.test_guided_flow import when_modal


def _card_image(path: Path, text: str) -> Path:
    import numpy as np
    import zxingcpp
    from PIL import Image, ImageDraw

    qr = np.array(zxingcpp.write_barcode_to_image(zxingcpp.create_barcode(text,
                                                                          zxingcpp.BarcodeFormat.QRCode),
                                                   scale=4))
    card = Image.new("RGB", (900, 570), (226, 236, 246))
    draw = ImageDraw.Draw(card)
    draw.rectangle((20, 20, 880, 550), outline=(40, 80, 140), width=4)
    draw.text((60, 60), "CAN CUOC CONG DAN", fill=(180, 20, 20))
    card.paste(Image.fromarray(qr).convert("RGB"), (600, 60))
    card.save(path)
    return path


def test_owner_id_validation_message_in_vietnamese(main_window, qtbot) -> None:
    rec = main_window.reception
    main_window.go(rec)
    qtbot.keyClicks(rec.owner_id, "99909000049")
    assert "11 chữ số" in rec.owner_msg.text()
    rec.owner_id.clear()
    qtbot.keyClicks(rec.owner_id, "999090000495")
    assert "không phải mã tỉnh" in rec.owner_msg.text()
    rec.owner_id.clear()
    qtbot.keyClicks(rec.owner_id, "052090000495")
    assert "Bình Định" in rec.owner_msg.text() and "1990" in rec.owner_msg.text()


def test_receive_a_delegated_dossier(main_window, qtbot, test_output_dir) -> None:
    win = main_window
    rec = win.reception
    win.go(rec)
    qtbot.keyClicks(rec.owner_id, "052090000495")
    rec.owner_name.setText("Nguyễn Văn An")
    rec.delegated.setChecked(True)
    qtbot.keyClicks(rec.submitter_id, "001185000123")
    rec.submitter_name.setText("Trần Thị Bình")
    rec.proc_search.clear()
    qtbot.keyClicks(rec.proc_search, "khai sinh")
    shown = [rec.proc_list.item(i).text() for i in range(rec.proc_list.count())]
    assert shown and all("khai sinh" in s.lower() for s in shown)
    assert any("Đăng ký khai sinh" in s for s in shown)
    save_screenshot(win, test_output_dir, "reception_filled")
    with qtbot.waitSignal(rec.dossier_opened, timeout=10000) as blocker:
        qtbot.keyClick(rec, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    number = blocker.args[0]
    assert number.startswith("000.87.34.H08-")
    assert number in rec.result.text()
    # the form is cleared (a second Ctrl+Enter cannot receive the same citizen again); a summary stays
    assert rec.owner_id.text() == "" and rec.submitter_id.text() == "" and not rec.delegated.isChecked()
    from app.services.receipt import appointment_date

    due = appointment_date(win.ctx.ws.dossiers.get(number))
    assert f"hẹn trả kết quả ngày {due:%d/%m/%Y}" in rec.summary.text()
    assert "Nguyễn Văn An" in rec.summary.text()
    dossier = win.ctx.ws.dossiers.get(number)
    assert dossier.delegated and dossier.submitter.id == "001185000123"
    assert dossier.owner.name == "Nguyễn Văn An"
    # the window moved on to the dossier's components
    assert win.stack.currentWidget() is win.components
    assert number in win.components.header.text()
    assert win.components.table.rowCount() == len(dossier.components)
    save_screenshot(win, test_output_dir, "components_after_reception")
    # and Today's dossiers lists it, searchable without accents
    win.go(win.today)
    qtbot.waitUntil(lambda: win.today.model.rowCount() == 1, timeout=5000)
    qtbot.keyClicks(win.today.search, "nguyen van an")
    assert win.today.proxy.rowCount() == 1
    win.today.search.clear()
    qtbot.keyClicks(win.today.search, "ket hon")
    assert win.today.proxy.rowCount() == 0
    save_screenshot(win, test_output_dir, "today_with_dossier")


def test_reception_refuses_bad_input_without_creating(main_window, qtbot) -> None:
    win = main_window
    rec = win.reception
    win.go(rec)
    qtbot.keyClicks(rec.owner_id, "12345")
    rec.submit()
    assert "5 chữ số" in rec.error.text()
    assert win.ctx.ws.dossiers.list() == []


def test_owner_read_from_id_card_qr(main_window, qtbot, tmp_path) -> None:
    rec = main_window.reception
    main_window.go(rec)
    img = _card_image(tmp_path / "card.png",
                      "052090000495|212345678|Nguyễn Văn An|15031990|Nam|Nhơn Bình, Quy Nhơn, Bình "
                      "Định|01072021")
    rec.read_qr_file(img)
    qtbot.waitUntil(lambda: rec.owner_id.text() == "052090000495", timeout=10000)
    assert rec.owner_name.text() == "Nguyễn Văn An"
    assert rec.owner_birth.text() == "15/03/1990"


def test_image_without_qr_says_so(main_window, qtbot, tmp_path) -> None:
    from PIL import Image

    rec = main_window.reception
    main_window.go(rec)
    blank = tmp_path / "blank.png"
    Image.new("RGB", (400, 300), "white").save(blank)
    rec.read_qr_file(blank)
    qtbot.waitUntil(lambda: "Không tìm thấy mã QR" in rec.error.text(), timeout=10000)
    assert rec.owner_id.text() == ""


def test_reopening_the_app_returns_to_the_open_dossier(main_window, qtbot) -> None:
    from app.ui.app import start

    win = main_window
    rec = win.reception
    win.go(rec)
    qtbot.keyClicks(rec.owner_id, "052090000495")
    rec.proc_search.setText("kết hôn")
    with qtbot.waitSignal(rec.dossier_opened, timeout=10000) as blocker:
        rec.submit()
    number = blocker.args[0]
    from app.store.settings import Settings

    qtbot.waitUntil(lambda: Settings.load(win.ctx.ws.root).extra.get("ui.dossier") == number, timeout=5000)
    win.close()
    win.ctx.runner.wait(10000)
    _app, shell = start(win.ctx.ws, lang="vi", show=True)
    again = shell.window
    qtbot.addWidget(again)
    assert again.ctx.dossier is not None and again.ctx.dossier.number == number
    assert again.stack.currentWidget() is again.components
    assert number in again.components.header.text()


def test_tab_order_follows_the_counter_workflow(main_window, qtbot) -> None:
    rec = main_window.reception
    main_window.go(rec)
    rec.owner_id.setFocus()
    seen = [rec.owner_id]
    for _ in range(3):
        rec.focusNextChild()
        seen.append(rec.focusWidget())
    assert seen == [rec.owner_id, rec.qr_btn, rec.owner_name, rec.delegated]


def test_components_show_category_fee_and_not_provided(main_window, qtbot) -> None:
    from app.domain.records import ComponentState
    from app.services.reception import ReceptionRequest, open_dossier

    win = main_window
    d = open_dossier(win.ctx.ws, ReceptionRequest(owner="052090000495", procedure="1.001193"))
    win.open_dossier(d.number)
    comp = win.components
    rows = {comp.table.item(r, 0).text(): [comp.table.item(r, c).text() for c in range(6)]
            for r in range(comp.table.rowCount())}
    on_request = [r for r in rows.values() if r[3] == "Theo yêu cầu (có thu phí)"]
    assert on_request and all(r[5].endswith("₫ mỗi trang") for r in on_request)
    mandatory = [r for r in rows.values() if r[3].startswith("(")]
    assert mandatory and all(r[5] == "Miễn phí (bắt buộc số hóa)" for r in mandatory)
    comp.select_component("van_ban_uy_quyen")

    def confirm(dlg) -> None:  # type: ignore[no-untyped-def]  # asked first: tests/ui/test_guided_flow.py
        dlg.reason.insert("Công dân tự nộp")
        dlg.accept()

    when_modal(confirm)
    qtbot.mouseClick(comp.not_provided_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: win.ctx.dossier.component("van_ban_uy_quyen").state is ComponentState.NOT_PROVIDED,
        timeout=5000)
    assert (win.ctx.ws.dossiers.get(d.number).component("van_ban_uy_quyen").state
            is ComponentState.NOT_PROVIDED)


def test_receipt_printed_and_duplicate_reception_guarded(main_window, qtbot, test_output_dir,
                                                         monkeypatch) -> None:
    import subprocess
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.ui.screens import reception as reception_screen

    checked_on: list[threading.Thread] = []
    real_check = reception_screen.recent_duplicate

    def recent_duplicate(*args, **kwargs):
        checked_on.append(threading.current_thread())
        return real_check(*args, **kwargs)

    monkeypatch.setattr(reception_screen, "recent_duplicate", recent_duplicate)
    win = main_window
    rec = win.reception
    rec.open_receipts = False
    win.go(rec)

    def receive() -> None:
        qtbot.keyClicks(rec.owner_id, "052090000495")
        rec.owner_name.setText("Nguyễn Văn An")
        rec.proc_search.setText("khai sinh")
        rec.proc_list.setCurrentRow(0)
        rec.submit()

    with qtbot.waitSignal(rec.dossier_opened, timeout=10000) as blocker:
        receive()
    number = blocker.args[0]
    win.go(rec)
    qtbot.keyClick(rec, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    out = rec.receipt_path(number)
    qtbot.waitUntil(lambda: out.is_file() and "Đã ghi giấy tiếp nhận" in rec.error.text(), timeout=20000)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert number in text and "HẸN TRẢ KẾT QUẢ" in text
    save_screenshot(win, test_output_dir, "reception_summary")

    # the same citizen and procedure again within minutes: asked first, Cancel is the default;
    # the check runs on a worker (the question comes when its answer is in)
    asked: list[str] = []

    def answer(label: str, tries: int = 200) -> None:
        box = next((w for w in QApplication.topLevelWidgets()
                    if isinstance(w,
                                  QMessageBox) and w.objectName() == "confirm_duplicate" and w.isVisible()),
                                  None)
        if box is None:
            if tries:  # not asked yet (the check still runs): look again shortly
                QTimer.singleShot(50, lambda: answer(label, tries - 1))
            return
        asked.append(box.text())
        next(b for b in box.buttons() if b.text() == label).click()

    QTimer.singleShot(50, lambda: answer("Hủy"))
    receive()
    qtbot.waitUntil(lambda: "Không tiếp nhận lại" in rec.error.text(), timeout=10000)
    assert len(asked) == 1 and number in asked[0]
    assert len(win.ctx.ws.dossiers.list()) == 1
    assert checked_on and all(t is not threading.main_thread() for t in checked_on)
    QTimer.singleShot(50, lambda: answer("Tiếp nhận hồ sơ mới"))
    with qtbot.waitSignal(rec.dossier_opened, timeout=10000):
        rec.clear()
        receive()
    assert len(win.ctx.ws.dossiers.list()) == 2
