"""Sign and Send screens through the real widgets on real parts: the session's SoftHSM2 token
with the test PKI (or a fresh token of its own where the test needs one set up differently),
the session's reference server for the warehouse. Wrong PINs with the token's "few tries
left", the officer's key preselected whatever order the token lists its keys in, the agency's
key only for certified copies and only when confirmed, cancel keeps what is signed, "Lấy từ
kho" among several."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.services.reception import ReceptionRequest, open_dossier
from app.store.workspace import Session
from tests.ui.conftest import built_document, save_screenshot

PIN = "246810"


def _reinitialize(module: Path) -> None:
    """SoftHSM reads SOFTHSM2_CONF when initialised: a module this process already loaded is
    initialised again to see the token now configured."""
    from app.sign import tokens

    if str(module) in tokens._LIBS:
        tokens._LIBS[str(module)].reinitialize()  # type: ignore[attr-defined]


@pytest.fixture
def fresh_token(tmp_path: Path, pki: Any) -> Iterator[Callable[..., Any]]:
    """Make a SoftHSM2 token of the test's own (keys imported in the order given); the
    session's token configuration is put back afterwards."""
    softhsm = pytest.importorskip("app.testing.softhsm")
    if softhsm.softhsm_module() is None:
        pytest.skip("SoftHSM2 is not installed")
    before = os.environ.get("SOFTHSM2_CONF")
    made: list[Any] = []

    def make(*roles: str, label: str = "MOTCUA-FRESH") -> Any:
        tok = softhsm.demo_token(tmp_path / f"hsm{len(made)}", pin=PIN, label=label, pki=pki,
                                 identities={r: getattr(pki, r) for r in roles})
        tok.apply_env()
        _reinitialize(tok.module)
        made.append(tok)
        return tok

    yield make
    if made:
        if before is None:
            os.environ.pop("SOFTHSM2_CONF", None)
        else:
            os.environ["SOFTHSM2_CONF"] = before
        _reinitialize(made[0].module)


def _open(win, procedure: str, *components: str) -> str:  # type: ignore[no-untyped-def]
    """A dossier of ``procedure`` with a real one-page PDF built for each of ``components``, opened."""
    ws = win.ctx.ws
    d = open_dossier(ws, ReceptionRequest(owner="052090000495", procedure=procedure))
    for comp in components:
        built_document(ws, d.number, comp, pages=1)
    win.open_dossier(d.number)
    return d.number


def _sign_screen(win, qtbot, token, procedure: str, *components: str):  # type: ignore[no-untyped-def]
    """The Sign screen on a dossier with built documents, certificates read from ``token``."""
    win.ctx.ws.settings.pkcs11_module = str(token.module)
    number = _open(win, procedure, *components)
    sign = win.sign
    sign.module.clear()
    win.go(sign)
    qtbot.waitUntil(lambda: sign.certs.count() == len(token.key_labels)
                    and sign.docs.rowCount() == len(components), timeout=20000)
    qtbot.waitUntil(lambda: sign.current_cert() is not None, timeout=10000)
    return number, sign


def _signed_with(ws, number: str) -> list[tuple[str, bool]]:  # type: ignore[no-untyped-def]
    """(key role, agency key confirmed) of each signing recorded in the dossier's audit trail."""
    return [(e.details["role"], e.details["confirmed_agency_key"]) for e in ws.audit.entries(dossier=number)
            if e.action == "document.sign"]


def test_wrong_pins_then_right_pin(main_window, qtbot, soft_token, test_output_dir) -> None:
    win = main_window
    ws = win.ctx.ws
    number, sign = _sign_screen(win, qtbot, soft_token, "1.001193", "to_khai", "giay_chung_sinh")
    assert sign.current_cert().kind == "officer"
    sign.sign(pin="975319")
    qtbot.waitUntil(lambda: sign.task is None and "Sai mã PIN" in sign.message.text(), timeout=20000)
    save_screenshot(win, test_output_dir, "sign_wrong_pin")
    sign.sign(pin="864208")  # the token now reports few tries left: the officer is told
    qtbot.waitUntil(lambda: sign.task is None and "còn ít lần thử" in sign.message.text(), timeout=20000)
    assert all(d.signed_sha256 is None for d in ws.documents.for_dossier(number))
    sign.sign(pin=PIN)
    qtbot.waitUntil(lambda: sign.task is None and "Đã ký 2 tài liệu" in sign.message.text(), timeout=60000)
    assert [sign.docs.item(r, 2).text() for r in range(2)] == ["Đã ký số", "Đã ký số"]
    assert all(d.signed_sha256 for d in ws.documents.for_dossier(number))
    for path in Path(ws.root).rglob("*"):  # no PIN tried was kept: not in the database, logs or files
        if path.is_file():
            data = path.read_bytes()
            assert not any(p.encode() in data for p in (PIN, "975319", "864208")), path
    save_screenshot(win, test_output_dir, "sign_done")


def test_pin_dialog_never_keeps_the_pin(main_window, qtbot) -> None:
    from app.services import sign_view as sg
    from app.ui.screens.sign import PinDialog

    cert = sg.CertChoice("MOTCUA-DEMO", "officer", "Nguyễn Văn An", "officer", "31/12/2027")
    dlg = PinDialog(cert, 2, main_window)
    qtbot.addWidget(dlg)
    # the dialog names the certificate that will sign, its holder and role, not only the token
    assert "Nguyễn Văn An" in dlg.who.text() and "khóa của cán bộ" in dlg.who.text() \
        and "2 tài liệu" in dlg.who.text()
    qtbot.keyClicks(dlg.pin, "123456")
    assert dlg.pin.echoMode() == dlg.pin.EchoMode.Password
    assert dlg.take_pin() == "123456"
    assert dlg.pin.text() == ""


def test_officer_key_preselected_even_when_the_token_lists_the_agency_first(main_window, qtbot, fresh_token,
                                                                             test_output_dir) -> None:
    win = main_window
    from app.services import sign_view as sg

    # SoftHSM lists a token's objects in no fixed order: make tokens (the agency's key imported
    # first) until one lists the agency's key first, as some tokens at the counters do
    for _ in range(8):
        tok = fresh_token("agency", "officer")
        if sg.certificates(win.ctx.ws, str(tok.module))[0].kind == "agency":
            break
    else:
        pytest.fail("no SoftHSM token listing the agency's key first in 8 tries")
    number, sign = _sign_screen(win, qtbot, tok, "1.001193", "to_khai", "giay_chung_sinh")
    assert sign.certs.item(0).data(0x0100).kind == "agency"  # the token's own order
    assert sign.current_cert().kind == "officer"
    assert "Khóa của cán bộ: ký 2 tài liệu" in sign.key_note.text()
    assert [sign.docs.item(r, 3).text() for r in range(2)] == ["cán bộ", "cán bộ"]
    sign.sign(pin=PIN)
    qtbot.waitUntil(lambda: sign.task is None and "Đã ký 2 tài liệu" in sign.message.text(), timeout=60000)
    assert _signed_with(win.ctx.ws, number) == [("officer", False)] * 2
    save_screenshot(win, test_output_dir, "sign_officer_preselected")


def test_agency_key_only_for_copies_and_only_when_confirmed(main_window, qtbot, soft_token,
                                                            test_output_dir) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    win = main_window
    ws = win.ctx.ws
    # marriage registration: the form is the officer's, the on-request passport copy the agency's
    number, sign = _sign_screen(win, qtbot, soft_token, "2.000806", "to_khai", "ban_sao_ho_chieu")
    assert sign.current_cert().kind == "officer"  # the officer's documents first
    assert sign.docs.item(1, 3).text() == "cơ quan (bản sao y)"
    sign.sign(pin=PIN)
    qtbot.waitUntil(lambda: sign.task is None and "Đã ký 1 tài liệu" in sign.message.text(), timeout=60000)
    assert [bool(d.signed_sha256) for d in ws.documents.for_dossier(number)] == [True, False]
    qtbot.waitUntil(lambda: sign.current_cert() is not None and sign.current_cert().kind == "agency",
                    timeout=10000)
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
    sign.sign(pin=PIN)
    assert "Chưa ký tài liệu nào bằng khóa của cơ quan" in sign.message.text()
    assert _signed_with(ws, number) == [("officer", False)]
    QTimer.singleShot(200, lambda: answer("Ký bằng khóa của cơ quan"))
    sign.sign(pin=PIN)
    qtbot.waitUntil(lambda: sign.task is None and "Đã ký 1 tài liệu" in sign.message.text(), timeout=60000)
    assert _signed_with(ws, number) == [("officer", False), ("agency", True)]
    assert all(d.signed_sha256 for d in ws.documents.for_dossier(number))
    assert "CƠ QUAN “UBND xã Demo”" in answers[0]


def test_cancel_signing_keeps_signed_documents(main_window, qtbot, soft_token) -> None:
    win = main_window
    ws = win.ctx.ws
    comps = ["to_khai", "giay_chung_sinh"] * 4
    number, sign = _sign_screen(win, qtbot, soft_token, "1.001193", *comps)
    sign.sign(pin=PIN)
    qtbot.waitUntil(lambda: sign.progress.value() >= 2, timeout=60000)
    qtbot.keyClick(sign, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: sign.task is None, timeout=60000)
    assert "Đã dừng ký" in sign.message.text()
    signed = sum(bool(d.signed_sha256) for d in ws.documents.for_dossier(number))
    assert 2 <= signed < len(comps)
    assert sum(sign.docs.item(r, 2).text() == "Đã ký số" for r in range(len(comps))) == signed


def test_take_from_warehouse_among_several(main_window, qtbot, station_server) -> None:
    """The birth certificate has two matches in the owner's warehouse (reference server seed):
    the one the officer chose is attached, verified, nothing else."""
    win = main_window
    ws = win.ctx.ws
    ws.settings.trust_dir = str(station_server.trust_dir)
    ws.settings.server_user = "demo"
    ws.save_settings()
    ws.session = Session("demo", ("officer",), "000.87.34.H08", "demo")  # what the login dialog sets
    number = _open(win, "2.001263")
    code = "052090000495.KQ.GKS.000214.05062023"
    win.send.pick_from_warehouse("giay_khai_sinh_tre", choose=code)
    qtbot.waitUntil(lambda: any(d.code for d in ws.documents.for_dossier(number)), timeout=30000)
    assert [(d.component_id, d.code) for d in ws.documents.for_dossier(number)] == [("giay_khai_sinh_tre",
                                                                                     code)]


def test_warehouse_dialog_lists_the_choices(qtbot) -> None:
    from app.services import sign_view as sg
    from app.ui.screens.send import WarehouseDialog

    dlg = WarehouseDialog([
        sg.WarehouseDoc("052090000495.KQ.G15.000021.02022024", "Giấy khai "
                                                               "sinh", "02/02/2024", "UBND xã A", 1),
        sg.WarehouseDoc("052090000495.KQ.G15.000037.05052024", "Giấy khai "
                                                               "sinh", "05/05/2024", "UBND xã B", 0)])
    qtbot.addWidget(dlg)
    assert dlg.list.count() == 2
    assert "đã sử dụng 1 lần" in dlg.list.item(0).text()
    dlg.list.setCurrentRow(1)
    assert dlg.chosen() == "052090000495.KQ.G15.000037.05052024"
