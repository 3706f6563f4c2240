"""The demo environment behind ``motcua demo``: the reference server (seeded), a SoftHSM token
with the demo officer and agency keys, the SANE ``test`` scanner and an image-folder scanner
with realistic pages, and a demo workspace configured to use them all.

No Qt here (``--smoke`` runs headless); child processes are always torn down by :meth:`stop`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from app.domain.errors import OperationFailed
from app.scan.devices import DEMO_FOLDER_NAME
from app.services.scan_profiles import ScanProfile, save_profiles
from app.services.workstation import register
from app.store.workspace import Workspace
from app.sync.client import ClientConfig, SyncClient
from app.testing.sane import write_test_backend_config
from app.ui.backend import optional_module

log = logging.getLogger(__name__)

DEMO_OFFICER = "demo"
DEMO_OFFICER_PASSWORD = "demo"  # the reference server's seeded demo login (not a secret)
DEMO_OWNER = "052090000495"


@dataclass
class PartStatus:
    name: str
    ok: bool
    detail_en: str
    detail_vi: str


@dataclass
class DemoEnvironment:
    root: Path
    statuses: list[PartStatus] = field(default_factory=list)
    server_url: str = ""
    token_pin: str = ""
    token_label: str = "MOTCUA-DEMO"
    pkcs11_module: str = ""
    scanners: list[str] = field(default_factory=list)
    children: list[subprocess.Popen[bytes]] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    trust_dir: str = ""
    server_trust_dir: str = ""  # the seeded warehouse documents are signed under this root

    # --- parts -------------------------------------------------------------------------------
    def _ok(self, name: str, en: str, vi: str) -> None:
        self.statuses.append(PartStatus(name, True, en, vi))
        log.info("demo: %s up: %s", name, en)

    def _fail(self, name: str, en: str, vi: str) -> None:
        self.statuses.append(PartStatus(name, False, en, vi))
        log.warning("demo: %s not available: %s", name, en)

    def start_server(self) -> None:
        if optional_module("app.refserver") is None:
            self._fail("server", "reference server (app.refserver) not in this build",
                       "chưa có máy chủ tham chiếu (app.refserver)")
            return
        port = _free_port()
        data = self.root / "refserver"
        data.mkdir(parents=True, exist_ok=True)
        log_file = (self.root / "refserver.log").open("ab")
        cmd = [sys.executable, "-m", "app.refserver", "--host", "127.0.0.1", "--port", str(port),
               "--data", str(data), "--seed-demo"]
        proc = subprocess.Popen(cmd, stdout=log_file, stderr=subprocess.STDOUT, env=_child_env(),
                                start_new_session=True)
        self.children.append(proc)
        url = f"http://127.0.0.1:{port}"
        if _wait_http(url + "/health", proc, timeout=60):
            self.server_url = url
            self.server_trust_dir = str(data / "pki" / "trust")
            self._ok("server", f"reference server at {url}", f"máy chủ tham chiếu tại {url}")
        else:
            self._fail("server", f"reference server did not answer at {url} (see "
                                 f"{data.parent}/refserver.log)",
                       f"máy chủ tham chiếu không trả lời tại {url}")

    def start_token(self) -> None:
        softhsm = optional_module("app.testing.softhsm")
        if softhsm is None or not hasattr(softhsm, "demo_token"):
            self._fail("token", "SoftHSM demo token helper (app.testing.softhsm) not in this build",
                       "chưa có công cụ tạo token SoftHSM (app.testing.softhsm)")
            return
        pin = "".join(secrets.choice("0123456789") for _ in range(6))
        try:
            token = softhsm.demo_token(self.root / "softhsm", pin=pin, label=self.token_label)
        except Exception as exc:  # noqa: BLE001 - reported as a failed part
            self._fail("token", f"SoftHSM token failed: {exc}", f"không tạo được token SoftHSM: {exc}")
            return
        self.token_pin = pin
        self.pkcs11_module = str(getattr(token, "module", "") or "")
        self.env.update(getattr(token, "env", {}) or {})
        pki = getattr(token, "pki", None)
        self.trust_dir = str(getattr(pki, "trust_dir", "") or "")
        os.environ.update(self.env)
        self._ok("token", f"SoftHSM token {self.token_label}", f"token SoftHSM {self.token_label}")

    def start_scanners(self) -> None:
        # A4 colour-pattern pages from SANE's test backend, whatever the system's sane.d says.
        self.env.update(write_test_backend_config(self.root / "sane.d"))
        os.environ["SANE_CONFIG_DIR"] = self.env["SANE_CONFIG_DIR"]
        sane = optional_module("sane")
        if sane is None:
            self._fail("sane", "python-sane not installed", "chưa cài python-sane")
        else:
            try:
                sane.init()
                names = [d[0] for d in sane.get_devices(localOnly=True)]
            except Exception as exc:  # noqa: BLE001
                names = []
                log.warning("SANE listing failed: %s", exc)
            finally:
                with contextlib.suppress(Exception):
                    sane.exit()
            if "test:0" in names:
                self.scanners.append("test:0")
                self._ok("sane", "SANE test scanner test:0", "máy quét thử nghiệm SANE test:0")
            else:
                self._fail("sane", "SANE test backend not found", "không thấy máy quét thử nghiệm SANE")
        pages = optional_module("app.testing.pages")
        folder = self.root / DEMO_FOLDER_NAME
        if pages is None or not hasattr(pages, "demo_folder"):
            self._fail("folder", "page generator (app.testing.pages) not in this build",
                       "chưa có bộ tạo trang mẫu (app.testing.pages)")
            return
        try:
            pages.demo_folder(folder)
        except Exception as exc:  # noqa: BLE001
            self._fail("folder", f"demo pages failed: {exc}", f"không tạo được trang mẫu: {exc}")
            return
        self.scanners.insert(0, f"folder:{folder}")
        self._ok("folder", f"image-folder scanner {folder}", f"máy quét thư mục ảnh {folder}")

    def configure(self, ws: Workspace) -> None:
        s = ws.settings
        s.officer = DEMO_OFFICER
        s.scanner = self.scanners[0] if self.scanners else ""
        s.pkcs11_module = self.pkcs11_module
        s.token_label = self.token_label if self.token_pin else ""
        s.server_url = self.server_url
        s.server_user = DEMO_OFFICER
        s.trust_dir = self.server_trust_dir or self.trust_dir or s.trust_dir
        s.extra = {**s.extra, "demo": "1"}
        ws.save_settings()
        if s.scanner.startswith("folder:"):
            # the default profile scans the demo's realistic pages (duplex sheets, 200 dpi) so the
            # first scan passes the quality rules; the SANE test scanner stays in the list
            save_profiles(ws, [ScanProfile("", s.scanner, duplex=True, dpi=200)])
        if self.server_url:
            self.register(ws)
        self._ok("workspace", f"demo workspace {ws.root}", f"thư mục làm việc trình diễn {ws.root}")

    def register(self, ws: Workspace) -> None:
        """The demo workspace is a registered workstation of the demo agency: its dossier numbers
        come from the demo server like any counter's."""
        try:
            client = SyncClient(ClientConfig(base_url=self.server_url, timeout_s=10), username=DEMO_OFFICER,
                                password=DEMO_OFFICER_PASSWORD)
            info = register(ws, client, agency=ws.settings.agency_code, name="Quầy trình diễn")
        except Exception as exc:  # noqa: BLE001 - reported as a failed part
            self._fail("workstation", "workstation registration failed: "
                                      f"{exc}", f"không đăng ký được máy trạm: {exc}")
            return
        self._ok("workstation", f"workstation {info['workstation_id']} of {info['agency']}",
                 f"máy trạm {info['workstation_id']} của cơ quan {info['agency']}")

    def start(self, ws: Workspace) -> list[PartStatus]:
        for part in (self.start_server, self.start_token, self.start_scanners):
            try:
                part()
            except Exception as exc:  # noqa: BLE001 - the demo reports, then tears down
                log.exception("demo part failed")
                self._fail(part.__name__, str(exc), str(exc))
        self.configure(ws)
        return self.statuses

    @property
    def all_up(self) -> bool:
        return all(s.ok for s in self.statuses)

    def banner_vi(self) -> str:
        lines = ["BẢN TRÌNH DIỄN — dữ liệu giả, không dùng cho hồ sơ thật."]
        if self.token_pin:
            lines.append(f"Mã PIN token “{self.token_label}”: {self.token_pin}")
        if self.server_url:
            lines.append(f"Máy chủ: {self.server_url} (tài khoản {DEMO_OFFICER}/{DEMO_OFFICER_PASSWORD}); "
                         f"chủ hồ sơ mẫu {DEMO_OWNER}")
        missing = [s.detail_vi for s in self.statuses if not s.ok]
        if missing:
            lines.append("Chưa sẵn sàng: " + "; ".join(missing))
        return "  ·  ".join(lines)

    def stop(self) -> None:
        for proc in self.children:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(timeout=5)
        self.children.clear()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _wait_http(url: str, proc: subprocess.Popen[bytes], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            if requests.get(url, timeout=1).status_code < 500:
                return True
        except requests.RequestException:
            pass
        time.sleep(0.2)
    return False


def require_up(env: DemoEnvironment) -> None:
    if not env.all_up:
        missing = ", ".join(s.name for s in env.statuses if not s.ok)
        raise OperationFailed("Demo parts not up: "
                              f"{missing}", f"Một số phần của bản trình diễn chưa chạy: {missing}")
