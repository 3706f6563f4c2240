"""A scanner chooser showing the names people read ("Máy quét thư mục (demo)", the SANE vendor
and model), with the name the drivers take as each item's data (app.scan.devices.describe makes
both). Editable: IT staff may type a device name (test:0, folder:/path, twain:NAME)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from app.services.scan_view import DeviceLabel, describe
from app.ui.i18n import current_language


class DeviceCombo(QComboBox):
    def __init__(self) -> None:
        super().__init__()
        self.setEditable(True)

    def add_devices(self, labels: Iterable[DeviceLabel]) -> None:
        for label in labels:
            if label.name and self.findData(label.name) < 0:
                self.addItem(label.text(current_language()), label.name)
                self.setItemData(self.count() - 1, label.name,
                                 Qt.ItemDataRole.ToolTipRole)  # the driver's name

    def add_names(self, names: Iterable[str]) -> None:
        self.add_devices(describe(n) for n in names)

    def device(self) -> str:
        """The driver's name of the chosen scanner, or what was typed."""
        idx = self.currentIndex()
        if idx >= 0 and self.currentText() == self.itemText(idx):
            return str(self.itemData(idx))
        return self.currentText().strip()

    def select(self, name: str) -> None:
        if not name:
            return
        self.add_names([name])
        self.setCurrentIndex(self.findData(name))
