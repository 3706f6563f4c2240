"""A complete test PKI generated on demand: root -> intermediate -> officer / agency, plus an
expired and a revoked certificate, and the CRLs a CA publishes: the root's (covering the
intermediate) and the intermediate's (covering every leaf, listing the revoked one). Every
certificate below the root names its CRL's address (``crl_url``; ``app.testing.tsa`` serves both
on loopback), and both CRLs are also put in the trust folder, where the workstation (Settings ->
trust anchors folder) and the reference server (``--trust``) read them, so the hard-fail
revocation policy finds revocation info offline. Used by the tests, the demo token and the
reference server's seed documents. Names are Vietnamese so that UTF-8 subjects round-trip."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


@dataclass(frozen=True)
class Identity:
    name: str
    cert: Path  # PEM
    key: Path  # PEM, PKCS#8, unencrypted
    chain: tuple[Path, ...]  # intermediate, root (PEM)
    pkcs12: Path  # password b""


@dataclass(frozen=True)
class TestPki:
    __test__ = False  # not a pytest test class

    base_dir: Path
    root: Path
    intermediate: Path
    trust_dir: Path  # holds the root certificate, for `motcua verify --trust`
    officer: Identity
    agency: Identity
    expired: Identity
    revoked: Identity
    no_signing: Identity  # a TLS-only certificate without digital-signature key usage
    crl: Path | None  # the intermediate's CRL (DER), covering the leaves
    digital_only: Identity | None = None  # key usage digitalSignature only (no nonRepudiation)
    tsa: Identity | None = None  # RFC 3161 timestamping unit (critical EKU timeStamping)
    tls_server: Identity | None = None  # HTTPS on 127.0.0.1 / localhost (cert: tls_server-fullchain.pem)
    root_crl: Path | None = None  # the root's CRL (DER), covering the intermediate


_UTC = dt.UTC
# Where a verifier with network access would fetch the CRL (nothing listens there: the verifier
# finds the CRLs in the trust folder). A PKI built with another ``crl_url`` (the B-LT and policy
# tests) publishes them for real. The root's CRL sits next to it: ``root_crl_url(crl_url)``.
CRL_URL = "http://127.0.0.1:9/motcua-test/intermediate.crl"
# How long a published CRL stays fresh: the demo data outlives a test run by months.
CRL_DAYS = 365


def root_crl_url(crl_url: str) -> str:
    """The root CA's CRL address, in the same folder as the intermediate's."""
    return crl_url.rsplit("/", 1)[0] + "/root.crl"


def _crl_dp(url: str) -> x509.CRLDistributionPoints:
    return x509.CRLDistributionPoints([x509.DistributionPoint(
        full_name=[x509.UniformResourceIdentifier(url)], relative_name=None, reasons=None, crl_issuer=None)])


def _name(cn: str, org: str, unit: str | None = None) -> x509.Name:
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
             x509.NameAttribute(NameOID.ORGANIZATION_NAME, org)]
    if unit:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, cn))
    return x509.Name(attrs)


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _write_key(path: Path, key: rsa.RSAPrivateKey) -> None:
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))


def _write_cert(path: Path, cert: x509.Certificate) -> None:
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def _ca_cert(subject: x509.Name, issuer: x509.Name, pub: rsa.RSAPublicKey, signer: rsa.RSAPrivateKey,
             serial: int, start: dt.datetime, days: int, path_len: int | None,
             crl_url: str | None = None) -> x509.Certificate:
    builder = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(pub).serial_number(serial)
        .not_valid_before(start).not_valid_after(start + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=path_len), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                     crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(pub), critical=False)
    )
    if crl_url:  # a subordinate CA: where its issuer publishes the CRL that covers it
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(signer.public_key()), critical=False,
        ).add_extension(_crl_dp(crl_url), critical=False)
    return builder.sign(signer, hashes.SHA256())


def _leaf(subject: x509.Name, issuer_cert: x509.Certificate, issuer_key: rsa.RSAPrivateKey,
          pub: rsa.RSAPublicKey,
          serial: int, start: dt.datetime, end: dt.datetime, *, signing: bool = True, tsa: bool = False,
          tls_server: bool = False, crl_url: str = CRL_URL, non_repudiation: bool = True) -> x509.Certificate:
    builder = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(issuer_cert.subject).public_key(pub)
        .serial_number(serial).not_valid_before(start).not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(pub), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
                       critical=False)
        .add_extension(_crl_dp(crl_url), critical=False)
    )
    if tls_server:  # an HTTPS server on loopback (the reference server under TLS)
        builder = builder.add_extension(
            x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=True,
                          data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                          encipher_only=False, decipher_only=False), critical=True,
        ).add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]),
                        critical=False).add_extension(
            x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                         x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False)
    elif tsa:
        builder = builder.add_extension(
            x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                          data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                          encipher_only=False, decipher_only=False), critical=True,
        ).add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
    elif signing:
        builder = builder.add_extension(
            x509.KeyUsage(digital_signature=True, content_commitment=non_repudiation, key_encipherment=False,
                          data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                          encipher_only=False, decipher_only=False), critical=True,
        ).add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
    else:
        builder = builder.add_extension(
            x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=True,
                          data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                          encipher_only=False, decipher_only=False), critical=True,
        ).add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def build_test_pki(dest: Path, *, name_prefix: str = "Motcua Test", crl_url: str = CRL_URL,
                   crls_in_trust: bool = True) -> TestPki:
    """Generate (or reuse, when ``dest`` already holds one) the whole test PKI. ``crls_in_trust``:
    also put both CRLs in the trust folder (off: a verifier must fetch them or find them embedded)."""
    dest.mkdir(parents=True, exist_ok=True)
    manifest = dest / "pki.json"
    if manifest.is_file():
        return _load(dest, json.loads(manifest.read_text(encoding="utf-8")))
    now = dt.datetime.now(_UTC).replace(microsecond=0)
    start = now - dt.timedelta(days=1)
    org = f"{name_prefix} Ban Cơ yếu"
    root_key, inter_key = _key(), _key()
    root_name = _name(f"{name_prefix} Root CA", org)
    inter_name = _name(f"{name_prefix} CA cấp 2", org)
    # The CAs predate every certificate they issued (the expired one included), so a path is
    # valid at any time inside the leaf's validity.
    ca_start = now - dt.timedelta(days=401)
    root = _ca_cert(root_name, root_name, root_key.public_key(), root_key, 1, ca_start, 3650, 1)
    inter = _ca_cert(inter_name, root_name, inter_key.public_key(), root_key, 2, ca_start, 1825, 0,
                     crl_url=root_crl_url(crl_url))
    _write_cert(dest / "root.pem", root)
    _write_cert(dest / "intermediate.pem", inter)
    trust = dest / "trust"
    trust.mkdir(exist_ok=True)
    _write_cert(trust / "root.pem", root)

    people = {
        "officer": ("Nguyễn Văn An", "Bộ phận Một cửa", start, now + dt.timedelta(days=365), True),
        "agency": ("UBND xã Demo", None, start, now + dt.timedelta(days=365), True),
        "expired": ("Trần Thị Hết "
                    "Hạn", "Bộ phận Một "
                           "cửa", now - dt.timedelta(days=400), now - dt.timedelta(days=35), True),
        "revoked": ("Lê Văn Thu Hồi", "Bộ phận Một cửa", start, now + dt.timedelta(days=365), True),
        "no_signing": ("may-chu.demo.vn", None, start, now + dt.timedelta(days=365), False),
        "digital_only": ("Phạm Văn Ký Số", "Bộ phận Một cửa", start, now + dt.timedelta(days=365), True),
        # The timestamping unit exists since before the expired officer's certificate ran out, so a
        # timestamp from that time (an old warehouse document) can be checked.
        "tsa": ("Dịch vụ cấp dấu thời gian thử "
                "nghiệm", None, now - dt.timedelta(days=400), now + dt.timedelta(days=365),
                True),
        "tls_server": ("localhost", None, start, now + dt.timedelta(days=365), False),
    }
    serials: dict[str, int] = {}
    for idx, (key_name, (cn, unit, nb, na, signing)) in enumerate(people.items(), start=10):
        key = _key()
        cert = _leaf(_name(cn, "UBND xã "
                               "Demo", unit), inter, inter_key, key.public_key(), idx, nb, na,
                               signing=signing,
                     tsa=key_name == "tsa", tls_server=key_name == "tls_server", crl_url=crl_url,
                     non_repudiation=key_name != "digital_only")
        serials[key_name] = idx
        _write_cert(dest / f"{key_name}.pem", cert)
        if key_name == "tls_server":  # what a TLS server presents: its certificate, then the intermediate
            (dest / "tls_server-fullchain.pem").write_bytes(
                cert.public_bytes(serialization.Encoding.PEM)
                + inter.public_bytes(serialization.Encoding.PEM))
        _write_key(dest / f"{key_name}.key", key)
        (dest / f"{key_name}.p12").write_bytes(
            pkcs12.serialize_key_and_certificates(cn.encode("utf-8"), key, cert, [inter, root],
                                                  serialization.NoEncryption())
        )
    crl = (
        x509.CertificateRevocationListBuilder().issuer_name(inter.subject).last_update(start)
        .next_update(now + dt.timedelta(days=CRL_DAYS))
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(inter_key.public_key()),
                       critical=False)
        .add_extension(x509.CRLNumber(1), critical=False)
        .add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(serials["revoked"]).revocation_date(start).build()
        )
        .sign(inter_key, hashes.SHA256())
    )
    root_crl = (
        x509.CertificateRevocationListBuilder().issuer_name(root.subject).last_update(start)
        .next_update(now + dt.timedelta(days=CRL_DAYS))
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
                       critical=False)
        .add_extension(x509.CRLNumber(1), critical=False)
        .sign(root_key, hashes.SHA256())
    )
    for path in (dest / "intermediate.crl", *((trust / "intermediate.crl",) if crls_in_trust else ())):
        path.write_bytes(crl.public_bytes(serialization.Encoding.DER))
    for path in (dest / "root.crl", *((trust / "root.crl",) if crls_in_trust else ())):
        path.write_bytes(root_crl.public_bytes(serialization.Encoding.DER))
    data = {k: v[0] for k, v in people.items()}
    manifest.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return _load(dest, data)


def _load(dest: Path, names: dict[str, str]) -> TestPki:
    chain = (dest / "intermediate.pem", dest / "root.pem")

    def ident(key_name: str) -> Identity:
        return Identity(names[key_name], dest / f"{key_name}.pem", dest / f"{key_name}.key", chain,
                        dest / f"{key_name}.p12")

    return TestPki(base_dir=dest, root=dest / "root.pem", intermediate=dest / "intermediate.pem",
                   trust_dir=dest / "trust", officer=ident("officer"), agency=ident("agency"),
                   expired=ident("expired"), revoked=ident("revoked"), no_signing=ident("no_signing"),
                   crl=dest / "intermediate.crl", tsa=ident("tsa") if "tsa" in names else None,
                   tls_server=ident("tls_server") if "tls_server" in names else None,
                   digital_only=ident("digital_only") if "digital_only" in names else None,
                   root_crl=dest / "root.crl" if (dest / "root.crl").is_file() else None)
