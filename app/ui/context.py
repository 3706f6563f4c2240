"""State shared by the screens: the workspace, the task runner, the dossier being worked on."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from app.domain.errors import MotcuaError
from app.domain.records import Dossier
from app.store.workspace import Workspace
from app.ui.worker import TaskRunner

log = logging.getLogger(__name__)


class AppContext(QObject):
    dossier_changed = Signal(object)  # Dossier | None
    dossiers_changed = Signal()  # something in the list changed (new dossier, state)
    message = Signal(str)  # a line for the status bar
    settings_changed = Signal()

    def __init__(self, ws: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.runner = TaskRunner(self)
        self.dossier: Dossier | None = None
        self.demo_info: dict[str, str] = {}

    def open_dossier(self, number: str | None) -> None:
        if number is None:
            self.dossier = None
        else:
            try:
                self.dossier = self.ws.dossiers.get(number)
            except MotcuaError as exc:
                log.warning("Cannot open dossier: %s", exc.message_en)
                self.dossier = None
        self.dossier_changed.emit(self.dossier)

    def reload_dossier(self) -> None:
        if self.dossier is not None:
            self.open_dossier(self.dossier.number)
        self.dossiers_changed.emit()
