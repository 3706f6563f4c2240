"""The Scan screen's widgets and their layout, without behaviour (the screen, app/ui/screens/scan.py,
is the controller): device and profile, declared sheets, the big Scan button, the thumbnail strip,
the page viewer with its tools, the findings panel with its actions, progress and Build."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSlider,
    QSpinBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.services.scan_profiles import DPI_CHOICES, ColourMode, ScanProfile, Source
from app.ui.device_combo import DeviceCombo
from app.ui.screens.scan_findings import FindingsPanel
from app.ui.screens.scan_widgets import MIN_THUMB, CalibrationNotice, PageViewer, ThumbnailGrid, _tr
from app.ui.thumbs import THUMB


class ScanView:
    """Builds the widgets into ``host`` (the screen) and keeps references to them."""

    def __init__(self, host: QWidget) -> None:
        self.target = QLabel()
        self.target.setObjectName("scan_target")
        self.target.setWordWrap(True)
        self.device = DeviceCombo()
        self.device.setObjectName("scan_device")
        self.profile = QLabel()  # which profile the settings below came from
        self.profile.setObjectName("scan_profile")
        self.profile.setWordWrap(True)
        self.source = QComboBox()
        self.source.setObjectName("scan_source")
        self.source.addItem(_tr("Feeder"), Source.ADF)
        self.source.addItem(_tr("Flatbed"), Source.FLATBED)
        self.dpi = QComboBox()
        self.dpi.setObjectName("scan_dpi")
        for dpi in DPI_CHOICES:
            self.dpi.addItem(f"{dpi} dpi", dpi)
        self.mode = QComboBox()
        self.mode.setObjectName("scan_mode")
        self.mode.addItem(_tr("Colour"), ColourMode.COLOR)
        self.mode.addItem(_tr("Grey"), ColourMode.GRAY)
        self.sheets = QSpinBox()
        self.sheets.setObjectName("scan_sheets")
        self.sheets.setRange(1, 500)
        self.duplex = QCheckBox(_tr("Both sides (duplex)"))
        self.duplex.setChecked(True)
        self.scan_btn = QPushButton(_tr("Scan (F9)"))
        self.scan_btn.setObjectName("scan_btn")
        self.cancel_btn = QPushButton(_tr("Stop (Esc)"))
        self.cancel_btn.setObjectName("scan_cancel")
        self.cancel_btn.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setObjectName("scan_progress")
        self.progress.setFormat(_tr("%v of %m pages"))
        self.jam = QLabel()
        self.jam.setObjectName("scan_jam")
        self.jam.setWordWrap(True)
        self.jam.setProperty("kind", "error")
        self.jam.setVisible(False)
        self.calibration = CalibrationNotice()

        form = QFormLayout()
        how = QHBoxLayout()
        for part in (self.source, self.dpi, self.mode, self.duplex):
            how.addWidget(part)
        form.addRow(_tr("&Device:"), self.device)
        form.addRow(_tr("&Profile:"), how)
        form.addRow("", self.profile)
        form.addRow(_tr("Declared &sheets:"), self.sheets)
        fields: tuple[tuple[QWidget | QHBoxLayout, QWidget], ...] = (
            (self.device, self.device), (how, self.source), (self.sheets, self.sheets))
        for field, b in fields:
            lbl = form.labelForField(field)
            if isinstance(lbl, QLabel):
                lbl.setBuddy(b)

        self.thumbs = ThumbnailGrid()
        self.thumb_size = QSlider(Qt.Orientation.Horizontal)
        self.thumb_size.setObjectName("thumb_size")
        self.thumb_size.setRange(MIN_THUMB, THUMB.width())
        self.thumb_size.setValue(self.thumbs.iconSize().width())
        self.thumb_size.setToolTip(_tr("Thumbnail size (Ctrl+Shift++ / Ctrl+Shift+-)"))
        self.thumb_size.valueChanged.connect(self.thumbs.set_thumb_width)
        self.problems_only = QCheckBox(_tr("Problems only"))
        self.problems_only.setObjectName("problems_only")
        self.delete_btn = QPushButton(_tr("Delete (Del)"))
        self.delete_btn.setObjectName("delete_btn")
        self.delete_btn.setToolTip(_tr("Delete the selected pages (Ctrl or Shift + click selects several; "
                                       "Ctrl+Z brings them back)"))
        self.batch_btn = QPushButton(_tr("Scan this batch again…"))
        self.batch_btn.setObjectName("rescan_batch_btn")
        self.batch_btn.setToolTip(_tr("Take out every page of the last batch and scan those sheets again"))
        self.findings = FindingsPanel()
        self.findings_title = QLabel(_tr("Quality findings"))
        self.findings_title.setWordWrap(True)
        self.viewer = PageViewer()

        self.rotate_btn = QPushButton(_tr("Rotate (Ctrl+R)"))
        self.rescan_btn = QPushButton(_tr("Rescan this page (Ctrl+Shift+R)"))
        self.insert_btn = QPushButton(_tr("Insert after (Ctrl+I)"))
        self.override_btn = QPushButton(_tr("Accept with a reason… (Ctrl+O)"))
        self.override_btn.setObjectName("override_btn")
        self.fix_btn = QPushButton(_tr("Apply the fix (Ctrl+J)"))
        self.fix_btn.setObjectName("fix_btn")
        self.zoom_in_btn = QToolButton()  # a viewer tool: compact, named by its tooltip
        self.zoom_in_btn.setText("+")
        self.zoom_in_btn.setToolTip(_tr("Zoom in (Ctrl++)"))
        self.zoom_out_btn = QToolButton()
        self.zoom_out_btn.setText("−")
        self.zoom_out_btn.setToolTip(_tr("Zoom out (Ctrl+-)"))
        self.zoom_fit_btn = QPushButton(_tr("Fit (Ctrl+0)"))
        for small in (self.zoom_in_btn, self.zoom_out_btn):
            small.setFixedWidth(36)  # the viewer's tools fit beside the grid at 1024x768
        self.build_btn = QPushButton(_tr("Build the PDF (Ctrl+B)"))
        self.build_btn.setObjectName("build_btn")
        self.status = QLabel()
        self.status.setObjectName("scan_status")
        self.status.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.target, 2)
        top.addLayout(form, 2)
        big = QVBoxLayout()
        big.addWidget(self.scan_btn)
        big.addWidget(self.cancel_btn)
        top.addLayout(big, 1)
        side = QWidget()
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addWidget(self.findings_title)
        sl.addWidget(self.findings, 1)
        for btn in (self.fix_btn, self.override_btn, self.rescan_btn, self.insert_btn):
            sl.addWidget(btn)
        viewer_box = QWidget()
        vl = QVBoxLayout(viewer_box)
        vl.setContentsMargins(0, 0, 0, 0)
        vl.addWidget(self.viewer, 1)
        tools = QHBoxLayout()
        for tool in (self.zoom_out_btn, self.zoom_fit_btn, self.zoom_in_btn, self.rotate_btn):
            tools.addWidget(tool)
        vl.addLayout(tools)
        grid_box = QWidget()
        gl = QVBoxLayout(grid_box)
        gl.setContentsMargins(0, 0, 0, 0)
        gl.addWidget(self.thumbs, 1)
        grid_tools = QHBoxLayout()
        size_label = QLabel(_tr("Si&ze:"))
        size_label.setBuddy(self.thumb_size)
        grid_tools.addWidget(size_label)
        grid_tools.addWidget(self.thumb_size, 1)
        grid_tools.addWidget(self.problems_only)
        gl.addLayout(grid_tools)
        page_tools = QHBoxLayout()
        page_tools.addWidget(self.delete_btn)
        page_tools.addWidget(self.batch_btn)
        gl.addLayout(page_tools)
        split = QSplitter()
        split.addWidget(grid_box)
        split.addWidget(viewer_box)
        split.addWidget(side)
        split.setSizes([420, 520, 320])
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.build_btn)
        lay = QVBoxLayout(host)
        lay.addLayout(top)
        lay.addWidget(self.jam)
        lay.addWidget(self.calibration)
        lay.addWidget(split, 1)
        lay.addWidget(self.status)
        lay.addLayout(bottom)

        order = [
            self.device,
            self.source,
            self.dpi,
            self.mode,
            self.duplex,
            self.sheets,
            self.scan_btn,
            self.thumbs,
            self.thumb_size,
            self.problems_only,
            self.delete_btn,
            self.batch_btn,
            self.findings,
            self.fix_btn,
            self.override_btn,
            self.rescan_btn,
            self.insert_btn,
            self.build_btn,
        ]
        for before, after in zip(order, order[1:], strict=False):
            host.setTabOrder(before, after)
        # the viewer's own tools
        self.zoom_in_btn.clicked.connect(lambda: self.viewer.zoom_by(1.25))
        self.zoom_out_btn.clicked.connect(lambda: self.viewer.zoom_by(0.8))
        self.zoom_fit_btn.clicked.connect(self.viewer.fit)
        for keys, slot in (
            ("Ctrl++", lambda: self.viewer.zoom_by(1.25)),
            ("Ctrl+=", lambda: self.viewer.zoom_by(1.25)),
            ("Ctrl+-", lambda: self.viewer.zoom_by(0.8)),
            ("Ctrl+0", self.viewer.fit),
            ("Ctrl+Shift++", lambda: self.thumb_size.setValue(self.thumb_size.value() + 40)),
            ("Ctrl+Shift+=", lambda: self.thumb_size.setValue(self.thumb_size.value() + 40)),
            ("Ctrl+Shift+-", lambda: self.thumb_size.setValue(self.thumb_size.value() - 40)),
        ):
            QShortcut(QKeySequence(keys), host, slot)

    def apply_profile(self, profile: ScanProfile, doc_type: str) -> None:
        """Show the settings of the component's scan profile (the officer may still change them)."""
        self.device.select(profile.device)
        self.source.setCurrentIndex(max(0, self.source.findData(profile.source)))
        self.dpi.setCurrentIndex(max(0, self.dpi.findData(profile.dpi)))
        self.mode.setCurrentIndex(max(0, self.mode.findData(profile.mode)))
        self.duplex.setChecked(profile.duplex)
        text = (_tr("Scan profile for document type %1 (changed in Settings).").replace("%1", doc_type)
                if profile.doc_type else _tr("Default scan profile (profiles per document type are set in "
                                             "Settings)."))
        self.profile.setText(text)

    def chosen_profile(self) -> ScanProfile:
        """What the officer chose on screen, as a profile (device, source, duplex, dpi, colour)."""
        return ScanProfile("", self.device.device(), Source(self.source.currentData()),
                           self.duplex.isChecked(),
                           int(self.dpi.currentData()), ColourMode(self.mode.currentData()))
