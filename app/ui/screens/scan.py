"""placeholder"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.ui.context import AppContext
from app.ui.screens.base import Screen


class ScanScreen(Screen):
    def set_component(self, component_id: str) -> None:
        pass

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        QVBoxLayout(self).addWidget(QLabel("…"))
