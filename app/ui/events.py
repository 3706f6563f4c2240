"""Change notification: what an operation changed, told to every screen that shows it.

An operation declares what it changes when it is submitted (``ctx.runner.run(...,
changes=[dossier(number), OUTBOX])``); when it succeeds the runner publishes those changes on
the application context's :class:`AppEvents` (on the GUI thread, after the operation's own
``on_success``). Screens subscribe through ``Screen.refresh_on``: a visible screen refreshes at
once, a hidden one is marked stale and refreshes when it is shown again."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QObject, Signal


class Topic(StrEnum):
    DOSSIER = "dossier"  # a dossier was received or its state, documents or signatures changed
    COMPONENTS = "components"  # a dossier's components changed (state, warehouse checks, pages)
    OUTBOX = "outbox"  # items queued, sent, refused or read back from the province
    SETTINGS = "settings"  # the workstation's settings were saved


@dataclass(frozen=True)
class Change:
    topic: Topic
    number: str = ""  # the dossier, for DOSSIER and COMPONENTS


def dossier(number: str) -> Change:
    return Change(Topic.DOSSIER, number)


def components(number: str) -> Change:
    return Change(Topic.COMPONENTS, number)


OUTBOX = Change(Topic.OUTBOX)
SETTINGS = Change(Topic.SETTINGS)


class AppEvents(QObject):
    """The hub on the application context: one signal per kind of change."""

    dossier_changed = Signal(str)  # the dossier's number
    components_changed = Signal(str)  # the dossier's number
    outbox_changed = Signal()
    settings_changed = Signal()

    def publish(self, changes: Iterable[Change]) -> None:
        """Emit each distinct change once, in the order declared."""
        seen: set[Change] = set()
        for change in changes:
            if change in seen:
                continue
            seen.add(change)
            if change.topic is Topic.DOSSIER:
                self.dossier_changed.emit(change.number)
            elif change.topic is Topic.COMPONENTS:
                self.components_changed.emit(change.number)
            elif change.topic is Topic.OUTBOX:
                self.outbox_changed.emit()
            else:
                self.settings_changed.emit()
