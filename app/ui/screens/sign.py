"""Ký số: token and certificate picker (PKCS#11 module found automatically), PIN dialog (never
remembered), progress per document, cancel, plain messages for wrong PIN / tries left / locked
token / token removed / TSA timeout."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import MotcuaError
from app.services import sign_view as sg
from app.services.diagnostics import installed_pkcs11_modules
from app.ui import events
from app.ui.context import AppContext
from app.ui.i18n import current_language
from app.ui.screens.base import Screen, ask
from app.ui.worker import Task, TaskContext

CERT_ROLE = Qt.ItemDataRole.UserRole


def _module_choices(configured: str) -> list[str]:
    """The configured PKCS#11 module first (even if missing: its check says why), then the
    installed ones. Runs on a worker: the lookup walks the disk."""
    return [configured] * bool(configured) + [m for m in installed_pkcs11_modules(configured)
                                              if m != configured]


class PinDialog(QDialog):
    """Asks for the token PIN, naming the certificate that will sign (holder, role, validity) and
    how many documents. The text is cleared as soon as it is read; nothing is stored."""

    def __init__(self, cert: sg.CertChoice, count: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pin_dialog")
        self.setWindowTitle(self.tr("Token PIN"))
        self.pin = QLineEdit()
        self.pin.setObjectName("pin_edit")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(64)
        role = self.tr("the agency's key") if cert.kind == "agency" else self.tr("the officer's key")
        self.who = QLabel(self.tr("Signing %n document(s) with the certificate of <b>%1</b> (%2), valid "
                                  "until %3.",
                                  "", count).replace("%1", escape(cert.subject)).replace("%2", role)
                          .replace("%3", cert.not_after or "?"))
        self.who.setObjectName("pin_certificate")
        self.who.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.who)
        form.addRow(QLabel(self.tr("Enter the PIN of token “%1”. It is used for this signing only and "
                                   "is never saved.").replace("%1", escape(cert.token_label))))
        form.addRow(self.tr("&PIN:"), self.pin)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def take_pin(self) -> str:
        value = self.pin.text()
        self.pin.clear()
        return value


def confirm_agency_key(parent: QWidget, cert: sg.CertChoice, count: int) -> bool:
    """The agency's key signs in the agency's name (certified copies, results): asked every time,
    "No" by default."""
    return ask(parent, "confirm_agency_key", warning=True, title=parent.tr("Agency key"),
               text=parent.tr("Sign %n document(s) with the AGENCY's key "
                              "“%1”?", "", count).replace("%1", cert.subject),
               details=parent.tr("The agency's key is only for certified copies (SAO Y) and results the "
                                 "agency "
                                 "issues. The signature carries the agency's name and the legal force of the "
                                 "original."),
               proceed=parent.tr("Sign with the agency's key"), cancel=parent.tr("Cancel"))


class SignScreen(Screen):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("sign")
        self.task: Task | None = None
        self.module = QComboBox()
        self.module.setObjectName("sign_module")
        self.module.setEditable(True)
        self.load_btn = QPushButton(self.tr("Find certificates (Ctrl+L)"))
        self.certs = QListWidget()
        self.certs.setObjectName("sign_certs")
        self.docs = QTableWidget(0, 4)
        self.docs.setObjectName("sign_docs")
        self.docs.setHorizontalHeaderLabels([self.tr("Document"), self.tr("Component"), self.tr("Signing"),
                                             self.tr("Key")])
        self.docs.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.docs.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.docs.verticalHeader().setVisible(False)
        self.docs.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.docs.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.docs.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.docs.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.key_note = QLabel()
        self.key_note.setObjectName("sign_key_note")
        self.key_note.setWordWrap(True)
        self.sign_btn = QPushButton(self.tr("Sign the dossier's documents (Ctrl+G)"))
        self.sign_btn.setObjectName("sign_btn")
        self.cancel_btn = QPushButton(self.tr("Stop (Esc)"))
        self.cancel_btn.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setObjectName("sign_progress")
        self.message = QLabel()
        self.message.setObjectName("sign_message")
        self.message.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("PKCS#11 module:")))
        top.addWidget(self.module, 1)
        top.addWidget(self.load_btn)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(QLabel(self.tr("Token and certificate:")))
        lay.addWidget(self.certs, 1)
        lay.addWidget(self.key_note)
        lay.addWidget(QLabel(self.tr("Documents of the dossier:")))
        lay.addWidget(self.docs, 2)
        lay.addWidget(self.message)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.sign_btn)
        bottom.addWidget(self.cancel_btn)
        lay.addLayout(bottom)
        self.load_btn.clicked.connect(self.load_certificates)
        self.certs.currentRowChanged.connect(lambda _r: self._update_key_note())
        self.sign_btn.clicked.connect(self.sign)
        self.cancel_btn.clicked.connect(self.cancel)
        QShortcut(QKeySequence("Ctrl+L"), self, self.load_certificates)
        QShortcut(QKeySequence("Ctrl+G"), self, self.sign)
        QShortcut(QKeySequence("Esc"), self, self.cancel)
        for a, b in ((self.module, self.load_btn), (self.load_btn, self.certs), (self.certs, self.docs),
                     (self.docs, self.sign_btn), (self.sign_btn, self.cancel_btn)):
            self.setTabOrder(a, b)
        ctx.dossier_changed.connect(lambda _d: self.activated() if self.isVisible() else None)
        self._docs: list[sg.DocToSign] = []
        self._certs: list[sg.CertChoice] = []
        self._looking = False  # the PKCS#11 modules are being looked up

    def title(self) -> str:
        return self.tr("Sign")

    def activated(self) -> None:
        if not self.module.count() and not self._looking:  # looked up by a worker, the token read after
            configured, self._looking = self.ctx.ws.settings.pkcs11_module, True
            self.ctx.runner.run(self.tr("looking for PKCS#11 modules"),
                                lambda _c: _module_choices(configured),
                                on_success=self._modules_found,
                                on_error=lambda e: self.show_error(e, self.message),
                                on_done=lambda: setattr(self, "_looking", False))
        elif self.certs.count() == 0 and self.module.currentText():
            self.load_certificates()
        self.load_documents()

    def _modules_found(self, modules: list[str]) -> None:
        if not self.module.count():
            self.module.addItems(modules)
        if self.certs.count() == 0 and self.module.currentText():
            self.load_certificates()

    def load_certificates(self) -> None:
        module = self.module.currentText().strip()
        self.message.setText(self.tr("Looking for tokens…"))
        self.ctx.runner.run(self.tr("reading the token"), lambda _c: sg.certificates(self.ctx.ws, module),
                            on_success=self._show_certs, on_error=lambda e: self.show_error(e, self.message))

    def _show_certs(self, certs: list[sg.CertChoice]) -> None:
        self._certs = list(certs)
        self.certs.clear()
        for c in certs:
            kind = self.tr("agency") if c.kind == "agency" else self.tr("officer")
            vi = current_language() == "vi"
            notes = [n for n in ((c.problem_vi if vi else c.problem_en),
                                 (c.pin_warning_vi if vi else c.pin_warning_en)) if n]
            text = self.tr("%1 — %2 (%3), valid until "
                           "%4").replace("%1", c.token_label).replace("%2", c.subject) \
                .replace("%3", kind).replace("%4", c.not_after)
            it = QListWidgetItem(text + ("" if not notes else " — ⚠ " + "; ".join(notes)))
            it.setData(CERT_ROLE, c)
            self.certs.addItem(it)
        if certs:
            self.message.setText("")
            self._preselect()
        else:
            self.message.setText(self.tr("No certificate found: insert the token and press Find "
                                         "certificates."))

    def load_documents(self) -> None:
        dossier = self.ctx.dossier
        if dossier is None:
            self.docs.setRowCount(0)
            self.message.setText(self.tr("Open a dossier first (Today's dossiers or Reception)."))
            self.sign_btn.setEnabled(False)
            return
        number = dossier.number
        self.ctx.runner.run(self.tr("listing "
                                    "documents"), lambda _c: sg.documents_to_sign(self.ctx.ws, number),
                            on_success=self._show_docs, on_error=lambda e: self.show_error(e, self.message))

    def _show_docs(self, docs: list[sg.DocToSign]) -> None:
        self._docs = docs
        self.docs.setRowCount(len(docs))
        for row, d in enumerate(docs):
            state = self.tr("Signed") if d.signed else self.tr("Waiting")
            comp = self.ctx.dossier.component(d.component_id) if self.ctx.dossier else None
            key = self.tr("agency (certified copy)") if d.role == "agency" else self.tr("officer")
            for col, text in enumerate((d.name, comp.name if comp else d.component_id, state, key)):
                self.docs.setItem(row, col, QTableWidgetItem(text))
        self._preselect()

    def _preselect(self) -> None:
        """Select the certificate the waiting documents need (never the token's first one)."""
        if not self._certs:
            self._update_key_note()
            return
        row = sg.preferred_certificate(self._certs, self._docs)
        self.certs.setCurrentRow(row)
        self._update_key_note()

    def _waiting_for(self, cert: sg.CertChoice | None) -> list[sg.DocToSign]:
        return [d for d in self._docs if not d.signed and cert is not None and d.role == cert.kind]

    def _update_key_note(self) -> None:
        cert = self.current_cert()
        waiting = [d for d in self._docs if not d.signed]
        mine = self._waiting_for(cert)
        if cert is None:
            needed = waiting[0].role if waiting else "officer"
            text = (self.tr("No certificate of the agency on this token.") if needed == "agency"
                    else self.tr("No certificate of an officer on this token.")) if self._certs else ""
            self.set_message(self.key_note, text, "error" if text else "")
        elif waiting and not mine:
            self.set_message(self.key_note, self.tr("This key cannot sign the waiting documents: choose the "
                                                    "key "
                                                    "shown in the Key column."), "error")
        elif cert.kind == "agency" and mine:
            self.set_message(self.key_note, self.tr("Agency's key: signs %n certified copy(ies) in the "
                                                    "agency's name; "
                                                    "you will be asked to confirm.", "", len(mine)), "warn")
        elif mine:
            self.set_message(self.key_note, self.tr("Officer's key: signs %n digitized "
                                                    "document(s).", "", len(mine)),
                             "ok")
        else:
            self.key_note.setText("")
        self.sign_btn.setEnabled(self.task is None and bool(mine))

    def current_cert(self) -> sg.CertChoice | None:
        it = self.certs.currentItem()
        return it.data(CERT_ROLE) if it else None

    def sign(self, pin: str | None = None, *, agency_confirmed: bool = False) -> None:
        """Sign what the chosen key must sign. With the agency's key the officer confirms first
        (``agency_confirmed`` is for callers that already asked); the PIN dialog names the key."""
        dossier, cert = self.ctx.dossier, self.current_cert()
        if self.task is not None or dossier is None:
            return
        if cert is None:
            self.message.setText(self.tr("Choose a certificate first."))
            return
        mine = self._waiting_for(cert)
        if not mine:
            self.message.setText(self.tr("This key cannot sign the waiting documents: choose the key shown "
                                         "in "
                                         "the Key column."))
            return
        confirmed = cert.kind == "agency" and (agency_confirmed or confirm_agency_key(self, cert, len(mine)))
        if cert.kind == "agency" and not confirmed:
            self.message.setText(self.tr("Nothing was signed with the agency's key."))
            return
        if pin is None:
            dlg = PinDialog(cert, len(mine), self)
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return
            pin = dlg.take_pin()
        if not pin:
            self.message.setText(self.tr("The PIN is empty."))
            return
        number = dossier.number
        todo = len(mine)
        self.progress.setRange(0, max(1, todo))
        self.progress.setValue(0)
        self.set_message(self.message,
                         self.tr("Signing… a timestamp server may take a while; you can keep working."))
        secret = [pin]
        pin = None

        def work(tctx: TaskContext) -> list[sg.SignOutcome]:
            value = secret.pop()
            return sg.sign(tctx, self.ctx.ws, number, cert, value, confirm_agency=confirmed)

        self.task = self.ctx.runner.run(self.tr("signing"), work, on_progress=self._progress,
                                        on_item=self._doc_done, on_success=self._signed,
                                        on_error=self._failed, on_cancel=self._cancelled, on_done=self._done,
                                        changes=[events.dossier(number)])
        self.sign_btn.setEnabled(False)
        self.cancel_btn.setEnabled(True)

    def _progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        if message:
            self.message.setText(message)

    def _doc_done(self, item: object) -> None:
        if not isinstance(item, sg.SignOutcome):
            return
        for row, d in enumerate(self._docs):
            if d.doc_id == item.doc_id:
                note = item.message.text(current_language())
                if item.ok:
                    text = self.tr("Signed; %1").replace("%1", note) if note else self.tr("Signed")
                else:
                    text = note
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)  # the column is narrow; a note (no timestamp yet, B-T) reads in full
                self.docs.setItem(row, 2, cell)

    def _signed(self, outcomes: list[sg.SignOutcome]) -> None:
        ok = sum(1 for o in outcomes if o.ok)
        self.set_message(self.message, self.tr("%n document(s) signed.", "", ok), "ok")
        self.load_documents()  # the dossier itself is re-read by the declared change

    def _failed(self, exc: MotcuaError) -> None:
        self.show_error(exc, self.message)
        self.load_documents()

    def _cancelled(self) -> None:
        self.message.setText(self.tr("Signing stopped. Documents already signed stay signed."))
        self.load_documents()

    def _done(self) -> None:
        self.task = None
        self.cancel_btn.setEnabled(False)
        self.sign_btn.setEnabled(bool(self._waiting_for(self.current_cert())))

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.message.setText(self.tr("Stopping after the current document…"))
