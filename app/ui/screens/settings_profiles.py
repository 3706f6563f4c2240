"""Settings → Scan profiles: one row per document type (device, feeder or flatbed, duplex, dpi,
colour); the row without a type is the default. Saved in the workspace
(app.services.scan_profiles); the Scan screen picks the row of the component's document type."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services import scan_profiles
from app.services.scan_profiles import DPI_CHOICES, ColourMode, ScanProfile, Source
from app.ui.context import AppContext
from app.ui.device_combo import DeviceCombo
from app.ui.i18n import error_text


def _tr(text: str) -> str:
    return QCoreApplication.translate("ScanProfiles", text)



def _choice(items: Sequence[tuple[str, object]], current: object) -> QComboBox:
    """A combo box of (label, value) items with ``current`` chosen (else the first)."""
    box = QComboBox()
    for text, value in items:
        box.addItem(text, value)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box

class ScanProfilesEditor(QWidget):
    def __init__(self, ctx: AppContext, devices: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scan_profiles")
        self.ctx, self.devices = ctx, devices
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("profiles_table")
        self.table.setHorizontalHeaderLabels([_tr("Document "
                                                  "type"), _tr("Scanner"), _tr("Source"), _tr("Both sides"),
                                              _tr("Resolution"), _tr("Colour")])
        header = self.table.horizontalHeader()
        for col in range(6):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch if col == 1
                                        else QHeaderView.ResizeMode.ResizeToContents)
        self.add_btn = QPushButton(_tr("&Add a document type"))
        self.remove_btn = QPushButton(_tr("&Remove"))
        self.save_btn = QPushButton(_tr("&Save the profiles"))
        self.save_btn.setObjectName("profiles_save")
        self.result = QLabel()
        self.result.setObjectName("profiles_result")
        self.result.setWordWrap(True)
        note = QLabel(_tr("The row without a document type is the default profile. Document types are the "
                          "catalogue's codes (GKS, DON, GCS…)."))
        note.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(note)
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        for b in (self.add_btn, self.remove_btn, self.save_btn):
            row.addWidget(b)
        row.addWidget(self.result, 1)
        lay.addLayout(row)
        self.add_btn.clicked.connect(lambda: self.add_row(ScanProfile("NEW", ctx.ws.settings.scanner)))
        self.remove_btn.clicked.connect(lambda: self.table.removeRow(self.table.currentRow()))
        self.save_btn.clicked.connect(self.save)
        saved = scan_profiles.load_profiles(ctx.ws)  # a small JSON file in the workspace
        for p in sorted(saved.values(), key=lambda p: p.doc_type) or [scan_profiles.profile_for(ctx.ws, "")]:
            self.add_row(p)

    def add_row(self, p: ScanProfile) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        self.table.setItem(r, 0, QTableWidgetItem(p.doc_type))
        device = DeviceCombo()
        device.add_names([*self.devices, p.device])
        device.select(p.device)
        self.table.setCellWidget(r, 1, device)
        sources = [(_tr("Feeder"), Source.ADF), (_tr("Flatbed"), Source.FLATBED)]
        self.table.setCellWidget(r, 2, _choice(sources, p.source))
        duplex = QCheckBox()
        duplex.setChecked(p.duplex)
        self.table.setCellWidget(r, 3, duplex)
        self.table.setCellWidget(r, 4, _choice([(f"{d} dpi", d) for d in DPI_CHOICES], p.dpi))
        modes = [(_tr("Colour"), ColourMode.COLOR), (_tr("Grey"), ColourMode.GRAY)]
        self.table.setCellWidget(r, 5, _choice(modes, p.mode))

    def profiles(self) -> list[ScanProfile]:
        out = []
        for r in range(self.table.rowCount()):
            cell = self.table.item(r, 0)
            device, source, duplex, dpi, mode = (self.table.cellWidget(r, c) for c in range(1, 6))
            assert isinstance(device, DeviceCombo) and isinstance(duplex, QCheckBox)
            assert isinstance(source, QComboBox) and isinstance(dpi, QComboBox) and isinstance(mode,
                                                                                               QComboBox)
            out.append(ScanProfile(cell.text() if cell else "", device.device(), Source(source.currentData()),
                                   duplex.isChecked(), int(dpi.currentData()),
                                   ColourMode(mode.currentData())))
        return out

    def save(self) -> None:
        chosen, ws = self.profiles(), self.ctx.ws
        self.ctx.runner.run(_tr("saving the scan "
                                "profiles"), lambda _c: scan_profiles.save_profiles(ws, chosen),
                            on_success=lambda _r: self.result.setText(_tr("Scan profiles saved.")),
                            on_error=lambda e: self.result.setText(error_text(e)))


def open_dialog(ctx: AppContext, devices: list[str], parent: QWidget) -> QDialog:
    dlg = QDialog(parent)
    dlg.setWindowTitle(_tr("Scan profiles per document type"))
    dlg.resize(900, 420)
    lay = QVBoxLayout(dlg)
    lay.addWidget(ScanProfilesEditor(ctx, devices, dlg))
    close = QPushButton(_tr("Close"))
    close.clicked.connect(dlg.accept)
    lay.addWidget(close)
    dlg.open()
    return dlg
