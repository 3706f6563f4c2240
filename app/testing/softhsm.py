"""A SoftHSM2 token in a private directory, holding the test PKI's officer and agency keys.

The token's configuration lives inside the given directory (``SOFTHSM2_CONF``), so the system
configuration is never touched. Used by the tests and by ``motcua demo``; the PIN is chosen by
the caller (the demo shows it in its banner) and the SO PIN is random and forgotten.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from app.testing.pki import Identity, TestPki, build_test_pki

MODULE_CANDIDATES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
    "/opt/homebrew/lib/softhsm/libsofthsm2.so",
)


def softhsm_module() -> Path | None:
    for cand in MODULE_CANDIDATES:
        if Path(cand).is_file():
            return Path(cand)
    return None


@dataclass(frozen=True)
class SoftToken:
    module: Path
    label: str
    pin: str = field(repr=False)
    env: dict[str, str] = field(default_factory=dict)  # SOFTHSM2_CONF for child processes
    pki: TestPki | None = None
    key_labels: tuple[str, ...] = ("officer", "agency")

    def apply_env(self) -> None:
        os.environ.update(self.env)


def _run(cmd: list[str], env: dict[str, str]) -> None:
    proc = subprocess.run(cmd, env={**os.environ, **env}, capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        # never echo the command line: it carries the PIN
        raise RuntimeError(f"{cmd[0]} failed ({proc.returncode}): {proc.stderr.strip()[:300]}")


def _import_identity(token_label: str, pin: str, module: Path, env: dict[str, str], ident: Identity,
                     key_label: str, key_id: str, workdir: Path) -> None:
    _run(["softhsm2-util", "--import", str(ident.key), "--token", token_label, "--label", key_label,
          "--id", key_id, "--pin", pin], env)
    cert = x509.load_pem_x509_certificate(ident.cert.read_bytes())
    der = workdir / f"{key_label}.der"
    der.write_bytes(cert.public_bytes(serialization.Encoding.DER))
    try:
        _run(["pkcs11-tool", "--module", str(module), "--token-label", token_label, "--login", "--pin", pin,
              "--write-object", str(der), "--type", "cert", "--id", key_id, "--label", key_label], env)
    finally:
        der.unlink(missing_ok=True)


def demo_token(directory: Path, *, pin: str, label: str = "MOTCUA-DEMO", pki: TestPki | None = None,
               identities: dict[str, Identity] | None = None) -> SoftToken:
    """Create a fresh token in ``directory`` with the officer and agency keys and certificates."""
    module = softhsm_module()
    if module is None or shutil.which("softhsm2-util") is None or shutil.which("pkcs11-tool") is None:
        raise RuntimeError("SoftHSM2 and OpenSC (softhsm2-util, pkcs11-tool) are needed for the demo token")
    directory.mkdir(parents=True, exist_ok=True)
    tokens = directory / "tokens"
    if tokens.exists():
        shutil.rmtree(tokens)
    tokens.mkdir()
    conf = directory / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n",
                    encoding="utf-8")
    env = {"SOFTHSM2_CONF": str(conf)}
    pki = pki or build_test_pki(directory / "pki")
    so_pin = secrets.token_hex(8)
    _run(["softhsm2-util", "--init-token", "--free", "--label", label, "--so-pin", so_pin, "--pin", pin], env)
    chosen = identities or {"officer": pki.officer, "agency": pki.agency}
    for idx, (key_label, ident) in enumerate(chosen.items(), start=1):
        _import_identity(label, pin, module, env, ident, key_label, f"{idx:02x}", directory)
    # Real tokens carry their CA chain; the signer embeds it so verifiers need only the root.
    der = directory / "intermediate.der"
    der.write_bytes(x509.load_pem_x509_certificate(pki.intermediate.read_bytes()).public_bytes(serialization.Encoding.DER))
    try:
        _run(["pkcs11-tool", "--module", str(module), "--token-label", label, "--login", "--pin", pin,
              "--write-object", str(der), "--type", "cert", "--id", "ca01", "--label", "ca-intermediate"],
              env)
    finally:
        der.unlink(missing_ok=True)
    return SoftToken(module=module, label=label, pin=pin, env=env, pki=pki, key_labels=tuple(chosen))
