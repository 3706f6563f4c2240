"""Tiếp nhận: identify the owner (typed or from the ID card's QR), the submitter in a delegated
case, pick the procedure, open the dossier."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import MotcuaError
from app.domain.identifiers import OwnerId, parse_owner_id
from app.domain.records import Dossier
from app.services.catalogue import load_catalogue
from app.services.counter_view import PortalStatus, portal_status
from app.services.receipt import appointment_date, recent_duplicate, write_receipt
from app.services.reception import ReceptionRequest, open_dossier
from app.ui import events
from app.ui.context import AppContext
from app.ui.i18n import current_language, error_text
from app.ui.qr import CardData, decode_card_image
from app.ui.screens.base import Screen, ask
from app.ui.screens.portal_text import portal_text
from app.ui.worker import TaskContext


class ReceptionScreen(Screen):
    dossier_opened = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("reception")
        self.catalogue = load_catalogue()

        # owner
        self.owner_id = QLineEdit()
        self.owner_id.setObjectName("owner_id")
        self.owner_id.setPlaceholderText(self.tr("12-digit personal ID, 9-digit old ID, tax code or agency "
                                                 "code"))
        self.owner_id.setMaxLength(20)
        self.owner_msg = QLabel()
        self.owner_msg.setObjectName("owner_msg")
        self.owner_name = QLineEdit()
        self.owner_name.setObjectName("owner_name")
        self.owner_birth = QLabel()
        self.qr_btn = QPushButton(self.tr("Read the QR of the ID card… (Ctrl+Q)"))
        self.qr_btn.setObjectName("qr_btn")
        self.portal = QLabel()
        self.portal.setObjectName("portal_status")
        self.portal.setWordWrap(True)
        owner_box = QGroupBox(self.tr("Dossier owner"))
        form = QFormLayout(owner_box)
        id_row = QVBoxLayout()
        id_row.addWidget(self.owner_id)
        id_row.addWidget(self.qr_btn)
        form.addRow(self.tr("&ID number:"), id_row)
        form.addRow("", self.owner_msg)
        form.addRow(self.tr("Full &name:"), self.owner_name)
        form.addRow(self.tr("Birth date:"), self.owner_birth)
        form.addRow(self.tr("National portal account:"), self.portal)
        for lbl_widget, buddy in ((form.labelForField(id_row), self.owner_id),
                                  (form.labelForField(self.owner_name), self.owner_name)):
            if isinstance(lbl_widget, QLabel):
                lbl_widget.setBuddy(buddy)

        # submitter (delegated case)
        self.delegated = QCheckBox(self.tr("&Delegated: someone else hands in the dossier"))
        self.delegated.setObjectName("delegated")
        self.submitter_id = QLineEdit()
        self.submitter_id.setObjectName("submitter_id")
        self.submitter_name = QLineEdit()
        self.submitter_name.setObjectName("submitter_name")
        self.submitter_msg = QLabel()
        sub_box = QGroupBox(self.tr("Submitter"))
        sform = QFormLayout(sub_box)
        sform.addRow(self.delegated)
        sform.addRow(self.tr("Submitter ID:"), self.submitter_id)
        sform.addRow("", self.submitter_msg)
        sform.addRow(self.tr("Submitter name:"), self.submitter_name)

        # procedure
        self.proc_search = QLineEdit()
        self.proc_search.setObjectName("proc_search")
        self.proc_search.setPlaceholderText(self.tr("Procedure code or name, with or without accents "
                                                    "(Ctrl+P)"))
        self.proc_search.setClearButtonEnabled(True)
        self.proc_list = QListWidget()
        self.proc_list.setObjectName("proc_list")
        self.proc_list.setWordWrap(True)  # long procedure names wrap instead of hiding behind a scrollbar
        self.proc_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        proc_box = QGroupBox(self.tr("Administrative procedure"))
        pl = QVBoxLayout(proc_box)
        pl.addWidget(self.proc_search)
        pl.addWidget(self.proc_list, 1)

        self.submit_btn = QPushButton(self.tr("Receive the dossier (Ctrl+Enter)"))
        self.submit_btn.setObjectName("receive_btn")
        self.submit_btn.setDefault(True)
        self.clear_btn = QPushButton(self.tr("New reception (F2)"))
        self.result = QLabel()
        self.result.setObjectName("dossier_number")
        f = QFont(self.result.font())
        f.setPointSizeF(f.pointSizeF() * 1.6)
        f.setBold(True)
        self.result.setFont(f)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.receipt_btn = QPushButton(self.tr("Print the receipt (Ctrl+R)"))
        self.receipt_btn.setObjectName("receipt_btn")
        self.receipt_btn.setEnabled(False)
        self.summary = QLabel()
        self.summary.setObjectName("reception_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_receipts = True  # open the written receipt in the system's PDF viewer (to print it)
        self._last: Dossier | None = None
        self._last_portal = ""
        self.error = QLabel()
        self.error.setObjectName("reception_error")
        self.error.setWordWrap(True)

        left = QVBoxLayout()
        left.addWidget(owner_box)
        left.addWidget(sub_box)
        left.addStretch(1)
        cols = QHBoxLayout()
        cols.addLayout(left, 3)
        cols.addWidget(proc_box, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.submit_btn)
        buttons.addWidget(self.clear_btn)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(cols, 1)
        lay.addWidget(self.error)
        lay.addLayout(buttons)
        lay.addWidget(self.result)
        last = QHBoxLayout()
        last.addWidget(self.summary, 1)
        last.addWidget(self.receipt_btn)
        lay.addLayout(last)

        self.owner_id.textChanged.connect(self._owner_changed)
        self.owner_id.editingFinished.connect(self._lookup_portal)
        self.submitter_id.textChanged.connect(self._submitter_changed)
        self.delegated.toggled.connect(self._delegated_toggled)
        self.proc_search.textChanged.connect(self._search)
        self.qr_btn.clicked.connect(self._read_qr)
        self.submit_btn.clicked.connect(self.submit)
        self.clear_btn.clicked.connect(self.clear)
        self.receipt_btn.clicked.connect(self.print_receipt)
        QShortcut(QKeySequence("Ctrl+R"), self, self.print_receipt)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.submit)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.submit)
        QShortcut(QKeySequence("Ctrl+Q"), self, self._read_qr)
        QShortcut(QKeySequence("Ctrl+P"), self, self.proc_search.setFocus)
        QShortcut(QKeySequence(Qt.Key.Key_F2), self, self.clear)

        order = [self.owner_id, self.qr_btn, self.owner_name, self.delegated, self.submitter_id,
                 self.submitter_name, self.proc_search, self.proc_list, self.submit_btn, self.clear_btn]
        for a, b in zip(order, order[1:], strict=False):
            self.setTabOrder(a, b)
        self._delegated_toggled(False)
        self._search("")
        self._portal_for = ""

    def title(self) -> str:
        return self.tr("Reception")

    def activated(self) -> None:
        self.owner_id.setFocus()

    # --- validation -------------------------------------------------------------------------
    def _validate(self, text: str, label: QLabel) -> OwnerId | None:
        if not text.strip():
            label.setText("")
            return None
        try:
            owner = parse_owner_id(text)
        except MotcuaError as exc:
            label.setText(error_text(exc))
            label.setProperty("kind", "error")
            return None
        label.setProperty("kind", "ok")
        if owner.province:
            label.setText(self.tr("Valid personal ID: registered in %1, born "
                                  "%2").replace("%1", owner.province)
                          .replace("%2", str(owner.birth_year)))
        else:
            label.setText(self.tr("Valid identifier"))
        return owner

    def _owner_changed(self, text: str) -> None:
        self._validate(text, self.owner_msg)
        self.portal.setText("")

    def _submitter_changed(self, text: str) -> None:
        self._validate(text, self.submitter_msg)

    def _delegated_toggled(self, on: bool) -> None:
        for w in (self.submitter_id, self.submitter_name):
            w.setEnabled(on)
        if on:
            self.submitter_id.setFocus()

    def _lookup_portal(self) -> None:
        try:
            owner = parse_owner_id(self.owner_id.text())
        except MotcuaError:
            return
        if owner.value == self._portal_for:
            return
        self._portal_for = owner.value
        self.portal.setText(self.tr("Checking…"))

        def look(_ctx: TaskContext) -> tuple[str, PortalStatus]:
            return owner.value, portal_status(self.ctx.ws, owner.value)

        self.ctx.runner.run(self.tr("checking the portal account"), look, on_success=self._portal_answer,
                            on_error=lambda e: self.portal.setText(error_text(e)))

    def _portal_answer(self, answer: tuple[str, PortalStatus]) -> None:
        """An answer for the citizen in the form fills the form; one for the citizen just received
        (the form already cleared) goes into the summary; any other is stale and dropped."""
        owner, status = answer
        if owner == self._portal_for:
            self._show_portal(status)
        elif self._last is not None and self._last.owner.id == owner:
            self._show_portal(status)
            self._last_portal = self.portal.text()
            self.portal.clear()
            self._show_summary()

    def _show_portal(self, status: PortalStatus) -> None:
        text = portal_text(status, english=current_language() != "vi")
        self.portal.setText(text)
        if status.name and not self.owner_name.text():
            self.owner_name.setText(status.name)

    # --- QR -----------------------------------------------------------------------------------
    def _read_qr(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Scanned ID card image"), "",
                                              self.tr("Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)"))
        if path:
            self.read_qr_file(Path(path))

    def read_qr_file(self, path: Path) -> None:
        self.error.setText("")
        self.ctx.runner.run(self.tr("reading the ID card"), lambda _c: decode_card_image(path),
                            on_success=self._fill_from_card,
                            on_error=lambda e: self.show_error(e, self.error))

    def _fill_from_card(self, card: CardData) -> None:
        self.owner_id.setText(card.id_number)
        self.owner_name.setText(card.name)
        self.owner_birth.setText(card.birth_date.strftime("%d/%m/%Y") if card.birth_date else "")
        self._lookup_portal()
        self.proc_search.setFocus()

    # --- procedures ---------------------------------------------------------------------------
    def _search(self, text: str) -> None:
        self.proc_list.clear()
        for proc in self.catalogue.search(text):
            item = QListWidgetItem(f"{proc.code} — {proc.name}")
            item.setData(Qt.ItemDataRole.UserRole, proc.code)
            self.proc_list.addItem(item)
        if self.proc_list.count():
            self.proc_list.setCurrentRow(0)

    def selected_procedure(self) -> str | None:
        item = self.proc_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    # --- submit -------------------------------------------------------------------------------
    def submit(self) -> None:
        if not self.submit_btn.isEnabled():  # Ctrl+Enter again while this reception is under way
            return
        self.error.setText("")
        owner = self._validate(self.owner_id.text(), self.owner_msg)
        if owner is None:
            self.error.setText(self.owner_msg.text() or self.tr("Enter the owner's ID number first."))
            self.owner_id.setFocus()
            return
        submitter = None
        if self.delegated.isChecked():
            if self._validate(self.submitter_id.text(), self.submitter_msg) is None:
                self.error.setText(self.submitter_msg.text() or self.tr("Enter the submitter's ID number."))
                self.submitter_id.setFocus()
                return
            submitter = self.submitter_id.text()
        code = self.selected_procedure()
        if code is None:
            self.error.setText(self.tr("Pick the procedure first."))
            self.proc_search.setFocus()
            return
        req = ReceptionRequest(owner=owner.value, procedure=code, submitter=submitter,
                               owner_name=self.owner_name.text().strip(),
                               submitter_name=self.submitter_name.text().strip() if submitter else "")
        self.submit_btn.setEnabled(False)  # the form is read; the duplicate check runs on a worker
        ws = self.ctx.ws
        self.ctx.runner.run(self.tr("looking for a "
                                    "duplicate"), lambda _c: recent_duplicate(ws, req.owner, code),
                            on_success=lambda earlier: self._receive(req, earlier),
                            on_error=lambda e: self._not_received(e))

    def _receive(self, req: ReceptionRequest, earlier: Dossier | None) -> None:
        """Asks first when the same citizen's dossier for this procedure was just received."""
        if earlier is not None and not self._confirm_duplicate(earlier):
            self.submit_btn.setEnabled(True)
            self.error.setText(self.tr("Not received again: dossier %1 is the one received at %2.")
                               .replace("%1", earlier.number).replace("%2", f"{earlier.received_at:%H:%M}"))
            return
        ws = self.ctx.ws
        self.ctx.runner.run(self.tr("opening the dossier"), lambda _c: open_dossier(ws, req),
                            on_success=self._opened, on_error=lambda e: self.show_error(e, self.error),
                            on_done=lambda: self.submit_btn.setEnabled(True),
                            changes=lambda d: [events.dossier(d.number)])

    def _not_received(self, exc: MotcuaError) -> None:
        self.submit_btn.setEnabled(True)
        self.show_error(exc, self.error)

    def _confirm_duplicate(self, earlier: Dossier) -> bool:
        return ask(self, "confirm_duplicate", title=self.tr("Receive again?"),
                   text=self.tr("Dossier %1 for this citizen and this procedure was received at %2. Receive "
                                "another "
                                "dossier?").replace("%1", earlier.number).replace("%2",
                                                                                  f"{earlier.received_at:%H:%M}"),
                   proceed=self.tr("Receive a new dossier"), cancel=self.tr("Cancel"))

    def _opened(self, dossier: Dossier) -> None:
        # the citizen's portal account stays in view with the summary (its answer may still come)
        self._last_portal = self.portal.text() if self._portal_for == dossier.owner.id else ""
        self.clear()  # a second Ctrl+Enter finds an empty form, not the same citizen again
        self._last = dossier
        self.result.setText(self.tr("Dossier number: %1").replace("%1", dossier.number))
        self._show_summary()
        if not self._last_portal:  # not looked up yet: ask now, the answer lands in the summary
            owner = dossier.owner.id
            self.ctx.runner.run(self.tr("checking the portal account"),
                                lambda _c: (owner, portal_status(self.ctx.ws, owner)),
                                on_success=self._portal_answer,
                                on_error=lambda e: None)
        self.receipt_btn.setEnabled(True)
        self.ctx.message.emit(self.tr("Dossier %1 received").replace("%1", dossier.number))
        self.dossier_opened.emit(dossier.number)

    def _show_summary(self) -> None:
        d = self._last
        if d is None:
            return
        due = appointment_date(d)
        text = (self.tr("%1 — %2 — %3; result due on %4.").replace("%1", d.owner.name or d.owner.id)
                .replace("%2", d.procedure_name).replace("%3", d.number).replace("%4", f"{due:%d/%m/%Y}"))
        portal = self._last_portal
        self.summary.setText(text + (f"\n{self.tr('National portal account:')} {portal}" if portal else ""))

    def receipt_path(self, number: str) -> Path:
        return self.ctx.ws.root / "receipts" / f"{number}.pdf"

    def print_receipt(self) -> None:
        """Write the last received dossier's receipt into the workspace and open it to print."""
        dossier = self._last or self.ctx.dossier
        if dossier is None:
            self.error.setText(self.tr("Receive a dossier first."))
            return
        number, out = dossier.number, self.receipt_path(dossier.number)
        self.ctx.runner.run(self.tr("writing the "
                                    "receipt"), lambda _c: write_receipt(self.ctx.ws, number, out),
                            on_success=lambda _r: self._receipt_written(out),
                            on_error=lambda e: self.show_error(e, self.error))

    def _receipt_written(self, out: Path) -> None:
        self.set_message(self.error, self.tr("Receipt written: %1").replace("%1", str(out)), "ok")
        if self.open_receipts:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))

    def clear(self) -> None:
        for w in (self.owner_id, self.owner_name, self.submitter_id, self.submitter_name, self.proc_search):
            w.clear()
        self.delegated.setChecked(False)
        self.owner_birth.clear()
        self.portal.clear()
        self.error.clear()
        self._portal_for = ""
        self.owner_id.setFocus()
