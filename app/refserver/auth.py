"""OpenID Connect-style login for the reference server: RS256 JWT access tokens (joserfc) that
carry the account's roles and agency, password grant for officers (client ``motcua-station``),
client credentials for workstations, rotating refresh tokens. Passwords and client secrets are
kept as Argon2id hashes (argon2-cffi); a hash left by an earlier version (unsalted SHA-256) is
checked in constant time once and replaced by an Argon2id hash at that login."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import time
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import RSAKey
from joserfc.jwt import JWTClaimsRegistry

ISSUER = "motcua-refserver"
AUDIENCE = "motcua"


class HashCost(StrEnum):
    """How much work one Argon2id hash costs. ``standard`` is argon2-cffi's RFC 9106 low-memory
    profile (64 MiB, 3 passes): about a second on a counter PC, on purpose. ``test`` (8 MiB, one
    pass) exists only for test servers (``--enable-test-faults``), which start dozens of times per
    test run; a hash records its parameters, so a standard server re-hashes such an entry at login."""

    STANDARD = "standard"
    TEST = "test"


_HASHERS = {HashCost.STANDARD: PasswordHasher(),
            HashCost.TEST: PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1)}
_HASHER = _HASHERS[HashCost.STANDARD]
_DUMMY_HASH = ""  # a well-formed hash no password matches, made at first use


def use_hash_cost(cost: HashCost) -> None:
    """Choose the cost of new hashes for this process (the server's start-up does this once)."""
    global _HASHER, _DUMMY_HASH
    _HASHER, _DUMMY_HASH = _HASHERS[cost], ""


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def hash_secret(secret: str) -> str:
    """An Argon2id hash (salted, with its parameters) of a password or client secret."""
    return _HASHER.hash(secret)


def check_secret(secret: str, argon2_hash: str, legacy_sha256: str = "") -> tuple[bool, str | None]:
    """(matches, new hash to store or None). ``legacy_sha256``: the unsalted SHA-256 an earlier
    version stored, used only when there is no Argon2id hash yet; it is compared in constant time
    and a match asks for the Argon2id hash to be stored instead."""
    if argon2_hash:
        try:
            _HASHER.verify(argon2_hash, secret)
        except (VerificationError, InvalidHashError):
            return False, None
        return True, (_HASHER.hash(secret) if _HASHER.check_needs_rehash(argon2_hash) else None)
    if legacy_sha256:
        ok = hmac.compare_digest(sha256_text(secret), legacy_sha256)
        return ok, (_HASHER.hash(secret) if ok else None)
    dummy_check()
    return False, None


def dummy_check() -> None:
    """Spend the time of one Argon2id verification (for an unknown account): an unknown account
    costs the same time as a known one."""
    global _DUMMY_HASH
    if not _DUMMY_HASH:
        _DUMMY_HASH = _HASHER.hash(secrets.token_hex(16))
    with contextlib.suppress(VerificationError):
        _HASHER.verify(_DUMMY_HASH, "x")


def token_digest(token: str) -> str:
    """Refresh tokens are 256-bit random strings, stored only as their SHA-256."""
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


@dataclass
class TokenIssuer:
    key: RSAKey
    kid: str
    lifetime_s: int = 600

    @classmethod
    def load_or_create(cls, data_dir: Path, lifetime_s: int = 600) -> TokenIssuer:
        path = data_dir / "jwt-signing-key.pem"
        if path.is_file():
            key = RSAKey.import_key(path.read_bytes())
            if path.stat().st_mode & 0o077:
                path.chmod(0o600)
        else:
            key = RSAKey.generate_key(2048)
            # restrictive permissions from the first byte (never world-readable, even briefly)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(key.as_pem(private=True))
                fh.flush()
                os.fsync(fh.fileno())
        return cls(key, hashlib.sha256(key.as_pem(private=False)).hexdigest()[:16], lifetime_s)

    def issue(self, subject: str, scopes: list[str], base_url: str, *, roles: list[str] | None = None,
              agency: str = "") -> dict[str, object]:
        now = int(time.time())
        claims = {"iss": ISSUER, "sub": subject, "aud": AUDIENCE, "iat": now, "exp": now + self.lifetime_s,
                  "scope": " ".join(scopes), "roles": list(roles or []), "agency": agency,
                  "jti": secrets.token_hex(8), "iat_ms": int(time.time() * 1000)}
        token = jwt.encode({"alg": "RS256", "kid": self.kid}, claims, self.key)
        return {"access_token": token, "token_type": "Bearer", "expires_in": self.lifetime_s,
                "scope": " ".join(scopes), "roles": list(roles or []), "agency": agency}

    def verify(self, token: str) -> dict[str, object] | None:
        try:
            decoded = jwt.decode(token, self.key, algorithms=["RS256"])
            JWTClaimsRegistry(iss={"essential": True, "value": ISSUER},
                              aud={"essential": True, "value": AUDIENCE}, exp={"essential": True},
                              sub={"essential": True}).validate(decoded.claims)
        except (JoseError, ValueError):
            return None
        return dict(decoded.claims)

    def jwks(self) -> dict[str, object]:
        pub = self.key.as_dict(private=False)
        return {"keys": [{**pub, "kid": self.kid, "use": "sig", "alg": "RS256"}]}
