"""Verifying signed PDFs, with conclusions shaped on the EU DSS validation reports:

- INVALID: the signed bytes changed (hash failure), the signature value is wrong, or the
  document was changed after signing beyond what the signer allowed (form filling).
- INDETERMINATE: the signature is intact but the chain does not reach a trust anchor, the
  certificate is revoked / expired without proof of existence, or the file cannot be read
  (FORMAT_FAILURE). An unsigned PDF is INDETERMINATE with ``signed: false``, never VALID.
- VALID: intact, trusted, unchanged except allowed updates.
Revocation is checked against CRLs placed in the trust directory (no network fetching).
"""

from __future__ import annotations

import io
import logging
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

VALID, INDETERMINATE, INVALID = "VALID", "INDETERMINATE", "INVALID"
_RANK = {VALID: 0, INDETERMINATE: 1, INVALID: 2}
MAX_BYTES = 200 * 1024 * 1024


@dataclass
class SignatureReport:
    field: str
    signer: str
    issuer: str
    signing_time: str | None
    timestamp_time: str | None
    intact: bool
    trusted: bool
    coverage: str
    modified_after_signing: str  # none | allowed (form fill, annotations, timestamps) | content
    status: str
    level: str = "B-B"  # PAdES baseline level the file carries: B-B, B-T, B-LT
    reasons: list[str] = field(default_factory=list)
    message_en: str = ""
    message_vi: str = ""


@dataclass
class VerificationReport:
    file: str
    status: str
    signed: bool | None
    signatures: list[SignatureReport] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    message_en: str = ""
    message_vi: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def load_trust(trust_dir: Path | None) -> tuple[list[Any], list[Any]]:
    """Trust anchors (*.pem, *.crt, *.cer, *.der) and CRLs (*.crl) from a directory."""
    from asn1crypto import crl as asn1_crl
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    roots: list[Any] = []
    crls: list[Any] = []
    if not trust_dir:
        return roots, crls
    for path in sorted(Path(trust_dir).iterdir()):
        if not path.is_file():
            continue
        data = path.read_bytes()
        try:
            if path.suffix.lower() == ".crl":
                if pem.detect(data):
                    _, _, data = pem.unarmor(data)
                crls.append(asn1_crl.CertificateList.load(data))
            elif path.suffix.lower() in (".pem", ".crt", ".cer", ".der"):
                blobs = [der for _, _, der in pem.unarmor(data, multiple=True)] if pem.detect(data) else [data]
                roots.extend(asn1_x509.Certificate.load(der) for der in blobs)
        except Exception as exc:  # noqa: BLE001 - one bad file must not hide the others
            log.warning("Ignoring unreadable trust file %s: %s", path.name, exc)
    return roots, crls


def _name(cert: Any) -> str:
    try:
        return str(cert.subject.native.get("common_name") or cert.subject.human_friendly)
    except Exception:  # noqa: BLE001
        return "?"


def _iso(value: datetime | None) -> str | None:
    from app.domain.codes import VN_TZ

    return value.astimezone(VN_TZ).isoformat(timespec="seconds") if value else None


def _format_failure(name: str, exc: Exception | str) -> VerificationReport:
    return VerificationReport(
        file=name, status=INDETERMINATE, signed=None, reasons=["FORMAT_FAILURE"],
        message_en=f"{name}: not a readable PDF ({exc}); no signature can be checked",
        message_vi=f"{name}: tệp PDF bị hỏng hoặc không đọc được; không kiểm tra được chữ ký",
    )


def verify_pdf(source: Path | bytes, *, trust_dir: Path | None = None, name: str | None = None) -> VerificationReport:
    """Verify every signature of a PDF. Never raises for bad input: the report says what is wrong."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko_certvalidator import ValidationContext

    label = name or (Path(source).name if isinstance(source, Path) else "document.pdf")
    try:
        data = Path(source).read_bytes() if isinstance(source, Path) else bytes(source)
    except OSError as exc:
        # A file that is not there, or cannot be opened, is not a damaged PDF: say which it is.
        missing = isinstance(exc, FileNotFoundError)
        why_en = "file not found" if missing else f"cannot be read ({exc.strerror or exc})"
        why_vi = "không tìm thấy tệp" if missing else f"không đọc được tệp ({exc.strerror or exc})"
        return VerificationReport(
            file=label, status=INDETERMINATE, signed=None, reasons=["NOT_FOUND" if missing else "READ_ERROR"],
            message_en=f"{label}: {why_en}; no signature can be checked",
            message_vi=f"{label}: {why_vi}; không kiểm tra được chữ ký",
        )
    if len(data) > MAX_BYTES:
        return _format_failure(label, f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    roots, crls = load_trust(trust_dir)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as exc:  # noqa: BLE001 - malformed PDFs raise many types
        return _format_failure(label, exc)
    if not embedded:
        return VerificationReport(
            file=label, status=INDETERMINATE, signed=False, reasons=["NO_SIGNATURE"],
            message_en=f"{label} is not signed", message_vi=f"{label} chưa được ký số",
        )
    reports: list[SignatureReport] = []
    revinfo = _has_revocation_info(reader)
    for sig in embedded:
        vc = ValidationContext(trust_roots=roots, crls=crls, allow_fetching=False, revocation_mode="soft-fail")
        report = _check(sig, vc)
        if report.timestamp_time:
            report.level = "B-LT" if revinfo else "B-T"
        reports.append(report)
    status = max((r.status for r in reports), key=_RANK.__getitem__)
    first_bad = next((r for r in reports if r.status == status), reports[0])
    return VerificationReport(
        file=label, status=status, signed=True, signatures=reports,
        reasons=sorted({reason for r in reports for reason in r.reasons}),
        message_en=first_bad.message_en, message_vi=first_bad.message_vi,
    )


def _has_revocation_info(reader: Any) -> bool:
    """Whether the document security store holds CRLs or OCSP responses (PAdES B-LT)."""
    try:
        root = reader.root
        if "/DSS" not in root:
            return False
        dss = root["/DSS"]
        return any(key in dss and len(dss[key]) > 0 for key in ("/CRLs", "/OCSPs"))
    except Exception:  # noqa: BLE001 - a damaged DSS is simply not long-term material
        return False


def _check(sig: Any, vc: Any) -> SignatureReport:
    from pyhanko.sign.validation import validate_pdf_signature

    field_name = getattr(sig, "field_name", "?") or "?"
    try:
        st = validate_pdf_signature(sig, vc)
    except Exception as exc:  # noqa: BLE001 - broken signature dictionaries, bad CMS...
        return SignatureReport(
            field=field_name, signer="?", issuer="?", signing_time=None, timestamp_time=None, intact=False,
            trusted=False, coverage="unknown", modified_after_signing="unknown", status=INVALID,
            reasons=["SIG_CRYPTO_FAILURE"],
            message_en=f"Signature {field_name} cannot be checked: {exc}",
            message_vi=f"Chữ ký {field_name} không kiểm tra được (cấu trúc chữ ký bị hỏng)",
        )
    signer, issuer = _name(st.signing_cert), _issuer(st.signing_cert)
    when = st.signer_reported_dt
    ts = st.timestamp_validity.timestamp if st.timestamp_validity else None
    coverage = st.coverage.name.lower() if st.coverage else "unknown"
    level = st.modification_level.name if getattr(st, "modification_level", None) is not None else "NONE"
    if level == "NONE":
        modified = "none"
    elif level in ("LTA_UPDATES", "FORM_FILLING", "ANNOTATIONS"):
        modified = "allowed"
    else:
        modified = "content"
    reasons: list[str] = []
    when_txt = _iso(when) or "?"
    if not st.intact or not st.valid:
        reasons.append("HASH_FAILURE" if not st.intact else "SIG_CRYPTO_FAILURE")
        status = INVALID
        en = f"Signature of {signer} is broken: the file changed after it was signed"
        vi = f"Chữ ký của {signer} không hợp lệ: tệp đã bị thay đổi sau khi ký"
    elif modified == "content" or st.docmdp_ok is False:
        reasons.append("MODIFIED_AFTER_SIGNING")
        status = INVALID
        en = f"Signed by {signer} on {when_txt}, but the content was changed afterwards"
        vi = f"Đã được {signer} ký lúc {when_txt} nhưng nội dung bị sửa sau khi ký"
    elif not st.trusted:
        indic = getattr(st.trust_problem_indic, "name", "NO_CERTIFICATE_CHAIN_FOUND")
        reasons.append(indic)
        status = INDETERMINATE
        revoked = "REVOKED" in indic
        en = (f"Signed by {signer} on {when_txt}; the certificate is revoked" if revoked else
              f"Signed by {signer} on {when_txt}; the certificate does not chain to a trusted authority")
        vi = (f"Do {signer} ký lúc {when_txt}; chứng thư số đã bị thu hồi" if revoked else
              f"Do {signer} ký lúc {when_txt}; chứng thư số không thuộc tổ chức chứng thực được tin cậy")
    else:
        status = VALID
        form_fill = level in ("FORM_FILLING", "ANNOTATIONS")  # LTA_UPDATES: validation info, timestamps
        extra_en = " (later changes are allowed form filling)" if form_fill else ""
        extra_vi = " (các thay đổi sau đó là điền biểu mẫu được phép)" if form_fill else ""
        en = f"Valid signature of {signer} (issued by {issuer}) on {when_txt}{extra_en}"
        vi = f"Chữ ký hợp lệ của {signer} (do {issuer} cấp) lúc {when_txt}{extra_vi}"
    return SignatureReport(
        field=field_name, signer=signer, issuer=issuer, signing_time=_iso(when), timestamp_time=_iso(ts),
        intact=bool(st.intact), trusted=bool(st.trusted), coverage=coverage, modified_after_signing=modified,
        status=status, reasons=reasons, message_en=en, message_vi=vi,
    )


def _issuer(cert: Any) -> str:
    try:
        return str(cert.issuer.native.get("common_name") or cert.issuer.human_friendly)
    except Exception:  # noqa: BLE001
        return "?"
