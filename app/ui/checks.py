"""The "test" buttons of the Settings screen: each check runs on a worker thread and returns a
short result in both languages (or raises a MotcuaError with the reason)."""

from __future__ import annotations

import glob
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from app.domain.errors import InvalidInput, OperationFailed
from app.store.workspace import Workspace
from app.ui.backend import optional_module

log = logging.getLogger(__name__)

IMAGE_EXT = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"}
PKCS11_CANDIDATES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
    "/usr/lib/libbit4xpki.so",
    "/usr/lib/bit4id/libbit4xpki.so",
    "/usr/lib/libeTPkcs11.so",
    "/usr/lib/x86_64-linux-gnu/libeTPkcs11.so",
    "C:/Windows/System32/bit4xpki.dll",
    "C:/Windows/System32/eTPKCS11.dll",
)


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    message_en: str
    message_vi: str


def installed_pkcs11_modules() -> list[str]:
    """PKCS#11 modules installed on this machine (the sign area's list of known vendors first)."""
    tokens = optional_module("app.sign.tokens")
    found: list[str] = [m.path for m in tokens.discover_modules()] if tokens is not None else []
    found += [p for p in PKCS11_CANDIDATES if os.path.isfile(p) and p not in found]
    for pattern in ("/usr/lib/*/pkcs11/*.so", "/usr/lib/pkcs11/*.so"):
        found += [p for p in glob.glob(pattern) if p not in found]
    return found


def check_scanner(spec: str) -> CheckResult:
    spec = spec.strip()
    if not spec:
        raise InvalidInput("No scanner chosen", "Chưa chọn máy quét")
    if spec.startswith("folder:"):
        folder = Path(spec.split(":", 1)[1]).expanduser()
        if not folder.is_dir():
            raise OperationFailed(f"Folder {folder} does not exist", f"Không có thư mục {folder}")
        images = [p for p in folder.iterdir() if p.suffix.lower() in IMAGE_EXT]
        if not images:
            raise OperationFailed(f"Folder {folder} holds no images", f"Thư mục {folder} không có ảnh nào")
        return CheckResult(True, f"Image folder with {len(images)} images",
                           f"Thư mục ảnh có {len(images)} ảnh")
    sane = optional_module("sane")
    if sane is None:
        raise OperationFailed("SANE is not available on this machine", "Máy này không có SANE để dùng máy quét")
    sane.init()
    try:
        devices = [d[0] for d in sane.get_devices(localOnly=True)]
        if spec not in devices:
            try:
                dev = sane.open(spec)
                dev.close()
            except Exception as exc:  # noqa: BLE001 - the driver says why in its own words
                raise OperationFailed(f"Scanner {spec} cannot be opened: {exc}",
                                      f"Không mở được máy quét {spec}: {exc}") from exc
    finally:
        sane.exit()
    return CheckResult(True, f"Scanner {spec} answers", f"Máy quét {spec} hoạt động")


def check_pkcs11(module: str) -> CheckResult:
    module = module.strip()
    if not module or not os.path.isfile(module):
        raise InvalidInput(f"PKCS#11 module {module!r} not found", f"Không tìm thấy thư viện PKCS#11 '{module}'")
    from app.domain.errors import MotcuaError
    from app.sign.tokens import list_tokens

    try:
        tokens = [f"{t.label} ({len(t.certificates)} cert)" for t in list_tokens(module)]
    except MotcuaError:
        raise
    except Exception as exc:  # noqa: BLE001 - a vendor module may raise anything
        raise OperationFailed(f"PKCS#11 module {module} failed: {exc}",
                              f"Thư viện PKCS#11 {module} lỗi: {exc}") from exc
    if not tokens:
        return CheckResult(False, "Module loads; no token inserted", "Thư viện nạp được; chưa cắm token")
    names = ", ".join(tokens)
    return CheckResult(True, f"Tokens: {names}", f"Token: {names}")


def check_server(url: str, ca_bundle: str) -> CheckResult:
    import requests

    url = url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise InvalidInput(f"Server address {url!r} must start with https://",
                           f"Địa chỉ máy chủ '{url}' phải bắt đầu bằng https://")
    verify: bool | str = ca_bundle.strip() or True
    if isinstance(verify, str) and not os.path.isfile(verify):
        raise InvalidInput(f"CA bundle {verify} not found", f"Không tìm thấy tệp chứng thư CA {verify}")
    try:
        resp = requests.get(url + "/health", timeout=5, verify=verify)
    except requests.exceptions.SSLError as exc:
        raise OperationFailed(f"TLS check of {url} failed: {exc}",
                              f"Chứng thư TLS của máy chủ {url} không được tin cậy") from exc
    except requests.RequestException as exc:
        raise OperationFailed(f"Server {url} not reachable: {exc}", f"Không kết nối được máy chủ {url}") from exc
    if resp.status_code >= 500:
        raise OperationFailed(f"Server {url} answered {resp.status_code}", f"Máy chủ {url} báo lỗi {resp.status_code}")
    return CheckResult(True, f"Server answers ({resp.status_code})", f"Máy chủ trả lời ({resp.status_code})")


def check_trust_dir(path: str) -> CheckResult:
    folder = Path(path.strip()).expanduser()
    if not path.strip() or not folder.is_dir():
        raise InvalidInput(f"Trust anchor folder {folder} not found", f"Không có thư mục chứng thư gốc {folder}")
    from cryptography import x509

    count = 0
    for f in folder.iterdir():
        if f.suffix.lower() not in {".pem", ".crt", ".cer", ".der"}:
            continue
        data = f.read_bytes()
        try:
            certs = x509.load_pem_x509_certificates(data) if b"-----BEGIN" in data else [x509.load_der_x509_certificate(data)]
        except ValueError as exc:
            raise InvalidInput(f"{f.name} is not a certificate", f"Tệp {f.name} không phải chứng thư số") from exc
        count += len(certs)
    if not count:
        raise InvalidInput(f"No certificate in {folder}", f"Thư mục {folder} không có chứng thư số nào")
    return CheckResult(True, f"{count} trust anchor(s)", f"{count} chứng thư gốc tin cậy")


def check_workspace(ws: Workspace) -> CheckResult:
    probe = ws.tmp_dir / f".ui-probe-{os.getpid()}"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise OperationFailed(f"Workspace not writable: {exc}", f"Không ghi được vào thư mục làm việc: {exc}") from exc
    chain = ws.audit.verify()
    if not chain.ok:
        raise OperationFailed(f"Audit log broken at entry {chain.first_broken}: {chain.reason}",
                              f"Nhật ký kiểm toán bị sai ở mục {chain.first_broken}")
    return CheckResult(True, f"Writable; audit log intact ({chain.entries} entries)",
                       f"Ghi được; nhật ký kiểm toán nguyên vẹn ({chain.entries} mục)")
