"""The server's own accounts, managed by administrators: create a person's account, disable
and enable it, set its roles, and change a password (one's own with the current password, or an
administrator's reset). Taking a role away, disabling an account or changing its password ends
its sessions (its refresh tokens are revoked; live access tokens are re-checked per request)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from app.refserver.auth import check_secret, hash_secret
from app.refserver.context import Server
from app.refserver.guards import agency_must, forbid
from app.refserver.lockout import Lockout
from app.refserver.policy import Principal, Role, parse_roles
from app.refserver.problems import Problem

log = logging.getLogger(__name__)


class UserIn(BaseModel):
    username: str = Field(pattern=r"^[a-z0-9._-]{2,64}$")
    password: str = Field(min_length=8, max_length=1024)
    roles: list[Role] = Field(min_length=1, max_length=5)
    agency: str = Field(pattern=r"^[0-9A-Z.]{3,40}$")


class RolesIn(BaseModel):
    roles: list[Role] = Field(min_length=1, max_length=5)


class PasswordIn(BaseModel):
    new_password: str = Field(min_length=8, max_length=1024)
    current_password: str = Field("", max_length=1024)  # needed when changing one's own


def end_sessions(c: Any, username: str) -> int:
    """Revoke every live refresh token of ``username`` (in the caller's transaction)."""
    return int(c.execute("UPDATE refresh_tokens SET revoked = 1 WHERE subject = ? AND revoked = 0",
                         (username,)).rowcount)


def not_self(p: Principal, username: str, what: str, what_vi: str) -> None:
    if username == p.subject:  # the last administrator must not lock everyone out
        raise Problem(409, "Not on one's own account", f"an administrator cannot {what}", what_vi)


def router(srv: Server) -> APIRouter:
    api = APIRouter()
    db, allow, lockout = srv.db, srv.allow, Lockout(srv.db, srv.settings)

    def managed_user(p: Principal, username: str) -> Any:
        """The account ``username`` an administrator may manage (404 unknown, 403 another agency)."""
        row = db.conn().execute("SELECT * FROM users WHERE username = ?", (username,)).fetchone()
        if row is None:
            raise Problem(404, "Unknown user", username, f"Không có tài khoản {username}")
        agency_must(p, row["agency"])
        if Role.PROVINCE_ADMIN in parse_roles(row["roles"]) and not p.province:
            raise forbid("only the province manages provincial administrators",
                         "Chỉ quản trị cấp tỉnh được quản lý tài khoản quản trị cấp tỉnh")
        return row

    @api.post("/api/v1/users", status_code=201)
    def create_user(body: UserIn, p: Principal = Depends(allow["create_user"])) -> dict[str, Any]:
        agency_must(p, body.agency)
        if Role.PROVINCE_ADMIN in body.roles and not p.province:
            raise forbid("only the province creates provincial administrators",
                         "Chỉ quản trị cấp tỉnh được tạo tài khoản quản trị cấp tỉnh")
        with db.tx() as c:
            if c.execute("SELECT 1 FROM users WHERE username = ?", (body.username,)).fetchone():
                raise Problem(409, "User exists", body.username, f"Tài khoản {body.username} đã có")
            c.execute("INSERT INTO users(username, legacy_sha256, secret_hash, scopes, roles, agency, "
                      "disabled) VALUES (?,'',?,'',?,?,0)", (body.username, hash_secret(body.password),
                                                    " ".join(str(r) for r in body.roles), body.agency))
        return {"username": body.username, "roles": [str(r) for r in body.roles], "agency": body.agency}

    @api.post("/api/v1/users/{username}/disable")
    def disable_user(username: str, p: Principal = Depends(allow["disable_user"])) -> dict[str, Any]:
        """The account can no longer log in; its refresh tokens and live access tokens stop working."""
        not_self(p, username, "disable their own account", "Không thể tự khóa tài khoản của chính mình")
        managed_user(p, username)
        with db.tx() as c:
            c.execute("UPDATE users SET disabled = 1 WHERE username = ?", (username,))
            n = end_sessions(c, username)
        log.info("Account %s disabled by %s (%d refresh tokens revoked)", username, p.subject, n)
        return {"username": username, "disabled": True, "refresh_tokens_revoked": n}

    @api.post("/api/v1/users/{username}/enable")
    def enable_user(username: str, p: Principal = Depends(allow["enable_user"])) -> dict[str, Any]:
        """A disabled (or locked-out) account may log in again."""
        managed_user(p, username)
        with db.tx() as c:
            c.execute("UPDATE users SET disabled = 0 WHERE username = ?", (username,))
            c.execute("DELETE FROM login_failures WHERE key = ?", (f"user:{username}",))
        log.info("Account %s enabled by %s", username, p.subject)
        return {"username": username, "disabled": False}

    @api.put("/api/v1/users/{username}/roles")
    def set_roles(username: str, body: RolesIn, p: Principal = Depends(allow["set_roles"])) -> dict[str, Any]:
        """New roles; a role taken away stops at once, the account's sessions end."""
        not_self(p, username, "change their own roles", "Không thể tự đổi vai trò của chính mình")
        managed_user(p, username)
        if Role.WORKSTATION in body.roles:
            raise Problem(422, "Not a person's role", "the workstation role is for machine credentials",
                          "Vai trò máy trạm chỉ dành cho khóa của máy trạm")
        if Role.PROVINCE_ADMIN in body.roles and not p.province:
            raise forbid("only the province creates provincial administrators",
                         "Chỉ quản trị cấp tỉnh được tạo tài khoản quản trị cấp tỉnh")
        roles = sorted({str(r) for r in body.roles})
        with db.tx() as c:
            c.execute("UPDATE users SET roles = ? WHERE username = ?", (" ".join(roles), username))
            n = end_sessions(c, username)
        log.info("Roles of %s set to %s by %s", username, roles, p.subject)
        return {"username": username, "roles": roles, "refresh_tokens_revoked": n}

    @api.post("/api/v1/users/{username}/password")
    def set_password(username: str, body: PasswordIn,
                     p: Principal = Depends(allow["set_password"])) -> dict[str, Any]:
        """One's own password (the current one is checked, with the login's lock-out), or an
        administrator's reset of an account of their agency. Every session of the account ends."""
        if username == p.subject:
            keys = [f"user:{username}"]
            lockout.throttle(keys)
            row = db.conn().execute("SELECT * FROM users WHERE username = ?", (username,)).fetchone()
            ok = row is not None and check_secret(body.current_password, row["secret_hash"],
                                                  row["legacy_sha256"])[0]
            if not ok:
                lockout.failed(keys)
                raise forbid("the current password is wrong", "Mật khẩu hiện tại không đúng")
        elif Role.AGENCY_ADMIN in p.roles or p.province:
            managed_user(p, username)
        else:
            raise forbid("only administrators reset another account's password",
                         "Chỉ quản trị viên được đặt lại mật khẩu của tài khoản khác")
        with db.tx() as c:
            c.execute("UPDATE users SET secret_hash = ?, legacy_sha256 = '' WHERE username = ?",
                      (hash_secret(body.new_password), username))
            n = end_sessions(c, username)
        log.info("Password of %s changed by %s (%d sessions ended)", username, p.subject, n)
        return {"username": username, "password_changed": True, "refresh_tokens_revoked": n}

    return api
