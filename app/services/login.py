"""The officer's login at the workstation: the server account, checked by the provincial
server; the session (user, roles, agency, password) lives in memory on the workspace object
for this run only, and its user is the actor of every audit entry."""

from __future__ import annotations

from app.domain.errors import InvalidInput
from app.store.workspace import Session, Workspace


def login(ws: Workspace, username: str, password: str, server_url: str | None = None) -> Session:
    """Log in to the provincial server; on success ``ws.session`` is the logged-in officer.
    Raises AuthFailed (wrong password, locked) or InvalidInput (no server, http:// to a remote host)."""
    from app.services.submit import client_from

    username = username.strip()
    if not username or not password:
        raise InvalidInput("Username and password are required", "Cần nhập tên đăng nhập và mật khẩu")
    client = client_from(ws, server_url, username=username, password=password, quick=True)
    client.login()
    session = Session(username, tuple(client.roles), client.agency, password)
    ws.session = session
    return session


def logout(ws: Workspace) -> None:
    """Forget the session (and end it on the server when it can be reached)."""
    session, ws.session = ws.session, None
    if session is not None and not session.offline and ws.settings.server_url:
        from app.domain.errors import OperationFailed
        from app.services.submit import client_from

        try:
            client = client_from(ws, username=session.username, password=session.password, quick=True)
            client.login()
            client.logout()
        except (OperationFailed, InvalidInput):
            pass
