"""The login at app start (pytest-qt): a wrong password is refused with the reason in
Vietnamese and the field cleared; the right one logs in, and the session's user is the actor."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.ui.app import ensure_app
from app.ui.i18n import install_translator
from app.ui.login_dialog import LoginDialog
from tests.ui.conftest import save_screenshot


def test_login_dialog_refuses_a_wrong_password_then_logs_in(qtbot, ui_ws, test_output_dir: Path) -> None:  # type: ignore[no-untyped-def]
    install_translator(ensure_app(), "vi")
    ui_ws.settings.server_user = "giamsat"
    dlg = LoginDialog(ui_ws)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    assert dlg.windowTitle() == "Đăng nhập hệ thống tỉnh" and dlg.user.text() == "giamsat"
    qtbot.keyClicks(dlg.password, "sai-mat-khau")
    qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.task is None and "sai tên đăng nhập" in dlg.message.text(), timeout=30000)
    assert dlg.password.text() == "" and ui_ws.session is None and dlg.isVisible()
    save_screenshot(dlg, test_output_dir, "login_wrong_password")
    qtbot.keyClicks(dlg.password, "giamsat")
    with qtbot.waitSignal(dlg.accepted, timeout=30000):
        qtbot.keyClick(dlg.password, Qt.Key.Key_Return)
    assert ui_ws.session is not None and ui_ws.session.username == "giamsat"
    assert ui_ws.session.roles == ("supervisor",) and ui_ws.actor == "giamsat"
