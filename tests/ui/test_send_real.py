"""Sending through the real outbox: with the server down the update waits with the reason in
Vietnamese (nothing lost); once the server answers, retry sends it and the dossier is sent."""

from __future__ import annotations

import re
import socket

import pytest
from PySide6.QtCore import Qt

from app.domain.records import ComponentState
from app.services.reception import ReceptionRequest, open_dossier
from tests.conftest import register_workspace, sign_built
from tests.ui.conftest import built_document, province_moves, save_screenshot


def _dossier_ready_to_send(win, token):  # type: ignore[no-untyped-def]
    """A birth registration with its two documents built and signed on the test token (the
    authorisation not provided), opened."""
    ws = win.ctx.ws
    d = open_dossier(ws, ReceptionRequest(owner="052090000495", procedure="1.001193", owner_name="Nguyễn "
                                                                                                 "Văn An"))
    for comp in ("to_khai", "giay_chung_sinh"):
        built_document(ws, d.number, comp, pages=1)
        ws.dossiers.set_component_state(d.number, comp, ComponentState.BUILT, actor=ws.actor)
    ws.dossiers.set_component_state(d.number, "van_ban_uy_quyen", ComponentState.NOT_PROVIDED, actor=ws.actor)
    sign_built(ws, d.number, token)
    win.open_dossier(d.number)
    return d


@pytest.mark.timeout(120)
def test_server_down_then_catch_up(main_window, qtbot, refserver, soft_token, test_output_dir) -> None:
    win = main_window
    ws = win.ctx.ws
    register_workspace(ws, refserver["url"])  # this counter's numbers come from the server it sends to
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = s.getsockname()[1]
    ws.settings.server_url = f"http://127.0.0.1:{dead}"
    ws.settings.server_user = "demo"
    from app.store.workspace import Session

    ws.session = Session("demo", ("officer",), "000.87.34.H08", "demo")  # what the login dialog sets
    d = _dossier_ready_to_send(win, soft_token)
    win.go(win.send)
    send = win.send
    qtbot.keyClick(send, Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: send.task is None and send.table.rowCount() == 1, timeout=60000)
    assert send.table.item(0, 2).text() == "Chờ gửi"
    assert send.table.item(0, 4).text(), "the reason is shown"
    assert "đang chờ" in send.message.text()
    save_screenshot(win, test_output_dir, "send_real_server_down")
    ws.settings.server_url = refserver["url"]
    qtbot.keyClick(send, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: send.task is None and send.table.item(0, 2).text() == "Đã gửi", timeout=60000)
    assert ws.dossiers.get(d.number).state.value == "sent"
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", send.table.item(0, 6).text()), "a date people read"

    # the province moves the dossier on its own system; the next round reads it back
    province_moves(refserver["url"], d.number, 4, 9, note="Đã ký giấy khai sinh")
    qtbot.keyClick(send, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: send.task is None and send.table.item(0, 5).text() == "9 — Đã xử lý "
                                                                                  "xong", timeout=60000)
    save_screenshot(win, test_output_dir, "send_real_province_status")


@pytest.mark.timeout(180)
def test_province_asks_for_more_documents_then_the_correction_goes_again(main_window, qtbot, refserver,
                                                                         soft_token,
                                                                         test_output_dir) -> None:
    """Status 5 from the province reopens the dossier at the counter with the province's note
    (Today screen); the corrected file goes out again from the Send screen as version 2."""
    import requests

    from app.store.workspace import Session

    win = main_window
    ws = win.ctx.ws
    register_workspace(ws, refserver["url"])
    ws.settings.server_url, ws.settings.server_user = refserver["url"], "demo"
    ws.session = Session("demo", ("officer",), "000.87.34.H08", "demo")  # what the login dialog sets
    d = _dossier_ready_to_send(win, soft_token)
    win.go(win.send)
    send = win.send
    qtbot.keyClick(send, Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: send.task is None and send.table.rowCount() >= 1
                    and send.table.item(0, 2).text() == "Đã gửi", timeout=60000)

    province_moves(refserver["url"], d.number, 4, 5, note="Thiếu bản sao giấy chứng sinh rõ nét")
    qtbot.keyClick(send, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)  # the next round reads it back
    qtbot.waitUntil(lambda: send.task is None and send.table.item(0, 5).text().startswith("5 — "),
                    timeout=60000)
    assert ws.dossiers.get(d.number).state.value == "sent_back"

    win.go(win.today)
    today = win.today
    qtbot.waitUntil(lambda: today.model.rowCount() == 1 and "5 Yêu cầu bổ "
                                                            "sung" in today.model.item(0, 5).text()
                    and today.model.item(0, 3).text().startswith("Bị trả lại")
                    and "Thiếu bản sao giấy chứng sinh rõ nét" in today.model.item(0, 3).text(),
                    timeout=10000)
    save_screenshot(win, test_output_dir, "today_province_sent_back")

    # the officer rescans the birth certificate and sends the dossier again
    built_document(ws, d.number, "giay_chung_sinh", pages=2)
    ws.dossiers.set_component_state(d.number, "giay_chung_sinh", ComponentState.BUILT, actor=ws.actor)
    win.open_dossier(d.number)
    win.go(send)
    # the new PDF is not signed
    assert not send.send_btn.isEnabled() and "Giấy chứng sinh" in send.message.text()
    sign_built(ws, d.number, soft_token)
    win.ctx.reload_dossier()
    win.go(send)
    qtbot.keyClick(send, Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: send.task is None and send.table.rowCount() == 2
                    and all(send.table.item(i, 2).text() == "Đã gửi" for i in range(2)), timeout=60000)
    tok = requests.post(refserver["url"] + "/oauth/token", timeout=10,
                        data={"grant_type": "password", "username": "tinh",
                              "password": "tinh"}).json()["access_token"]
    got = requests.get(f"{refserver['url']}/api/v1/dossiers/{d.number}", timeout=10,
                       headers={"Authorization": f"Bearer {tok}"}).json()
    assert got.get("PhienBan") == 2, got
    assert any(e.action.startswith("outbox.") and "version" in str(e.details)
               for e in ws.audit.entries(dossier=d.number))
