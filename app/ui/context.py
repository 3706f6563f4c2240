"""State shared by the screens: the workspace, the task runner, the change notifications, the
officer's session and the dossier being worked on."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from app.domain.errors import MotcuaError
from app.domain.records import Dossier
from app.services.reception import read_dossier
from app.store.workspace import Session, Workspace
from app.ui.events import AppEvents, Change, dossier
from app.ui.worker import TaskRunner

log = logging.getLogger(__name__)


class AppContext(QObject):
    dossier_changed = Signal(object)  # Dossier | None: the current dossier was opened, closed or re-read
    dossiers_changed = Signal()  # something in the list changed (new dossier, state)
    message = Signal(str)  # a line for the status bar
    settings_changed = Signal()

    def __init__(self, ws: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.runner = TaskRunner(self)
        self.events = AppEvents(self)
        self.runner.changed.connect(self.events.publish)
        self.events.dossier_changed.connect(self._dossier_touched)
        self.events.components_changed.connect(self._dossier_touched)
        self.events.settings_changed.connect(self.settings_changed.emit)
        self.dossier: Dossier | None = None
        self.demo_info: dict[str, str] = {}

    # --- the officer's session: held here for the life of the window, never written anywhere ----
    @property
    def session(self) -> Session | None:
        """The logged-in officer (user, roles, agency and the password the sync client logs in
        with). The services read it from the workspace this context owns; nothing else keeps it."""
        return self.ws.session

    @session.setter
    def session(self, value: Session | None) -> None:
        self.ws.session = value

    def log_out(self) -> None:
        self.ws.session = None

    # --- the current dossier --------------------------------------------------------------------
    def open_dossier(self, number: str | None) -> None:
        """Make ``number`` the current dossier, read here on the GUI thread: the callers (the
        navigation, the restore at start-up, the re-read after a change) show it at once, and
        the read is one row and its components by primary key through the SQLite WAL reader, which
        never waits for a writer (about 0.05 ms measured on a workspace of 20 dossiers)."""
        if number is None:
            self.dossier = None
        else:
            try:
                self.dossier = read_dossier(self.ws, number)
            except MotcuaError as exc:
                log.warning("Cannot open dossier: %s", exc.message_en)
                self.dossier = None
        self.dossier_changed.emit(self.dossier)

    def reload_dossier(self) -> None:
        """The current dossier changed: tell every screen (see ``app.ui.events``)."""
        if self.dossier is not None:
            self.publish(dossier(self.dossier.number))
        else:
            self.dossiers_changed.emit()

    def publish(self, *changes: Change) -> None:
        """Changes made outside an operation of the runner (a dialog's own work)."""
        self.events.publish(changes)

    def _dossier_touched(self, number: str) -> None:
        if self.dossier is not None and self.dossier.number == number:
            self.open_dossier(number)  # re-read: the screens following the current dossier redraw
        self.dossiers_changed.emit()
