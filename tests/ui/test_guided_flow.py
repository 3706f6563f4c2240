"""The counter's guided flow on the real widgets: the dossier header (reception -> components n/m
-> signing -> sending), the components checklist with its state icons and counts, "not provided"
asked with Cancel as the default and audited, Send refused until every required component is
signed (real SoftHSM token), and the move to Send once signing is done."""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from app.domain.flow import Step
from app.domain.records import ComponentState
from app.services.reception import ReceptionRequest, open_dossier
from tests.conftest import sign_built
from tests.ui.conftest import built_document, save_screenshot


def when_modal(act: Callable[[QWidget], None]) -> None:
    """Run ``act`` on the next modal dialog once it is shown (the caller then opens it)."""
    def poll() -> None:
        dlg = QApplication.activeModalWidget()
        if dlg is None or not dlg.isVisible():
            QTimer.singleShot(20, poll)
            return
        act(dlg)

    QTimer.singleShot(0, poll)


def _marks(comp) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {comp.table.item(r, 0).data(Qt.ItemDataRole.UserRole):
            comp.table.item(r, 2).data(Qt.ItemDataRole.AccessibleDescriptionRole)
            for r in range(comp.table.rowCount())}


def test_not_provided_is_confirmed_with_a_reason_cancel_by_default_and_audited(main_window, qtbot,
                                                                                 test_output_dir) -> None:
    win = main_window
    ws = win.ctx.ws
    d = open_dossier(ws, ReceptionRequest(owner="052090000495", procedure="1.001193", owner_name="Nguyễn "
                                                                                                 "Văn An"))
    win.open_dossier(d.number)
    comp = win.components
    comp.select_component("van_ban_uy_quyen")
    seen: dict[str, object] = {}

    def enter_cancels(dlg: QWidget) -> None:
        seen["cancel_default"] = dlg.cancel_btn.isDefault()  # type: ignore[attr-defined]
        seen["enabled_empty"] = dlg.confirm_btn.isEnabled()  # type: ignore[attr-defined]
        qtbot.keyClicks(dlg.reason, "ab")  # type: ignore[attr-defined]
        seen["enabled_short"] = dlg.confirm_btn.isEnabled()  # type: ignore[attr-defined]
        save_screenshot(dlg, test_output_dir, "flow_not_provided_dialog")
        qtbot.keyClick(dlg.reason, Qt.Key.Key_Return)  # type: ignore[attr-defined]

    when_modal(enter_cancels)
    qtbot.mouseClick(comp.not_provided_btn, Qt.MouseButton.LeftButton)
    assert seen == {"cancel_default": True, "enabled_empty": False, "enabled_short": False}
    assert ws.dossiers.get(d.number).component("van_ban_uy_quyen").state is ComponentState.PENDING

    def confirm(dlg: QWidget) -> None:
        dlg.reason.insert("Công dân tự nộp, không ủy "
                          "quyền")  # type: ignore[attr-defined]  (QTest types ASCII only)
        qtbot.mouseClick(dlg.confirm_btn, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]

    when_modal(confirm)
    qtbot.mouseClick(comp.not_provided_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (win.ctx.dossier.component("van_ban_uy_quyen").state
                             is ComponentState.NOT_PROVIDED), timeout=10000)
    assert _marks(comp)["van_ban_uy_quyen"] == "not_provided"
    entry = next(e for e in ws.audit.entries(dossier=d.number) if e.action == "component.state")
    assert entry.actor == ws.actor
    assert "Công dân tự nộp, không ủy quyền" in json.dumps(entry.details, ensure_ascii=False)


def test_header_checklist_send_gate_and_the_move_to_send(main_window, qtbot, soft_token,
                                                         test_output_dir) -> None:
    win = main_window
    ws = win.ctx.ws
    ws.settings.pkcs11_module = str(soft_token.module)
    d = open_dossier(ws, ReceptionRequest(owner="052090000495", procedure="1.001193", owner_name="Nguyễn "
                                                                                                 "Văn An"))
    built_document(ws, d.number, "to_khai", pages=1)
    ws.dossiers.set_component_state(d.number, "to_khai", ComponentState.BUILT, actor=ws.actor)
    win.open_dossier(d.number)
    win.go(win.components)
    header, comp = win.flow.header, win.components
    assert header.isVisible() and d.number in header.title.text() and "Nguyễn Văn An" in header.title.text()
    assert header.steps[Step.COMPONENTS].text() == "2. Thành phần 1/3"
    assert header.steps[Step.COMPONENTS].property("step") == "current"
    assert header.steps[Step.RECEPTION].property("step") == "done"
    assert "Giấy chứng sinh" in header.next.text()
    assert _marks(comp) == {"to_khai": "built", "giay_chung_sinh": "pending", "van_ban_uy_quyen": "pending"}
    assert all(not comp.table.item(r, 2).icon().isNull() for r in range(comp.table.rowCount()))
    assert (comp.counts.text().startswith("Đã xong 0/3 thành phần —")
            and "Đã tạo PDF, chờ ký số: 1" in comp.counts.text())
    save_screenshot(win, test_output_dir, "flow_checklist")
    # the header never widens a 1024-px window
    assert header.minimumSizeHint().width() <= 1024 - win.nav.width()

    # every component digitized or not provided: the header says sign; Send stays shut and says why
    built_document(ws, d.number, "giay_chung_sinh", pages=1)
    ws.dossiers.set_component_state(d.number, "giay_chung_sinh", ComponentState.BUILT, actor=ws.actor)
    ws.dossiers.set_component_state(d.number, "van_ban_uy_quyen", ComponentState.NOT_PROVIDED, actor=ws.actor)
    win.ctx.reload_dossier()
    assert header.steps[Step.SIGNING].property("step") == "current"
    assert header.steps[Step.SIGNING].text() == "3. Ký số 0/2"
    send = win.send
    win.go(send)
    assert not send.send_btn.isEnabled()
    assert "Tờ khai đăng ký khai sinh" in send.message.text() and "Giấy chứng sinh" in send.message.text()
    qtbot.keyClick(send, Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert send.task is None and ws.dossiers.get(d.number).state.value not in ("queued", "sent")
    with ws.db.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 0
    save_screenshot(win, test_output_dir, "flow_send_blocked")

    # signed on the token through the Sign screen: the flow moves on to Send, now open
    sign = win.sign
    sign.module.clear()
    win.go(sign)
    qtbot.waitUntil(lambda: sign.current_cert() is not None and sign.docs.rowCount() == 2, timeout=20000)
    sign.sign(pin=soft_token.pin)
    qtbot.waitUntil(lambda: win.stack.currentWidget() is send, timeout=60000)
    assert send.send_btn.isEnabled() and "Chưa gửi được" not in send.message.text()
    assert header.steps[Step.SENDING].property("step") == "current"
    assert header.steps[Step.SIGNING].text() == "✓ 3. Ký số 2/2"
    save_screenshot(win, test_output_dir, "flow_ready_to_send")
    win.go(win.components)
    assert _marks(comp) == {"to_khai": "signed", "giay_chung_sinh": "signed",
                            "van_ban_uy_quyen": "not_provided"}


def test_the_header_follows_the_dossier_and_hides_off_the_counter_screens(main_window, soft_token) -> None:
    win = main_window
    ws = win.ctx.ws
    win.go(win.reception)
    assert win.flow.header.isVisible() and "Chưa mở hồ sơ" in win.flow.header.title.text()
    d = open_dossier(ws, ReceptionRequest(owner="052090000495", procedure="1.001193"))
    win.open_dossier(d.number)
    assert d.number in win.flow.header.title.text()
    win.go(win.settings)
    assert not win.flow.header.isVisible()
    win.go(win.today)
    assert not win.flow.header.isVisible()
    for comp in ("to_khai", "giay_chung_sinh"):
        built_document(ws, d.number, comp, pages=1)
        ws.dossiers.set_component_state(d.number, comp, ComponentState.BUILT, actor=ws.actor)
    sign_built(ws, d.number, soft_token)
    win.ctx.reload_dossier()
    win.go(win.send)
    assert win.flow.header.isVisible() and win.flow.header.steps[Step.SENDING].property("step") == "current"
    assert win.send.send_btn.isEnabled()  # the optional authorisation may stay pending
