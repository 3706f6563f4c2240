"""The CLI's login to the provincial server: MOTCUA_USER / MOTCUA_PASSWORD, or a prompt on a
terminal. The login becomes the workspace's session (in memory for this command only), so the
audit entries the command writes name that user."""

from __future__ import annotations

import getpass
import os
import sys
from typing import Any

from app.store.workspace import Session, Workspace


def credentials() -> tuple[str, str]:
    user, password = os.environ.get("MOTCUA_USER", ""), os.environ.get("MOTCUA_PASSWORD", "")
    if user and password:
        return user, password
    if not sys.stdin.isatty():
        return user, password  # the client reports the missing login clearly

    user = user or input("Tên đăng nhập hệ thống tỉnh (login): ").strip()
    return user, getpass.getpass("Mật khẩu (password): ")


def server_client(ws: Workspace, server: str | None = None, *, quick: bool = False) -> Any:
    """A sync client logged in (lazily, at its first request) as the CLI's user."""
    from app.services.submit import client_from

    user, password = credentials()
    if user and password and ws.session is None:
        # the server checks the password at the first request; the roles are not known here,
        # so the session is marked unchecked (it gates nothing, it names the actor)
        ws.session = Session(user, password=password, checked=False)
    return client_from(ws, server, username=user or None, password=password or None, quick=quick)
