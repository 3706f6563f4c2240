"""F1: the keys of the screen on show and those that work everywhere. A screen's keys are found
on the screen itself (its shortcuts, described by the button or field that names the same key),
so a key added to a screen appears here without a second list to keep in step."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

_KEY_IN_TEXT = re.compile(r"\(([^()]*(?:Ctrl|Shift|Alt|F\d+|Enter|Esc|Del)[^()]*)\)")


def _norm(keys: str) -> str:
    return keys.replace("Return", "Enter").replace(" ", "").lower()


def _tr(text: str) -> str:
    return QCoreApplication.translate("HelpKeys", text)


def _known() -> dict[str, str]:
    """Descriptions of keys that no button names."""
    return {"ctrl+f": _tr("Search"), "ctrl+p": _tr("Find a "
                                                   "procedure"), "f5": _tr("Refresh"), "esc": _tr("Cancel "
                                                                                                  "the "
                                                                                                  "running "
                                                                                                  "work"),
            "del": _tr("Delete the selected page"), "ctrl+0": _tr("Fit the page to the viewer"),
            "ctrl+=": _tr("Zoom in"), "ctrl++": _tr("Zoom in"), "ctrl+-": _tr("Zoom out"),
            "ctrl+tab": _tr("Next tab"), "shift+f10": _tr("Actions of the selected row"),
            "ctrl+s": _tr("Save")}


def screen_keys(screen: QWidget) -> list[tuple[str, str]]:
    """(key, what it does) of every shortcut of ``screen``, described by the text of the button that
    shows the same key, else from a short list of common keys, else by the field that shows it."""
    def described(texts: list[str]) -> dict[str, str]:
        named: dict[str, str] = {}
        for text in texts:
            for m in _KEY_IN_TEXT.finditer(text):
                what = (text[:m.start()] + text[m.end():]).replace("&", "").strip(" …:")
                for key in m.group(1).split(","):
                    named.setdefault(_norm(key.strip()), what or text)
        return named

    buttons = described([b.text() for b in screen.findChildren(QAbstractButton)])
    fields = described([e.placeholderText() for e in screen.findChildren(QLineEdit)])
    known = _known()
    out: dict[str, tuple[str, str]] = {}
    for sc in screen.findChildren(QShortcut):
        if not sc.isEnabled():
            continue
        key = sc.key().toString(QKeySequence.SequenceFormat.NativeText)
        norm = _norm(sc.key().toString(QKeySequence.SequenceFormat.PortableText))
        what = buttons.get(norm) or known.get(norm) or fields.get(norm) or sc.whatsThis()
        if key and what:
            out.setdefault(norm, (key.replace("Return", "Enter"), what))
    merged: dict[str, list[str]] = {}  # two keys for one thing (Ctrl++ and Ctrl+=) on one line
    for key, what in sorted(out.values()):
        merged.setdefault(what, []).append(key)
    return sorted(((" / ".join(keys), what) for what, keys in merged.items()), key=lambda kv: kv[0])


def global_keys(screens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The keys that work on every screen: the screens' own keys, help, and moving around."""
    rows = [(keys, _tr("Go to: %1").replace("%1", title)) for title, keys in screens]
    rows += [("F1", _tr("This help")), ("Tab / Shift+Tab", _tr("Next / previous field")),
             ("Enter", _tr("Run the focused button or the row's next step")),
             ("Esc", _tr("Close a dialog (its safe answer)"))]
    return rows


class KeysDialog(QDialog):
    def __init__(self, title: str, here: list[tuple[str, str]], everywhere: list[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keys_dialog")
        self.setWindowTitle(_tr("Keyboard shortcuts"))
        lay = QVBoxLayout(self)
        columns = QHBoxLayout()  # this screen's keys beside the global ones: all visible at once
        self.tables: list[QTableWidget] = []
        for heading, rows in ((_tr("On this screen: %1").replace("%1", title), here),
                              (_tr("Everywhere"), everywhere)):
            label = QLabel(f"<b>{heading}</b>")
            label.setTextFormat(Qt.TextFormat.RichText)
            table = QTableWidget(len(rows), 2)
            table.setHorizontalHeaderLabels([_tr("Key"), _tr("What it does")])
            table.verticalHeader().setVisible(False)
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
            table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
            for r, (key, what) in enumerate(rows):
                table.setItem(r, 0, QTableWidgetItem(key))
                table.setItem(r, 1, QTableWidgetItem(what))
            if not rows:
                table.setRowCount(1)
                table.setItem(0, 1, QTableWidgetItem(_tr("No keys of its own")))
            table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
            table.setMinimumHeight(min(560,
                                       table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
                                       + table.rowCount() * table.verticalHeader().defaultSectionSize() + 2))
            box = QVBoxLayout()
            box.addWidget(label)
            box.addWidget(table, 1)
            columns.addLayout(box, 1)
            self.tables.append(table)
        lay.addLayout(columns, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(900, 420)

    def rows(self, which: int) -> list[tuple[str, str]]:
        t = self.tables[which]

        def text(r: int, c: int) -> str:
            item = t.item(r, c)
            return item.text() if item is not None else ""

        return [(text(r, 0), text(r, 1)) for r in range(t.rowCount())]
