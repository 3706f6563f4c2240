"""The verification policy (docs/verification-policy.md) against a corpus of attacks, each a real
file made here, with a PKI whose CRL is published on loopback (as a CA publishes it)."""

from __future__ import annotations

import datetime as dt
import io
import socket
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.sign.appearance import AppearanceKind, AppearanceOptions
from app.sign.signer import SignOptions, sign_with_key_file
from app.sign.verify import INDETERMINATE, INVALID, VALID, RevocationPolicy, VerificationReport, verify_pdf
from app.testing.pki import Identity, TestPki, build_test_pki
from app.testing.tsa import TsaServer

INVISIBLE = SignOptions(appearance=AppearanceOptions(kind=AppearanceKind.INVISIBLE))
COPY = SignOptions(appearance=AppearanceOptions(kind=AppearanceKind.COPY, agency_name="UBND xã Demo"))


@dataclass
class Corpus:
    pki: TestPki
    server: TsaServer
    dir: Path
    plain: Path  # unsigned, one page
    form: Path  # unsigned, one page with an empty text field


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    from app.sign.pdf import build_pdf
    from tests.sign.conftest import page_image

    d = tmp_path_factory.mktemp("policy")
    port = _free_port()
    # The CRLs are only published (at the certificates' address) or embedded, never in the trust folder.
    pki = build_test_pki(d / "pki", name_prefix="Policy "
                                                "Test", crl_url=f"http://127.0.0.1:{port}/intermediate.crl",
                         crls_in_trust=False)
    server = TsaServer(pki, port=port).start()
    build_pdf([page_image(d / "p.png", dpi=72)], d / "plain.pdf")
    (d / "form.pdf").write_bytes(_with_text_field((d / "plain.pdf").read_bytes()))
    try:
        yield Corpus(pki, server, d, d / "plain.pdf", d / "form.pdf")
    finally:
        server.stop()


# -- building the attacks (incremental updates written with pyHanko's writer) ----------------------

def _writer(data: bytes):  # type: ignore[no-untyped-def]
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    return IncrementalPdfFileWriter(io.BytesIO(data), strict=False)


def _out(w) -> bytes:  # type: ignore[no-untyped-def]
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def _with_text_field(data: bytes) -> bytes:
    from pyhanko.pdf_utils import generic

    w = _writer(data)
    page_ref = w.find_page_for_modification(0)[0]
    widget = generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Annot"),
        generic.NameObject("/Subtype"): generic.NameObject("/Widget"),
        generic.NameObject("/FT"): generic.NameObject("/Tx"),
        generic.NameObject("/T"): generic.TextStringObject("SoTien"),
        generic.NameObject("/Rect"): generic.ArrayObject([generic.NumberObject(v) for v in (50, 50, 250,
                                                                                            80)]),
        generic.NameObject("/P"): page_ref,
    })
    ref = w.add_object(widget)
    w.register_annotation(page_ref, ref)
    acro = w.root.get("/AcroForm")
    if acro is None:
        w.root[generic.NameObject("/AcroForm")] = generic.DictionaryObject(
            {generic.NameObject("/Fields"): generic.ArrayObject([ref])})
        w.update_root()
    else:  # a signed document: the new field joins the signature fields
        acro = acro.get_object()
        acro["/Fields"].append(ref)
        w.update_container(acro)
    return _out(w)


def _add_annotation(data: bytes) -> bytes:
    from pyhanko.pdf_utils import generic

    w = _writer(data)
    page_ref = w.find_page_for_modification(0)[0]
    annot = generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Annot"),
        generic.NameObject("/Subtype"): generic.NameObject("/Text"),
        generic.NameObject("/Rect"): generic.ArrayObject([generic.NumberObject(v) for v in (60, 600, 400,
                                                                                            640)]),
        generic.NameObject("/Contents"): generic.TextStringObject("ĐÃ HỦY"),
        generic.NameObject("/DA"): generic.TextStringObject("/Helv 18 Tf 1 0 0 rg"),
    })
    w.register_annotation(page_ref, w.add_object(annot))
    return _out(w)


def _fill_field(data: bytes, value: str) -> bytes:
    from pyhanko.pdf_utils import generic

    w = _writer(data)
    for ref in w.root["/AcroForm"]["/Fields"]:
        obj = ref.get_object()
        if obj.get("/FT") == "/Tx":
            obj[generic.NameObject("/V")] = generic.TextStringObject(value)
            w.mark_update(ref)
    return _out(w)


def _replace_page_content(data: bytes) -> bytes:
    from pyhanko.pdf_utils import generic

    w = _writer(data)
    page_ref = w.find_page_for_modification(0)[0]
    page = page_ref.get_object()
    stream = generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 720 Td (forged) Tj ET")
    page[generic.NameObject("/Contents")] = w.add_object(stream)
    w.mark_update(page_ref)
    return _out(w)


def _add_dss_crl(data: bytes, *crl_ders: bytes) -> bytes:
    from asn1crypto import crl
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    sig = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures[0]
    buf = io.BytesIO(data)
    DocumentSecurityStore.add_dss(output_stream=buf, sig_contents=sig.pkcs7_content,
                                  crls=[crl.CertificateList.load(der) for der in crl_ders])
    return buf.getvalue()


def _crls(c: Corpus) -> list[bytes]:
    """What a B-LT document embeds: the CRLs covering the signer's and the intermediate's certificates."""
    assert c.pki.crl is not None and c.pki.root_crl is not None
    return [c.pki.crl.read_bytes(), c.pki.root_crl.read_bytes()]


def _sign_raw(data: bytes, who: Identity, pki: TestPki, *, ts_at: dt.datetime | None = None) -> bytes:
    """Sign with pyHanko directly, skipping our signer's own refusals (an expired or non-signing
    certificate), optionally with a timestamp from the test TSA dated ``ts_at``."""
    from asn1crypto import keys, pem
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign import fields, signers
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    signer = signers.SimpleSigner.load(str(who.key), str(who.cert),
                                       ca_chain_files=[str(p) for p in who.chain])
    stamper = None
    if ts_at is not None:
        assert pki.tsa is not None

        def cert(p: Path) -> asn1_x509.Certificate:
            return asn1_x509.Certificate.load(pem.unarmor(p.read_bytes())[2])

        stamper = DummyTimeStamper(cert(pki.tsa.cert),
                                   keys.PrivateKeyInfo.load(pem.unarmor(pki.tsa.key.read_bytes())[2]),
                                   certs_to_embed=SimpleCertificateStore.from_certs([cert(pki.intermediate),
                                                                                     cert(pki.root)]),
                                   fixed_dt=ts_at)
    meta = signers.PdfSignatureMetadata(field_name="Signature1", md_algorithm="sha256",
                                        subfilter=fields.SigSeedSubFilter.PADES)
    out = io.BytesIO()
    signers.PdfSigner(meta, signer, timestamper=stamper).sign_pdf(_writer(data), output=out)
    assert signer is not None
    return out.getvalue()


def _sign(c: Corpus, src: Path, who: Identity, options: SignOptions, name: str) -> bytes:
    return sign_with_key_file(src, c.dir / name, who, options).read_bytes()


def _verify(c: Corpus, data: bytes, **kw: object) -> VerificationReport:
    return verify_pdf(data, trust_dir=c.pki.trust_dir, **kw)  # type: ignore[arg-type]


def _codes(r: VerificationReport) -> set[str]:
    return {x.code for x in r.reasons}


def _pdfsig(path: Path) -> str:
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60).stdout


# -- the corpus -----------------------------------------------------------------------------------

def test_untouched_approval_and_certified_copy_are_valid(corpus: Corpus) -> None:
    approval = _sign(corpus, corpus.plain, corpus.pki.officer, INVISIBLE, "approval.pdf")
    r = _verify(corpus, approval)
    assert r.status == VALID and r.reasons == [], r.as_dict()
    # revocation was checked (CRL fetched)
    assert not r.signatures[0].certified and r.signatures[0].reasons == []
    certified = _sign(corpus, corpus.plain, corpus.pki.agency, COPY, "copy.pdf")
    rc = _verify(corpus, certified)
    assert rc.status == VALID and rc.signatures[0].certified
    for path in (corpus.dir / "approval.pdf", corpus.dir / "copy.pdf"):
        out = _pdfsig(path)
        assert "Signature is Valid" in out and "Total document signed" in out, out


def test_annotation_after_an_approval_signature_is_indeterminate(corpus: Corpus) -> None:
    # What is shown is no longer what was signed, but the signed revision is intact: INDETERMINATE.
    approval = _sign(corpus, corpus.plain, corpus.pki.officer, INVISIBLE, "approval2.pdf")
    annotated = _add_annotation(approval)
    r = _verify(corpus, annotated)
    assert r.status == INDETERMINATE and _codes(r) == {"ANNOTATED_AFTER_SIGNING"}, r.as_dict()
    assert r.signatures[0].modified_after_signing == "annotations"
    assert all(x.message.vi and x.message.en for x in r.reasons)
    path = corpus.dir / "annotated.pdf"
    path.write_bytes(annotated)
    assert "Not total document signed" in _pdfsig(path)
    # An annotation that also changes the page's content stays INVALID.
    r2 = _verify(corpus, _replace_page_content(annotated))
    assert r2.status == INVALID and "MODIFIED_AFTER_SIGNING" in _codes(r2), r2.as_dict()


def test_annotation_on_a_certified_copy_is_invalid(corpus: Corpus) -> None:
    certified = _sign(corpus, corpus.plain, corpus.pki.agency, COPY, "copy2.pdf")
    r = _verify(corpus, _add_annotation(certified))
    assert r.status == INVALID and "DOCMDP_VIOLATION" in _codes(r), r.as_dict()


def test_form_field_filled_after_signing_is_indeterminate(corpus: Corpus) -> None:
    signed = _sign(corpus, corpus.form, corpus.pki.officer, INVISIBLE, "form-signed.pdf")
    assert _verify(corpus, signed).status == VALID
    r = _verify(corpus, _fill_field(signed, "999.000.000 đồng"))
    assert r.status == INDETERMINATE and "FORM_FILLED_AFTER_SIGNING" in _codes(r), r.as_dict()
    assert "SoTien" in r.reasons[0].message.en


def test_form_field_added_after_signing_is_invalid(corpus: Corpus) -> None:
    signed = _sign(corpus, corpus.plain, corpus.pki.officer, INVISIBLE, "field-added.pdf")
    r = _verify(corpus, _with_text_field(signed))
    assert r.status == INVALID and "MODIFIED_AFTER_SIGNING" in _codes(r), r.as_dict()


def _wrap(data: bytes) -> bytes:
    """A second /ByteRange: a later revision redefines the signature dictionary (same signature
    value) with a /ByteRange of its own and a changed /Reason, hoping a checker reads the first."""
    from pyhanko.pdf_utils import generic

    w = _writer(data)
    field = next(f.get_object() for f in w.root["/AcroForm"]["/Fields"]
                 if f.get_object().get("/FT") == "/Sig")
    sig_ref = field.raw_get("/V")
    obj = sig_ref.get_object()
    a, b, c, d = (int(v) for v in obj["/ByteRange"])
    obj[generic.NameObject("/ByteRange")] = generic.ArrayObject([generic.NumberObject(v)
                                                                 for v in (a, b, c, d - 1)])
    obj[generic.NameObject("/Reason")] = generic.TextStringObject("Đồng ý chi 999 triệu đồng")
    w.mark_update(sig_ref)
    return _out(w)


def test_signature_wrapping_is_invalid(corpus: Corpus) -> None:
    signed = _sign(corpus, corpus.plain, corpus.pki.officer, INVISIBLE, "wrap.pdf")
    wrapped = corpus.dir / "wrapped.pdf"
    wrapped.write_bytes(_wrap(signed))
    r = _verify(corpus, wrapped.read_bytes())
    assert r.status == INVALID and "HASH_FAILURE" in _codes(r), r.as_dict()
    assert "Digest Mismatch" in _pdfsig(wrapped)


def test_second_signature_stays_valid_but_not_after_certification(corpus: Corpus) -> None:
    approval = corpus.dir / "approval3.pdf"
    approval.write_bytes(_sign(corpus, corpus.plain, corpus.pki.officer, INVISIBLE, "approval3.pdf"))
    twice = _sign(corpus, approval, corpus.pki.agency, COPY,
                  "twice.pdf")  # already signed: approval, not certification
    r = _verify(corpus, twice)
    assert r.status == VALID and [s.certified for s in r.signatures] == [False, False]
    assert r.signatures[0].modified_after_signing == "allowed"
    copy = corpus.dir / "copy3.pdf"
    copy.write_bytes(_sign(corpus, corpus.plain, corpus.pki.agency, COPY, "copy3.pdf"))
    from pyhanko.sign.general import SigningError

    with pytest.raises(SigningError, match="forbids all changes"):  # the certified copy is final
        _sign(corpus, copy, corpus.pki.officer, INVISIBLE, "after-cert.pdf")


def test_page_content_changed_in_an_incremental_update_is_invalid(corpus: Corpus) -> None:
    approval = _sign(corpus, corpus.plain, corpus.pki.officer, INVISIBLE, "approval4.pdf")
    forged = _replace_page_content(approval)
    r = _verify(corpus, forged)
    assert r.status == INVALID and "MODIFIED_AFTER_SIGNING" in _codes(r), r.as_dict()
    path = corpus.dir / "forged.pdf"
    path.write_bytes(forged)
    assert "Not total document signed" in _pdfsig(path)


def test_revoked_signer_with_crl_fetched_from_its_address(corpus: Corpus) -> None:
    revoked = _sign(corpus, corpus.plain, corpus.pki.revoked, INVISIBLE, "revoked.pdf")
    before = corpus.server.crl_requests
    r = _verify(corpus, revoked)
    assert r.status == INVALID and _codes(r) == {"REVOKED"}, r.as_dict()
    assert corpus.server.crl_requests > before
    path = corpus.dir / "revoked.pdf"
    assert "Signature is Valid" in _pdfsig(path)  # pdfsig does not check revocation: only the signature value
    assert "thu hồi" in r.message.vi


def test_revoked_signer_with_embedded_revocation_info_and_no_network(corpus: Corpus) -> None:
    revoked = _sign(corpus, corpus.plain, corpus.pki.revoked, INVISIBLE, "revoked2.pdf")
    assert corpus.pki.crl is not None
    with_dss = _add_dss_crl(revoked, *_crls(corpus))
    r = _verify(corpus, with_dss, fetch=False)
    assert r.status == INVALID and _codes(r) == {"REVOKED"}, r.as_dict()
    # Without the embedded CRL and without network the soft-fail policy cannot see it; the default
    # (hard-fail) does not call it VALID.
    assert _verify(corpus, revoked, fetch=False, revocation=RevocationPolicy.SOFT_FAIL).status == VALID
    hard = _verify(corpus, revoked, fetch=False)
    assert hard.status == INDETERMINATE and "REVOCATION_UNAVAILABLE" in _codes(hard), hard.as_dict()


def test_hard_fail_policy_needs_revocation_info(corpus: Corpus) -> None:
    approval = _sign(corpus, corpus.plain, corpus.pki.officer, INVISIBLE, "approval5.pdf")
    assert _verify(corpus, approval).status == VALID  # the default policy, CRLs fetched
    assert _verify(corpus, approval, revocation=RevocationPolicy.REQUIRE).status == VALID
    soft = _verify(corpus, approval, fetch=False, revocation=RevocationPolicy.SOFT_FAIL)
    assert soft.status == VALID and "REVOCATION_NOT_CHECKED" in {x.code for x in soft.signatures[0].reasons}
    hard = _verify(corpus, approval, fetch=False)
    assert hard.status == INDETERMINATE and "REVOCATION_UNAVAILABLE" in _codes(hard), hard.as_dict()
    assert hard.revocation_policy == "hard-fail"


def test_expired_signer_without_timestamp_is_indeterminate(corpus: Corpus) -> None:
    bare = _verify(corpus, _sign_raw(corpus.plain.read_bytes(), corpus.pki.expired, corpus.pki))
    assert bare.status == INDETERMINATE and "EXPIRED" in _codes(bare), bare.as_dict()


def test_expired_signer_with_a_timestamp_from_its_validity_is_valid(corpus: Corpus) -> None:
    data = corpus.plain.read_bytes()
    when = dt.datetime.now(dt.UTC) - dt.timedelta(days=100)  # inside the expired certificate's validity
    stamped = _sign_raw(data, corpus.pki.expired, corpus.pki, ts_at=when)
    assert corpus.pki.crl is not None
    r = _verify(corpus, _add_dss_crl(stamped, *_crls(corpus)))
    assert r.status == VALID, r.as_dict()
    assert (r.signatures[0].timestamp_time
            and r.signatures[0].timestamp_time[:10] == f"{when + dt.timedelta(hours=7):%Y-%m-%d}")
    # the same without embedded revocation info (CRLs fetched)
    assert _verify(corpus, stamped).status == VALID
    late = _sign_raw(data, corpus.pki.expired, corpus.pki,
                     ts_at=dt.datetime.now(dt.UTC))  # timestamp after expiry
    rl = _verify(corpus, late)
    assert rl.status == INDETERMINATE and "EXPIRED" in _codes(rl), rl.as_dict()


def test_key_usage_rule_is_the_same_for_signer_and_verifier(corpus: Corpus) -> None:
    from cryptography import x509

    from app.sign.errors import CertificateRejected
    from app.sign.tokens import check_signing_certificate

    assert corpus.pki.digital_only is not None
    # digitalSignature without nonRepudiation: the signer accepts it, so the verifier must too.
    signed = _sign(corpus, corpus.plain, corpus.pki.digital_only, INVISIBLE, "digital-only.pdf")
    r = _verify(corpus, signed)
    assert r.status == VALID, r.as_dict()
    # keyEncipherment only: the signer refuses it, the verifier does not trust a signature made with it.
    cert = x509.load_pem_x509_certificate(corpus.pki.no_signing.cert.read_bytes())
    with pytest.raises(CertificateRejected):
        check_signing_certificate(cert)
    bad = _verify(corpus, _sign_raw(corpus.plain.read_bytes(), corpus.pki.no_signing, corpus.pki))
    assert bad.status == INDETERMINATE and "KEY_USAGE" in _codes(bad), bad.as_dict()


def test_leading_garbage_is_invalid_and_checked_by_the_server_module(corpus: Corpus) -> None:
    from app.refserver.app import Problem, check_attachment

    approval = _sign(corpus, corpus.plain, corpus.pki.officer, INVISIBLE, "approval6.pdf")
    junk = corpus.dir / "junk.pdf"
    junk.write_bytes(b"\x00JUNK" + approval)
    r = _verify(corpus, junk.read_bytes())
    assert r.status == INVALID and "BYTES_BEFORE_HEADER" in _codes(r), r.as_dict()
    assert "Signature is Valid" not in _pdfsig(junk) or "Total document signed" not in _pdfsig(junk)
    with pytest.raises(Problem):
        check_attachment(junk, "junk.pdf", trust_dir=corpus.pki.trust_dir, require_signed=False)
    check_attachment(corpus.dir / "approval6.pdf", "ok.pdf", trust_dir=corpus.pki.trust_dir,
                     require_signed=True)


def test_cli_json_contract(corpus: Corpus, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import cli_json

    bad = tmp_path / "annotated.pdf"
    bad.write_bytes(_add_annotation(_sign(corpus, corpus.plain, corpus.pki.officer, INVISIBLE,
                                          "approval7.pdf")))
    res = cli("verify", "--json", "--trust", corpus.pki.trust_dir, bad, corpus.dir / "approval7.pdf")
    data = cli_json(res)
    assert res.returncode == 1 and [d["status"] for d in data] == [INDETERMINATE, VALID]
    assert data[0]["reasons"] and set(data[0]["reasons"][0]) == {"code", "message_vi", "message_en"}
    assert data[1]["reasons"] == []
    hard = cli_json(cli("verify", "--json", "--trust", corpus.pki.trust_dir, "--revocation", "hard-fail",
                        "--offline", corpus.dir / "approval7.pdf"))
    assert (hard["status"] == INDETERMINATE
            and [r["code"] for r in hard["reasons"]] == ["REVOCATION_UNAVAILABLE"])
    assert hard["revocation_policy"] == "hard-fail"
