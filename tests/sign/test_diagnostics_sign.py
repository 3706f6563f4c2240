"""Diagnostics of the signing parts (Settings "test" buttons, through services.diagnostics): the
PKCS#11 module through sign.tokens, the trust folder through the verifier's own loading."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.domain.errors import InvalidInput
from app.services.diagnostics import check_pkcs11, check_trust_dir, installed_pkcs11_modules
from app.testing.pki import TestPki
from app.testing.softhsm import SoftToken


def test_pkcs11_check_names_the_token_and_its_certificates(token: SoftToken) -> None:
    res = check_pkcs11(str(token.module))
    assert res.ok and token.label in res.message.vi and token.label in res.message.en
    assert "3 cert" in res.message.en  # officer, agency, expired
    with pytest.raises(InvalidInput) as err:
        check_pkcs11(str(Path(token.module).parent / "nothing.so"))
    assert "Không tìm thấy thư viện PKCS#11" in err.value.message_vi


def test_installed_modules_come_from_the_token_discovery(token: SoftToken) -> None:
    mods = installed_pkcs11_modules(str(token.module))
    assert mods[0] == str(token.module)  # the configured one first
    assert not [m for m in mods if "p11-kit-trust" in m or "pkcs11-spy" in m]  # no keys there
    assert len(mods) == len(set(mods))


def test_trust_check_counts_anchors_and_names_a_bad_file(pki: TestPki, tmp_path: Path) -> None:
    res = check_trust_dir(str(pki.trust_dir))
    assert res.ok and res.message.en.endswith("trust anchor(s)")
    folder = tmp_path / "trust"
    folder.mkdir()
    with pytest.raises(InvalidInput, match="No certificate"):
        check_trust_dir(str(folder))
    shutil.copy(pki.root, folder / "root.pem")
    (folder / "intermediate.crt").write_bytes(Path(pki.intermediate).read_bytes())
    assert check_trust_dir(str(folder)).message.vi == "2 chứng thư gốc tin cậy"
    (folder / "broken.cer").write_bytes(b"not a certificate")
    with pytest.raises(InvalidInput) as err:
        check_trust_dir(str(folder))
    assert err.value.message_vi == "Tệp broken.cer không phải chứng thư số"
    with pytest.raises(InvalidInput):
        check_trust_dir("")
