import io
import random
import subprocess
from pathlib import Path

import pytest

from app.sign.appearance import AppearanceKind, AppearanceOptions
from app.sign.signer import SignOptions, sign_with_key_file
from app.sign.verify import verify_pdf
from app.testing.pki import TestPki
from tests.conftest import CliRunner, cli_json


@pytest.fixture(scope="module")
def signed_pdf(tmp_path_factory: pytest.TempPathFactory, pki: TestPki) -> Path:
    from app.sign.pdf import build_pdf
    from tests.sign.conftest import page_image

    d = tmp_path_factory.mktemp("verify")
    build_pdf([page_image(d / "p.png", dpi=100)], d / "in.pdf")
    return sign_with_key_file(d / "in.pdf", d / "signed.pdf", pki.officer,
                              SignOptions(appearance=AppearanceOptions(kind=AppearanceKind.INVISIBLE)))


def test_verify_cli_json(cli: CliRunner, signed_pdf: Path, pki: TestPki, a4_pdf: Path) -> None:
    res = cli("verify", signed_pdf, "--trust", pki.trust_dir, "--json")
    data = cli_json(res)
    assert res.returncode == 0 and data["status"] == "VALID"
    sig = data["signatures"][0]
    assert set(sig) >= {"field", "signer", "issuer", "signing_time", "timestamp_time", "intact", "trusted",
                        "coverage", "modified_after_signing", "reasons"}
    assert sig["signer"] == "Nguyễn Văn An" and sig["intact"] and sig["trusted"]
    assert sig["signing_time"].endswith("+07:00")
    unsigned = cli_json(cli("verify", a4_pdf, "--json"))
    assert unsigned["status"] == "INDETERMINATE" and unsigned["signed"] is False


def test_untrusted_is_indeterminate_and_revoked_invalid(signed_pdf: Path, pki: TestPki,
                                                        tmp_path: Path) -> None:
    assert verify_pdf(signed_pdf).status == "INDETERMINATE"
    trust = tmp_path / "trust"
    trust.mkdir()
    (trust / "root.pem").write_bytes(pki.root.read_bytes())
    # Only the root: no revocation info anywhere (nothing listens at the CRL address) -> not VALID.
    nothing = verify_pdf(signed_pdf, trust_dir=trust)
    assert (nothing.status == "INDETERMINATE"
            and nothing.codes == ["REVOCATION_UNAVAILABLE"]), nothing.as_dict()
    (trust / "inter.crl").write_bytes(pki.crl.read_bytes())  # type: ignore[union-attr]
    (trust / "root.crl").write_bytes(pki.root_crl.read_bytes())  # type: ignore[union-attr]
    revoked = sign_with_key_file(signed_pdf.with_name("in.pdf"), tmp_path / "r.pdf", pki.revoked,
                                 SignOptions(appearance=AppearanceOptions(kind=AppearanceKind.INVISIBLE)))
    report = verify_pdf(revoked, trust_dir=trust)
    assert report.status == "INVALID" and report.codes == ["REVOKED"] and "thu hồi" in report.message.vi
    assert verify_pdf(signed_pdf, trust_dir=trust).status == "VALID"
    assert verify_pdf(signed_pdf,
                      trust_dir=pki.trust_dir).status == "VALID"  # the test PKI puts its CRLs there


def test_second_signature_is_an_allowed_update(signed_pdf: Path, pki: TestPki, tmp_path: Path) -> None:
    twice = sign_with_key_file(signed_pdf, tmp_path / "twice.pdf", pki.agency,
                               SignOptions(appearance=AppearanceOptions(kind=AppearanceKind.INVISIBLE)))
    report = verify_pdf(twice, trust_dir=pki.trust_dir)
    assert report.status == "VALID" and len(report.signatures) == 2
    assert report.signatures[0].modified_after_signing == "allowed"


def _corpus(data: bytes, rng: random.Random) -> list[tuple[str, bytes]]:
    n = len(data)
    start_of_sig = data.find(b"/Contents <")
    cases: list[tuple[str, bytes]] = []
    for _ in range(60):
        cases.append(("truncated", data[: rng.randrange(1, n - 1)]))
    for _ in range(40):
        cases.append(("garbage", bytes(rng.randrange(256) for _ in range(rng.randrange(0, 4000)))))
    for _ in range(50):  # flip bytes in the signed part before the signature value
        b = bytearray(data)
        pos = rng.randrange(100, start_of_sig - 10)
        b[pos] ^= 1 << rng.randrange(8)
        cases.append(("tampered", bytes(b)))
    for i in range(20):
        cases.append(("bad_xref",
                      data.replace(b"startxref", b"startxrfe", 1) if i % 2 else data.replace(b"xref",
                                                                                             b"xfer")))
    for _ in range(20):
        b = data.replace(b"/ByteRange [", f"/ByteRange [{rng.randrange(1, 99)} ".encode(), 1)
        cases.append(("byterange", b))
    for _ in range(10):
        huge = (data[:-6] + b"\n99 0 obj\n<< /Length 99999999999 >>\nstream\n" + b"A" * 1000
                + b"\nendstream\nendobj\n%%EOF\n")
        cases.append(("huge_object", huge))
    return cases


def test_two_hundred_malformed_pdfs_never_crash_and_never_pass(signed_pdf: Path, pki: TestPki) -> None:
    data = signed_pdf.read_bytes()
    cases = _corpus(data, random.Random(99))
    assert len(cases) >= 200
    for kind, blob in cases:
        report = verify_pdf(blob, trust_dir=pki.trust_dir, name=kind)
        assert report.status in ("VALID", "INDETERMINATE", "INVALID")
        if kind in ("tampered", "byterange") and report.signed:
            assert report.status == "INVALID", (kind, report.reasons)
        if kind in ("garbage",):
            assert report.status != "VALID"


def test_pdfsig_agrees_on_tampering(signed_pdf: Path, tmp_path: Path, pki: TestPki) -> None:
    data = bytearray(signed_pdf.read_bytes())
    data[data.find(b"/Producer") + 2] ^= 1
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(bytes(data))
    ours = verify_pdf(bad, trust_dir=pki.trust_dir)
    theirs = subprocess.run(["pdfsig", str(bad)], capture_output=True, text=True).stdout
    assert ours.status == "INVALID"
    assert "Signature is Valid" not in theirs
    assert io.BytesIO(data).getbuffer().nbytes == len(data)
