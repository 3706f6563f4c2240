"""Báo cáo: the supervisor's figures for a period (day, week, month, year or chosen dates), by
officer or procedure, for the whole agency (from the provincial server) or this workstation:
dossiers, pages, the reuse rate against the 60% target (year to date), the QC first-pass rate,
send-backs, and the Decision 766 indicators against their threshold; a bar chart per group
(pyqtgraph) with the target line; export to CSV or XLSX."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QDate
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import vn_today
from app.domain.figures import REUSE_TARGET
from app.services.report import report, write_csv, write_xlsx
from app.services.submit import client_from
from app.ui.context import AppContext
from app.ui.flow_layout import FlowLayout
from app.ui.screens.base import Screen
from app.ui.worker import TaskContext


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:.1f}%"


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


class DashboardScreen(Screen):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("dashboard")
        self.data: dict[str, Any] | None = None
        today = vn_today()
        self.start, self.end = QDateEdit(_qdate(today.replace(day=1))), QDateEdit(_qdate(today))
        for w in (self.start, self.end):
            w.setDisplayFormat("dd/MM/yyyy")
            w.setCalendarPopup(True)
        self.period = QComboBox()
        self.period.setObjectName("dashboard_period")
        for label in (self.tr("Today"), self.tr("This week"), self.tr("This month"), self.tr("This year"),
                      self.tr("Chosen dates")):
            self.period.addItem(label)
        self.period.setCurrentIndex(2)
        self.by = QComboBox()
        self.by.setObjectName("dashboard_by")
        self.by.addItem(self.tr("By officer"), "officer")
        self.by.addItem(self.tr("By procedure"), "procedure")
        self.scope = QComboBox()
        self.scope.setObjectName("dashboard_scope")
        self.scope.addItem(self.tr("Whole agency (provincial system)"), "agency")
        self.scope.addItem(self.tr("This workstation"), "workstation")
        self.show_btn = QPushButton(self.tr("Show (F5)"))
        self.csv_btn = QPushButton(self.tr("Export CSV"))
        self.xlsx_btn = QPushButton(self.tr("Export Excel"))
        top = FlowLayout()  # wraps on a 1024-px screen
        for widget in (self.period, self.start, QLabel("—"), self.end, self.by, self.scope, self.show_btn,
                       self.csv_btn, self.xlsx_btn):
            top.addWidget(widget)
        top.addStretch(1)
        # -- headline figures ----------------------------------------------------------------
        self.figures: dict[str, QLabel] = {}
        grid = QGridLayout()
        heads = (("dossiers", self.tr("Dossiers received")), ("pages", self.tr("Pages digitized")),
                 ("reuse_rate", self.tr("Reuse rate "
                                        "(period)")), ("reuse_rate_ytd", self.tr("Reuse rate, year to date")),
                 ("first_pass_rate", self.tr("QC passed first time")), ("sent_back", self.tr("Sent back")),
                 ("overrides", self.tr("Overrides")), ("hours_to_sent_median", self.tr("Hours to send "
                                                                                       "(median)")))
        for i, (key, label) in enumerate(heads):
            value = QLabel("—")
            value.setObjectName(f"figure_{key}")
            value.setStyleSheet("font-size: 16pt; font-weight: bold;")
            self.figures[key] = value
            row, col = 2 * (i // 4), i % 4  # four figures a line: fits at 1024 px
            grid.addWidget(QLabel(label), row, col)
            grid.addWidget(value, row + 1, col)
        self.target = QLabel()
        self.target.setObjectName("dashboard_target")
        # -- the groups, the chart and the indicators -----------------------------------------
        self.groups = QTableWidget(0, 6)
        self.groups.setObjectName("dashboard_groups")
        self.groups.setHorizontalHeaderLabels([self.tr("Group"), self.tr("Dossiers"), self.tr("Pages"),
                                               self.tr("Reuse "
                                                       "rate"), self.tr("QC first "
                                                                        "pass"), self.tr("Sent back")])
        self.groups.verticalHeader().setVisible(False)
        self.groups.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.groups.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.indicators = QTableWidget(0, 4)
        self.indicators.setObjectName("dashboard_indicators")
        self.indicators.setHorizontalHeaderLabels([self.tr("Indicator (Decision 766)"), self.tr("Value"),
                                                   self.tr("Full points at"), self.tr("Met")])
        self.indicators.verticalHeader().setVisible(False)
        self.indicators.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.indicators.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        pg.setConfigOptions(antialias=True, background="w", foreground="k")
        self.chart = pg.PlotWidget()
        self.chart.setObjectName("dashboard_chart")
        self.chart.setTitle(self.tr("Reuse rate by group (%), target 60%"))
        self.chart.setYRange(0, 100)
        self.chart.setMinimumHeight(220)
        self.message = QLabel()
        self.message.setObjectName("dashboard_message")
        tables = QSplitter()  # side by side; the supervisor widens the one to read
        tables.setChildrenCollapsible(False)
        tables.addWidget(self.groups)
        tables.addWidget(self.indicators)
        tables.setStretchFactor(0, 3)
        tables.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addLayout(grid)
        lay.addWidget(self.target)
        lay.addWidget(self.chart, 2)
        lay.addWidget(tables, 2)
        lay.addWidget(self.message)

        self.period.currentIndexChanged.connect(self._period_changed)
        self.show_btn.clicked.connect(self.activated)
        self.csv_btn.clicked.connect(lambda: self.export("csv"))
        self.xlsx_btn.clicked.connect(lambda: self.export("xlsx"))
        QShortcut(QKeySequence("F5"), self, self.activated)

    def title(self) -> str:
        return self.tr("Reports")

    def _period_changed(self, index: int) -> None:
        today = vn_today()
        starts = [today, today - timedelta(days=today.weekday()), today.replace(day=1),
                  today.replace(month=1, day=1)]
        if index < len(starts):
            self.start.setDate(_qdate(starts[index]))
            self.end.setDate(_qdate(today))
            self.activated()

    def activated(self) -> None:
        start: date = self.start.date().toPython()  # type: ignore[assignment]  # QDate -> datetime.date
        end: date = self.end.date().toPython()  # type: ignore[assignment]
        by, scope = str(self.by.currentData()), str(self.scope.currentData())
        ws = self.ctx.ws

        def load(_c: TaskContext) -> dict[str, Any]:
            if scope == "agency":
                return dict(client_from(ws, quick=True).json(
                    "GET", "/api/v1/review/report",
                    params={"from": start.isoformat(), "to": end.isoformat(), "by": by}))

            return report(ws, start, end, by)

        self.ctx.runner.run(self.tr("computing the figures"), load, on_success=self._show,
                            on_error=lambda e: self.show_error(e, self.message))

    def _show(self, data: dict[str, Any]) -> None:
        self.data = data
        for key, label in self.figures.items():
            v = data.get(key)
            label.setText(_pct(v) if key.endswith("_rate") or key == "reuse_rate_ytd"
                          else ("—" if v is None else f"{v:g}"))
        ytd = data.get("reuse_rate_ytd")
        met = ytd is not None and ytd >= REUSE_TARGET
        self.set_message(self.target, self.tr("Reuse rate year to date %1 against the target of %2").replace(
            "%1", _pct(ytd)).replace("%2", _pct(REUSE_TARGET)), "ok" if met else "warn")
        groups = data.get("groups") or []
        self.groups.setRowCount(0)
        for g in groups:
            r = self.groups.rowCount()
            self.groups.insertRow(r)
            for c, text in enumerate((g["key"], str(g["dossiers"]), str(g["pages"]), _pct(g["reuse_rate"]),
                                      _pct(g["first_pass_rate"]), str(g["sent_back"]))):
                self.groups.setItem(r, c, QTableWidgetItem(text))
        self.indicators.setRowCount(0)
        for ind in data.get("indicators", []):
            r = self.indicators.rowCount()
            self.indicators.insertRow(r)
            met_text = "—" if ind["met"] is None else (self.tr("yes") if ind["met"] else self.tr("no"))
            for c, text in enumerate((ind["name_vi"], _pct(ind["value"]), _pct(ind["threshold"]), met_text)):
                self.indicators.setItem(r, c, QTableWidgetItem(text))
        self.chart.clear()
        values = [100 * (g["reuse_rate"] or 0) for g in groups]
        if values:
            self.chart.addItem(pg.BarGraphItem(x=list(range(len(values))), height=values, width=0.6,
                                               brush="#0b5394"))
            self.chart.getAxis("bottom").setTicks([[(i, g["key"]) for i, g in enumerate(groups)]])
        self.chart.addItem(pg.InfiniteLine(pos=100 * REUSE_TARGET, angle=0, pen=pg.mkPen("#b00020", width=2)))
        self.message.setText("")

    def export(self, kind: str) -> None:
        if self.data is None:
            return

        name, _f = QFileDialog.getSaveFileName(self, self.tr("Export the figures"),
                                               f"bao-cao-{self.data['from']}-{self.data['to']}.{kind}")
        if not name:
            return
        data, write = self.data, write_csv if kind == "csv" else write_xlsx  # read here, written by a worker
        self._exporting(True)
        self.ctx.runner.run(self.tr("exporting the figures"), lambda _c: write(data, Path(name)),
                            on_success=lambda _r: self.set_message(self.message, self.tr("Saved %1").replace(
                                "%1", name), "ok"),
                            on_error=lambda e: self.show_error(e, self.message),
                            on_done=lambda: self._exporting(False))

    def _exporting(self, busy: bool) -> None:
        self.csv_btn.setEnabled(not busy)
        self.xlsx_btn.setEnabled(not busy)
