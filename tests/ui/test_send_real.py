"""Sending through the real outbox: with the server down the update waits with the reason in
Vietnamese (nothing lost); once the server answers, retry sends it and the dossier is sent."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtCore import Qt

from app.domain.records import ComponentState
from app.services.reception import ReceptionRequest, open_dossier
from tests.conftest import register_workspace
from tests.ui.conftest import built_document, save_screenshot


@pytest.mark.timeout(120)
def test_server_down_then_catch_up(main_window, qtbot, refserver, test_output_dir) -> None:
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
    d = open_dossier(ws, ReceptionRequest(owner="052090000495", procedure="1.001193"))
    for comp in ("to_khai", "giay_chung_sinh"):
        built_document(ws, d.number, comp, pages=1)
        ws.dossiers.set_component_state(d.number, comp, ComponentState.BUILT, actor=ws.actor)
    ws.dossiers.set_component_state(d.number, "van_ban_uy_quyen", ComponentState.NOT_PROVIDED, actor=ws.actor)
    win.open_dossier(d.number)
    win.go(win.send)
    send = win.send
    qtbot.keyClick(send, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: send.task is None and send.table.rowCount() == 1, timeout=60000)
    assert send.table.item(0, 2).text() == "Chờ gửi"
    assert send.table.item(0, 4).text(), "the reason is shown"
    assert "đang chờ" in send.message.text()
    save_screenshot(win, test_output_dir, "send_real_server_down")
    ws.settings.server_url = refserver["url"]
    qtbot.keyClick(send, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: send.task is None and send.table.item(0, 2).text() == "Đã gửi", timeout=60000)
    assert ws.dossiers.get(d.number).state.value == "sent"
