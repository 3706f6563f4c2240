"""PKCS#11 modules and tokens: finding the driver, listing tokens and certificates, opening a
logged-in session with precise PIN errors, checking that a certificate may sign."""

from __future__ import annotations

import datetime as dt
import glob
import logging
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography import x509

if TYPE_CHECKING:  # python-pkcs11 loads lazily
    from pkcs11 import Session

from app.domain.signing_policy import CertificateFacts, KeyRole, certificate_role
from app.sign.errors import CertificateRejected, PinLocked, TokenError, TokenNotFound, TokenRemoved, WrongPin

log = logging.getLogger(__name__)

# Known PKCS#11 modules per OS: (vendor / CA, path). The Government CA (Ban Cơ yếu Chính phủ)
# issues Bit4id and SafeNet tokens; the commercial CAs ship their own middleware.
KNOWN_MODULES: dict[str, tuple[tuple[str, str], ...]] = {
    "linux": (
        ("Ban Cơ yếu Chính phủ / Bit4id", "/usr/lib/libbit4xpki.so"),
        ("Ban Cơ yếu Chính phủ / Bit4id", "/usr/lib/bit4id/libbit4xpki.so"),
        ("SafeNet eToken", "/usr/lib/libeTPkcs11.so"),
        ("SafeNet eToken", "/usr/lib/libeToken.so"),
        ("SafeNet eToken", "/usr/lib/x86_64-linux-gnu/libeTPkcs11.so"),
        ("VNPT-CA", "/usr/lib/libvnpt-ca.so"),
        ("Viettel-CA", "/usr/lib/libviettel-ca_v6.so"),
        ("OpenSC", "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"),
        ("OpenSC", "/usr/lib/opensc-pkcs11.so"),
        ("SoftHSM2", "/usr/lib/softhsm/libsofthsm2.so"),
        ("SoftHSM2", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
    ),
    "win32": (
        ("Ban Cơ yếu Chính phủ / Bit4id", r"C:\Windows\System32\bit4xpki.dll"),
        ("SafeNet eToken", r"C:\Windows\System32\eTPKCS11.dll"),
        ("VNPT-CA", r"C:\Windows\System32\vnpt-ca_csp11.dll"),
        ("Viettel-CA", r"C:\Windows\System32\viettel-ca_v6.dll"),
        ("FPT-CA", r"C:\Windows\System32\fpt-ca.dll"),
        ("BkavCA", r"C:\Windows\System32\BkavCA.dll"),
        ("OpenSC", r"C:\Program Files\OpenSC Project\OpenSC\pkcs11\opensc-pkcs11.dll"),
        ("SoftHSM2", r"C:\SoftHSM2\lib\softhsm2-x64.dll"),
    ),
    "darwin": (
        ("Ban Cơ yếu Chính phủ / Bit4id", "/usr/local/lib/libbit4xpki.dylib"),
        ("SafeNet eToken", "/usr/local/lib/libeTPkcs11.dylib"),
        ("OpenSC", "/Library/OpenSC/lib/opensc-pkcs11.so"),
        ("SoftHSM2", "/opt/homebrew/lib/softhsm/libsofthsm2.so"),
    ),
}
# The paths for the VNPT, Viettel, FPT and Bkav modules are the usual install locations of
# their middleware; IT staff can always give the exact path in Settings.


@dataclass(frozen=True)
class ModuleInfo:
    path: str
    vendor: str


def _platform() -> str:
    return "win32" if sys.platform.startswith("win") else "darwin" if sys.platform == "darwin" else "linux"


def discover_modules(extra: str | None = None) -> list[ModuleInfo]:
    """Modules found on this machine, the configured one (``extra``) first."""
    platform = _platform()
    found: list[ModuleInfo] = []
    seen: set[str] = set()
    candidates = [("configured", extra)] if extra else []
    candidates += [(vendor, path) for vendor, path in KNOWN_MODULES[platform]]
    for vendor, path in candidates:
        if path and Path(path).is_file():
            real = os.path.realpath(path)
            if real not in seen:
                seen.add(real)
                found.append(ModuleInfo(path, vendor))
    return found


# Folders where distributions install PKCS#11 modules for p11-kit (searched for the Settings list
# only: a module found there is offered, never picked on its own). p11-kit's own trust module
# holds CA certificates, no keys.
REGISTERED_MODULE_GLOBS: dict[str, tuple[str, ...]] = {
    "linux": ("/usr/lib/*/pkcs11/*.so", "/usr/lib/pkcs11/*.so"),
    "win32": (),
    "darwin": ("/usr/local/lib/pkcs11/*.so", "/opt/homebrew/lib/pkcs11/*.so"),
}
_NOT_TOKENS = ("p11-kit-trust", "pkcs11-spy")  # CA certificates; a debugging proxy


def installed_modules(extra: str | None = None) -> list[ModuleInfo]:
    """Every PKCS#11 module installed on this machine: the known vendors' (``discover_modules``)
    first, then those registered in the distribution's PKCS#11 folders."""
    found = discover_modules(extra)
    seen = {os.path.realpath(m.path) for m in found}
    for pattern in REGISTERED_MODULE_GLOBS[_platform()]:
        for path in sorted(glob.glob(pattern)):
            real = os.path.realpath(path)
            if real in seen or any(n in Path(path).name for n in _NOT_TOKENS):
                continue
            seen.add(real)
            found.append(ModuleInfo(path, "registered"))
    return found


@dataclass(frozen=True)
class CertInfo:
    label: str
    key_id: str
    subject: str
    common_name: str
    issuer: str
    serial: str
    not_before: dt.datetime
    not_after: dt.datetime
    key_usage: tuple[str, ...]
    problem_en: str = ""
    problem_vi: str = ""
    role: KeyRole = KeyRole.OFFICER  # whose key: the officer's or the agency's (app.domain.signing_policy)

    @property
    def usable(self) -> bool:
        return not self.problem_en


@dataclass
class TokenInfo:
    module: str
    slot: int
    label: str
    manufacturer: str
    model: str
    serial: str
    pin_count_low: bool
    pin_final_try: bool
    pin_locked: bool
    certificates: list[CertInfo] = field(default_factory=list)


def _key_usage(cert: x509.Certificate) -> tuple[str, ...]:
    try:
        ku = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return ()
    names = ("digital_signature", "content_commitment", "key_encipherment", "data_encipherment",
             "key_agreement", "key_cert_sign", "crl_sign")
    return tuple(n for n in names if getattr(ku, n))


def _cn(name: x509.Name) -> str:
    attrs = name.get_attributes_for_oid(x509.oid.NameOID.COMMON_NAME)
    return str(attrs[0].value) if attrs else name.rfc4514_string()


def _attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    attrs = name.get_attributes_for_oid(oid)
    return str(attrs[0].value) if attrs else ""


def key_role_of(label: str, cert: x509.Certificate) -> KeyRole:
    """Whether the key is the officer's or the agency's, from its certificate and label."""
    oid = x509.oid.NameOID
    return certificate_role(CertificateFacts(label=label, common_name=_attr(cert.subject, oid.COMMON_NAME),
                                             organization=_attr(cert.subject, oid.ORGANIZATION_NAME),
                                             uid=_attr(cert.subject, oid.USER_ID)))


# Key-usage rule, the same for the signer (check_signing_certificate) and the verifier
# (app.sign.verify, pyHanko's KeyUsageConstraints with match_all_key_usages=False): a certificate
# whose keyUsage extension is present must allow digitalSignature or nonRepudiation
# (contentCommitment); either one is enough. Without the extension there is no restriction
# (RFC 5280). Names as asn1crypto spells them.
SIGNING_KEY_USAGES: tuple[str, ...] = ("digital_signature", "non_repudiation")


def check_signing_certificate(cert: x509.Certificate, now: dt.datetime | None = None) -> None:
    """Raise :class:`CertificateRejected` when the certificate may not sign now."""
    now = now or dt.datetime.now(dt.UTC)
    who = _cn(cert.subject)
    if now < cert.not_valid_before_utc:
        raise CertificateRejected(
            f"Certificate of {who} is not valid before {cert.not_valid_before_utc:%Y-%m-%d}",
            f"Chứng thư số của {who} chưa có hiệu lực (từ {cert.not_valid_before_utc:%d/%m/%Y})",
        )
    if now > cert.not_valid_after_utc:
        raise CertificateRejected(
            f"Certificate of {who} expired on {cert.not_valid_after_utc:%Y-%m-%d}",
            f"Chứng thư số của {who} đã hết hạn ngày {cert.not_valid_after_utc:%d/%m/%Y}",
        )
    usage = _key_usage(cert)
    if usage and not ({"digital_signature", "content_commitment"} & set(usage)):
        raise CertificateRejected(
            f"Certificate of {who} is not for signing (key usage: {', '.join(usage)})",
            f"Chứng thư số của {who} không dùng để ký số (mục đích: {', '.join(usage)})",
        )


def cert_info(label: str, key_id: bytes, cert: x509.Certificate) -> CertInfo:
    problem_en = problem_vi = ""
    try:
        check_signing_certificate(cert)
    except CertificateRejected as exc:
        problem_en, problem_vi = exc.message_en, exc.message_vi
    return CertInfo(label=label, key_id=key_id.hex(), subject=cert.subject.rfc4514_string(),
                    common_name=_cn(cert.subject), issuer=_cn(cert.issuer),
                    serial=format(cert.serial_number, "x"),
                    not_before=cert.not_valid_before_utc, not_after=cert.not_valid_after_utc,
                    key_usage=_key_usage(cert), problem_en=problem_en, problem_vi=problem_vi,
                    role=key_role_of(label, cert))


_LIBS: dict[str, object] = {}
_LIB_LOCK = threading.Lock()


def load_module(path: str) -> object:
    """Load a PKCS#11 module once per process (loading twice breaks many vendor modules)."""
    import pkcs11

    with _LIB_LOCK:
        if path not in _LIBS:
            if not Path(path).is_file():
                raise TokenNotFound(f"PKCS#11 module {path} does not exist",
                                    f"Không tìm thấy trình điều khiển token (PKCS#11) {path}")
            try:
                _LIBS[path] = pkcs11.lib(path)
            except Exception as exc:  # noqa: BLE001 - vendor modules fail in many ways
                raise TokenError(f"PKCS#11 module {path} cannot be loaded: {exc}",
                                 f"Không nạp được trình điều khiển token {path}: {exc}") from exc
        return _LIBS[path]


def list_tokens(module: str) -> list[TokenInfo]:
    """Tokens present on the module's slots with their certificates (read without login)."""
    import pkcs11
    from pkcs11 import Attribute, ObjectClass, TokenFlag

    lib = load_module(module)
    out: list[TokenInfo] = []
    for slot in lib.get_slots(token_present=True):  # type: ignore[attr-defined]
        try:
            token = slot.get_token()
        except pkcs11.exceptions.TokenNotPresent:
            continue
        flags = token.flags
        info = TokenInfo(module=module, slot=slot.slot_id, label=token.label.strip(),
                         manufacturer=token.manufacturer_id.strip(), model=token.model.strip(),
                         serial=(token.serial.decode(errors="replace").strip()
                                 if isinstance(token.serial, bytes) else str(token.serial).strip()),
                         pin_count_low=bool(flags & TokenFlag.USER_PIN_COUNT_LOW),
                         pin_final_try=bool(flags & TokenFlag.USER_PIN_FINAL_TRY),
                         pin_locked=bool(flags & TokenFlag.USER_PIN_LOCKED))
        try:
            with token.open() as session:
                for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
                    try:
                        cert = x509.load_der_x509_certificate(obj[Attribute.VALUE])
                        label = obj[Attribute.LABEL]
                        key_id = obj[Attribute.ID]
                    except Exception:  # noqa: BLE001 - skip unreadable objects
                        continue
                    if cert.extensions and _is_ca(cert):
                        continue
                    info.certificates.append(cert_info(label, key_id, cert))
        except pkcs11.exceptions.PKCS11Error as exc:
            log.warning("Cannot read certificates of token %s: %s", info.label, exc)
        out.append(info)
    return out


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False


@contextmanager
def logged_in_session(module: str, pin: str, token_label: str | None = None) -> Iterator[Session]:
    """A logged-in session on the token (the first one when no label is given)."""
    import pkcs11
    from pkcs11 import TokenFlag

    lib = load_module(module)
    slots = lib.get_slots(token_present=True)  # type: ignore[attr-defined]
    token = None
    for slot in slots:
        tok = slot.get_token()
        if token_label is None or tok.label.strip() == token_label:
            token = tok
            break
    if token is None:
        which = f"'{token_label}'" if token_label else ""
        raise TokenNotFound(f"No token {which} is plugged "
                            "in", f"Không thấy token {which}; hãy cắm token vào máy")
    if token.flags & TokenFlag.USER_PIN_LOCKED:
        raise PinLocked(f"Token {token.label.strip()} is locked (too many wrong PINs)",
                        f"Token {token.label.strip()} đã bị khóa do nhập "
                        "sai PIN quá số lần; liên hệ đơn vị cấp chứng thư")
    try:
        session = token.open(user_pin=pin)
    except pkcs11.exceptions.PinIncorrect as exc:
        flags = token.flags
        final = bool(flags & TokenFlag.USER_PIN_FINAL_TRY)
        low = bool(flags & TokenFlag.USER_PIN_COUNT_LOW)
        if flags & TokenFlag.USER_PIN_LOCKED:
            raise PinLocked("Wrong PIN; the token is now locked", "Sai PIN; token đã bị khóa") from exc
        tail_en = (" This is the last try before the token locks." if final
                   else " Few tries are left." if low else "")
        tail_vi = (" Đây là lần thử cuối trước khi token bị khóa." if final
                   else " Chỉ còn ít lần thử." if low else "")
        raise WrongPin("Wrong token PIN." + tail_en, "Sai mã PIN của token." + tail_vi,
                       final_try=final, count_low=low) from exc
    except pkcs11.exceptions.PinLocked as exc:
        raise PinLocked("The token is locked (too many wrong PINs)",
                        "Token đã bị khóa do nhập sai PIN quá số lần") from exc
    except (pkcs11.exceptions.PinLenRange, pkcs11.exceptions.PinInvalid) as exc:
        raise WrongPin("The PIN has the wrong length or "
                       "characters", "Mã PIN không đúng độ dài hoặc ký tự") from exc
    except (pkcs11.exceptions.TokenNotPresent, pkcs11.exceptions.DeviceRemoved) as exc:
        raise TokenRemoved("The token was removed", "Token đã bị rút ra") from exc
    try:
        yield session
    finally:
        try:
            session.close()
        except Exception:  # noqa: BLE001 - closing a removed token fails
            log.info("Token session closed with an error (token removed?)")
