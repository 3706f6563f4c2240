"""Kiểm soát chất lượng: the supervisor's desk. The agency's review queue (from the provincial
server: the day's random sample, every dossier with an override, the supervisor's picks) with
filters by day, officer, procedure and state; for the chosen dossier its pages with QC findings
and measures, overrides with reason and author, the metadata check, signature results, reused
warehouse documents and the audit trail; approve, or send back with a reason per component.
Shown only to an account with the supervisor role. Everything reaches the server off the GUI
thread."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import vn_today
from app.services import review_sync
from app.services.review import configured_plan
from app.services.submit import client_from
from app.ui.context import AppContext
from app.ui.screens.base import Screen
from app.ui.screens.review_pages import ReviewPageView, page_rows
from app.ui.worker import TaskContext

STATES = ("", "waiting", "approved", "sent_back")


def is_supervisor(ctx: AppContext) -> bool:
    """The desk is for an account the server gave the supervisor role (after login)."""
    s = ctx.session
    return s is not None and s.has_role("supervisor")


def _table(name: str, headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # titles never cut
    t.horizontalHeader().setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    return t


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(0)
    for row in rows:
        r = table.rowCount()
        table.insertRow(r)
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resizeColumnsToContents()
    table.horizontalHeader().setSectionResizeMode(table.columnCount() - 1, QHeaderView.ResizeMode.Stretch)


class ReviewScreen(Screen):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("review")
        self.task: object | None = None
        self.current: dict[str, Any] | None = None
        self._items: list[dict[str, Any]] = []
        # -- filters ----------------------------------------------------------------------
        self.day = QDateEdit()
        self.day.setObjectName("review_day")
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setCalendarPopup(True)
        today = vn_today()
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.all_days = QCheckBox(self.tr("All days"))
        self.all_days.setObjectName("review_all_days")
        self.all_days.setChecked(True)
        self.officer = QLineEdit()
        self.officer.setObjectName("review_officer")
        self.officer.setPlaceholderText(self.tr("Officer (Ctrl+F)"))
        self.procedure = QLineEdit()
        self.procedure.setObjectName("review_procedure")
        self.procedure.setPlaceholderText(self.tr("Procedure code"))
        self.state = QComboBox()
        self.state.setObjectName("review_state")
        for label in (self.tr("Every "
                              "state"), self.tr("Waiting for "
                                                "review"), self.tr("Approved"), self.tr("Sent back")):
            self.state.addItem(label)
        self.state.setCurrentIndex(1)
        self.refresh_btn = QPushButton(self.tr("Refresh (F5)"))
        self.draw_btn = QPushButton(self.tr("Draw the day's sample (Ctrl+D)"))
        self.draw_btn.setObjectName("review_draw")
        top = QHBoxLayout()
        for w in (QLabel(self.tr("Day")), self.day, self.all_days, self.officer, self.procedure, self.state,
                  self.refresh_btn, self.draw_btn):
            top.addWidget(w)
        # -- the queue ----------------------------------------------------------------------
        self.queue = _table("review_queue", [self.tr("Dossier "
                                                     "number"), self.tr("Officer"), self.tr("Procedure"),
                                             self.tr("State"), self.tr("Why in the queue")])
        self.queue.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.count = QLabel()
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.queue, 1)
        ll.addWidget(self.count)
        # -- the dossier ----------------------------------------------------------------------
        self.header = QLabel(self.tr("Choose a dossier in the queue (Enter)"))
        self.header.setObjectName("review_header")
        self.header.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("review_tabs")
        self.pages = _table("review_pages", [self.tr("Component"), self.tr("Page"), self.tr("Resolution"),
                                             self.tr("Skew"), self.tr("Sharpness"), self.tr("QC findings")])
        self.overrides = _table("review_overrides", [self.tr("Finding"), self.tr("Author"), self.tr("Time"),
                                                     self.tr("Reason")])
        self.metadata = _table("review_metadata",
                               [self.tr("Component"), self.tr("Field"), self.tr("Problem")])
        self.signatures = _table("review_signatures",
                                 [self.tr("Component"), self.tr("Result"), self.tr("Signer"),
                                                       self.tr("Details")])
        self.reused = _table("review_reused", [self.tr("Component"), self.tr("Document "
                                                                             "code"), self.tr("Signer")])
        self.audit = _table("review_audit", [self.tr("Time"), self.tr("Who"), self.tr("Action")])
        # a page beside its findings: the component's document from the server, zoomable
        self.page_scroll = ReviewPageView(ctx)
        self.page_view = self.page_scroll.label
        pages_tab = QSplitter(Qt.Orientation.Horizontal)
        pages_tab.addWidget(self.pages)
        pages_tab.addWidget(self.page_scroll)
        pages_tab.setSizes([520, 380])
        tab: QWidget
        for tab, label in ((pages_tab, self.tr("&1 Pages and QC")), (self.overrides, self.tr("&2 Overrides")),
                         (self.metadata, self.tr("&3 Metadata")), (self.signatures, self.tr("&4 Signatures")),
                         (self.reused, self.tr("&5 Reused "
                                               "documents")), (self.audit, self.tr("&6 Audit trail"))):
            self.tabs.addTab(tab, label)
        self.reasons = QTableWidget(0, 2)
        self.reasons.setObjectName("review_reasons")
        self.reasons.setHorizontalHeaderLabels([self.tr("Component"), self.tr("Reason to send back (blank: "
                                                                              "fine)")])
        self.reasons.verticalHeader().setVisible(False)
        self.reasons.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.reasons.setMaximumHeight(150)
        self.overall = QLineEdit()
        self.overall.setObjectName("review_overall")
        self.overall.setPlaceholderText(self.tr("Overall reason (optional)"))
        self.approve_btn = QPushButton(self.tr("Approve (Ctrl+Enter)"))
        self.approve_btn.setObjectName("review_approve")
        self.back_btn = QPushButton(self.tr("Send back (Ctrl+B)"))
        self.back_btn.setObjectName("review_send_back")
        self.message = QLabel()
        self.message.setObjectName("review_message")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.overall, 1)
        buttons.addWidget(self.approve_btn)
        buttons.addWidget(self.back_btn)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.header)
        rl.addWidget(self.tabs, 1)
        rl.addWidget(self.reasons)
        rl.addLayout(buttons)
        rl.addWidget(self.message)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 2)
        split.setSizes([360, 880])
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(split, 1)

        self.refresh_btn.clicked.connect(self.activated)
        self.draw_btn.clicked.connect(self.draw)
        self.approve_btn.clicked.connect(lambda: self.decide(True))
        self.back_btn.clicked.connect(lambda: self.decide(False))
        self.queue.activated.connect(lambda _i: self.open_selected())
        self.queue.currentCellChanged.connect(lambda r, _c, pr,
                                              _pc: self.open_selected() if r != pr else None)
        self.state.currentIndexChanged.connect(lambda _i: self.activated())
        self.all_days.toggled.connect(lambda _b: self.activated())
        self.day.dateChanged.connect(lambda _d: self.activated())
        self.officer.returnPressed.connect(self.activated)
        self.procedure.returnPressed.connect(self.activated)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.activated)
        QShortcut(QKeySequence.StandardKey.Find, self, self.officer.setFocus)
        QShortcut(QKeySequence("Ctrl+D"), self, self.draw)
        QShortcut(QKeySequence("Ctrl+Return"), self, lambda: self.decide(True))
        QShortcut(QKeySequence("Ctrl+B"), self, lambda: self.decide(False))
        view = self.page_scroll
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, lambda: view.set_zoom(view.zoom * 1.25))
        QShortcut(QKeySequence("Ctrl+="), self, lambda: view.set_zoom(view.zoom * 1.25))
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, lambda: view.set_zoom(view.zoom / 1.25))
        self.pages.currentCellChanged.connect(lambda r, _c, _pr, _pc: self.show_page(r))
        self._set_enabled()

    def title(self) -> str:
        return self.tr("Quality review")

    def _set_enabled(self) -> None:
        allowed = is_supervisor(self.ctx)
        for w in (self.draw_btn, self.refresh_btn, self.queue):
            w.setEnabled(allowed)
        for widget in (self.approve_btn, self.back_btn, self.reasons, self.overall):
            widget.setEnabled(allowed and self.current is not None)

    # -- the queue ------------------------------------------------------------------------------
    def activated(self) -> None:
        self._set_enabled()
        if not is_supervisor(self.ctx):
            self.set_message(self.message, self.tr("Only a supervisor reviews dossiers."), "error")
            return

        day = None if self.all_days.isChecked() else cast(date, self.day.date().toPython())
        officer, procedure = self.officer.text().strip(), self.procedure.text().strip()
        state = STATES[self.state.currentIndex()]
        ws = self.ctx.ws

        def load(_c: TaskContext) -> list[dict[str, Any]]:
            return review_sync.queue(client_from(ws, quick=True), day=day, officer=officer,
                                     procedure=procedure, state=state)

        self.ctx.runner.run(self.tr("reading the review queue"), load, on_success=self._show_queue,
                            on_error=lambda e: self.show_error(e, self.message))

    def _show_queue(self, items: list[dict[str, Any]]) -> None:
        why = {"sampled": self.tr("random "
                                  "sample"), "override": self.tr("override"), "picked": self.tr("picked")}
        states = {"waiting": self.tr("Waiting for review"), "approved": self.tr("Approved"),
                  "sent_back": self.tr("Sent back")}
        self._items = items
        _fill(self.queue, [[i["dossier_no"], i["officer"], f"{i['procedure']} {i.get('procedure_name', '')}",
                            states.get(i["state"],
                                       i["state"]) + (f" (v{i['version']})" if i["version"] > 1 else ""),
                            ", ".join(why.get(w, w) for w in i["why"])] for i in items])
        self.count.setText(self.tr("%n dossier(s) to review", "", len(items)))
        if items and self.queue.currentRow() < 0:
            self.queue.selectRow(0)

    def open_selected(self) -> None:
        row = self.queue.currentRow()
        if row < 0 or row >= self.queue.rowCount():
            return
        item = self.queue.item(row, 0)
        if item is None:
            return
        number = item.text()

        ws = self.ctx.ws
        self.ctx.runner.run(self.tr("reading the dossier"),
                            lambda _c: review_sync.dossier(client_from(ws, quick=True), number),
                            on_success=self._show_dossier,
                            on_error=lambda e: self.show_error(e, self.message))

    def _show_dossier(self, d: dict[str, Any]) -> None:
        self.current = d
        p = d.get("packet") or {}
        body = d.get("dossier", {})
        self.header.setText(self.tr("%1 — %2 — received by %3 — version %4").replace("%1", d["dossier_no"])
                            .replace("%2", str(body.get("TenTTHC", ""))).replace("%3", d["officer"])
                            .replace("%4", str(d["version"])))
        if not p:
            self.set_message(self.message, self.tr("The workstation has not sent this dossier's review "
                                                   "packet yet."), "warn")
        else:
            self.message.setText("")
        rows, refs = page_rows(p)
        _fill(self.pages, rows)
        for r, (cid, idx) in enumerate(refs):
            if (cell := self.pages.item(r, 0)) is not None:
                cell.setData(Qt.ItemDataRole.UserRole, (cid, idx))
        self.page_scroll.clear()
        _fill(self.overrides,
              [[o["finding"], o["actor"], o["at"], o["reason"]] for o in p.get("overrides", [])])
        problems = {"missing": self.tr("missing"), "malformed": self.tr("malformed")}
        _fill(self.metadata, [[m["component"], m["label_vi"], problems.get(m["problem"], m["problem"])
                               + (f": {m['value']}" if m.get("value") else "")]
                              for m in p.get("metadata_problems", [])])
        _fill(self.signatures, [[s["component"], s["status"],
                                 ", ".join(x["signer"] for x in s.get("signers", [])), s["message_vi"]]
                                for s in p.get("signatures", [])])
        _fill(self.reused, [[r["component"], r["code"], r.get("signer", "")] for r in p.get("reused", [])])
        _fill(self.audit, [[e["ts"], e["actor"], e["action"]] for e in p.get("audit", [])])
        self.tabs.setTabText(1, self.tr("&2 Overrides (%1)").replace("%1", str(len(p.get("overrides", [])))))
        self.tabs.setTabText(2, self.tr("&3 Metadata "
                                        "(%1)").replace("%1", str(len(p.get("metadata_problems", [])))))
        self.reasons.setRowCount(0)
        for comp in p.get("components", []):
            r = self.reasons.rowCount()
            self.reasons.insertRow(r)
            name = QTableWidgetItem(comp["name"])
            name.setData(Qt.ItemDataRole.UserRole, comp["id"])
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.reasons.setItem(r, 0, name)
            self.reasons.setItem(r, 1, QTableWidgetItem(""))
        self.reasons.resizeColumnToContents(0)
        self.overall.clear()
        self._set_enabled()

    # -- pages --------------------------------------------------------------------------------
    def show_page(self, row: int) -> None:
        item = self.pages.item(row, 0) if row >= 0 else None
        ref = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if ref and self.current is not None:
            self.page_scroll.show_page(self.current["dossier_no"], str(ref[0]), int(ref[1]))

    # -- decisions ------------------------------------------------------------------------------
    def component_reasons(self) -> list[tuple[str, str]]:
        out = []
        for r in range(self.reasons.rowCount()):
            name_item, reason_item = self.reasons.item(r, 0), self.reasons.item(r, 1)
            if name_item is None:
                continue
            cid = name_item.data(Qt.ItemDataRole.UserRole)
            text = (reason_item.text() if reason_item is not None else "").strip()
            if text:
                out.append((str(cid), text))
        return out

    def decide(self, approve: bool) -> None:
        if self.current is None or not is_supervisor(self.ctx):
            return

        number = self.current["dossier_no"]
        comps = [review_sync.ComponentReason(c, r) for c, r in self.component_reasons()]
        overall = self.overall.text().strip()
        if approve and comps:
            self.set_message(self.message, self.tr("Reasons are written: send the dossier back, or clear "
                                                   "them to "
                                                   "approve."), "error")
            return
        ws = self.ctx.ws

        def run(_c: TaskContext) -> dict[str, Any]:
            return review_sync.decide(ws, client_from(ws, quick=True), number, approve=approve,
                                      reason=overall,
                                      components=comps)

        self.ctx.runner.run(self.tr("sending the decision"), run, on_success=self._decided,
                            on_error=lambda e: self.show_error(e, self.message))

    def _decided(self, result: dict[str, Any]) -> None:
        text = (self.tr("%1 "
                        "approved.") if result["decision"] == "approved" else self.tr("%1 sent back to the "
                                                                                      "officer."))
        if not result.get("delivered"):
            text += " " + self.tr("The provincial system is unreachable: the decision waits in the outbox.")
        self.set_message(self.message, text.replace("%1", result["dossier_no"]), "ok")
        self.current = None
        self._set_enabled()
        self.activated()

    def draw(self) -> None:
        if not is_supervisor(self.ctx):
            return

        ws = self.ctx.ws
        day = cast(date, self.day.date().toPython())

        def run(_c: TaskContext) -> dict[str, Any]:
            rate, minimum = configured_plan(ws)
            return review_sync.draw(ws, client_from(ws, quick=True), day, rate=rate, minimum=minimum)

        def done(s: dict[str, Any]) -> None:
            self.set_message(self.message, self.tr("Sample %1: %2 of %3 dossiers drawn at random.")
                             .replace("%1", s["sample"]).replace("%2", str(len(s["dossiers"])))
                             .replace("%3", str(len(s["population"]))), "ok")
            self.activated()

        self.ctx.runner.run(self.tr("drawing the sample"), run, on_success=done,
                            on_error=lambda e: self.show_error(e, self.message))
