"""The login at app start: the officer's server account, checked by the provincial server off
the GUI thread; on success the session (in memory only) is on the workspace and its user is
the actor of every audit entry. Wrong password and lock-out messages come in Vietnamese."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from app.domain.errors import MotcuaError
from app.services.login import login
from app.store.workspace import Workspace
from app.ui.worker import Task

log = logging.getLogger(__name__)


class LoginDialog(QDialog):
    def __init__(self, ws: Workspace, parent: Any = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.task: Task | None = None
        self.setObjectName("login_dialog")
        self.setWindowTitle(self.tr("Log in to the provincial system"))
        self.setMinimumSize(440, 240)
        self.user = QLineEdit(ws.settings.server_user)
        self.user.setObjectName("login_user")
        self.password = QLineEdit()
        self.password.setObjectName("login_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel("")
        self.message.setObjectName("login_message")
        self.message.setWordWrap(True)
        self.ok = QPushButton(self.tr("Log in"))
        self.ok.setObjectName("login_ok")
        self.ok.setDefault(True)
        form = QFormLayout()
        form.addRow(self.tr("Server"), QLabel(ws.settings.server_url or self.tr("(not configured)")))
        form.addRow(self.tr("Username"), self.user)
        form.addRow(self.tr("Password"), self.password)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.message)
        box.addWidget(self.ok)
        self.ok.clicked.connect(self.submit)
        (self.password if self.user.text() else self.user).setFocus()

    def submit(self) -> None:
        if self.task is not None:
            return

        user, password = self.user.text(), self.password.text()
        self.ok.setEnabled(False)
        self.message.setText(self.tr("Logging in…"))
        self.task = Task("đăng nhập", lambda _ctx: login(self.ws, user, password))
        self.task.signals.succeeded.connect(self._ok)
        self.task.signals.failed.connect(self._failed)
        QThreadPool.globalInstance().start(self.task)

    def _ok(self, _session: object) -> None:
        self.task = None
        self.password.clear()
        self.accept()

    def _failed(self, exc: MotcuaError) -> None:
        self.task = None
        self.ok.setEnabled(True)
        self.password.clear()
        self.message.setText(exc.message_vi)
        log.info("Login refused: %s", exc.message_en)


def ask_login(ws: Workspace) -> bool:
    """Show the login until the officer logs in (True) or closes it (False)."""
    return LoginDialog(ws).exec() == QDialog.DialogCode.Accepted
