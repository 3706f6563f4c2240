"""Cài đặt: scanner, PKCS#11 module, server and CA bundle, trust anchors, workspace, language;
each with a "test" button that runs on a worker."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.messages import Msg
from app.services import diagnostics
from app.services.counter_settings import apply, check_tsa
from app.services.diagnostics import CheckResult
from app.ui import events
from app.ui.context import AppContext
from app.ui.device_combo import DeviceCombo
from app.ui.i18n import current_language, error_text
from app.ui.screens.base import Screen
from app.ui.screens.settings_profiles import open_dialog
from app.ui.worker import Task, TaskContext

Check = Callable[[], CheckResult]  # a diagnostic with its inputs bound, run on a worker


def _counter_check(url: str) -> CheckResult:
    res = check_tsa(url)
    return CheckResult(res.ok, Msg(vi=res.message_vi, en=res.message_en))


class SettingsScreen(Screen):
    language_changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("settings")
        s = ctx.ws.settings
        self.scanner = DeviceCombo()
        self.scanner.setObjectName("set_scanner")
        self.profiles_btn = QPushButton(self.tr("Scan &profiles…"))
        self.profiles_btn.setObjectName("scan_profiles_btn")
        self.profiles_btn.clicked.connect(self.open_profiles)
        self.pkcs11 = QComboBox()
        self.pkcs11.setObjectName("set_pkcs11")
        self.pkcs11.setEditable(True)
        self.server = QLineEdit(s.server_url)
        self.server.setObjectName("set_server")
        self.server.setPlaceholderText("https://motcua.example.gov.vn")
        self.ca = QLineEdit(s.server_ca_bundle)
        self.ca.setObjectName("set_ca")
        self.trust = QLineEdit(s.trust_dir)
        self.trust.setObjectName("set_trust")
        self.workspace = QLineEdit(str(ctx.ws.root))
        self.workspace.setReadOnly(True)
        self.language = QComboBox()
        self.language.setObjectName("set_language")
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if current_language() == "vi" else 1)
        self.officer = QLineEdit(s.officer)
        self.agency = QLineEdit(s.agency_code)
        self.tsa = QLineEdit(s.tsa_url)
        self.tsa.setObjectName("set_tsa")
        self.tsa.setPlaceholderText("http://tsa.ca.gov.vn")
        self.seal = QLineEdit(s.extra.get("seal_image", ""))
        self.seal.setObjectName("set_seal_image")
        self.seal.setPlaceholderText(self.tr("PNG of the red seal at its real size (dpi recorded)"))
        self.copy_agency = QLineEdit(s.agency_name)
        self.copy_agency.setObjectName("set_copy_agency")
        self.officer_title = QLineEdit(s.officer_title)
        self.officer_title.setObjectName("set_officer_title")

        form = QFormLayout()
        self.results: dict[str, QLabel] = {}
        rows: list[tuple[str, str, QWidget, Callable[[], Check] | None]] = [
            # each lambda runs on the GUI thread and returns the check to run on a worker, with the
            # widget values already read (a worker never touches a widget)
            ("scanner", self.tr("&Scanner:"), self.scanner, self._scanner_check),
            ("pkcs11", self.tr("PKCS#11 &module:"), self.pkcs11, self._pkcs11_check),
            ("server", self.tr("Server &URL:"), self.server, self._server_check),
            ("ca", self.tr("Server CA bundle:"), self.ca, self._server_check),
            ("trust", self.tr("&Trust anchors folder:"), self.trust, self._trust_check),
            ("workspace", self.tr("Workspace:"), self.workspace, self._workspace_check),
            ("tsa", self.tr("Time-stamp server:"), self.tsa, self._tsa_check),
            ("copy_agency", self.tr("Agency name on copies:"), self.copy_agency, None),
            ("seal", self.tr("Agency seal image (certified copies):"), self.seal, None),
            ("officer", self.tr("Officer login:"), self.officer, None),
            ("officer_title", self.tr("Officer's title:"), self.officer_title, None),
            ("agency", self.tr("Agency code:"), self.agency, None),
            ("language", self.tr("&Language:"), self.language, None),
        ]
        self.test_buttons: dict[str, QPushButton] = {}
        order: list[QWidget] = []
        for key, label, widget, check in rows:
            row = QHBoxLayout()
            row.addWidget(widget, 1)
            order.append(widget)
            if key == "scanner":
                row.addWidget(self.profiles_btn)
            if check is not None:
                btn = QPushButton(self.tr("Test"))
                btn.setObjectName(f"test_{key}")
                res = QLabel()
                res.setObjectName(f"result_{key}")
                res.setMinimumWidth(220)
                res.setWordWrap(True)
                btn.clicked.connect(lambda _=False, k=key, c=check: self._run_check(k, c))
                row.addWidget(btn)
                row.addWidget(res, 1)
                self.test_buttons[key] = btn
                self.results[key] = res
                order.append(btn)
            form.addRow(label, row)
            lbl = form.labelForField(row)
            if isinstance(lbl, QLabel):
                lbl.setBuddy(widget)
        self.save_btn = QPushButton(self.tr("Save (Ctrl+S)"))
        self.save_btn.setObjectName("settings_save")
        self.saved = QLabel()
        self._saving: Task | None = None
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        bl = QHBoxLayout()
        bl.addWidget(self.save_btn)
        bl.addWidget(self.saved, 1)
        lay.addLayout(bl)
        lay.addStretch(1)
        order.append(self.save_btn)
        for a, b in zip(order, order[1:], strict=False):
            self.setTabOrder(a, b)
        self.save_btn.clicked.connect(self.save)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        # the saved values now; the installed scanners/modules are looked up when the screen opens
        self.scanner.add_names([s.scanner] if s.scanner else [])
        self.pkcs11.addItems([s.pkcs11_module] if s.pkcs11_module else [])

    def title(self) -> str:
        return self.tr("Settings")

    # -- the checks, their inputs read here on the GUI thread ---------------------------------
    def _scanner_check(self) -> Check:
        device = self.scanner.device()
        return lambda: diagnostics.check_scanner(device)

    def _pkcs11_check(self) -> Check:
        module = self.pkcs11.currentText()
        return lambda: diagnostics.check_pkcs11(module)

    def _server_check(self) -> Check:
        url, ca = self.server.text(), self.ca.text()
        return lambda: diagnostics.check_server(url, ca)

    def _trust_check(self) -> Check:
        folder = self.trust.text()
        return lambda: diagnostics.check_trust_dir(folder)

    def _tsa_check(self) -> Check:
        url = self.tsa.text()
        return lambda: _counter_check(url)

    def _workspace_check(self) -> Check:
        ws = self.ctx.ws
        return lambda: diagnostics.check_workspace(ws)

    def _fill_choices(self) -> None:
        s = self.ctx.ws.settings
        scanners = [s.scanner] if s.scanner else []
        scanners += [v for v in self.ctx.demo_info.get("scanners", "").split(";") if v and v not in scanners]
        self.scanner.clear()
        self.scanner.add_names(scanners or ["test:0"])
        self.scanner.select(s.scanner or (scanners[0] if scanners else "test:0"))
        self.pkcs11.clear()  # the saved module now; the installed ones are looked up by a worker
        self.pkcs11.addItems([s.pkcs11_module] if s.pkcs11_module else [])
        self.pkcs11.setCurrentText(s.pkcs11_module)
        self.ctx.runner.run(self.tr("looking for PKCS#11 modules"),
                            lambda _c, m=s.pkcs11_module: diagnostics.installed_pkcs11_modules(m),
                            on_success=self._add_modules, on_error=lambda e: None)

    def _add_modules(self, modules: list[str]) -> None:
        """The installed modules, added below what the combo holds; the text typed is kept."""
        have = {self.pkcs11.itemText(i) for i in range(self.pkcs11.count())}
        text = self.pkcs11.currentText()
        self.pkcs11.addItems([m for m in modules if m not in have])
        self.pkcs11.setCurrentText(text)

    def activated(self) -> None:
        self._fill_choices()
        self.server.setText(self.ctx.ws.settings.server_url)
        self.ca.setText(self.ctx.ws.settings.server_ca_bundle)
        self.trust.setText(self.ctx.ws.settings.trust_dir)
        self.agency.setText(self.ctx.ws.settings.agency_code)
        admin = self.may_change_legal()
        self.seal.setText(self.ctx.ws.settings.extra.get("seal_image", ""))
        self.copy_agency.setText(self.ctx.ws.settings.agency_name)
        for w in (self.server, self.ca, self.trust, self.agency, self.seal, self.copy_agency):  # legal output
            w.setReadOnly(not admin)
        if not admin:
            self.saved.setText(self.tr("Server, trust anchors and agency are changed by an administrator."))

    def open_profiles(self) -> None:
        names = [str(self.scanner.itemData(i)) for i in range(self.scanner.count())]
        self.profiles_dialog = open_dialog(self.ctx, names, self)

    def may_change_legal(self) -> bool:
        """Trust anchors, the server and the agency: administrators only (a logged-in officer
        without an administrator role sees them read-only)."""
        session = self.ctx.session
        return session is None or not session.checked or session.has_role("agency_admin") \
            or session.has_role("province_admin")

    def _run_check(self, key: str, bind: Callable[[], Check]) -> None:
        check = bind()
        label = self.results[key]
        label.setText(self.tr("Testing…"))
        btn = self.test_buttons[key]
        btn.setEnabled(False)

        def shown(res: CheckResult) -> None:
            label.setText(("✔ " if res.ok else "⚠ ") + res.message.text(current_language()))

        self.ctx.runner.run(self.tr("testing a setting"), lambda _c: check(), on_success=shown,
                            on_error=lambda e: label.setText("✖ " + error_text(e)),
                            on_done=lambda: btn.setEnabled(True))

    def save(self) -> Task | None:
        """Save the form: the values are read here, on the GUI thread; they are validated and
        written by an operation of the runner (nothing of the counter's three is kept when one
        is wrong), which tells the other screens the settings changed."""
        if self._saving is not None:
            return None
        legal = self.may_change_legal()
        lang = str(self.language.currentData())
        form = {"scanner": self.scanner.device(), "pkcs11_module": self.pkcs11.currentText().strip(),
                "officer": self.officer.text().strip()}
        if legal:
            form |= {"server_url": self.server.text().strip(), "server_ca_bundle": self.ca.text().strip(),
                     "trust_dir": self.trust.text().strip(), "agency_code": self.agency.text().strip()}
        tsa, title = self.tsa.text(), self.officer_title.text()
        agency_name, seal = (self.copy_agency.text(), self.seal.text()) if legal else (None, None)
        changed = lang != self.ctx.ws.settings.language or lang != current_language()
        ws = self.ctx.ws

        def work(_c: TaskContext) -> None:
            s = ws.settings
            for key, value in form.items():
                if key != "agency_code" or value:
                    setattr(s, key, value)
            apply(ws, tsa_url=tsa, agency_name=agency_name if agency_name is not None else s.agency_name,
                  officer_title=title, seal_image=seal)
            s.language = lang
            ws.save_settings()

        def done() -> None:
            self._saving = None
            self.save_btn.setEnabled(True)

        self.save_btn.setEnabled(False)
        self._saving = self.ctx.runner.run(self.tr("saving the settings"), work, queue="settings",
                                           on_success=lambda _r: self._saved(lang, changed, legal),
                                           on_error=lambda e: self.saved.setText(error_text(e)), on_done=done,
                                           changes=[events.SETTINGS])
        return self._saving

    def _saved(self, lang: str, changed: bool, legal: bool) -> None:
        s = self.ctx.ws.settings
        self.saved.setText(self.tr("Saved."))
        if not legal:  # what an officer cannot change stays as it was
            self.server.setText(s.server_url)
            self.ca.setText(s.server_ca_bundle)
            self.trust.setText(s.trust_dir)
            self.agency.setText(s.agency_code)
            self.seal.setText(s.extra.get("seal_image", ""))
            self.copy_agency.setText(s.agency_name)
            self.saved.setText(self.tr("Saved.") + " " +
                               self.tr("Server, trust anchors and agency are changed by an administrator."))
        if changed:
            self.language_changed.emit(lang)
