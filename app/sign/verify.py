"""Verifying signed PDFs: the one module that decides VALID / INDETERMINATE / INVALID, for the
CLI, the warehouse (reuse) and the reference server. The policy is written down in
docs/verification-policy.md; in short:

- Every signature goes through pyHanko's AdES validation (``ades_lta_validation``, ETSI EN 319
  102-1): revocation info from the document's DSS first, then the trust folder's CRLs, then
  fetched from the addresses the certificates name (default policy hard-fail: none found for
  the signer's certificate means INDETERMINATE); a signature timestamp gives a proof of
  existence, so a certificate that expired (or was revoked) after the timestamp still validates
  at the timestamp's time.
- INVALID: the signed bytes changed, the signature value is wrong, the content changed in a
  later revision, a certified document (DocMDP) was changed beyond its permission, or bytes sit
  before the ``%PDF-`` header where no signature covers them.
- INVALID also: the signer's certificate is revoked and no timestamp before the revocation
  proves the signature older.
- INDETERMINATE: intact, but not provably good: untrusted chain, expired without proof
  of existence, revocation info unavailable under the (default) hard-fail policy, a certificate not for
  signing, or an annotation / filled form field added after an approval signature (what is shown
  is no longer what was signed). An unsigned or unreadable file is INDETERMINATE, never VALID.
- VALID: intact, trusted, and every later revision only adds signatures, DSS or timestamps.
Every INDETERMINATE / INVALID carries its reasons ``{code, message_vi, message_en}``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import io
import logging
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from app.domain.codes import VN_TZ
from app.domain.messages import Msg
from app.sign.tokens import SIGNING_KEY_USAGES

if TYPE_CHECKING:  # asn1crypto and pyHanko load lazily (a slow import); their types still check
    from asn1crypto.crl import CertificateList
    from asn1crypto.x509 import Certificate
    from pyhanko.sign.validation.policy_decl import PdfSignatureValidationSpec

log = logging.getLogger(__name__)

VALID, INDETERMINATE, INVALID = "VALID", "INDETERMINATE", "INVALID"
_RANK = {VALID: 0, INDETERMINATE: 1, INVALID: 2}
MAX_BYTES = 200 * 1024 * 1024
HEADER_WINDOW = 1024  # where a PDF reader looks for ``%PDF-``


class RevocationPolicy(StrEnum):
    """What happens when no revocation info can be found (embedded, trust folder or fetched).
    A certificate found revoked is never VALID under any policy."""

    # INDETERMINATE (REVOCATION_UNAVAILABLE) when the signer's certificate (or a timestamping
    # unit's) has none, or a CA certificate names where its CRL / OCSP is and none is found.
    HARD_FAIL = "hard-fail"
    # Stricter: every certificate below the trust anchor needs revocation info, CAs included.
    REQUIRE = "require"
    # VALID, with the reason REVOCATION_NOT_CHECKED noted on the signature.
    SOFT_FAIL = "soft-fail"


DEFAULT_REVOCATION = RevocationPolicy.HARD_FAIL


@dataclass(frozen=True)
class Reason:
    code: str
    message: Msg

    def as_dict(self) -> dict[str, str]:
        """The reason as ``motcua verify --json`` prints it: ``{code, message_vi, message_en}``."""
        return {"code": self.code, "message_vi": self.message.vi, "message_en": self.message.en}


_NO_MESSAGE = Msg(vi="", en="")


# code -> its message; {who}/{when}/{detail} are filled in where known.
_TEXT: dict[str, Msg] = {
    "NOT_FOUND": Msg(
        vi="Không tìm thấy tệp",
        en="File not found"),
    "READ_ERROR": Msg(
        vi="Không đọc được tệp ({detail})",
        en="The file cannot be read ({detail})"),
    "FORMAT_FAILURE": Msg(
        vi="Tệp PDF bị hỏng hoặc không đọc được",
        en="Not a readable PDF ({detail})"),
    "NO_SIGNATURE": Msg(
        vi="Tài liệu chưa được ký số",
        en="The document is not signed"),
    "BYTES_BEFORE_HEADER": Msg(
        vi="Có {detail} byte lạ trước phần đầu PDF, không chữ ký nào bảo vệ",
        en="{detail} unknown bytes sit before the PDF header, covered by no signature"),
    "HASH_FAILURE": Msg(
        vi="Chữ ký của {who} không hợp lệ: tệp đã bị thay đổi sau khi ký",
        en="Signature of {who} is broken: the signed bytes changed"),
    "SIG_CRYPTO_FAILURE": Msg(
        vi="Giá trị chữ ký của {who} sai hoặc cấu trúc chữ ký bị hỏng",
        en="Signature value of {who} is wrong or the signature structure is broken"),
    "NOT_COVERED": Msg(
        vi="Chữ ký của {who} không bao trùm toàn bộ một phiên bản của tài liệu",
        en="The signature of {who} does not cover a whole revision of the document"),
    "MODIFIED_AFTER_SIGNING": Msg(
        vi="Nội dung bị sửa sau khi {who} ký",
        en="The content was changed after {who} signed"),
    "DOCMDP_VIOLATION": Msg(
        vi="Tài liệu đã được chứng thực (khóa nội dung) nhưng bị thay đổi sau đó",
        en="The document is certified (locked) but was changed afterwards"),
    "ANNOTATED_AFTER_SIGNING": Msg(
        vi="Có chú thích được thêm sau khi {who} ký; nội dung hiển thị khác bản đã ký",
        en="An annotation was added after {who} signed; what is shown is not what was signed"),
    "FORM_FILLED_AFTER_SIGNING": Msg(
        vi="Có ô biểu mẫu được điền sau khi {who} ký ({detail})",
        en="A form field was filled after {who} signed ({detail})"),
    "REVOKED": Msg(
        vi="Chứng thư số của {who} đã bị thu hồi",
        en="The certificate of {who} is revoked"),
    "EXPIRED": Msg(
        vi="Chứng thư số của {who} đã hết hạn và không có dấu thời gian chứng minh thời điểm ký",
        en="The certificate of {who} expired and no timestamp proves when it signed"),
    "NOT_YET_VALID": Msg(
        vi="Chứng thư số của {who} chưa có hiệu lực vào thời điểm ký",
        en="The certificate of {who} was not yet valid when it signed"),
    "UNTRUSTED": Msg(
        vi="Chứng thư số của {who} không thuộc tổ chức chứng thực được tin cậy",
        en="The certificate of {who} does not chain to a trusted authority"),
    "REVOCATION_UNAVAILABLE": Msg(
        vi="Không lấy được thông tin thu hồi (CRL/OCSP) cho chứng thư của {who}",
        en="No revocation info (CRL/OCSP) could be obtained for the certificate of {who}"),
    "REVOCATION_NOT_CHECKED": Msg(
        vi="Chưa kiểm tra được tình trạng thu hồi chứng thư của {who} (chính sách mềm)",
        en="Revocation of {who}'s certificate could not be checked (soft-fail policy)"),
    "KEY_USAGE": Msg(
        vi="Chứng thư số của {who} không dùng để ký số",
        en="The certificate of {who} is not for signing"),
    "TIMESTAMP_INVALID": Msg(
        vi="Dấu thời gian của chữ ký {who} không hợp lệ",
        en="The timestamp of {who}'s signature is not valid"),
    "INDETERMINATE_OTHER": Msg(
        vi="Chưa xác định được chữ ký của {who} ({detail})",
        en="The signature of {who} cannot be confirmed ({detail})"),
}


def reason(code: str, *, who: str = "?", when: str = "?", detail: str = "") -> Reason:
    text = _TEXT.get(code, _TEXT["INDETERMINATE_OTHER"])
    fill = {"who": who, "when": when, "detail": detail or code}
    return Reason(code, Msg(vi=text.vi.format(**fill), en=text.en.format(**fill)))


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
    modified_after_signing: str  # none | allowed (signatures, DSS, timestamps) | annotations | form | content
    status: str
    level: str = "B-B"  # PAdES baseline level the file carries: B-B, B-T, B-LT
    certified: bool = False  # a certification (DocMDP) signature
    ades_indication: str = ""  # pyHanko's AdES sub-indication, for the record
    reasons: list[Reason] = dataclasses.field(default_factory=list)
    message: Msg = _NO_MESSAGE

    def as_dict(self) -> dict[str, Any]:
        out = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name not in ("reasons",
                                                                                                 "message")}
        return {**out, "reasons": [r.as_dict() for r in self.reasons],
                "message_vi": self.message.vi, "message_en": self.message.en}


@dataclass
class VerificationReport:
    file: str
    status: str
    signed: bool | None
    signatures: list[SignatureReport] = dataclasses.field(default_factory=list)
    reasons: list[Reason] = dataclasses.field(default_factory=list)
    message: Msg = _NO_MESSAGE
    revocation_policy: str = DEFAULT_REVOCATION.value

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, the shape ``motcua verify --json`` promises: ``message_vi``/``message_en``
        and ``reasons`` as ``{code, message_vi, message_en}``, on the file and each signature."""
        return {"file": self.file, "status": self.status, "signed": self.signed,
                "signatures": [s.as_dict() for s in self.signatures],
                "reasons": [r.as_dict() for r in self.reasons],
                "message_en": self.message.en, "message_vi": self.message.vi,
                "revocation_policy": self.revocation_policy}

    @property
    def codes(self) -> list[str]:
        return [r.code for r in self.reasons]


@dataclass
class TrustFolder:
    """What a trust folder holds: anchors, CRLs, and the files that could not be read."""

    roots: list[Certificate] = dataclasses.field(default_factory=list)
    crls: list[CertificateList] = dataclasses.field(default_factory=list)
    unreadable: list[str] = dataclasses.field(default_factory=list)  # file names


TRUST_SUFFIXES = (".pem", ".crt", ".cer", ".der")


def read_trust(trust_dir: Path | None) -> TrustFolder:
    """Trust anchors (*.pem, *.crt, *.cer, *.der) and CRLs (*.crl) from a directory; a file that
    cannot be read is listed in ``unreadable`` (and logged), never hides the others."""
    from asn1crypto import crl as asn1_crl
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    out = TrustFolder()
    if not trust_dir:
        return out
    for path in sorted(Path(trust_dir).iterdir()):
        if not path.is_file():
            continue
        data = path.read_bytes()
        try:
            if path.suffix.lower() == ".crl":
                if pem.detect(data):
                    _, _, data = pem.unarmor(data)
                out.crls.append(asn1_crl.CertificateList.load(data))
            elif path.suffix.lower() in TRUST_SUFFIXES:
                blobs = [der for _, _,
                         der in pem.unarmor(data, multiple=True)] if pem.detect(data) else [data]
                certs = [asn1_x509.Certificate.load(der) for der in blobs]
                for c in certs:
                    c.native  # noqa: B018 - parse now (asn1crypto parses lazily)
                out.roots.extend(certs)
        except Exception as exc:  # noqa: BLE001 - one bad file must not hide the others
            log.warning("Ignoring unreadable trust file %s: %s", path.name, exc)
            out.unreadable.append(path.name)
    return out


def load_trust(trust_dir: Path | None) -> tuple[list[Certificate], list[CertificateList]]:
    """Trust anchors and CRLs from a directory (unreadable files skipped, logged)."""
    folder = read_trust(trust_dir)
    return folder.roots, folder.crls


def _name(cert: Certificate) -> str:
    try:
        return str(cert.subject.native.get("common_name") or cert.subject.human_friendly)
    except Exception:  # noqa: BLE001
        return "?"


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(VN_TZ).isoformat(timespec="seconds") if value else None


def _file_report(name: str, code: str, detail: str = "", *, signed: bool | None = None) -> VerificationReport:
    r = reason(code, detail=detail)
    m = r.message
    return VerificationReport(file=name, status=INDETERMINATE, signed=signed, reasons=[r],
                              message=Msg(vi=f"{name}: {m.vi[:1].lower()}{m.vi[1:]}",
                                          en=f"{name}: {m.en[:1].lower()}{m.en[1:]}"))


T = TypeVar("T")


def _run(coro: Coroutine[Any, Any, T]) -> T:
    """Run pyHanko's async validation from sync code, also when called inside an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def verify_pdf(source: Path | bytes, *, trust_dir: Path | None = None, name: str | None = None,
               revocation: RevocationPolicy = DEFAULT_REVOCATION, fetch: bool = True,
               fetch_timeout_s: float = 10.0) -> VerificationReport:
    """Verify every signature of a PDF, whatever its first bytes. Never raises for bad input: the
    report says what is wrong. ``fetch``: may CRLs / OCSP responses be fetched online."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    label = name or (Path(source).name if isinstance(source, Path) else "document.pdf")
    try:
        data = Path(source).read_bytes() if isinstance(source, Path) else bytes(source)
    except OSError as exc:
        # A file that is not there, or cannot be opened, is not a damaged PDF: say which it is.
        if isinstance(exc, FileNotFoundError):
            return _file_report(label, "NOT_FOUND")
        return _file_report(label, "READ_ERROR", str(exc.strerror or exc))
    if len(data) > MAX_BYTES:
        return _file_report(label, "FORMAT_FAILURE", f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    header_at = data.find(b"%PDF-", 0, HEADER_WINDOW)
    if header_at < 0:
        return _file_report(label, "FORMAT_FAILURE", "no %PDF- header")
    roots, crls = load_trust(trust_dir)
    try:
        # Bytes before the header: judge what a lenient reader shows (the PDF from its header on);
        # the file as a whole is INVALID anyway (BYTES_BEFORE_HEADER).
        reader = PdfFileReader(io.BytesIO(data[header_at:] if header_at else data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as exc:  # noqa: BLE001 - malformed PDFs raise many types
        return _file_report(label, "FORMAT_FAILURE", str(exc))
    if not embedded:
        no_sig = _file_report(label, "NO_SIGNATURE", signed=False)
        no_sig.revocation_policy = revocation.value
        return no_sig
    spec = _validation_spec(roots, crls, revocation, fetch, fetch_timeout_s)
    signature_fields = {getattr(s, "field_name", None) for s in embedded}
    revinfo = _has_revocation_info(reader)
    reports: list[SignatureReport] = []
    for sig in embedded:
        if getattr(sig, "sig_object_type", None) == "/DocTimeStamp":
            log.info("%s: document timestamp %s not judged as a signature", label, sig.field_name)
            continue
        report = _check(sig, spec, revocation, signature_fields)
        if report.timestamp_time:
            report.level = "B-LT" if revinfo else "B-T"
        reports.append(report)
    if not reports:  # only document timestamps
        return _file_report(label, "NO_SIGNATURE", signed=False)
    file_reasons: list[Reason] = []
    if header_at > 0:
        file_reasons.append(reason("BYTES_BEFORE_HEADER", detail=str(header_at)))
    status = max([r.status for r in reports] + ([INVALID] if file_reasons else []), key=_RANK.__getitem__)
    all_reasons = file_reasons + [r for s in reports for r in s.reasons]
    if file_reasons:
        message = file_reasons[0].message
    else:
        message = next((r for r in reports if r.status == status), reports[0]).message
    if status == VALID:  # notes (soft-fail) stay on the signature; a VALID file has no reasons
        all_reasons = []
    return VerificationReport(file=label, status=status, signed=True, signatures=reports, reasons=all_reasons,
                              message=message, revocation_policy=revocation.value)


def _validation_spec(roots: list[Certificate], crls: list[CertificateList], revocation: RevocationPolicy,
                     fetch: bool, timeout_s: float) -> PdfSignatureValidationSpec:
    from pyhanko.sign.validation.policy_decl import (
        LocalKnowledge,
        PdfSignatureValidationSpec,
        RevinfoOnlineFetchingRule,
        RevocationInfoGatheringSpec,
        SignatureValidationSpec,
    )
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko_certvalidator.context import CertValidationPolicySpec
    from pyhanko_certvalidator.fetchers.requests_fetchers import RequestsFetcherBackend
    from pyhanko_certvalidator.policy_decl import CertRevTrustPolicy
    from pyhanko_certvalidator.registry import SimpleTrustManager
    from pyhanko_certvalidator.revinfo.archival import CRLContainer


    policy = CertValidationPolicySpec(trust_manager=SimpleTrustManager.build(trust_roots=roots),
                                      revinfo_policy=CertRevTrustPolicy(_checking_policy(revocation)))
    gathering = RevocationInfoGatheringSpec(
        online_fetching_rule=(RevinfoOnlineFetchingRule.NO_HISTORICAL_FETCH if fetch
                              else RevinfoOnlineFetchingRule.LOCAL_ONLY),
        fetcher_backend=RequestsFetcherBackend(per_request_timeout=int(max(1, timeout_s))) if fetch else None,
    )
    spec = SignatureValidationSpec(
        cert_validation_policy=policy, revinfo_gathering_policy=gathering,
        local_knowledge=LocalKnowledge(known_crls=[CRLContainer(c) for c in crls]),
        # The same rule the signer applies (app.sign.tokens.check_signing_certificate).
        key_usage_settings=KeyUsageConstraints(key_usage=set(SIGNING_KEY_USAGES), match_all_key_usages=False),
    )
    return PdfSignatureValidationSpec(spec, diff_policy=_diff_policy())


def _diff_policy() -> Any:
    """pyHanko's default diff policy, plus one rule: new markup annotations (not form widgets)
    appended to a page's /Annots, with nothing else on the page changed, are cleared at level
    ANNOTATIONS instead of being left unexplained. The verdict for that level is INDETERMINATE
    after an approval signature (``ANNOTATED_AFTER_SIGNING``) and a DocMDP violation (INVALID)
    on a certified copy, whose P=1 allows no annotation."""
    from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, ModificationLevel, StandardDiffPolicy
    from pyhanko.sign.diff_analysis.rules_api import WhitelistRule

    class NewAnnotationRule(WhitelistRule):
        def apply(self, old: Any, new: Any) -> Any:
            return _new_annotations(old, new)

    return StandardDiffPolicy(
        global_rules=[*DEFAULT_DIFF_POLICY.global_rules,
                      NewAnnotationRule().as_qualified(ModificationLevel.ANNOTATIONS)],
        form_rule=DEFAULT_DIFF_POLICY.form_rule,
    )


def _page_refs(node: Any, depth: int = 0) -> list[Any]:
    """The references of the leaf /Page objects under a page tree node, in order."""
    if depth > 64:
        raise ValueError("page tree too deep")
    refs: list[Any] = []
    for kid in node.get_object()["/Kids"]:
        obj = kid.get_object()
        if obj.get("/Type") == "/Pages":
            refs.extend(_page_refs(obj, depth + 1))
        else:
            refs.append(kid.reference)
    return refs


def _annot_refs(page: Any) -> set[Any]:
    if "/Annots" not in page:
        return set()
    return {a.reference for a in page.raw_get("/Annots").get_object() if hasattr(a, "reference")}


def _new_annotations(old: Any, new: Any) -> Any:
    """The rule behind ``_diff_policy``: clears pages whose only change is new (non-widget)
    annotations, and those annotations with the objects they bring (appearance streams, pop-ups).
    Anything else stays unexplained."""
    from pyhanko.sign.diff_analysis.commons import compare_dicts
    from pyhanko.sign.diff_analysis.rules_api import ReferenceUpdate

    try:
        old_pages, new_pages = _page_refs(old.root["/Pages"]), _page_refs(new.root["/Pages"])
    except Exception:  # noqa: BLE001 - a damaged page tree is judged by the other rules
        return
    if old_pages != new_pages:
        return
    for page_ref in new_pages:
        try:
            old_page, new_page = old(page_ref), new(page_ref)
            old_annots, new_annots = _annot_refs(old_page), _annot_refs(new_page)
            added = new_annots - old_annots
            if not added or old_annots - new_annots:
                continue
            annots = {ref: new(ref) for ref in added}
            if any(not old.is_ref_unassignable(ref) or a.get("/Subtype") in ("/Widget", None)
                   for ref, a in annots.items()):
                continue  # a reused object, or a form widget (the form rules judge those)
            if not compare_dicts(old_page, new_page, frozenset(["/Annots"]), raise_exc=False):
                continue
            updates = [ReferenceUpdate(page_ref)]
            raw = new_page.raw_get("/Annots")
            if hasattr(raw, "reference"):
                updates.append(ReferenceUpdate(raw.reference))
            for ref, annot in annots.items():
                updates.append(ReferenceUpdate(ref))
                deps = new.collect_dependencies(annot, since_revision=old.revision + 1)
                updates.extend(ReferenceUpdate(d) for d in deps if d not in new_pages)
        except Exception:  # noqa: BLE001 - anything unusual stays unexplained
            log.debug("annotation rule skipped page %s", page_ref, exc_info=True)
            continue
        yield from updates


def _checking_policy(revocation: RevocationPolicy) -> Any:
    """pyHanko's revocation checking rules for a named policy (trust anchors are never checked)."""
    from pyhanko_certvalidator.policy_decl import RevocationCheckingPolicy
    from pyhanko_certvalidator.policy_decl import RevocationCheckingRule as Rule

    leaf, ca = {
        RevocationPolicy.SOFT_FAIL: (Rule.CHECK_IF_DECLARED_SOFT, Rule.CHECK_IF_DECLARED_SOFT),
        RevocationPolicy.HARD_FAIL: (Rule.CRL_OR_OCSP_REQUIRED, Rule.CHECK_IF_DECLARED),
        RevocationPolicy.REQUIRE: (Rule.CRL_OR_OCSP_REQUIRED, Rule.CRL_OR_OCSP_REQUIRED),
    }[revocation]
    return RevocationCheckingPolicy(ee_certificate_rule=leaf, intermediate_ca_cert_rule=ca)


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


_TRUST_CODES = {
    "REVOKED": "REVOKED", "REVOKED_NO_POE": "REVOKED", "REVOKED_CA_NO_POE": "REVOKED",
    "EXPIRED": "EXPIRED", "OUT_OF_BOUNDS_NO_POE": "EXPIRED", "OUT_OF_BOUNDS_NOT_REVOKED": "EXPIRED",
    "NOT_YET_VALID": "NOT_YET_VALID",
    "NO_CERTIFICATE_CHAIN_FOUND": "UNTRUSTED", "CERTIFICATE_CHAIN_GENERAL_FAILURE": "UNTRUSTED",
    "TRY_LATER": "REVOCATION_UNAVAILABLE", "REVOCATION_OUT_OF_BOUNDS_NO_POE": "REVOCATION_UNAVAILABLE",
    "CHAIN_CONSTRAINTS_FAILURE": "KEY_USAGE",
}


def _check(sig: Any, spec: Any, revocation: RevocationPolicy, signature_fields: set[Any]) -> SignatureReport:
    from pyhanko.sign.ades.report import AdESFailure, AdESPassed
    from pyhanko.sign.validation.ades import ades_lta_validation

    field_name = getattr(sig, "field_name", "?") or "?"
    try:
        res = _run(ades_lta_validation(sig, spec))
        st = res.api_status
        if st is None:
            raise ValueError(res.failure_msg or "no status")
    except Exception as exc:  # noqa: BLE001 - broken signature dictionaries, bad CMS...
        log.info("Signature %s cannot be checked: %s", field_name, exc)
        r = reason("SIG_CRYPTO_FAILURE", who=field_name)
        return SignatureReport(
            field=field_name, signer="?", issuer="?", signing_time=None, timestamp_time=None, intact=False,
            trusted=False, coverage="unknown", modified_after_signing="unknown", status=INVALID,
            reasons=[r], message=Msg(vi=r.message.vi, en=f"Signature {field_name}: {r.message.en} ({exc})"),
        )
    signer, issuer = _name(st.signing_cert), _issuer(st.signing_cert)
    ts = st.timestamp_validity.timestamp if st.timestamp_validity else None
    when = st.signer_reported_dt or getattr(sig, "self_reported_timestamp", None) or ts
    when_txt = _iso(when) or "?"
    coverage = st.coverage.name.lower() if st.coverage else "unknown"
    level = st.modification_level.name if getattr(st, "modification_level", None) is not None else "NONE"
    changed = set(getattr(st.diff_result, "changed_form_fields", None) or ()) if st.diff_result else set()
    filled = sorted(str(f) for f in changed - signature_fields)
    certified = bool(getattr(sig, "docmdp_level", None) is not None and _is_certification(sig))
    modified = {"NONE": "none", "LTA_UPDATES": "allowed", "ANNOTATIONS": "annotations"}.get(level, "content")
    if level == "FORM_FILLING":
        modified = "form" if filled else "allowed"
    subindic = getattr(res, "ades_subindic", None)
    sub_name = getattr(subindic, "name", "")
    log.debug("AdES result of %s: %s (%s)", field_name, sub_name, res.failure_msg)
    timestamped = ts is not None
    reasons: list[Reason] = []
    status = VALID
    if not st.intact:
        reasons, status = [reason("HASH_FAILURE", who=signer)], INVALID
    elif not st.valid:
        reasons, status = [reason("SIG_CRYPTO_FAILURE", who=signer)], INVALID
    elif coverage not in ("entire_file", "entire_revision"):
        # The /ByteRange does not cover a whole revision (signature wrapping, bytes slipped in
        # between): no diff analysis can vouch for what is shown.
        reasons, status = [reason("NOT_COVERED", who=signer)], INVALID
    elif st.docmdp_ok is False and (certified or modified != "content"):
        reasons, status = [reason("DOCMDP_VIOLATION", who=signer)], INVALID
    elif modified == "content":
        reasons, status = [reason("MODIFIED_AFTER_SIGNING", who=signer)], INVALID
    else:
        trust_code = ""
        if isinstance(subindic, AdESPassed):
            pass  # validated now, or at the timestamp's time (proof of existence)
        elif isinstance(subindic, AdESFailure):
            trust_code = _TRUST_CODES.get(sub_name, "INDETERMINATE_OTHER")
            if sub_name == "REVOKED":
                status = INVALID
        elif not timestamped and sub_name == "SIG_CONSTRAINTS_FAILURE":
            # No timestamp: pyHanko's AdES-with-time step cannot pass by construction; the basic
            # validation at the current time (its api_status) decides.
            trust_code = _trust_code(st, sub_name)
        else:
            # Timestamped, and AdES did not pass: when the validation at the current time holds
            # (trusted, not revoked) the signature stands on it; otherwise the AdES reason is kept
            # (EXPIRED without a usable proof of existence, REVOKED, ...).
            trust_code = _trust_code(st, sub_name) or _expiry_code(st, ts)
        if trust_code == "UNTRUSTED" and revocation is not RevocationPolicy.SOFT_FAIL and _chain_general(st):
            # A chain that reaches a trust anchor but fails "in general" under hard-fail: the
            # revocation info that policy requires was not found.
            trust_code = "REVOCATION_UNAVAILABLE"
        if not trust_code and getattr(st, "revoked", False):
            trust_code = "REVOKED"
        if trust_code == "REVOKED":
            # Revoked, and nothing (no timestamp before the revocation) proves it signed while its
            # certificate still stood: the signature is rejected, not merely unconfirmed.
            status = INVALID
        if trust_code:
            if status == VALID:
                status = INDETERMINATE
            reasons.append(reason(trust_code, who=signer, detail=sub_name))
        if modified == "annotations":
            status = max(status, INDETERMINATE, key=_RANK.__getitem__)
            reasons.append(reason("ANNOTATED_AFTER_SIGNING", who=signer))
        elif modified == "form":
            status = max(status, INDETERMINATE, key=_RANK.__getitem__)
            reasons.append(reason("FORM_FILLED_AFTER_SIGNING", who=signer, detail=", ".join(filled)))
    if status == VALID and revocation is RevocationPolicy.SOFT_FAIL and not _revocation_checked(st, res):
        reasons.append(reason("REVOCATION_NOT_CHECKED", who=signer))
    if status == VALID:
        message = Msg(vi=f"Chữ ký hợp lệ của {signer} (do {issuer} cấp) lúc {when_txt}",
                      en=f"Valid signature of {signer} (issued by {issuer}) on {when_txt}")
    else:
        message = Msg(vi=f"Do {signer} ký lúc {when_txt}: " + "; ".join(r.message.vi for r in reasons),
                      en=f"Signed by {signer} on {when_txt}: " + "; ".join(r.message.en for r in reasons))
    return SignatureReport(
        field=field_name, signer=signer, issuer=issuer, signing_time=_iso(when), timestamp_time=_iso(ts),
        intact=bool(st.intact), trusted=bool(st.trusted) or isinstance(subindic, AdESPassed),
        coverage=coverage,
        modified_after_signing=modified, status=status, certified=certified, ades_indication=sub_name,
        reasons=reasons, message=message,
    )


def _expiry_code(st: Any, ts: datetime | None) -> str:
    """Point in time for a timestamped signature whose AdES past validation did not conclude
    (pyHanko 0.38 wants a proof of existence for every CA certificate, which only a document
    timestamp gives): the signature timestamp, validated by pyHanko (token intact and trusted),
    is the proof of existence; the signer's certificate must have been within its validity then.
    The certificate chain itself was validated by pyHanko (``trusted``)."""
    cert = st.signing_cert
    not_before, not_after = cert.not_valid_before, cert.not_valid_after
    if datetime.now(UTC) <= not_after:
        return ""
    tsv = st.timestamp_validity
    if ts is None or tsv is None or not (tsv.intact and tsv.valid and tsv.trusted):
        return "EXPIRED"
    return "" if not_before <= ts <= not_after else "EXPIRED"


def _chain_general(st: Any) -> bool:
    return getattr(st.trust_problem_indic, "name", "") == "CERTIFICATE_CHAIN_GENERAL_FAILURE"


def _trust_code(st: Any, sub_name: str) -> str:
    if getattr(st, "revoked", False):
        return "REVOKED"
    if st.trusted:
        return ""
    indic = getattr(st.trust_problem_indic, "name", "") or sub_name
    return _TRUST_CODES.get(indic, "UNTRUSTED" if not indic else "INDETERMINATE_OTHER")


def _revocation_checked(st: Any, res: Any) -> bool:
    """Whether revocation info for the signer's certificate was actually found and used."""
    details = getattr(st, "revocation_details", None)
    if details is not None:
        return True
    objects = getattr(res, "validation_objects", None)
    try:
        from pyhanko_certvalidator.ltv.poe import ValidationObjectType

        return any(vo.object_type in (ValidationObjectType.CRL,
                                      ValidationObjectType.OCSP_RESPONSE) for vo in objects or ())
    except Exception:  # noqa: BLE001 - reporting detail only
        return False


def _is_certification(sig: Any) -> bool:
    try:
        from pyhanko.sign.fields import SigSeedSubFilter  # noqa: F401 - pyHanko present

        refs = sig.sig_object.get("/Reference")
        return bool(refs) and any(str(r.get_object().get("/TransformMethod")) == "/DocMDP" for r in refs)
    except Exception:  # noqa: BLE001
        return False


def _issuer(cert: Certificate) -> str:
    try:
        return str(cert.issuer.native.get("common_name") or cert.issuer.human_friendly)
    except Exception:  # noqa: BLE001
        return "?"


@dataclass(frozen=True)
class Refusal:
    title: str
    message_en: str
    message_vi: str


def attachment_refusal(path: Path, name: str, *, trust_dir: Path | None,
                       require_signed: bool) -> Refusal | None:
    """Why a server refuses an attached document, or None. Every file goes through verify_pdf,
    whatever its first bytes: a broken or modified signature (INVALID) is always refused; with
    trust anchors configured an INDETERMINATE signature is refused too; with ``require_signed``
    an unsigned document or a file that is not a PDF is refused."""
    # Without trust anchors nothing chains, so nothing is fetched for it (no requests to
    # addresses taken from an uploaded certificate).
    report = verify_pdf(path, trust_dir=trust_dir, name=name, fetch=trust_dir is not None)
    if report.signed is None:
        if not require_signed and report.codes == ["FORMAT_FAILURE"] and _not_pdf_at_all(path):
            return None  # another kind of attachment (an image, an XML form): nothing to verify
        return Refusal("Unreadable PDF" if not require_signed else "Not a signed PDF",
                       f"{name}: attachments must be readable signed PDF documents ({report.message.en})",
                       f"{name}: tài liệu đính kèm phải là tệp PDF có chữ ký số đọc được "
                       f"({report.message.vi})")
    if report.signed and report.status == INVALID:
        return Refusal("Invalid signature", f"{name}: {report.message.en}", f"{name}: {report.message.vi}")
    if report.signed is False and require_signed:
        return Refusal("Unsigned document", f"{name}: the document carries no digital signature",
                       f"{name}: tài liệu chưa được ký số")
    if report.signed and report.status == INDETERMINATE and trust_dir is not None:
        return Refusal("Untrusted signature", f"{name}: {report.message.en}", f"{name}: {report.message.vi}")
    return None


def _not_pdf_at_all(path: Path) -> bool:
    """No ``%PDF-`` anywhere in the file: not a PDF (a PDF behind junk bytes still is one)."""
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            if b"%PDF-" in chunk:
                return False
    return True
