"""The Sign screen on a real SoftHSM token with the test PKI: certificates listed from the token,
a wrong PIN refused with the token's own words, the right PIN signs the stored PDF, and the
signed file is a valid PDF signature by the officer."""

from __future__ import annotations

import subprocess

from PySide6.QtCore import Qt

from app.services.reception import ReceptionRequest, open_dossier
from tests.ui.conftest import built_document, save_screenshot


def test_sign_on_softhsm_through_the_screen(main_window, qtbot, soft_token, test_output_dir) -> None:
    win = main_window
    ws = win.ctx.ws
    ws.settings.pkcs11_module = str(soft_token.module)
    d = open_dossier(ws, ReceptionRequest(owner="052090000495", procedure="1.001193"))
    doc = built_document(ws, d.number, "giay_chung_sinh")
    win.open_dossier(d.number)
    sign = win.sign
    sign.module.clear()
    win.go(sign)
    qtbot.waitUntil(lambda: sign.certs.count() >= 2 and sign.docs.rowCount() == 1, timeout=20000)
    labels = [sign.certs.item(i).data(0x0100).key_label for i in range(sign.certs.count())]
    assert {"officer", "agency"} <= set(labels)
    # preselected by the document's purpose, whatever order the token lists its keys in
    qtbot.waitUntil(lambda: sign.current_cert() is not None, timeout=20000)
    assert sign.current_cert().key_label == "officer" and sign.current_cert().kind == "officer"
    sign.sign(pin="000000")
    qtbot.waitUntil(lambda: sign.task is None and "Sai mã PIN" in sign.message.text(), timeout=20000)
    assert ws.documents.get(doc.id).signed_sha256 is None
    save_screenshot(win, test_output_dir, "sign_real_wrong_pin")
    sign.sign(pin="246810")
    qtbot.waitUntil(lambda: sign.task is None and "Đã ký 1 tài liệu" in sign.message.text(), timeout=60000)
    signed = ws.documents.get(doc.id).signed_sha256
    assert signed and signed != doc.pdf_sha256
    assert ws.blobs.verify(signed, "pdf")
    out = subprocess.run(["pdfsig", str(ws.blobs.path(signed, "pdf"))], capture_output=True, text=True)
    assert "Signature #1" in out.stdout, out.stdout + out.stderr
    assert ws.dossiers.get(d.number).component("giay_chung_sinh").state.value == "signed"
    assert not any(ws.tmp_dir.iterdir()), "signing left files with personal data in tmp/"
    save_screenshot(win, test_output_dir, "sign_real_done")


def test_settings_pkcs11_test_button_sees_the_token(main_window, qtbot, soft_token) -> None:
    st = main_window.settings
    main_window.go(st)  # the installed modules are looked up by a worker
    qtbot.waitUntil(
        lambda: str(soft_token.module) in [st.pkcs11.itemText(i) for i in range(st.pkcs11.count())],
        timeout=10000)
    st.pkcs11.setCurrentText(str(soft_token.module))
    label = st.results["pkcs11"]
    qtbot.mouseClick(st.test_buttons["pkcs11"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: label.text().startswith(("✔", "✖", "⚠")), timeout=20000)
    assert label.text().startswith("✔") and "MOTCUA-UI" in label.text()
