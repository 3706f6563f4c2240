"""Common base of the screens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, SignalInstance
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from app.domain.errors import MotcuaError
from app.ui.context import AppContext
from app.ui.i18n import error_text


class Screen(QWidget):
    """A page of the main window. ``activated`` is called when the officer navigates to it.

    A screen follows the changes it shows with ``refresh_on(ctx.events.<signal>, ...)``: when an
    operation that declared such a change succeeds, a visible screen refreshes (once, however
    many changes arrive together) and a hidden one is marked stale and refreshes when shown."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stale = False
        self._refresh_queued = False
        self._refresh: Callable[[], None] = self.activated
        self.refreshes = 0  # refreshes made by change notifications (tests, logs)

    def refresh_on(self, *signals: SignalInstance, refresh: Callable[[], None] | None = None,
                   current_dossier_only: bool = False) -> None:
        """Refresh (``refresh``, by default ``activated``) when one of ``signals`` fires. With
        ``current_dossier_only`` a change of another dossier (the signal's number) is ignored."""
        if refresh is not None:
            self._refresh = refresh
        for signal in signals:
            signal.connect(lambda *args: self._changed(args, current_dossier_only))

    def _changed(self, args: tuple[object, ...], current_dossier_only: bool) -> None:
        if current_dossier_only and args and (self.ctx.dossier is None or args[0] != self.ctx.dossier.number):
            return
        self.stale = True
        if self.isVisible():
            self._queue_refresh()

    def _queue_refresh(self) -> None:
        if not self._refresh_queued:  # several changes of one operation: one refresh
            self._refresh_queued = True
            QTimer.singleShot(0, self._refresh_if_stale)

    def _refresh_if_stale(self) -> None:
        self._refresh_queued = False
        if self.stale and self.isVisible():
            self.stale = False
            self.refreshes += 1
            self._refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.stale:
            self._queue_refresh()

    def activate(self) -> None:
        """Navigated to: refresh now (what was stale is read again here)."""
        self.stale = False
        self.activated()

    def title(self) -> str:  # overridden: the navigation label
        return self.objectName()

    def activated(self) -> None:
        """Refresh what the screen shows; never blocks (long work goes to ctx.runner)."""

    @staticmethod
    def set_message(label: QLabel, text: str, kind: str = "") -> None:
        """Show ``text`` in ``label`` coloured by ``kind`` (error | ok | plain)."""
        label.setText(text)
        label.setProperty("kind", kind)
        label.style().unpolish(label)
        label.style().polish(label)
        label.setVisible(True)

    def show_error(self, exc: BaseException, label: QLabel | None = None) -> None:
        text = error_text(exc)
        self.ctx.message.emit(text)
        if label is not None:
            label.setText(text)
            label.setProperty("kind", "error")
            label.style().unpolish(label)
            label.style().polish(label)
            label.setVisible(True)
        elif not isinstance(exc, MotcuaError) or exc.exit_code == 1:
            box = QMessageBox(QMessageBox.Icon.Warning, self.window().windowTitle(), text, parent=self)
            box.setModal(False)
            box.show()


def ask(parent: QWidget, name: str, *, title: str, text: str, proceed: str, cancel: str, details: str = "",
        warning: bool = False) -> bool:
    """A question whose safe answer is the default: ``cancel`` is focused and Esc chooses it;
    True only when the person pressed ``proceed``. ``name`` is the box's object name (tests)."""
    box = QMessageBox(parent)
    box.setObjectName(name)
    box.setIcon(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    if details:
        box.setInformativeText(details)
    yes = box.addButton(proceed, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(cancel, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes
