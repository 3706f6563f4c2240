"""Diagnostics of the workstation's parts: scanner, PKCS#11 module, provincial server, trust
anchors, workspace. Each check asks the capability that owns the part (the scan driver under its
own lock, ``sign.tokens``, the sync client, ``sign.verify``'s trust loading, the workspace) and
returns a short ``CheckResult``, or raises a MotcuaError saying why not. The Settings screen, the
CLI and the installer's self-test call these same functions; nothing here imports Qt."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from app.domain.errors import InvalidInput, MotcuaError, OperationFailed
from app.domain.messages import Msg
from app.scan import devices as scan_devices
from app.sign import tokens as sign_tokens
from app.sign.verify import TRUST_SUFFIXES, read_trust
from app.store.workspace import Workspace
from app.sync.client import ClientConfig, ServerUnavailable, SyncClient, TlsUntrusted

log = logging.getLogger(__name__)

SERVER_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class CheckResult:
    ok: bool  # False: usable but incomplete (a module with no token inserted)
    message: Msg


def installed_pkcs11_modules(configured: str | None = None) -> list[str]:
    """Paths of the PKCS#11 modules on this machine, the configured one first."""
    return [m.path for m in sign_tokens.installed_modules(configured or None)]


def check_scanner(device: str) -> CheckResult:
    """The scanner answers (an image folder: holds images). Runs through the device's driver,
    under the driver's lock: safe while a scan runs on the same libsane."""
    found = scan_devices.probe(device)
    if found.images is not None:
        return CheckResult(
            True, Msg(vi=f"Thư mục ảnh có {found.images} ảnh", en=f"Image folder with {found.images} images")
        )
    return CheckResult(
        True, Msg(vi=f"Máy quét {found.device} hoạt động", en=f"Scanner {found.device} answers")
    )


def check_pkcs11(module: str) -> CheckResult:
    """The module loads; the tokens it sees and how many certificates each holds."""
    module = module.strip()
    if not module or not os.path.isfile(module):
        raise InvalidInput(
            f"PKCS#11 module {module!r} not found", f"Không tìm thấy thư viện PKCS#11 '{module}'"
        )
    try:
        found = sign_tokens.list_tokens(module)
    except MotcuaError:
        raise
    except Exception as exc:  # noqa: BLE001 - a vendor module may raise anything
        raise OperationFailed(
            f"PKCS#11 module {module} failed: {exc}", f"Thư viện PKCS#11 {module} lỗi: {exc}"
        ) from exc
    if not found:
        return CheckResult(
            False, Msg(vi="Thư viện nạp được; chưa cắm token", en="Module loads; no token inserted")
        )
    names = ", ".join(f"{t.label} ({len(t.certificates)} cert)" for t in found)
    return CheckResult(True, Msg(vi=f"Token: {names}", en=f"Tokens: {names}"))


def check_server(url: str, ca_bundle: str = "") -> CheckResult:
    """The provincial server answers ``/health`` over TLS verified with the CA bundle (empty: the
    system store), through the same client that sends dossiers (same TLS rules, no login)."""
    url = url.strip().rstrip("/")
    ca_bundle = ca_bundle.strip()
    if not url.startswith(("http://", "https://")):
        raise InvalidInput(
            f"Server address {url!r} must start with https://",
            f"Địa chỉ máy chủ '{url}' phải bắt đầu bằng https://",
        )
    if ca_bundle and not os.path.isfile(ca_bundle):
        raise InvalidInput(f"CA bundle {ca_bundle} not found", f"Không tìm thấy tệp chứng thư CA {ca_bundle}")
    client = SyncClient(
        ClientConfig(base_url=url, ca_bundle=ca_bundle, timeout_s=SERVER_TIMEOUT_S, retries=0)
    )
    try:
        status = client.health_status()
    except TlsUntrusted as exc:
        raise OperationFailed(
            f"TLS check of {url} failed: {exc.message_en}",
            f"Chứng thư TLS của máy chủ {url} không được tin cậy",
        ) from exc
    except ServerUnavailable as exc:
        raise OperationFailed(
            f"Server {url} not reachable: {exc.message_en}", f"Không kết nối được máy chủ {url}"
        ) from exc
    finally:
        client.session.close()
    if status >= 500:
        raise OperationFailed(f"Server {url} answered {status}", f"Máy chủ {url} báo lỗi {status}")
    return CheckResult(True, Msg(vi=f"Máy chủ trả lời ({status})", en=f"Server answers ({status})"))


def check_trust_dir(path: str) -> CheckResult:
    """The folder holds trust anchors the verifier can read (the same loading as verification)."""
    folder = Path(path.strip()).expanduser()
    if not path.strip() or not folder.is_dir():
        raise InvalidInput(
            f"Trust anchor folder {folder} not found", f"Không có thư mục chứng thư gốc {folder}"
        )
    trust = read_trust(folder)
    bad = [n for n in trust.unreadable if Path(n).suffix.lower() in TRUST_SUFFIXES]
    if bad:
        raise InvalidInput(f"{bad[0]} is not a certificate", f"Tệp {bad[0]} không phải chứng thư số")
    if not trust.roots:
        raise InvalidInput(f"No certificate in {folder}", f"Thư mục {folder} không có chứng thư số nào")
    n = len(trust.roots)
    return CheckResult(True, Msg(vi=f"{n} chứng thư gốc tin cậy", en=f"{n} trust anchor(s)"))


def check_workspace(ws: Workspace) -> CheckResult:
    """The workspace is writable and its audit chain intact."""
    probe = ws.tmp_dir / f".probe-{os.getpid()}"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise OperationFailed(
            f"Workspace not writable: {exc}", f"Không ghi được vào thư mục làm việc: {exc}"
        ) from exc
    chain = ws.audit.verify()
    if not chain.ok:
        raise OperationFailed(
            f"Audit log broken at entry {chain.first_broken}: {chain.reason}",
            f"Nhật ký kiểm toán bị sai ở mục {chain.first_broken}",
        )
    return CheckResult(
        True,
        Msg(
            vi=f"Ghi được; nhật ký kiểm toán nguyên vẹn ({chain.entries} mục)",
            en=f"Writable; audit log intact ({chain.entries} entries)",
        ),
    )
