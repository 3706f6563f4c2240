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


def _sign_screen(win, qtbot, monkeypatch, **fake_options):  # type: ignore[no-untyped-def]
    """The Sign screen on an open dossier, behind the stand-in services, certificates and documents shown."""
    fake = FakeServices(**fake_options)
    fake.install(monkeypatch)
    _open(win)
    win.go(win.sign)
    sign = win.sign
    qtbot.waitUntil(lambda: sign.certs.count() == 2 and sign.docs.rowCount() == len(fake.docs), timeout=10000)
    return fake, sign


def test_wrong_pin_then_locked_then_right_pin(main_window, qtbot, monkeypatch, test_output_dir) -> None:
    win = main_window
    fake, sign = _sign_screen(win, qtbot, monkeypatch, pin="246810")
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
    from app.services import sign_view as sg
    from app.ui.screens.sign import PinDialog

    cert = sg.CertChoice("MOTCUA-DEMO", "officer", "Nguyễn Văn An", "officer", "31/12/2027")
    dlg = PinDialog(cert, 2, main_window)
    qtbot.addWidget(dlg)
    # the dialog names the certificate that will sign, its holder and role, not only the token
    assert "Nguyễn Văn An" in dlg.who.text() and "khóa của cán bộ" in dlg.who.text() and "2 tài liệu" in dlg.who.text()
    qtbot.keyClicks(dlg.pin, "123456")
    assert dlg.pin.echoMode() == dlg.pin.EchoMode.Password
    assert dlg.take_pin() == "123456"
    assert dlg.pin.text() == ""


def test_officer_key_preselected_even_when_the_token_lists_the_agency_first(main_window, qtbot, monkeypatch,
                                                                             test_output_dir) -> None:
    win = main_window
    fake, sign = _sign_screen(win, qtbot, monkeypatch, pin="246810", agency_first=True)
    assert sign.certs.item(0).data(0x0100).kind == "agency"  # the token's own order
    assert sign.current_cert().kind == "officer"
    assert "Khóa của cán bộ: ký 2 tài liệu" in sign.key_note.text()
    assert [sign.docs.item(r, 3).text() for r in range(2)] == ["cán bộ", "cán bộ"]
    sign.sign(pin="246810")
    qtbot.waitUntil(lambda: sign.task is None and "Đã ký 2 tài liệu" in sign.message.text(), timeout=10000)
    assert fake.signed_with == [("officer", False)]
    save_screenshot(win, test_output_dir, "sign_officer_preselected")


def test_agency_key_only_for_copies_and_only_when_confirmed(main_window, qtbot, monkeypatch, test_output_dir) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    win = main_window
    fake, sign = _sign_screen(win, qtbot, monkeypatch, pin="246810", docs=1, copies=1)
    assert sign.current_cert().kind == "officer"  # the officer's documents first
    assert sign.docs.item(1, 3).text() == "cơ quan (bản sao y)"
    sign.sign(pin="246810")
    qtbot.waitUntil(lambda: sign.task is None and "Đã ký 1 tài liệu" in sign.message.text(), timeout=10000)
    assert [d.signed for d in fake.docs] == [True, False]
    qtbot.waitUntil(lambda: sign.current_cert() is not None and sign.current_cert().kind == "agency", timeout=10000)
    assert "xác nhận" in sign.key_note.text()

    answers: list[str] = []

    def answer(button_text: str) -> None:
        box = next(w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QMessageBox) and w.objectName() == "confirm_agency_key" and w.isVisible())
        try:
            answers.append(box.text())
            if len(answers) == 1:
                box.grab().save(str(test_output_dir / "sign_agency_confirm.png"))
        finally:  # always answer: a dialog left open would hang the test
            next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(200, lambda: answer("Hủy"))
    sign.sign(pin="246810")
    assert "Chưa ký tài liệu nào bằng khóa của cơ quan" in sign.message.text()
    assert fake.signed_with == [("officer", False)]
    QTimer.singleShot(200, lambda: answer("Ký bằng khóa của cơ quan"))
    sign.sign(pin="246810")
    qtbot.waitUntil(lambda: sign.task is None and "Đã ký 1 tài liệu" in sign.message.text(), timeout=10000)
    assert fake.signed_with == [("officer", False), ("agency", True)]
    assert all(d.signed for d in fake.docs)
    assert "CƠ QUAN “UBND xã Demo”" in answers[0]


def test_cancel_signing_keeps_signed_documents(main_window, qtbot, monkeypatch) -> None:
    win = main_window
    fake, sign = _sign_screen(win, qtbot, monkeypatch, docs=30, delay=0.05)
    sign.sign(pin="123456")
    qtbot.waitUntil(lambda: sign.progress.value() >= 2, timeout=10000)
    qtbot.keyClick(sign, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: sign.task is None, timeout=10000)
    assert "Đã dừng ký" in sign.message.text()
    signed = sum(d.signed for d in fake.docs)
    assert 2 <= signed < 30


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
