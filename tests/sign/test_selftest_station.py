"""``motcua selftest`` on a fully set-up station (SoftHSM token with the test PKI, the reference
server over TLS, an image-folder scanner) and with the faults IT staff meet: an untrusted server
certificate, a certificate that does not chain to the trust anchors, a missing token."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from app.testing.pki import TestPki
from app.testing.softhsm import SoftToken
from tests.sign.conftest import page_image


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory, pki: TestPki) -> Iterator[Any]:
    from tests.sync.conftest import RefServer, free_port

    assert pki.tls_server is not None
    srv = RefServer(tmp_path_factory.mktemp("selftest-srv") / "srv", free_port(),
                    tls=(pki.base_dir / "tls_server-fullchain.pem", pki.tls_server.key, pki.root))
    srv.data.mkdir()
    srv.start()
    yield srv
    srv.stop()


def _station(tmp_path: Path, token: SoftToken, pki: TestPki, server: Any, **over: str) -> Path:
    """A workspace configured as IT staff would: through the machine file."""
    folder = tmp_path / "scans"
    folder.mkdir()
    page_image(folder / "p1.png", dpi=100)
    values = {"server_url": server.url, "server_ca_bundle": str(pki.root), "trust_dir": str(pki.trust_dir),
              "pkcs11_module": str(token.module), "token_label": token.label, "scanner": f"folder:{folder}"}
    values.update(over)
    machine = tmp_path / "machine.toml"
    machine.write_text("".join(f'{k} = "{v}"\n' for k, v in values.items()), encoding="utf-8")
    return machine


def _run(cli: Any, tmp_path: Path, token: SoftToken, machine: Path, **env: str) -> tuple[int, dict[str, Any]]:
    proc = cli("selftest", "--json", "--workspace", tmp_path / "ws",
               env={**token.env, "MOTCUA_MACHINE_CONFIG": str(machine), **env})
    assert proc.stdout.strip(), proc.stderr
    report = json.loads(proc.stdout)
    for check in report["checks"]:
        assert set(check) >= {"id", "ok", "required", "message_vi", "message_en"}
    return proc.returncode, report


def test_a_ready_station_passes_every_check(cli: Any, tmp_path: Path, token: SoftToken, pki: TestPki,
                                            tls_server: Any) -> None:
    machine = _station(tmp_path, token, pki, tls_server)
    rc, report = _run(cli, tmp_path, token, machine, MOTCUA_USER="demo", MOTCUA_PASSWORD="demo")
    checks = {c["id"]: c for c in report["checks"]}
    failed = {k: c["message_en"] for k, c in checks.items() if not c["ok"]}
    assert rc == 0 and report["ok"], failed
    assert not failed
    assert checks["server"]["details"]["url"].startswith("https://")
    assert "officer" in checks["certificate"]["message_en"].lower() \
        or checks["certificate"]["details"]["days_left"] > 0
    assert abs(checks["clock"]["details"]["skew_s"]) <= 61
    assert "demo" in checks["login"]["message_en"]
    assert report["versions"]["motcua-station"]


def test_untrusted_tls_and_a_foreign_trust_anchor_fail_with_their_reasons(cli: Any, tmp_path: Path,
                                                                          token: SoftToken,
                                                                         pki: TestPki,
                                                                         tls_server: Any) -> None:
    # a trust folder holding only another authority's root: the token's certificate does not chain
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Other Root CA")])
    now = dt.datetime.now(dt.UTC)
    other = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
             .serial_number(1).not_valid_before(now - dt.timedelta(days=1))
             .not_valid_after(now + dt.timedelta(days=30))
             .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
             .sign(key, hashes.SHA256()))
    trust = tmp_path / "trust"
    trust.mkdir()
    (trust / "other.pem").write_bytes(other.public_bytes(serialization.Encoding.PEM))
    machine = _station(tmp_path, token, pki, tls_server, trust_dir=str(trust), server_ca_bundle="")
    rc, report = _run(cli, tmp_path, token, machine)
    checks = {c["id"]: c for c in report["checks"]}
    assert rc == 1 and not report["ok"]
    assert checks["token"]["ok"] and checks["trust_anchors"]["ok"]
    assert not checks["certificate"]["ok"] and "chain" in checks["certificate"]["message_en"]
    assert "chuỗi tin cậy" in checks["certificate"]["message_vi"]
    assert not checks["server"]["ok"] and "TLS" in checks["server"]["message_en"]
    assert checks["server"]["hint_vi"] and checks["server"]["hint_en"]
    assert not checks["login"]["required"] or not checks["login"]["ok"]


def test_a_missing_token_fails_the_token_check(cli: Any, tmp_path: Path, token: SoftToken, pki: TestPki,
                                               tls_server: Any) -> None:
    machine = _station(tmp_path, token, pki, tls_server, token_label="NOT-INSERTED")
    rc, report = _run(cli, tmp_path, token, machine)
    checks = {c["id"]: c for c in report["checks"]}
    assert rc == 1
    assert not checks["token"]["ok"] and token.label in checks["token"]["message_en"]
    assert "Cắm token" in checks["token"]["hint_vi"]
    assert checks["server"]["ok"] and checks["scanner"]["ok"]


def test_without_a_configured_module_the_one_holding_the_token_is_found(cli: Any, tmp_path: Path,
                                                                        token: SoftToken,
                                                                        pki: TestPki,
                                                                        tls_server: Any) -> None:
    from app.sign.tokens import discover_modules

    if not any(Path(m.path).resolve() == Path(token.module).resolve() for m in discover_modules()):
        pytest.skip("the SoftHSM module is not at a known path on this machine")
    machine = _station(tmp_path, token, pki, tls_server, pkcs11_module="")
    _rc, report = _run(cli, tmp_path, token, machine)
    checks = {c["id"]: c for c in report["checks"]}
    assert checks["pkcs11_module"]["ok"] and "SoftHSM" in checks["pkcs11_module"]["details"]["vendor"]
    assert checks["token"]["ok"] and checks["token"]["details"]["label"] == token.label
