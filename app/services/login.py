"""The officer's login at the workstation: the server account, checked by the provincial
server; the session (user, roles, agency, password) lives in memory on the workspace object
for this run only, and its user is the actor of every audit entry."""

from __future__ import annotations

import json
import os
import time
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app.domain.errors import InvalidInput, OperationFailed
from app.services.submit import client_from
from app.store.workspace import Session, Workspace
from app.sync.client import AuthFailed, ServerUnavailable, TlsUntrusted

VERIFIERS = "offline-logins.json"  # username -> Argon2id hash, roles, agency (never a password)
OFFLINE_DAYS = 14  # an officer who logged in online within this many days may log in offline


def login(ws: Workspace, username: str, password: str, server_url: str | None = None) -> Session:
    """Log in to the provincial server; on success ``ws.session`` is the logged-in officer.
    Raises AuthFailed (wrong password, locked) or InvalidInput (no server, http:// to a remote host)."""
    username = username.strip()
    if not username or not password:
        raise InvalidInput("Username and password are required", "Cần nhập tên đăng nhập và mật khẩu")

    client = client_from(ws, server_url, username=username, password=password, quick=True)
    try:
        client.login()
    except TlsUntrusted:
        raise
    except ServerUnavailable:
        session = _offline(ws, username, password)
        ws.session = session
        return session
    session = Session(username, tuple(client.roles), client.agency, password)
    _remember(ws, session)
    ws.session = session
    return session


def _load(ws: Workspace) -> dict[str, Any]:
    try:
        data = json.loads((ws.root / VERIFIERS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _remember(ws: Workspace, session: Session) -> None:
    """Keep an Argon2id verifier of this password (never the password) for an offline login."""
    data = _load(ws)
    data[session.username] = {"hash": PasswordHasher().hash(session.password), "roles": list(session.roles),
                              "agency": session.agency, "at": time.time()}
    path, tmp = ws.root / VERIFIERS, ws.root / f".{VERIFIERS}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _offline(ws: Workspace, username: str, password: str) -> Session:
    """The network is down: an officer who logged in here online lately logs in against the
    local Argon2id verifier, with the roles the server gave then."""
    entry = _load(ws).get(username)
    if not isinstance(entry, dict) or time.time() - float(entry.get("at", 0)) > OFFLINE_DAYS * 86400:
        raise AuthFailed(f"The provincial system is unreachable and {username} has not logged in here "
                         "online lately",
                         f"Không kết nối được hệ thống tỉnh; tài khoản {username} chưa đăng nhập trực tuyến "
                         "trên máy "
                         f"này trong {OFFLINE_DAYS} ngày qua nên không đăng nhập ngoại tuyến được")
    try:
        PasswordHasher().verify(str(entry.get("hash", "")), password)
    except (VerificationError, InvalidHashError) as exc:
        raise AuthFailed("Offline login failed: wrong username or password",
                         "Đăng nhập ngoại tuyến thất bại: sai tên đăng nhập hoặc mật khẩu") from exc
    return Session(username, tuple(str(r) for r in entry.get("roles", [])), str(entry.get("agency", "")),
                   password,
                   offline=True)


def logout(ws: Workspace) -> None:
    """Forget the session (and end it on the server when it can be reached)."""
    session, ws.session = ws.session, None
    if session is not None and not session.offline and ws.settings.server_url:
        try:
            client = client_from(ws, username=session.username, password=session.password, quick=True)
            client.login()
            client.logout()
        except (OperationFailed, InvalidInput):
            pass
