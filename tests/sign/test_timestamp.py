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


def test_b_t_signature_carries_a_verified_timestamp(token: SoftToken, pki: TestPki, tsa: TsaServer, a4_pdf: Path,
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
        signed, stamped = sign_bytes(a4_pdf.read_bytes(), signer, SignOptions(**base, tsa_policy=TsaPolicy.WITHOUT))  # type: ignore[arg-type]
        assert not stamped and verify_pdf(signed, trust_dir=pki.trust_dir).status == "VALID"
    finally:
        slow.stop()
