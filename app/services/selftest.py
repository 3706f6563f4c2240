"""The workstation's self-test (``motcua selftest``), for IT staff: one check per part a counter
station needs, each pass or fail with what to do about it in Vietnamese and English.

Every check goes through the same layers the app uses to do the work (the scan driver interface,
``app.sign.tokens``, the sync client), so a pass here means the app will find the part too. No
check raises: a failure is a result. ``report.ok`` is true only when every *required* check
passes; the CLI turns that into its exit code. Qt-free: the Settings screen's test buttons are
meant to call :func:`run_check` with the check they test (see ARCHITECTURE.md).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import os
import platform
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from importlib import metadata
from pathlib import Path
from typing import Any

import requests
from cryptography import x509

from app import __version__
from app.domain.errors import OperationFailed
from app.domain.signing_policy import KeyRole
from app.resources import resource
from app.sign.tokens import discover_modules, list_tokens, load_module
from app.store.settings import Settings
from app.sync.client import ClientConfig, SyncClient, is_loopback_url

log = logging.getLogger(__name__)

MIN_FREE_BYTES = 2 * 1024**3  # below this the workspace check fails: a day of scans at 300 dpi
MAX_CLOCK_SKEW_S = 60.0  # signing times and timestamps: the clock must agree with the server's
TIMEOUT_S = 8.0
CERT_SUFFIXES = {".pem", ".crt", ".cer", ".der"}


class CheckId(StrEnum):
    CONFIG = "config"
    VERSIONS = "versions"
    WORKSPACE = "workspace"
    DISK_SPACE = "disk_space"
    FONTS = "fonts"
    SCANNER = "scanner"
    PKCS11_MODULE = "pkcs11_module"
    TOKEN = "token"
    CERTIFICATE = "certificate"
    TRUST_ANCHORS = "trust_anchors"
    SERVER = "server"
    LOGIN = "login"
    CLOCK = "clock"
    TSA = "tsa"


@dataclass(frozen=True)
class CheckResult:
    id: CheckId
    ok: bool
    required: bool
    message_vi: str
    message_en: str
    hint_vi: str = ""  # what to do when it fails
    hint_en: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["id"] = str(self.id)
        return data


@dataclass
class SelftestReport:
    checks: list[CheckResult]
    versions: dict[str, str]

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks if c.required)

    def as_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "checks": [c.as_json() for c in self.checks], "versions": self.versions}


@dataclass
class SelftestInput:
    """What the checks look at: the effective settings (machine file < user file < workspace,
    locked keys from the machine file), the workspace root, and optional credentials for the
    login check (never stored)."""

    settings: Settings
    workspace_root: Path | None = None
    username: str = ""
    password: str = field(default="", repr=False)
    config_problems: list[str] = field(default_factory=list)
    # filled while the checks run, so later checks reuse what earlier ones found
    state: dict[str, Any] = field(default_factory=dict)


def _ok(cid: CheckId, required: bool, vi: str, en: str, **details: Any) -> CheckResult:
    return CheckResult(cid, True, required, vi, en, details=details)


def _fail(cid: CheckId, required: bool, vi: str, en: str, hint_vi: str, hint_en: str,
          **details: Any) -> CheckResult:
    return CheckResult(cid, False, required, f"{vi}. "
                                             f"{hint_vi}", f"{en}. {hint_en}", hint_vi, hint_en, details)


# -- versions and configuration ------------------------------------------------------------------

VERSIONED = ("PySide6-Essentials", "pyHanko", "pyhanko-certvalidator", "python-pkcs11", "python-sane",
             "pikepdf",
             "opencv-python-headless", "numpy", "Pillow", "requests", "cryptography", "motcua-server",
             "motcua-demo")


def versions() -> dict[str, str]:
    out = {"motcua-station": __version__, "python": platform.python_version(),
           "platform": f"{platform.system()} {platform.release()} {platform.machine()}",
           "frozen": str(bool(getattr(sys, "frozen", False))).lower()}
    for dist in VERSIONED:
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    return out


def check_versions(inp: SelftestInput) -> CheckResult:
    v = versions()
    text = f"motcua-station {v['motcua-station']}, Python {v['python']}, {v['platform']}"
    return _ok(CheckId.VERSIONS, False, text, text, **v)


def check_config(inp: SelftestInput) -> CheckResult:
    if inp.config_problems:
        problems = "; ".join(inp.config_problems)
        return _fail(CheckId.CONFIG, True, "Tệp cấu hình có lỗi: "
                                           f"{problems}", f"Configuration file problems: {problems}",
                     "Sửa tệp và khóa được nêu (giá trị mặc định đang được dùng thay)",
                     "Fix the named file and key (defaults are used meanwhile)")
    return _ok(CheckId.CONFIG, True, "Cấu hình hợp lệ", "Configuration valid")


# -- workspace, disk, fonts ----------------------------------------------------------------------

def check_workspace(inp: SelftestInput) -> CheckResult:
    root = inp.workspace_root
    if root is None:
        return _fail(CheckId.WORKSPACE, True, "Chưa có thư mục làm việc", "No workspace directory",
                     "Đặt 'workspace' trong cấu hình hoặc biến MOTCUA_WORKSPACE",
                     "Set 'workspace' in the configuration or MOTCUA_WORKSPACE")
    probe = root / "tmp" / f".selftest-{os.getpid()}"
    try:
        probe.parent.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"selftest")
        probe.unlink()
    except OSError as exc:
        return _fail(CheckId.WORKSPACE, True, f"Không ghi được vào thư mục làm việc {root}: "
                                              f"{exc.strerror or exc}",
                     f"Workspace {root} is not writable: {exc.strerror or exc}",
                     "Cấp quyền ghi cho tài khoản người dùng hoặc chọn thư mục khác",
                     "Give the user write access or choose another folder", path=str(root))
    return _ok(CheckId.WORKSPACE, True, f"Ghi được vào {root}", f"{root} is writable", path=str(root))


def check_disk_space(inp: SelftestInput) -> CheckResult:
    root = inp.workspace_root
    where = root if root is not None and root.exists() else Path.home()
    free = shutil.disk_usage(where).free
    gib = free / 1024**3
    if free < MIN_FREE_BYTES:
        need = MIN_FREE_BYTES / 1024**3
        return _fail(CheckId.DISK_SPACE, True, f"Chỉ còn {gib:.1f} GB trống", f"Only {gib:.1f} GB free",
                     f"Giải phóng ổ đĩa (cần ít nhất {need:.0f} GB) hoặc chuyển thư mục làm việc",
                     f"Free disk space (at least {need:.0f} GB) or move the workspace", free_bytes=free)
    return _ok(CheckId.DISK_SPACE, True, f"Còn {gib:.1f} GB trống", f"{gib:.1f} GB free", free_bytes=free)


def check_fonts(inp: SelftestInput) -> CheckResult:
    fonts = sorted(p.name for p in resource("fonts").glob("*.ttf")) if resource("fonts").is_dir() else []
    if not fonts:
        return _fail(CheckId.FONTS, True, f"Thiếu phông chữ trong {resource('fonts')}",
                     f"No fonts in {resource('fonts')}", "Cài lại ứng dụng", "Reinstall the application")
    return _ok(CheckId.FONTS, True, "Phông chữ: "
                                    f"{', '.join(fonts)}", f"Fonts: {', '.join(fonts)}", fonts=fonts)


# -- scanner ------------------------------------------------------------------------------------

def check_scanner(inp: SelftestInput) -> CheckResult:
    # The scanner drivers load OpenCV (~0.3 s): `motcua --help` imports this module for CheckId.
    from app.scan.devices import driver_for  # noqa: PLC0415 - start-up cost, see above
    from app.scan.folder import folder_files, parse_device  # noqa: PLC0415 - start-up cost
    from app.services.digitize import list_devices  # noqa: PLC0415 - start-up cost

    spec = inp.settings.scanner.strip()
    if not spec:
        found = [d.name for d in list_devices()]
        return _fail(CheckId.SCANNER, True, "Chưa chọn máy "
                                            "quét" + (f" (thấy: {', '.join(found)})" if found else ""),
                     "No scanner configured" + (f" (visible: {', '.join(found)})" if found else ""),
                     "Chọn máy quét trong Cài đặt hoặc đặt 'scanner' trong cấu hình",
                     "Choose the scanner in Settings or set 'scanner' in the configuration", visible=found)

    try:
        driver = driver_for(spec)
        if spec.startswith("folder:"):
            folder, _faults = parse_device(spec)
            if not folder_files(folder):
                raise OperationFailed(f"folder {folder} holds no "
                                      "images", f"thư mục {folder} không có ảnh nào")
        # not listed locally (a network scanner): capabilities() opens the device itself
        caps = driver.capabilities(spec)
    except Exception as exc:  # noqa: BLE001 - every driver fault is a failed check with its reason
        en = getattr(exc, "message_en", str(exc))
        vi = getattr(exc, "message_vi", str(exc))
        return _fail(CheckId.SCANNER, True, f"Máy quét {spec} không sẵn sàng: "
                                            f"{vi}", f"Scanner {spec} not ready: {en}",
                     "Bật máy quét, kiểm tra cáp và trình điều "
                     "khiển", "Switch the scanner on, check the cable and driver")
    return _ok(CheckId.SCANNER, True, f"Máy quét {spec} sẵn sàng", f"Scanner {spec} ready",
               resolutions=list(caps.resolutions), duplex=caps.duplex)


# -- PKCS#11, token, certificate, trust anchors --------------------------------------------------

def check_pkcs11_module(inp: SelftestInput) -> CheckResult:
    configured = inp.settings.pkcs11_module.strip()
    modules = discover_modules(configured or None)
    if configured and not Path(configured).is_file():
        return _fail(CheckId.PKCS11_MODULE, True, f"Không có thư viện PKCS#11 {configured}",
                     f"PKCS#11 module {configured} not "
                     "found", "Cài phần mềm của token hoặc sửa đường dẫn trong Cài đặt",
                     "Install the token's middleware or fix the path in Settings",
                     found=[m.path for m in modules])
    if not modules:
        return _fail(CheckId.PKCS11_MODULE, True, "Không tìm thấy thư viện PKCS#11 "
                                                  "nào", "No PKCS#11 module found",
                     "Cài phần mềm (middleware) của token chữ ký "
                     "số", "Install the signing token's middleware")
    # the configured module; otherwise the first module found that holds a token (else the first that loads)
    error: tuple[Any, BaseException] | None = None
    loaded = []
    for candidate in modules[:1] if configured else modules:
        try:
            load_module(candidate.path)
        except Exception as exc:  # noqa: BLE001 - vendor modules fail in many ways
            error = error or (candidate, exc)
            continue
        loaded.append(candidate)
        if not configured and _has_token(candidate.path):
            loaded = [candidate]
            break
    if not loaded:
        bad, why = error if error else (modules[0], Exception("?"))
        return _fail(CheckId.PKCS11_MODULE, True, f"Không nạp được {bad.path}: "
                                                  f"{getattr(why, 'message_vi', why)}",
                     f"{bad.path} cannot be loaded: {getattr(why, 'message_en', why)}",
                     "Cài lại phần mềm của token (đúng bản "
                     "64-bit)", "Reinstall the token middleware (64-bit build)")
    module = loaded[0]
    inp.state["module"] = module.path
    return _ok(CheckId.PKCS11_MODULE, True, f"Nạp được {module.path} ({module.vendor})",
               f"Loaded {module.path} ({module.vendor})", path=module.path, vendor=module.vendor)


def _has_token(module: str) -> bool:
    try:
        return bool(list_tokens(module))
    except Exception:  # noqa: BLE001
        return False


def _not_reached(cid: CheckId, required: bool, what_vi: str, what_en: str) -> CheckResult:
    return _fail(cid, required, f"Chưa kiểm tra được: {what_vi}", f"Not checked: {what_en}",
                 "Sửa lỗi ở mục trước", "Fix the check above first")


def check_token(inp: SelftestInput) -> CheckResult:
    module = inp.state.get("module")
    if not module:
        return _not_reached(CheckId.TOKEN, True, "chưa nạp được thư viện PKCS#11", "no PKCS#11 module loaded")

    try:
        tokens = list_tokens(module)
    except Exception as exc:  # noqa: BLE001
        return _fail(CheckId.TOKEN, True, f"Không đọc được token: {getattr(exc, 'message_vi', exc)}",
                     "Cannot read tokens: "
                     f"{getattr(exc, 'message_en', exc)}", "Rút token ra cắm lại", "Re-insert the token")
    wanted = inp.settings.token_label.strip()
    chosen = [t for t in tokens if not wanted or t.label == wanted]
    if not chosen:
        labels = ", ".join(t.label for t in tokens) or "-"
        return _fail(CheckId.TOKEN, True, f"Không thấy token{' ' + wanted if wanted else ''} (có: {labels})",
                     f"No token{' ' + wanted if wanted else ''} present (present: {labels})",
                     "Cắm token chữ ký số vào máy", "Insert the signing token")
    token = chosen[0]
    if token.pin_locked:
        return _fail(CheckId.TOKEN, True, f"Token {token.label} đã bị khóa mã "
                                          "PIN", f"Token {token.label} PIN is locked",
                     "Liên hệ đơn vị cấp chứng thư để mở khóa", "Ask the certificate issuer to unlock it")
    inp.state["token"] = token
    return _ok(CheckId.TOKEN, True, f"Token {token.label} ({token.manufacturer} {token.model})",
               f"Token {token.label} ({token.manufacturer} {token.model})", label=token.label,
               certificates=len(token.certificates), pin_count_low=token.pin_count_low)


def load_anchors(folder: Path) -> list[Any]:
    """Every certificate in the trust-anchor folder (PEM bundles or DER files)."""
    certs: list[Any] = []
    for f in sorted(folder.iterdir()):
        if f.suffix.lower() not in CERT_SUFFIXES or not f.is_file():
            continue
        data = f.read_bytes()
        try:
            certs += (x509.load_pem_x509_certificates(data) if b"-----BEGIN" in data
                      else [x509.load_der_x509_certificate(data)])
        except ValueError as exc:
            raise ValueError(f"{f.name} is not a certificate") from exc
    return certs


def check_trust_anchors(inp: SelftestInput) -> CheckResult:
    path = inp.settings.trust_dir.strip()
    folder = Path(path).expanduser()
    if not path or not folder.is_dir():
        return _fail(CheckId.TRUST_ANCHORS, True, f"Không có thư mục chứng thư gốc '{path}'",
                     f"Trust anchor folder '{path}' not found",
                     "Đặt 'trust_dir' tới thư mục chứa chứng thư gốc của Ban Cơ yếu / CA",
                     "Set 'trust_dir' to the folder holding the root CA certificates")
    try:
        anchors = load_anchors(folder)
    except ValueError as exc:
        return _fail(CheckId.TRUST_ANCHORS, True, f"Tệp không phải chứng thư số: {exc}", str(exc),
                     "Xóa hoặc thay tệp hỏng", "Remove or replace the broken file")
    if not anchors:
        return _fail(CheckId.TRUST_ANCHORS, True, f"Thư mục {folder} không có chứng thư số nào",
                     "No certificate in "
                     f"{folder}", "Chép chứng thư gốc vào thư mục", "Copy the root certificates there")
    inp.state["anchors"] = anchors
    now = dt.datetime.now(dt.UTC)
    expired = [a for a in anchors if a.not_valid_after_utc < now]
    return _ok(CheckId.TRUST_ANCHORS, True, f"{len(anchors)} chứng thư gốc tin cậy ({len(expired)} hết hạn)",
               f"{len(anchors)} trust anchor(s) ({len(expired)} expired)", count=len(anchors))


def _token_ca_certs(module: str, token_label: str) -> list[Any]:
    """CA certificates the token carries (real tokens hold their issuing chain)."""
    from pkcs11 import Attribute, ObjectClass


    out: list[Any] = []
    for slot in load_module(module).get_slots(token_present=True):  # type: ignore[attr-defined]
        token = slot.get_token()
        if token.label.strip() != token_label:
            continue
        with token.open() as session:
            for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
                try:
                    out.append(x509.load_der_x509_certificate(obj[Attribute.VALUE]))
                except Exception:  # noqa: BLE001 - skip unreadable objects
                    continue
    return out


def chains_to(cert: Any, anchors: list[Any], pool: list[Any], max_depth: int = 8) -> bool:
    """The certificate's issuer chain (each signature checked) reaches one of the anchors."""
    current = cert
    for _ in range(max_depth):
        for anchor in anchors:
            if anchor.subject == current.issuer:
                try:
                    current.verify_directly_issued_by(anchor)
                    return True
                except Exception:  # noqa: BLE001 - wrong key or algorithm: try the next one
                    continue
        parents = [c for c in pool if c.subject == current.issuer and c != current]
        nxt = None
        for parent in parents:
            try:
                current.verify_directly_issued_by(parent)
                nxt = parent
                break
            except Exception:  # noqa: BLE001
                continue
        if nxt is None:
            return False
        current = nxt
    return False


def check_certificate(inp: SelftestInput) -> CheckResult:
    token = inp.state.get("token")
    if token is None:
        return _not_reached(CheckId.CERTIFICATE, True, "không có token", "no token")
    officer = [c for c in token.certificates if c.role is KeyRole.OFFICER]
    usable = [c for c in officer if c.usable]
    if not usable:
        why_en = "; ".join(c.problem_en for c in officer) or "no officer certificate on the token"
        why_vi = "; ".join(c.problem_vi for c in officer) or "token không có chứng thư số của cán bộ"
        return _fail(CheckId.CERTIFICATE, True, f"Không có chứng thư số dùng để ký được: {why_vi}",
                     f"No certificate valid for signing: {why_en}",
                     "Gia hạn hoặc xin cấp chứng thư số mới", "Renew the certificate or request a new one")
    anchors = inp.state.get("anchors")
    if not anchors:
        return _not_reached(CheckId.CERTIFICATE, True, "chưa có chứng thư gốc để kiểm tra chuỗi",
                            "no trust anchors to check the chain against")
    pool = _token_ca_certs(inp.state["module"], token.label) + anchors
    good = []
    for info in usable:
        leaf = next((c for c in pool if format(c.serial_number, "x") == info.serial
                     and c.subject.rfc4514_string() == info.subject), None)
        if leaf is not None and chains_to(leaf, anchors, pool):
            good.append(info)
    if not good:
        names = ", ".join(c.common_name for c in usable)
        return _fail(CheckId.CERTIFICATE, True, f"Chứng thư số ({names}) không thuộc chuỗi tin cậy",
                     f"Certificate ({names}) does not chain to the trust anchors",
                     "Thêm chứng thư gốc của đơn vị cấp vào thư mục chứng thư gốc",
                     "Add the issuer's root certificate to the trust anchor folder")
    best = max(good, key=lambda c: c.not_after)
    days = (best.not_after - dt.datetime.now(dt.UTC)).days
    return _ok(CheckId.CERTIFICATE, True, f"Chứng thư số {best.common_name} hợp lệ, còn {days} ngày",
               f"Certificate {best.common_name} valid for signing, {days} days left", days_left=days)


# -- server, login, clock, TSA -------------------------------------------------------------------

def _verify(inp: SelftestInput) -> bool | str:
    return inp.settings.server_ca_bundle.strip() or True


def check_server(inp: SelftestInput) -> CheckResult:
    url = inp.settings.server_url.strip().rstrip("/")
    if not url:
        return _fail(CheckId.SERVER, True, "Chưa đặt địa chỉ hệ thống tỉnh", "No server URL configured",
                     "Đặt 'server_url' trong cấu hình", "Set 'server_url' in the configuration")

    if not url.startswith("https://") and not (url.startswith("http://") and is_loopback_url(url)):
        return _fail(CheckId.SERVER, True, f"Địa chỉ {url} không dùng "
                                           "https://", f"Server URL {url} is not https://",
                     "Dùng địa chỉ https:// của hệ thống "
                     "tỉnh", "Use the provincial system's https:// address")
    verify = _verify(inp)
    if isinstance(verify, str) and not Path(verify).is_file():
        return _fail(CheckId.SERVER, True, "Không có tệp chứng thư CA "
                                           f"{verify}", f"CA bundle {verify} not found",
                     "Sửa 'server_ca_bundle'", "Fix 'server_ca_bundle'")
    sent = time.time()
    try:
        resp = requests.get(url + "/health", timeout=TIMEOUT_S, verify=verify)
    except requests.exceptions.SSLError as exc:
        return _fail(CheckId.SERVER, True, f"Chứng thư TLS của {url} không được tin "
                                           "cậy", f"TLS to {url} failed: {exc}",
                     "Kiểm tra 'server_ca_bundle' và giờ hệ "
                     "thống", "Check 'server_ca_bundle' and the system clock")
    except requests.RequestException as exc:
        return _fail(CheckId.SERVER, True, f"Không kết nối được {url}", f"Server {url} not reachable: {exc}",
                     "Kiểm tra mạng, tường lửa, proxy", "Check the network, firewall and proxy")
    received = time.time()
    if resp.status_code != 200:
        return _fail(CheckId.SERVER, True, f"Máy chủ {url} báo lỗi {resp.status_code}",
                     f"Server {url} answered {resp.status_code}", "Báo quản trị hệ thống tỉnh",
                     "Tell the provincial system's administrators")
    inp.state["server_date"] = (resp.headers.get("Date", ""), (sent + received) / 2)
    tls = "TLS" if url.startswith("https://") else "không TLS (máy này)"
    return _ok(CheckId.SERVER, True, f"Máy chủ {url} trả lời ({tls})", f"Server {url} answers"
               f" ({'TLS verified' if url.startswith('https://') else 'loopback, no TLS'})", url=url)


def check_login(inp: SelftestInput) -> CheckResult:
    if "server_date" not in inp.state:
        return _not_reached(CheckId.LOGIN, False, "không kết nối được máy chủ", "server not reachable")
    if not (inp.username and inp.password):
        return _fail(CheckId.LOGIN, False, "Chưa thử đăng nhập (không có tài "
                                           "khoản)", "Login not tried (no credentials)",
                     "Đặt MOTCUA_USER và MOTCUA_PASSWORD để "
                     "thử", "Set MOTCUA_USER and MOTCUA_PASSWORD to try it")

    client = SyncClient(ClientConfig(base_url=inp.settings.server_url,
                                     ca_bundle=inp.settings.server_ca_bundle,
                                     timeout_s=TIMEOUT_S, retries=0),
                        username=inp.username, password=inp.password)
    try:
        client.login()
    except Exception as exc:  # noqa: BLE001
        return _fail(CheckId.LOGIN, True, f"Đăng nhập thất bại: {getattr(exc, 'message_vi', exc)}",
                     "Login failed: "
                     f"{getattr(exc, 'message_en', exc)}", "Kiểm tra tài khoản với quản trị tỉnh",
                     "Check the account with the provincial administrators")
    finally:
        client.logout()
    return _ok(CheckId.LOGIN, True, f"Đăng nhập được ({inp.username})", f"Login works ({inp.username})",
               roles=client.roles)


def check_clock(inp: SelftestInput) -> CheckResult:
    header, local = inp.state.get("server_date", ("", 0.0))
    if not header:
        return _not_reached(CheckId.CLOCK, True, "không có giờ của máy chủ", "no server time")
    try:
        server = email.utils.parsedate_to_datetime(header).timestamp()
    except (TypeError, ValueError):
        return _fail(CheckId.CLOCK, False, "Máy chủ không báo giờ", "Server sent no usable Date header",
                     "Kiểm tra giờ máy bằng NTP", "Check the clock with NTP")
    skew = local - server  # the Date header has one-second resolution
    if abs(skew) > MAX_CLOCK_SKEW_S + 1:
        return _fail(CheckId.CLOCK, True, f"Đồng hồ máy lệch {skew:+.0f} giây so với máy chủ",
                     f"Clock is {skew:+.0f} s off the server's", "Bật đồng bộ giờ (NTP) rồi kiểm tra lại",
                     "Enable time synchronisation (NTP) and test again", skew_s=round(skew, 1))
    return _ok(CheckId.CLOCK, True, f"Đồng hồ khớp máy chủ ({skew:+.0f} "
                                    "giây)", f"Clock within {skew:+.0f} s of the server",
               skew_s=round(skew, 1))


def check_tsa(inp: SelftestInput) -> CheckResult:
    url = inp.settings.tsa_url.strip()
    if not url:
        return _ok(CheckId.TSA, False, "Không dùng dịch vụ cấp dấu thời "
                                       "gian", "No timestamping service configured")
    try:
        # an RFC 3161 service answers a POST; an empty body is refused, which still proves it is there
        resp = requests.post(url, data=b"", headers={"Content-Type": "application/timestamp-query"},
                             timeout=TIMEOUT_S, verify=_verify(inp))
    except requests.RequestException as exc:
        return _fail(CheckId.TSA, False, f"Không kết nối được dịch vụ dấu thời gian {url}",
                     f"Timestamping service {url} not reachable: {exc}", "Kiểm tra mạng hoặc địa chỉ TSA",
                     "Check the network or the TSA address")
    if resp.status_code >= 500:
        return _fail(CheckId.TSA, False, f"Dịch vụ dấu thời gian báo lỗi {resp.status_code}",
                     "Timestamping service answered "
                     f"{resp.status_code}", "Báo đơn vị cung cấp TSA", "Tell the TSA provider")
    return _ok(CheckId.TSA, False, f"Dịch vụ dấu thời gian {url} trả "
                                   "lời", f"Timestamping service {url} answers")


CHECKS: dict[CheckId, Callable[[SelftestInput], CheckResult]] = {
    CheckId.VERSIONS: check_versions,
    CheckId.CONFIG: check_config,
    CheckId.WORKSPACE: check_workspace,
    CheckId.DISK_SPACE: check_disk_space,
    CheckId.FONTS: check_fonts,
    CheckId.SCANNER: check_scanner,
    CheckId.PKCS11_MODULE: check_pkcs11_module,
    CheckId.TOKEN: check_token,
    CheckId.TRUST_ANCHORS: check_trust_anchors,
    CheckId.CERTIFICATE: check_certificate,
    CheckId.SERVER: check_server,
    CheckId.LOGIN: check_login,
    CheckId.CLOCK: check_clock,
    CheckId.TSA: check_tsa,
}


def run_check(cid: CheckId, inp: SelftestInput) -> CheckResult:
    try:
        return CHECKS[cid](inp)
    except Exception as exc:  # noqa: BLE001 - a check never takes the self-test down
        log.exception("Self-test check %s crashed", cid)
        return _fail(cid, True, "Lỗi khi kiểm tra: "
                                f"{type(exc).__name__}", f"Check crashed: {type(exc).__name__}: {exc}",
                     "Gửi gói hỗ trợ (motcua support-bundle) cho bộ phận CNTT",
                     "Send a support bundle (motcua support-bundle) to IT")


def run_selftest(inp: SelftestInput, only: list[CheckId] | None = None) -> SelftestReport:
    results = [run_check(cid, inp) for cid in CHECKS if only is None or cid in only]
    for r in results:
        log.info("selftest %s: %s%s", r.id, "ok" if r.ok else "FAIL", "" if r.ok else f" ({r.message_en})")
    return SelftestReport(results, versions())
