"""Signing PDFs with pyHanko: PAdES B-B / B-T / B-LT, with the token (PKCS#11) or a key file.

B-LT is B-T plus the validation material of the signer's and the timestamp's certificates
(chain, CRLs / OCSP responses fetched from the addresses the certificates name) in the
document security store, added as an incremental update right after signing. When that material
cannot be fetched the document stays a complete B-T signature, marked for revocation info later.

A batch logs in once, signs each document in turn, reports progress and can be cancelled
between documents. The signed file is written next to its final name, fsynced and renamed, so
the unsigned original is never replaced by a partial file; when the token disappears mid-batch
the documents already signed are complete and the others are reported unsigned.
"""

from __future__ import annotations

import asyncio
import io
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pikepdf
from cryptography import x509
from PIL import Image

from app.sign.errors import CertificateRevoked, RevocationUnavailable
from app.sign.verify import load_trust

if TYPE_CHECKING:  # pyHanko and python-pkcs11 load lazily (a slow import); their types still check
    from pkcs11 import Session
    from pyhanko.pdf_utils.layout import InnerScaling
    from pyhanko.sign.signers import Signer
    from pyhanko.sign.timestamps import TimeStamper

from app.domain.codes import vn_now
from app.domain.errors import InvalidInput, MotcuaError
from app.sign.appearance import (
    AppearanceKind,
    AppearanceOptions,
    copy_stamp_box,
    copy_stamp_text,
    officer_box,
    officer_text,
    seal_image,
    seal_over_signature,
    serif_font,
)
from app.sign.errors import SigningCancelled, TimestampFailed, TokenError, TokenRemoved
from app.sign.tokens import check_signing_certificate, logged_in_session
from app.store.blobs import write_durably

log = logging.getLogger(__name__)


class Level(StrEnum):
    B_B = "b-b"
    B_T = "b-t"
    B_LT = "b-lt"


class TsaPolicy(StrEnum):
    FAIL = "fail"  # no timestamp, no signature
    WITHOUT = "without"  # sign without a timestamp and mark the document for a later one


@dataclass(frozen=True)
class SignOptions:
    level: Level = Level.B_B
    tsa_url: str = ""
    tsa_timeout_s: float = 30.0
    tsa_retries: int = 1
    tsa_policy: TsaPolicy = TsaPolicy.FAIL
    appearance: AppearanceOptions = field(default_factory=AppearanceOptions)
    reason: str = ""
    location: str = ""
    trust_dir: Path | None = None  # trust anchors (and local CRLs) for B-LT path building
    revocation_timeout_s: float = 20.0
    # Certification (DocMDP P=1: no change allowed except DSS / document timestamps). None: certify
    # our final archival output, the agency's certified copies (COPY appearance), when the PDF is
    # not signed yet (a certification signature must be the first one).
    certify: bool | None = None


@dataclass(frozen=True)
class SignResult:
    source: Path
    output: Path | None
    ok: bool
    timestamped: bool = False
    needs_timestamp: bool = False
    long_term: bool = False  # B-LT: validation info embedded
    needs_revocation_info: bool = False  # B-LT asked, revocation info not fetchable: B-T for now
    error_en: str = ""
    error_vi: str = ""


Progress = Callable[[int, int, Path], None]


def _page_size(data: bytes, page_index: int) -> tuple[float, float, int]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        count = len(pdf.pages)
        page = pdf.pages[page_index if page_index >= 0 else count + page_index]
        box = [float(v) for v in page.mediabox]
        return box[2] - box[0], box[3] - box[1], count


def _next_field_name(data: bytes) -> str:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        acro = pdf.Root.get("/AcroForm")
        names = {str(f.get("/T", "")) for f in acro.get("/Fields", [])} if acro is not None else set()
    n = 1
    while f"Signature{n}" in names:
        n += 1
    return f"Signature{n}"


def _already_signed(data: bytes) -> bool:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        acro = pdf.Root.get("/AcroForm")
        fields_: list[Any] = list(acro.get("/Fields", [])) if acro is not None else []
        return any(f.get("/FT") == "/Sig" and f.get("/V") is not None for f in fields_)


def _certifies(data: bytes, options: SignOptions) -> bool:
    wanted = (options.certify if options.certify is not None
              else options.appearance.kind is AppearanceKind.COPY)
    if wanted and _already_signed(data):
        if options.certify:
            raise InvalidInput("A certification signature must be the first signature of the document",
                               "Chữ ký chứng thực (khóa tài liệu) phải là chữ ký đầu tiên của tài liệu")
        log.info("Document already signed: approval signature instead of certification")
        return False
    return wanted


def _stamp(options: SignOptions, signer_name: str, when: datetime, page_w: float,
           page_h: float) -> tuple[Any, tuple[int, int, int, int] | None, int]:
    """(stamp style, box, page index) for pyHanko; box None for an invisible signature."""
    from pyhanko import stamp
    from pyhanko.pdf_utils import text
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.images import PdfImage

    app = options.appearance
    font = GlyphAccumulatorFactory(str(serif_font()), font_size=10)
    box_style = text.TextBoxStyle(font=font, font_size=10, text_color=(0, 0, 0))
    if app.kind is AppearanceKind.INVISIBLE:
        return None, None, 0
    from pyhanko.pdf_utils.layout import AxisAlignment, BoxConstraints, Margins, SimpleBoxLayoutRule

    if app.kind is AppearanceKind.COPY:
        if not app.agency_name.strip():
            raise InvalidInput("A certified copy stamp needs the agency "
                               "name", "Dấu sao y cần tên cơ quan sao")
        copy_text = copy_stamp_text(app.copy_kind, app.agency_name, when)
        if app.seal_image is None:
            style = stamp.TextStampStyle(stamp_text=copy_text, text_box_style=box_style, border_width=0,
                                         background=None)
            return style, copy_stamp_box(page_w, page_h), 0
        # The agency's seal at actual size at the left, the copy stamp's text at its right.
        png, (img_w, img_h) = seal_image(app.seal_image)
        cx1, cy1, cx2, cy2 = copy_stamp_box(page_w, page_h)
        copy_h = max(img_h, cy2 - cy1)
        copy_box = (round(max(0, cx1 - img_w - 6)), round(max(0, cy2 - copy_h)), cx2, cy2)
        style = stamp.TextStampStyle(
            stamp_text=copy_text, text_box_style=box_style, border_width=0,
            background=PdfImage(Image.open(io.BytesIO(png)), box=BoxConstraints(width=img_w, height=img_h)),
            background_opacity=1.0,
            background_layout=SimpleBoxLayoutRule(AxisAlignment.ALIGN_MIN, AxisAlignment.ALIGN_MID,
                                                  inner_content_scaling=_no_scaling()),
            inner_content_layout=SimpleBoxLayoutRule(AxisAlignment.ALIGN_MIN, AxisAlignment.ALIGN_MID,
                                                     margins=Margins(left=round(img_w) + 6)),
        )
        return style, copy_box, 0

    text_block = officer_text(app.signer_name or signer_name, app.signer_title, when)
    if app.kind is AppearanceKind.AGENCY:
        if not app.seal_image:
            raise InvalidInput("The agency appearance needs the seal image", "Chữ ký cơ quan cần ảnh con dấu")
        png, (img_w, img_h) = seal_over_signature(app.signature_image, app.seal_image)
        text_h = 13 * (text_block.count("\n") + 1) + 6
        # The images sit at actual size at the top of the box, the text lines below them: the
        # seal overlaps the signature, never the signer's name.
        x2, y1 = page_w - 28, 28
        box_w, box_h = max(img_w, 200), img_h + text_h
        box = (round(x2 - box_w), round(y1), round(x2), round(y1 + box_h))
        style = stamp.TextStampStyle(
            stamp_text=text_block, text_box_style=box_style, border_width=0,
            background=PdfImage(Image.open(io.BytesIO(png)), box=BoxConstraints(width=img_w, height=img_h)),
            background_opacity=1.0,
            background_layout=SimpleBoxLayoutRule(AxisAlignment.ALIGN_MIN, AxisAlignment.ALIGN_MAX,
                                                  margins=Margins(bottom=text_h),
                                                  inner_content_scaling=_no_scaling()),
            inner_content_layout=SimpleBoxLayoutRule(AxisAlignment.ALIGN_MIN, AxisAlignment.ALIGN_MIN),
        )
        return style, box, -1
    background = PdfImage(Image.open(app.signature_image)) if app.signature_image else None
    style = stamp.TextStampStyle(stamp_text=text_block, text_box_style=box_style, border_width=0,
                                 background=background, background_opacity=1.0)
    return style, officer_box(page_w, page_h), -1


def _no_scaling() -> InnerScaling:
    from pyhanko.pdf_utils.layout import InnerScaling

    return InnerScaling.NO_SCALING


def _timestamper(options: SignOptions) -> TimeStamper | None:
    if options.level is Level.B_B:
        return None
    if not options.tsa_url:
        raise InvalidInput(f"Level {options.level.value.upper()} needs a timestamp server (--tsa URL)",
                           f"Mức {options.level.value.upper()} cần máy chủ cấp dấu thời gian (TSA)")
    from pyhanko.sign.timestamps import HTTPTimeStamper

    return HTTPTimeStamper(options.tsa_url, timeout=int(max(1, options.tsa_timeout_s)))


def sign_bytes(data: bytes, signer: Signer, options: SignOptions) -> tuple[bytes, bool]:
    """Sign one PDF held in memory. Returns (signed bytes, timestamped)."""
    from pyhanko.sign import fields, signers

    when = vn_now()
    if signer.signing_cert is None:
        raise TokenError("The signer has no certificate", "Khóa ký không có chứng thư số")
    cert = x509.load_der_x509_certificate(signer.signing_cert.dump())
    check_signing_certificate(cert)
    signer_name = cert.subject.get_attributes_for_oid(x509.oid.NameOID.COMMON_NAME)[0].value
    page_w, page_h, _count = _page_size(data, 0)
    style, box, page = _stamp(options, str(signer_name), when, page_w, page_h)
    if page == -1:
        page_w, page_h, count = _page_size(data, -1)
        page = count - 1
        style, box, _ = _stamp(options, str(signer_name), when, page_w, page_h)
    field_name = _next_field_name(data)
    certify = _certifies(data, options)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        reason=options.reason or None, location=options.location or None, name=str(signer_name),
        certify=certify,
        docmdp_permissions=fields.MDPPerm.NO_CHANGES if certify else fields.MDPPerm.FILL_FORMS,
    )
    spec = fields.SigFieldSpec(field_name, on_page=page, box=box)
    attempts = max(1, options.tsa_retries + 1) if options.level is not Level.B_B else 1
    last_exc: Exception | None = None
    for attempt in range(attempts):
        timestamper = _timestamper(options)
        try:
            pdf_signer = signers.PdfSigner(meta, signer, timestamper=timestamper, stamp_style=style,
                                           new_field_spec=spec)
            return _sign_reserved(pdf_signer, data, timestamper is not None), timestamper is not None
        except MotcuaError:
            raise
        except Exception as exc:
            if timestamper is None or not _is_tsa_error(exc):
                raise
            last_exc = exc
            log.warning("Timestamp server failed (attempt %d/%d): %s", attempt + 1, attempts, exc)
    if options.tsa_policy is TsaPolicy.WITHOUT:
        b_b = SignOptions(level=Level.B_B, appearance=options.appearance, reason=options.reason,
                          location=options.location,
                          certify=options.certify)
        signed, _ = sign_bytes(data, signer, b_b)
        return signed, False
    raise TimestampFailed(f"Timestamp server {options.tsa_url} did not answer: {last_exc}",
                          f"Máy chủ cấp dấu thời gian không trả lời ({options.tsa_url}); chưa ký tài liệu")


def add_revocation_info(data: bytes, options: SignOptions) -> bytes:
    """Level B-LT: validate the last signature's certificate path (and its timestamp's) against
    the trust anchors, fetching the CRLs / OCSP responses the certificates name, and add the chain
    and that revocation info to the document security store in an incremental update.
    Raises RevocationUnavailable when the info cannot be fetched, CertificateRevoked when it
    says the signer's certificate is revoked."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import add_validation_info
    from pyhanko_certvalidator import ValidationContext
    from pyhanko_certvalidator.errors import RevokedError
    from pyhanko_certvalidator.fetchers.requests_fetchers import RequestsFetcherBackend


    if options.trust_dir is None:
        raise InvalidInput("Level B-LT needs the trust anchors (--trust DIR, or Settings)",
                           "Mức B-LT cần chứng thư gốc tin cậy (--trust, hoặc trong Cài đặt)")
    roots, crls = load_trust(options.trust_dir)
    if not roots:
        raise InvalidInput("No trust anchor in "
                           f"{options.trust_dir}", "Không có chứng thư gốc tin cậy trong "
                                                   f"{options.trust_dir}")
    vc = ValidationContext(trust_roots=roots, crls=crls, allow_fetching=True, revocation_mode="hard-fail",
                           fetcher_backend=RequestsFetcherBackend(per_request_timeout=int(max(1,
                                                                                              options.revocation_timeout_s))))
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    sig = reader.embedded_signatures[-1]
    try:
        out = add_validation_info(sig, vc, output=io.BytesIO())
    except Exception as exc:  # noqa: BLE001 - path building, fetch and revocation errors of several kinds
        seen: BaseException | None = exc
        while seen is not None:
            if isinstance(seen, RevokedError):
                raise CertificateRevoked(f"The signing certificate is revoked: {seen}",
                                         "Chứng thư số dùng để ký đã bị thu hồi; không dùng được chữ ký "
                                         "này") from exc
            seen = seen.__cause__ or seen.__context__
        raise RevocationUnavailable(f"Revocation info could not be obtained: {exc}",
                                    "Chưa lấy được thông tin thu hồi chứng thư (CRL/OCSP); tài liệu được ký "
                                    "ở mức B-T") from exc
    return bytes(out.getvalue())


# Room for the CMS signature in the PDF, reserved up front instead of pyHanko signing once more
# (a dry run) to measure it: a certificate chain of a few KB, plus the timestamp token when
# there is one. A chain too large for it is signed again with pyHanko's own estimate.
_RESERVED = {False: 16 * 1024, True: 28 * 1024}


def _sign_reserved(pdf_signer: Any, data: bytes, timestamped: bool) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.general import SigningError

    out = io.BytesIO()
    try:
        pdf_signer.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(data), strict=False), output=out,
                            bytes_reserved=_RESERVED[timestamped])
    except SigningError as exc:
        if "larger than expected" not in str(exc):
            raise
        log.info("Signature larger than the reserved room; signing again with an estimate")
        out = io.BytesIO()
        pdf_signer.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(data), strict=False), output=out)
    return bytes(out.getvalue())


def _is_tsa_error(exc: Exception) -> bool:
    """Only failures of the timestamp request itself trigger the TSA policy."""
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError

    try:
        from aiohttp import ClientError
    except ImportError:  # pragma: no cover - aiohttp comes with pyHanko's HTTP timestamper
        ClientError = OSError  # type: ignore[assignment,misc]  # noqa: N806
    seen: BaseException | None = exc
    while seen is not None:  # pyHanko may wrap the cause
        if isinstance(seen, TimestampRequestError | ClientError
                      | asyncio.TimeoutError | TimeoutError | ConnectionError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _output_path(src: Path, out_dir: Path) -> Path:
    return out_dir / src.name


def sign_files(inputs: Sequence[Path], out_dir: Path, signer: Signer, options: SignOptions, *,
               progress: Progress | None = None, cancel: threading.Event | None = None) -> list[SignResult]:
    """Sign each input into ``out_dir`` with an already logged-in signer."""
    out_dir.mkdir(parents=True, exist_ok=True)
    results: list[SignResult] = []
    total = len(inputs)
    stop_reason: tuple[str, str] | None = None
    for idx, src in enumerate(inputs):
        src = Path(src)
        if stop_reason is None and cancel is not None and cancel.is_set():
            stop_reason = ("Cancelled before signing", "Đã hủy trước khi ký")
        if stop_reason is not None:
            results.append(SignResult(src, None, False, error_en=stop_reason[0], error_vi=stop_reason[1]))
            continue
        if progress:
            progress(idx, total, src)
        try:
            data = src.read_bytes()
            signed, stamped = sign_bytes(data, signer, options)
            long_term = needs_revocation = False
            if options.level is Level.B_LT:
                signed, long_term = _long_term(signed, options, stamped, src)
                needs_revocation = not long_term
            dest = _output_path(src, out_dir)
            write_durably(dest, signed)
            needs_ts = options.level is not Level.B_B and not stamped
            results.append(SignResult(src, dest, True, timestamped=stamped, needs_timestamp=needs_ts,
                                      long_term=long_term, needs_revocation_info=needs_revocation))
            log.info("Signed %s -> %s (timestamp: %s, long-term: %s)", src.name, dest, stamped, long_term)
        except MotcuaError as exc:
            results.append(SignResult(src, None, False, error_en=exc.message_en, error_vi=exc.message_vi))
            if isinstance(exc, TokenError):
                stop_reason = (f"Not signed: {exc.message_en}", f"Chưa ký: {exc.message_vi}")
        except OSError as exc:
            results.append(SignResult(src, None, False, error_en=f"Cannot read {src.name}: {exc}",
                                      error_vi=f"Không đọc được {src.name}: {exc}"))
        except Exception as exc:  # noqa: BLE001 - pyHanko / PKCS#11 failures
            removed = _looks_removed(exc)
            en = "The token was removed" if removed else f"Signing failed: {exc}"
            vi = "Token đã bị rút ra" if removed else f"Ký số thất bại: {exc}"
            results.append(SignResult(src, None, False, error_en=en, error_vi=vi))
            log.error("Signing %s failed: %s", src.name, exc)
            if removed:
                stop_reason = ("Not signed: the token was removed", "Chưa ký: token đã bị rút ra")
    if progress:
        progress(total, total, Path(""))
    return results


def _long_term(signed: bytes, options: SignOptions, stamped: bool, src: Path) -> tuple[bytes, bool]:
    """(document, whether B-LT material was added). A revoked certificate fails the document."""
    if not stamped:
        # no timestamp (TSA policy "without"): LT material comes with the later timestamp
        return signed, False
    try:
        return add_revocation_info(signed, options), True
    except RevocationUnavailable as exc:
        log.warning("%s signed at B-T only: %s", src.name, exc.message_en)
        return signed, False


def _looks_removed(exc: Exception) -> bool:
    text = f"{type(exc).__name__} {exc}".lower()
    return any(word in text for word in ("devicremoved", "deviceremoved", "tokennotpresent",
                                         "sessionhandleinvalid",
                                          "device removed", "token not present", "session closed"))


def pkcs11_signer(session: Session, key_label: str) -> Signer:
    from pyhanko.sign.pkcs11 import PKCS11Signer

    return PKCS11Signer(session, cert_label=key_label, key_label=key_label, other_certs_to_pull=None)


def sign_with_token(inputs: Sequence[Path], out_dir: Path, *, module: str, pin: str, key_label: str,
                    token_label: str | None = None, options: SignOptions | None = None,
                    progress: Progress | None = None,
                    cancel: threading.Event | None = None) -> list[SignResult]:
    """Log in once and sign the batch. Raises WrongPin / PinLocked / TokenNotFound before any
    document is touched; a token removed mid-batch leaves the rest unsigned and says so."""
    options = options or SignOptions()
    with logged_in_session(module, pin, token_label) as session:
        try:
            signer = pkcs11_signer(session, key_label)
            signer.signing_cert  # noqa: B018 - fetch now: a missing key is reported before any file
        except Exception as exc:  # noqa: BLE001
            raise TokenError(f"No certificate/key labelled '{key_label}' on the token: {exc}",
                             f"Không có chứng thư/khóa '{key_label}' trên token") from exc
        if cancel is not None and cancel.is_set():
            raise SigningCancelled("Signing cancelled", "Đã hủy ký số")
        return sign_files(inputs, out_dir, signer, options, progress=progress, cancel=cancel)


def sign_with_key_file(pdf_in: Path, pdf_out: Path, identity: Any,
                       options: SignOptions | None = None) -> Path:
    """Sign with a software key (PEM key + certificate + chain). Used by the reference server's
    seed documents and by tests; officers sign with their token."""
    from pyhanko.sign import signers

    signer = signers.SimpleSigner.load(  # type: ignore[no-untyped-call]  # pyHanko: untyped
        str(identity.key), str(identity.cert),
                                       ca_chain_files=[str(p) for p in identity.chain])
    if signer is None:
        raise TokenRemoved(f"Cannot load key {identity.key}", f"Không nạp được khóa {identity.key}")
    signed, _ = sign_bytes(Path(pdf_in).read_bytes(), signer, options or SignOptions())
    write_durably(Path(pdf_out), signed)
    return Path(pdf_out)
