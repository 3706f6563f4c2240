"""OpenID Connect-style login for the reference server: RS256 JWT access tokens (joserfc),
password grant for officers, client credentials for workstations, refresh tokens."""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import RSAKey
from joserfc.jwt import JWTClaimsRegistry

ISSUER = "motcua-refserver"


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
        else:
            key = RSAKey.generate_key(2048)
            path.write_bytes(key.as_pem(private=True))
            path.chmod(0o600)
        return cls(key, hashlib.sha256(key.as_pem(private=False)).hexdigest()[:16], lifetime_s)

    def issue(self, subject: str, scopes: list[str], base_url: str) -> dict[str, object]:
        now = int(time.time())
        claims = {"iss": ISSUER, "sub": subject, "aud": "motcua", "iat": now, "exp": now + self.lifetime_s,
                  "scope": " ".join(scopes), "jti": secrets.token_hex(8), "iat_ms": int(time.time() * 1000)}
        token = jwt.encode({"alg": "RS256", "kid": self.kid}, claims, self.key)
        return {"access_token": token, "token_type": "Bearer", "expires_in": self.lifetime_s, "scope": " ".join(scopes)}

    def verify(self, token: str) -> dict[str, object] | None:
        try:
            decoded = jwt.decode(token, self.key)
            JWTClaimsRegistry(iss={"essential": True, "value": ISSUER}, exp={"essential": True}).validate(decoded.claims)
        except (JoseError, ValueError):
            return None
        return dict(decoded.claims)

    def jwks(self) -> dict[str, object]:
        pub = self.key.as_dict(private=False)
        return {"keys": [{**pub, "kid": self.kid, "use": "sig", "alg": "RS256"}]}
