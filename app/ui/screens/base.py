"""Common base of the screens."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from app.domain.errors import MotcuaError
from app.ui.context import AppContext
from app.ui.i18n import error_text


class Screen(QWidget):
    """A page of the main window. ``activated`` is called when the officer navigates to it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

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
