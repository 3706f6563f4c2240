"""One dossier through the real widgets: reception, a component scanned with a planted QC error
that is fixed through the UI (rescan), the PDF built, signed on a SoftHSM token, and sent.

What is real: widgets, workspace, the image-folder scanner with generated pages and the QC
rules, PDF build (child process), PKCS#11 signing on SoftHSM, the signature checked with pdfsig.
the reference server (warehouse reuse with signature verification, outbox, chunked upload), and
the server holding the dossier with the same file hashes."""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtCore import Qt

from app.testing.pages import PageSpec, save
from tests.conftest import register_workspace
from tests.ui.conftest import save_screenshot


@pytest.mark.timeout(120)
def test_dossier_from_reception_to_sent(main_window, qtbot, soft_token, refserver, tmp_path,
                                        test_output_dir) -> None:
    feeders = {}
    for component, blur in (("to_khai", 0.0), ("giay_chung_sinh", 4.0)):
        folder = tmp_path / component
        folder.mkdir()
        save(PageSpec(page_number=(1, 1), seal=True, signature=True, blur_px=blur, seed=7), folder / "p001.png")
        save(PageSpec(blank=True, seed=8), folder / "p002.png")
        feeders[component] = folder
    win = main_window
    ws = win.ctx.ws
    register_workspace(ws, refserver["url"])  # the counter is a workstation of the server it sends to
    ws.settings.pkcs11_module = str(soft_token.module)
    ws.settings.server_url = refserver["url"]
    ws.settings.server_user = "demo"
    ws.settings.trust_dir = str(refserver["trust"])
    from app.store.workspace import Session

    ws.session = Session("demo", ("officer",), "000.87.34.H08", "demo")  # what the login dialog sets

    # reception
    win.activateWindow()
    qtbot.keyClick(win, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    rec = win.reception
    qtbot.keyClicks(rec.owner_id, "052090000495")
    rec.owner_name.setText("Nguyễn Văn An")
    qtbot.keyClicks(rec.proc_search, "dang ky khai sinh")
    with qtbot.waitSignal(rec.dossier_opened, timeout=10000) as opened:
        qtbot.keyClick(rec, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    number = opened.args[0]
    assert number in rec.summary.text() and rec.owner_id.text() == ""
    qtbot.waitUntil(lambda: "Tài khoản Cổng DVC quốc gia:" in rec.summary.text()
                    and "Đang kiểm tra" not in rec.summary.text(), timeout=20000)
    assert "Chưa xác định" not in rec.summary.text()

    # the authorisation copy is in the owner's warehouse: one valid match, attached at once
    comp = win.components
    comp.select_component("van_ban_uy_quyen")
    qtbot.keyClick(comp.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: win.ctx.dossier.component("van_ban_uy_quyen").state.value == "reused", timeout=30000)

    # the form and the birth certificate are scanned
    for component in ("to_khai", "giay_chung_sinh"):
        comp.select_component(component)
        qtbot.keyClick(comp.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
        scan = win.scan
        assert win.stack.currentWidget() is scan
        scan.device.setCurrentText(f"folder:{feeders[component]}")
        scan.sheets.setValue(1)
        scan.duplex.setChecked(True)
        qtbot.keyClick(scan, Qt.Key.Key_F9)
        qtbot.waitUntil(lambda s=scan: s.task is None and s.thumbs.count() == 2, timeout=60000)
        if scan.session.blocking:  # the planted blurred front: clean the glass, then the rule's fix (rescan)
            assert component == "giay_chung_sinh"
            row = next(i for i in range(scan.findings.count()) if "mờ" in scan.findings.item(i).text())
            scan.findings.setCurrentRow(row)
            save_screenshot(win, test_output_dir, "e2e_scan_error")
            save(PageSpec(page_number=(1, 1), seal=True, signature=True, seed=7), feeders[component] / "p001.png")
            qtbot.keyClick(scan, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
            qtbot.waitUntil(lambda s=scan: s.task is None and not s.session.blocking, timeout=60000)
        else:
            assert component == "to_khai"
        qtbot.keyClick(scan, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda s=scan: s.task is None and "Đã tạo PDF" in s.status.text(), timeout=60000)
        win.go(comp)
    assert len(ws.documents.for_dossier(number)) == 3

    # sign on the token
    qtbot.keyClick(win, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    sign = win.sign
    qtbot.waitUntil(lambda: sign.certs.count() >= 2 and sign.docs.rowCount() == 2, timeout=20000)  # reused: no
    assert sign.current_cert().key_label == "officer"  # chosen by the documents' purpose, not the token's order
    sign.sign(pin="246810")
    qtbot.waitUntil(lambda: sign.task is None and "Đã ký 2 tài liệu" in sign.message.text(), timeout=60000)
    docs = [d for d in ws.documents.for_dossier(number) if d.source.value == "scan"]
    assert all(d.signed_sha256 for d in docs)
    for d in docs:
        out = subprocess.run(["pdfsig", str(ws.blobs.path(d.signed_sha256, "pdf"))], capture_output=True, text=True)
        assert "Signature #1" in out.stdout
    assert ws.dossiers.get(number).state.value == "signed"
    save_screenshot(win, test_output_dir, "e2e_signed")

    # send
    qtbot.keyClick(win, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    send = win.send
    qtbot.keyClick(send, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    def rows() -> list[tuple[str, str]]:
        return [(send.table.item(r, 1).text(), send.table.item(r, 2).text()) for r in range(send.table.rowCount())]

    # the dossier with its files, and the record of the warehouse reuse, all sent
    qtbot.waitUntil(lambda: send.task is None and ("Hồ sơ và tệp đính kèm", "Đã gửi") in rows()
                    and all(state == "Đã gửi" for _kind, state in rows()), timeout=60000)
    save_screenshot(win, test_output_dir, "e2e_sent")
    assert ws.audit.verify().ok
    assert ws.dossiers.get(number).state.value == "sent"

    # the server holds it, with the hashes of our files
    from app.services.submit import client_from

    held = client_from(ws, password="demo").dossier(number)
    ours = sorted(d.signed_sha256 or d.pdf_sha256 for d in ws.documents.for_dossier(number))
    assert sorted(t["Sha256"] for t in held["TaiLieuNop"]) == ours
