"""Login and sessions: the OpenID discovery document and signing keys, the token endpoint
(password grant for the counter app, client credentials for workstations, rotating refresh
tokens with replay detection; Argon2id behind the lock-out) and ``/oauth/revoke`` (logout).
Also ``/health``."""

from __future__ import annotations

import logging
import secrets
import time
from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import JSONResponse, Response

from app.refserver.auth import ISSUER, check_secret, token_digest
from app.refserver.context import Server
from app.refserver.lockout import Lockout
from app.refserver.policy import parse_roles, scopes_of
from app.refserver.problems import Problem

log = logging.getLogger(__name__)
STATION_CLIENT = "motcua-station"  # the OAuth client of the password grant (the counter app)


def router(srv: Server) -> APIRouter:
    api = APIRouter()
    db, allow, issuer, lockout = srv.db, srv.allow, srv.issuer, Lockout(srv.db, srv.settings)

    @api.get("/health")
    def health(_p: None = Depends(allow["health"])) -> dict[str, str]:
        return {"status": "ok"}

    @api.get("/.well-known/openid-configuration")
    def discovery(request: Request, _p: None = Depends(allow["discovery"])) -> dict[str, Any]:
        base = str(request.base_url).rstrip("/")
        return {"issuer": ISSUER, "token_endpoint": f"{base}/oauth/token", "jwks_uri": f"{base}/oauth/jwks",
                "revocation_endpoint": f"{base}/oauth/revoke",
                "grant_types_supported": ["password", "client_credentials", "refresh_token"],
                "id_token_signing_alg_values_supported": ["RS256"]}

    @api.get("/oauth/jwks")
    def jwks(_p: None = Depends(allow["jwks"])) -> dict[str, Any]:
        return issuer.jwks()

    def login(table: str, id_col: str, ident: str, secret: str, keys: list[str]) -> Any:
        lockout.throttle(keys)
        row = db.conn().execute(f"SELECT * FROM {table} WHERE {id_col} = ?", (ident,)).fetchone()
        if row is None:
            check_secret(secret, "")  # the same time as a wrong password
            ok, rehash = False, None
        else:
            ok, rehash = check_secret(secret, row["secret_hash"], row["legacy_sha256"])
        if not ok or row is None or row["disabled"]:
            lockout.failed(keys)
            return None
        with db.tx() as c:
            c.execute("DELETE FROM login_failures WHERE key = ?", (keys[0],))
            if rehash:
                c.execute(f"UPDATE {table} SET secret_hash = ?, legacy_sha256 = '' WHERE {id_col} = ?",
                          (rehash, ident))
        return row

    def issue_tokens(request: Request, subject: str, row: Any, family: str) -> JSONResponse:
        roles = parse_roles(row["roles"])
        scopes = scopes_of(roles, row["scopes"])
        body = issuer.issue(subject, scopes, str(request.base_url), roles=[str(r) for r in roles],
                            agency=row["agency"])
        rt = secrets.token_urlsafe(32)
        with db.tx() as c:
            c.execute("INSERT INTO refresh_tokens(token_hash, subject, family, expires, used, revoked) "
                      "VALUES (?,?,?,?,0,0)",
                      (token_digest(rt), subject, family, time.time() + srv.settings.refresh_lifetime_s))
        return JSONResponse({**body, "refresh_token": rt}, headers={"Cache-Control": "no-store"})

    def account_row(subject: str) -> Any:
        if subject.startswith("client:"):
            return db.conn().execute("SELECT * FROM clients WHERE client_id = ?", (subject[7:],)).fetchone()
        return db.conn().execute("SELECT * FROM users WHERE username = ?", (subject,)).fetchone()

    def refresh(request: Request, refresh_token: str, addr: str) -> JSONResponse:
        lockout.throttle([addr])
        digest = token_digest(refresh_token)
        with db.tx() as c:
            rt = c.execute("SELECT * FROM refresh_tokens WHERE token_hash = ?", (digest,)).fetchone()
            if rt is not None and rt["used"] and not rt["revoked"]:
                # a refresh token used twice: stolen or replayed; the whole family ends here
                c.execute("UPDATE refresh_tokens SET revoked = 1 WHERE family = ?", (rt["family"],))
                log.warning("Refresh token replayed for %s: family revoked", rt["subject"])
            elif rt is not None:
                c.execute("UPDATE refresh_tokens SET used = 1 WHERE token_hash = ?", (digest,))
        if rt is None or rt["used"] or rt["revoked"] or rt["expires"] < time.time():
            if rt is None:
                lockout.failed([addr])
            raise Problem(401, "invalid_grant", "Refresh token invalid, used or expired",
                          "Phiên đăng nhập đã hết hạn, hãy đăng nhập lại")
        row = account_row(rt["subject"])
        if row is None or row["disabled"]:
            raise Problem(401, "invalid_grant", "Account disabled", "Tài khoản đã bị khóa")
        return issue_tokens(request, rt["subject"], row, rt["family"])

    @api.post("/oauth/token")
    def token(request: Request, grant_type: str = Form(..., max_length=40),
              username: str = Form("", max_length=200), password: str = Form("", max_length=1024),
              client_id: str = Form("", max_length=200), client_secret: str = Form("", max_length=1024),
              refresh_token: str = Form("", max_length=200),
              _p: None = Depends(allow["token"])) -> JSONResponse:
        addr = f"addr:{request.client.host if request.client else '-'}"
        if grant_type == "password":
            if client_id and client_id != STATION_CLIENT:
                raise Problem(401, "invalid_client", f"the password grant is for client {STATION_CLIENT}")
            row = login("users", "username", username, password, [f"user:{username}", addr])
            if row is None:
                raise Problem(401, "invalid_grant", "Wrong username or password",
                              "Sai tên đăng nhập hoặc mật khẩu")
            return issue_tokens(request, username, row, secrets.token_hex(12))
        if grant_type == "client_credentials":
            row = login("clients", "client_id", client_id, client_secret, [f"client:{client_id}", addr])
            if row is None:
                raise Problem(401, "invalid_client", "Wrong client credentials",
                              "Sai mã hoặc khóa bí mật của máy trạm")
            return issue_tokens(request, f"client:{client_id}", row, secrets.token_hex(12))
        if grant_type == "refresh_token":
            return refresh(request, refresh_token, addr)
        raise Problem(400, "unsupported_grant_type", grant_type[:40])

    @api.post("/oauth/revoke")
    def revoke(token: str = Form("", max_length=200), _p: None = Depends(allow["revoke"])) -> Response:
        """RFC 7009 (logout): the refresh token and every token rotated from it end; always 200."""
        with db.tx() as c:
            rt = c.execute("SELECT family FROM refresh_tokens WHERE token_hash = ?",
                           (token_digest(token),)).fetchone()
            if rt is not None:
                c.execute("UPDATE refresh_tokens SET revoked = 1 WHERE family = ?", (rt["family"],))
        return Response(status_code=200)

    return api
