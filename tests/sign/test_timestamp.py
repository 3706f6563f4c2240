from pathlib import Path

import pytest

from app.sign.appearance import AppearanceKind, AppearanceOptions
from app.sign.errors import TimestampFailed
from app.sign.signer import Level, SignOptions, TsaPolicy, sign_bytes, sign_with_token
from app.sign.verify import verify_pdf
from app.testing.pki import TestPki
from app.testing.softhsm import SoftToken
from app.testing.tsa import TsaServer
from tests.sign.conftest import PIN


@pytest.fixture
def tsa(pki: TestPki):  # type: ignore[no-untyped-def]
    server = TsaServer(pki).start()
    yield server
    server.stop()


def test_b_t_signature_carries_a_verified_timestamp(token: SoftToken, pki: TestPki, tsa: TsaServer,
                                                    a4_pdf: Path,
                                                    tmp_path: Path) -> None:
    opts = SignOptions(level=Level.B_T, tsa_url=tsa.url, tsa_timeout_s=10,
                       appearance=AppearanceOptions(kind=AppearanceKind.INVISIBLE))
    res = sign_with_token([a4_pdf], tmp_path / "o", module=str(token.module), pin=PIN, key_label="officer",
                          token_label=token.label, options=opts)
    assert res[0].ok and res[0].timestamped, res[0].error_en
    report = verify_pdf(tmp_path / "o" / a4_pdf.name, trust_dir=pki.trust_dir)
    assert report.status == "VALID"
    assert report.signatures[0].timestamp_time and report.signatures[0].timestamp_time.endswith("+07:00")
    assert tsa.requests >= 1


def test_slow_tsa_times_out_and_the_policy_decides(pki: TestPki, a4_pdf: Path) -> None:
    from pyhanko.sign import signers

    slow = TsaServer(pki, delay_s=4).start()
    try:
        signer = signers.SimpleSigner.load(str(pki.officer.key), str(pki.officer.cert),
                                           ca_chain_files=[str(p) for p in pki.officer.chain])
        base = dict(level=Level.B_T, tsa_url=slow.url, tsa_timeout_s=1, tsa_retries=0,
                    appearance=AppearanceOptions(kind=AppearanceKind.INVISIBLE))
        with pytest.raises(TimestampFailed) as info:
            sign_bytes(a4_pdf.read_bytes(), signer, SignOptions(**base))  # type: ignore[arg-type]
        assert "dấu thời gian" in info.value.message_vi
        signed, stamped = sign_bytes(a4_pdf.read_bytes(), signer,
                                     SignOptions(**base,
                                                 tsa_policy=TsaPolicy.WITHOUT))  # type: ignore[arg-type]
        assert not stamped and verify_pdf(signed, trust_dir=pki.trust_dir).status == "VALID"
    finally:
        slow.stop()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_b_lt_embeds_the_fetched_crl_and_verifies_offline(tmp_path: Path, a4_pdf: Path) -> None:
    """A PKI whose certificates name a CRL address that answers: B-LT fetches it and embeds it."""
    import subprocess

    import pikepdf
    from pyhanko.sign import signers

    from app.sign.errors import CertificateRevoked
    from app.sign.signer import add_revocation_info
    from app.testing.pki import build_test_pki

    port = _free_port()
    lt_pki = build_test_pki(tmp_path / "pki", name_prefix="LT "
                                                          "Test",
                                                          crl_url=f"http://127.0.0.1:{port}/intermediate.crl",
                            crls_in_trust=False)  # published only: the signer must fetch them
    server = TsaServer(lt_pki, port=port).start()
    try:
        opts = SignOptions(level=Level.B_LT, tsa_url=server.url, tsa_timeout_s=10, trust_dir=lt_pki.trust_dir,
                           appearance=AppearanceOptions(kind=AppearanceKind.INVISIBLE))
        signer = signers.SimpleSigner.load(str(lt_pki.officer.key), str(lt_pki.officer.cert),
                                           ca_chain_files=[str(p) for p in lt_pki.officer.chain])
        signed, stamped = sign_bytes(a4_pdf.read_bytes(), signer, opts)
        lt = add_revocation_info(signed, opts)
        assert stamped and server.crl_requests >= 1
        out = tmp_path / "lt.pdf"
        out.write_bytes(lt)
        with pikepdf.open(out) as pdf:
            assert len(pdf.Root.DSS.CRLs) >= 1 and len(pdf.Root.DSS.Certs) >= 2
        report = verify_pdf(out, trust_dir=lt_pki.trust_dir)  # offline: no CRL handed over, none fetched
        assert report.status == "VALID" and report.signatures[0].level == "B-LT", report.message.en
        assert report.signatures[0].modified_after_signing in ("none", "allowed")
        assert "Signature is Valid" in subprocess.run(["pdfsig", str(out)], capture_output=True,
                                                      text=True).stdout

        revoked = signers.SimpleSigner.load(str(lt_pki.revoked.key), str(lt_pki.revoked.cert),
                                            ca_chain_files=[str(p) for p in lt_pki.revoked.chain])
        signed_by_revoked, _ = sign_bytes(a4_pdf.read_bytes(), revoked, opts)
        with pytest.raises(CertificateRevoked) as info:
            add_revocation_info(signed_by_revoked, opts)
        assert "thu hồi" in info.value.message_vi
    finally:
        server.stop()


def test_b_lt_without_reachable_revocation_info_stays_b_t_and_says_so(token: SoftToken, pki: TestPki,
                                                                      tsa: TsaServer,
                                                                     a4_pdf: Path, tmp_path: Path) -> None:
    # The shared test PKI names a CRL address where nothing listens; this trust folder holds only the root.
    roots_only = tmp_path / "roots-only"
    roots_only.mkdir()
    (roots_only / "root.pem").write_bytes(pki.root.read_bytes())
    opts = SignOptions(level=Level.B_LT, tsa_url=tsa.url, tsa_timeout_s=10, trust_dir=roots_only,
                       revocation_timeout_s=2, appearance=AppearanceOptions(kind=AppearanceKind.INVISIBLE))
    res = sign_with_token([a4_pdf], tmp_path / "o", module=str(token.module), pin=PIN, key_label="officer",
                          token_label=token.label, options=opts)
    assert res[0].ok and res[0].timestamped and not res[0].long_term and res[0].needs_revocation_info
    report = verify_pdf(tmp_path / "o" / a4_pdf.name, trust_dir=pki.trust_dir)
    assert report.status == "VALID" and report.signatures[0].level == "B-T"
