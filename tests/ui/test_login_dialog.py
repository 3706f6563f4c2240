"""The login at app start (pytest-qt): a wrong password is refused with the reason in
Vietnamese and the field cleared; the right one logs in, and the session's user is the actor."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.ui.app import ensure_app
from app.ui.i18n import install_translator
from app.ui.login_dialog import LoginDialog
from tests.ui.conftest import save_screenshot, save_settings


def test_login_dialog_refuses_a_wrong_password_then_logs_in(qtbot, ui_ws,  # type: ignore[no-untyped-def]
                                                            test_output_dir: Path) -> None:
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


def test_settings_that_change_legal_output_are_for_administrators(main_window, qtbot,  # type: ignore[no-untyped-def]
                                                                  test_output_dir: Path) -> None:
    from app.store.workspace import Session

    ws = main_window.ctx.ws
    before = ws.settings.trust_dir
    ws.session = Session("demo", ("officer",), "000.87.34.H08")
    main_window.go(main_window.settings)
    st = main_window.settings
    assert st.trust.isReadOnly() and st.server.isReadOnly() and st.agency.isReadOnly() \
        and st.seal.isReadOnly() and st.copy_agency.isReadOnly()
    assert "quản trị viên" in st.saved.text()
    st.trust.setText("/tmp/somewhere-else")  # even if set programmatically, it is not saved
    save_settings(qtbot, st)
    assert ws.settings.trust_dir == before and st.trust.text() == before \
        and "quản trị viên" in st.saved.text()
    save_screenshot(main_window, test_output_dir, "settings_officer_read_only")
    ws.session = Session("quantri", ("agency_admin",), "000.87.34.H08")
    main_window.go(main_window.send)
    main_window.go(main_window.settings)  # the screen reads the session each time it opens
    assert not st.trust.isReadOnly() and not st.seal.isReadOnly()
    from PIL import Image

    seal = test_output_dir / "con-dau-demo.png"
    Image.new("RGBA", (472, 472), (200, 20, 20, 255)).save(seal, dpi=(300, 300))
    st.seal.setText(str(seal))
    save_settings(qtbot, st)
    assert ws.settings.extra["seal_image"] == str(seal.resolve()) and "Đã lưu" in st.saved.text()


def test_offline_login_when_the_province_is_unreachable(qtbot, ui_ws,  # type: ignore[no-untyped-def]
                                                        test_output_dir: Path) -> None:
    """An officer who logged in here online logs in offline when the network is down, with the
    roles the server gave; the status bar says so. A wrong password, or an account that never
    logged in here, is refused with the reason."""
    from app.ui.app import start
    from tests.sync.conftest import free_port

    install_translator(ensure_app(), "vi")

    def attempt(user: str, password: str) -> LoginDialog:
        ui_ws.settings.server_user = user
        dlg = LoginDialog(ui_ws)
        qtbot.addWidget(dlg)
        dlg.show()
        qtbot.keyClicks(dlg.password, password)
        qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dlg.task is None, timeout=30000)
        return dlg

    assert attempt("giamsat", "giamsat").result() == 1  # online once: this workstation keeps a verifier
    assert not ui_ws.session.offline
    online_url = ui_ws.settings.server_url
    # nothing listens there: the network is down
    ui_ws.settings.server_url = f"http://127.0.0.1:{free_port()}"
    ui_ws.session = None
    wrong = attempt("giamsat", "sai-mat-khau")
    assert "ngoại tuyến" in wrong.message.text() and ui_ws.session is None and wrong.isVisible()
    stranger = attempt("demo", "demo")
    assert "chưa đăng nhập trực tuyến" in stranger.message.text() and ui_ws.session is None
    assert attempt("giamsat", "giamsat").result() == 1
    assert ui_ws.session.offline and ui_ws.session.roles == ("supervisor",) and ui_ws.actor == "giamsat"
    _app, shell = start(ui_ws, lang="vi", show=True)
    qtbot.addWidget(shell.window)
    qtbot.waitExposed(shell.window)
    assert shell.window.user_label.text() == "giamsat (giám sát) · ngoại tuyến"
    save_screenshot(shell.window, test_output_dir, "offline_login_status_bar")
    shell.window.ctx.runner.cancel_all()
    ui_ws.settings.server_url = online_url
