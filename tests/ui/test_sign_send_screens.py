"""Sign and Send screens through the real widgets: wrong PIN with tries left, locked token,
cancel; server down keeps the update waiting and retry catches up; return of results;
"Lấy từ kho" among several. Until the sign and sync areas are merged the services are the
stand-ins of tests/ui/fake_sign_sync.py."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.services.reception import ReceptionRequest, open_dossier
from tests.ui.conftest import save_screenshot
from tests.ui.fake_sign_sync import FakeServices


def _open(win) -> str:  # type: ignore[no-untyped-def]
    d = open_dossier(win.ctx.ws, ReceptionRequest(owner="052090000495", procedure="1.001193"))
    win.open_dossier(d.number)
    return d.number


def test_wrong_pin_then_locked_then_right_pin(main_window, qtbot, monkeypatch, test_output_dir) -> None:
    fake = FakeServices(pin="246810")
    fake.install(monkeypatch)
    win = main_window
    _open(win)
    win.go(win.sign)
    sign = win.sign
    qtbot.waitUntil(lambda: sign.certs.count() == 2 and sign.docs.rowCount() == 2, timeout=10000)
    assert "Cán bộ Một cửa Demo" in sign.certs.item(0).text()
    sign.sign(pin="000000")
    qtbot.waitUntil(lambda: sign.task is None and "Sai mã PIN" in sign.message.text(), timeout=10000)
    assert "còn 2 lần thử" in sign.message.text()
    save_screenshot(win, test_output_dir, "sign_wrong_pin")
    sign.sign(pin="111111")
    qtbot.waitUntil(lambda: sign.task is None and "còn 1 lần thử" in sign.message.text(), timeout=10000)
    sign.sign(pin="246810")
    qtbot.waitUntil(lambda: sign.task is None and "Đã ký 2 tài liệu" in sign.message.text(), timeout=10000)
    assert [sign.docs.item(r, 2).text() for r in range(2)] == ["Đã ký số", "Đã ký số"]
    assert all(set(p) == {"*"} for p in fake.seen_pins)
    save_screenshot(win, test_output_dir, "sign_done")


def test_pin_dialog_never_keeps_the_pin(main_window, qtbot) -> None:
    from app.ui.screens.sign import PinDialog

    dlg = PinDialog("MOTCUA-DEMO", main_window)
    qtbot.addWidget(dlg)
    qtbot.keyClicks(dlg.pin, "123456")
    assert dlg.pin.echoMode() == dlg.pin.EchoMode.Password
    assert dlg.take_pin() == "123456"
    assert dlg.pin.text() == ""


def test_cancel_signing_keeps_signed_documents(main_window, qtbot, monkeypatch) -> None:
    fake = FakeServices(docs=30, delay=0.05)
    fake.install(monkeypatch)
    win = main_window
    _open(win)
    win.go(win.sign)
    sign = win.sign
    qtbot.waitUntil(lambda: sign.certs.count() == 2 and sign.docs.rowCount() == 30, timeout=10000)
    sign.sign(pin="123456")
    qtbot.waitUntil(lambda: sign.progress.value() >= 2, timeout=10000)
    qtbot.keyClick(sign, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: sign.task is None, timeout=10000)
    assert "Đã dừng ký" in sign.message.text()
    signed = sum(d.signed for d in fake.docs)
    assert 2 <= signed < 30


def test_server_down_then_retry(main_window, qtbot, monkeypatch, test_output_dir) -> None:
    fake = FakeServices(server_up=False)
    fake.install(monkeypatch)
    win = main_window
    number = _open(win)
    win.go(win.send)
    send = win.send
    qtbot.keyClick(send, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: send.task is None and send.table.rowCount() == 1, timeout=10000)
    assert send.table.item(0, 0).text() == number
    assert send.table.item(0, 2).text() == "Lỗi, sẽ gửi lại"
    assert "Không kết nối được máy chủ" in send.table.item(0, 4).text()
    assert "còn 1 cập nhật đang chờ" in send.message.text().lower()
    save_screenshot(win, test_output_dir, "send_server_down")
    fake.server_up = True
    qtbot.keyClick(send, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: send.task is None and send.table.item(0, 2).text() == "Đã gửi", timeout=10000)
    assert "Đã gửi hết" in send.message.text()
    send.mark_returned(confirm=False)
    qtbot.waitUntil(lambda: send.table.rowCount() == 2, timeout=10000)
    assert "(10)" in send.table.item(1, 1).text()


def test_take_from_warehouse_among_several(main_window, qtbot, monkeypatch) -> None:
    fake = FakeServices()
    fake.install(monkeypatch)
    win = main_window
    _open(win)
    win.send.pick_from_warehouse("giay_chung_sinh", choose="052090000495.KQ.G15.000037.05052024")
    qtbot.waitUntil(lambda: fake.attached != [], timeout=10000)
    assert fake.attached == [("giay_chung_sinh", "052090000495.KQ.G15.000037.05052024")]


def test_warehouse_dialog_lists_the_choices(qtbot) -> None:
    from app.ui.screens.send import WarehouseDialog

    fake = FakeServices()
    dlg = WarehouseDialog(fake.warehouse_candidates(None, "", ""))
    qtbot.addWidget(dlg)
    assert dlg.list.count() == 2
    assert "đã sử dụng 1 lần" in dlg.list.item(0).text()
    dlg.list.setCurrentRow(1)
    assert dlg.chosen() == "052090000495.KQ.G15.000037.05052024"
