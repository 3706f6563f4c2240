"""Starting the Qt application: QApplication, translations, the main window."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from app.store.settings import config_problems
from app.store.workspace import Session, Workspace
from app.ui.context import AppContext
from app.ui.i18n import install_translator
from app.ui.login_dialog import ask_login
from app.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def ensure_app(argv: Sequence[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        QCoreApplication.setOrganizationName("motcua-station")
        QCoreApplication.setApplicationName("motcua-station")
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    return app


def config_banner(problems: list[str]) -> str:
    """The banner naming the problems of the configuration files ("file: key: problem")."""
    if not problems:
        return ""
    head = QCoreApplication.translate("Shell", "The configuration file has errors; defaults are used for "
                                               "these keys:")
    return head + "\n" + "\n".join(f"• {p}" for p in problems)


class Shell:
    """Owns the main window; rebuilds it when the officer changes the language."""

    def __init__(self, ctx: AppContext, banner: str = "") -> None:
        self.ctx = ctx
        self.banner = banner
        self.window: MainWindow | None = None

    def build(self) -> MainWindow:
        old = self.window
        win = MainWindow(self.ctx)
        problems = config_problems(self.ctx.ws.settings)
        win.set_banner("\n".join(filter(None, [self.banner, config_banner(problems)])))
        if problems:  # a bad configuration file: the app opens on Settings, saying file, key and problem
            win.go(win.settings)
        win.language_requested.connect(self.switch_language)
        if old is not None:
            win.setGeometry(old.geometry())
            old.hide()
            old.deleteLater()
        self.window = win
        return win

    def switch_language(self, lang: str) -> None:
        app = QApplication.instance()
        assert app is not None, "a QApplication exists while the window does"
        install_translator(app, lang)
        self.build().show()
        assert self.window is not None
        self.window.go(self.window.settings)


def start(ws: Workspace, *, lang: str | None = None, banner: str = "",
          demo_info: dict[str, str] | None = None,
          show: bool = True) -> tuple[QApplication, Shell]:
    app = ensure_app()
    install_translator(app, lang or ws.settings.language or "vi")
    ctx = AppContext(ws)
    ctx.demo_info = dict(demo_info or {})
    password = ctx.demo_info.pop("server_password", "")  # kept only in the session below
    if password and ctx.session is None:  # the documented demo login, in memory only
        ctx.session = Session(ws.settings.server_user or "demo", ("officer",), ws.settings.agency_code,
                              password)
    shell = Shell(ctx, banner)
    win = shell.build()
    if show:
        win.show()
    return app, shell


def run(ws: Workspace, **kwargs: object) -> int:
    if ws.settings.server_url and not (kwargs.get("demo_info") or {}).get("server_password"):  # type: ignore[attr-defined]
        install_translator(ensure_app(), str(kwargs.get("lang") or ws.settings.language or "vi"))
        if not ask_login(ws):  # the officer logs in with the server account before anything else
            return 1
    app, shell = start(ws, **kwargs)  # type: ignore[arg-type]
    return app.exec()
