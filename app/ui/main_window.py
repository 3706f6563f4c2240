"""The main window: navigation on the left, one screen at a time, status bar, demo banner."""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.ui.context import AppContext
from app.ui.flow import GuidedFlow
from app.ui.help_keys import KeysDialog, global_keys, screen_keys
from app.ui.screens.base import Screen
from app.ui.screens.components import ComponentsScreen
from app.ui.screens.dashboard import DashboardScreen
from app.ui.screens.reception import ReceptionScreen
from app.ui.screens.review import ReviewScreen, is_supervisor
from app.ui.screens.scan import ScanScreen
from app.ui.screens.send import SendScreen
from app.ui.screens.settings import SettingsScreen
from app.ui.screens.sign import SignScreen
from app.ui.screens.today import TodayScreen

log = logging.getLogger(__name__)
_SETTINGS_LOCK = threading.Lock()

STYLE = """
QLabel[kind="error"] { color: #b00020; }
QLabel[kind="ok"] { color: #1b5e20; }
QLabel[kind="warn"] { color: #8a4b00; font-weight: bold; }
QLabel#demo_banner { background: #fff3cd; color: #5c4400; padding: 6px; border-bottom: 1px solid #e0c060; }
QListWidget#nav { font-size: 11pt; }
QListWidget#nav::item { padding: 5px 10px; }
QListWidget#nav::item:selected { background: #0b5394; color: white; }
QPushButton#scan_btn { font-size: 16pt; font-weight: bold; padding: 14px 28px; \
background: #0b5394; color: white; }
QPushButton#scan_btn:disabled { background: #9fb7cf; }
"""


class MainWindow(QMainWindow):
    language_requested = Signal(str)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("One-stop Digitization Station"))
        self.setStyleSheet(STYLE)
        self.today = TodayScreen(ctx)
        self.reception = ReceptionScreen(ctx)
        self.components = ComponentsScreen(ctx)
        self.scan = ScanScreen(ctx)
        self.sign = SignScreen(ctx)
        self.send = SendScreen(ctx)
        self.settings = SettingsScreen(ctx)
        self.screens: list[tuple[Screen, str]] = [
            (self.today, "Ctrl+1"), (self.reception, "Ctrl+2"), (self.components, "Ctrl+3"),
            (self.scan, "Ctrl+4"), (self.sign, "Ctrl+5"), (self.send, "Ctrl+6"), (self.settings, "Ctrl+7"),
        ]
        self.review: ReviewScreen | None = None
        self.dashboard: DashboardScreen | None = None
        if is_supervisor(ctx):  # the supervisor's desk and reports: only for an account with that role
            self.review, self.dashboard = ReviewScreen(ctx), DashboardScreen(ctx)
            self.screens += [(self.review, "Ctrl+8"), (self.dashboard, "Ctrl+9")]
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.stack = QStackedWidget()
        for i, (screen, keys) in enumerate(self.screens):
            item = QListWidgetItem(f"{screen.title()}\n{keys}")  # two lines: a narrow navigation at 1024 px
            item.setToolTip(keys)
            self.nav.addItem(item)
            self.stack.addWidget(screen)
            QShortcut(QKeySequence(keys), self, lambda i=i: self.go(i))
        self.nav.currentRowChanged.connect(self._nav_changed)
        self._size_nav()

        self.banner = QLabel()
        self.banner.setObjectName("demo_banner")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.setVisible(False)
        self.flow = GuidedFlow(self)  # the dossier's progress header and the automatic advance
        column = QVBoxLayout()
        column.setSpacing(0)
        column.addWidget(self.flow.header)
        column.addWidget(self.stack, 1)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.nav)
        body.addLayout(column, 1)
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.banner)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)

        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setVisible(False)
        self.statusBar().addPermanentWidget(self.busy)
        self.dossier_label = QLabel()
        self.statusBar().addPermanentWidget(self.dossier_label)
        self.user_label = QLabel()
        self.user_label.setObjectName("user_label")
        self.statusBar().addPermanentWidget(self.user_label)
        self._show_user()
        ctx.runner.busy_changed.connect(self.busy.setVisible)
        ctx.message.connect(lambda text: self.statusBar().showMessage(text, 10000))
        ctx.dossier_changed.connect(self._dossier_changed)

        self.today.open_requested.connect(self.open_dossier)
        self.today.action_requested.connect(self._queue_action)
        self.reception.dossier_opened.connect(self.open_dossier)
        self.components.scan_requested.connect(self._scan_component)
        self.components.warehouse_requested.connect(self._warehouse_component)
        self.settings.language_changed.connect(self.language_requested)
        QShortcut(QKeySequence("F1"), self, self._show_keys)
        self.resize(1280, 800)
        self.go(0)
        self._restore()
        self.nav.currentRowChanged.connect(lambda _r: self._remember())
        ctx.dossier_changed.connect(lambda _d: self._remember())

    # --- where the officer was (no personal data: a dossier number and a screen name) -----------
    def _restore(self) -> None:
        extra = self.ctx.ws.settings.extra
        number = extra.get("ui.dossier")
        if number:
            self.ctx.open_dossier(number)
            comp = extra.get("ui.component")
            if comp and self.ctx.dossier is not None and self.ctx.dossier.component(comp):
                self.scan.component_id = comp
        screen = extra.get("ui.screen")
        for i, (s, _k) in enumerate(self.screens):
            if s.objectName() == screen and (self.ctx.dossier is not None
                                             or s in (self.today, self.settings, self.review,
                                                      self.dashboard)):
                self.go(i)

    def _remember(self) -> None:
        s = self.ctx.ws.settings
        state = {"ui.dossier": self.ctx.dossier.number if self.ctx.dossier else "",
                 "ui.component": self.scan.component_id or "",
                 "ui.screen": current.objectName() if (current := self.stack.currentWidget()) else ""}
        if all(s.extra.get(k, "") == v for k, v in state.items()):
            return
        s.extra = {**s.extra, **state}
        def save(_c: object) -> None:
            with _SETTINGS_LOCK:
                self.ctx.ws.save_settings()

        self.ctx.runner.run(self.tr("saving the window state"), save)

    def set_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def go(self, index: int | Screen) -> None:
        if isinstance(index, Screen):
            index = self.stack.indexOf(index)
        self.nav.setCurrentRow(index)

    def _nav_changed(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        self._show_user()
        screen = self.stack.currentWidget()
        if isinstance(screen, Screen):
            screen.activate()

    def open_dossier(self, number: str) -> None:
        self.ctx.open_dossier(number)
        self.go(self.components)

    def _dossier_changed(self, dossier: object) -> None:
        number = getattr(dossier, "number", "")
        self.dossier_label.setText(self.tr("Dossier: %1").replace("%1", number) if number else "")

    def _scan_component(self, component_id: str) -> None:
        self.scan.set_component(component_id)
        self.go(self.scan)

    def _warehouse_component(self, component_id: str) -> None:
        self.send.pick_from_warehouse(component_id)

    def _show_user(self) -> None:
        """Who is logged in, with which roles, and whether offline (the network was down at login:
        the roles are those the server gave at the last online login)."""
        session = self.ctx.session
        if session is None:
            self.user_label.setText("")
            return
        names = {"officer": self.tr("officer"), "supervisor": self.tr("supervisor"),
                 "agency_admin": self.tr("agency "
                                         "administrator"), "province_admin": self.tr("provincial "
                                                                                     "administrator")}
        roles = ", ".join(names.get(r, r) for r in session.roles)
        text = f"{session.username} ({roles})" if roles else session.username
        self.user_label.setText(self.tr("%1 · offline").replace("%1", text) if session.offline else text)
        self.user_label.setToolTip(self.tr("Logged in offline: the provincial system was unreachable")
                                   if session.offline else "")

    def _size_nav(self) -> None:
        """As wide as its longest entry (within a sensible minimum and maximum), not a fixed width."""
        font = QFont(self.nav.font())
        font.setPointSizeF(11)  # the style sheet's size, applied only once the window is shown
        fm = QFontMetrics(font)
        style = self.nav.style()
        frame = 2 * self.nav.frameWidth() + style.pixelMetric(style.PixelMetric.PM_ScrollBarExtent)
        text = max((fm.horizontalAdvance(line) for i in range(self.nav.count())
                    for line in self.nav.item(i).text().splitlines()), default=0)
        width = text + frame + 28  # the items' padding (style sheet) and the focus frame
        self.nav.setMinimumWidth(160)
        self.nav.setMaximumWidth(max(160, min(width, 340)))

    def _queue_action(self, action: str, number: str, component: str) -> None:
        """A row action of the work queue: open the dossier on the screen of that step."""
        self.ctx.open_dossier(number)
        if action == "scan" and component:
            self._scan_component(component)
        else:
            self.go({"sign": self.sign, "send": self.send}.get(action, self.components))

    def _show_keys(self) -> KeysDialog:
        screen = self.stack.currentWidget()
        here = screen_keys(screen) if isinstance(screen, Screen) else []
        title = screen.title() if isinstance(screen, Screen) else ""
        dlg = KeysDialog(title, here, global_keys([(s.title(), k) for s, k in self.screens]), self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()
        self.keys_dialog = dlg
        return dlg

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Cancel running work and wait for it: every service stores what it has durably as it
        goes, so a closed window loses nothing and the next start shows the session as it was."""
        self.ctx.runner.cancel_all()
        self.ctx.runner.wait(15000)
        self.ctx.log_out()  # the officer's credentials end with the window
        super().closeEvent(event)
