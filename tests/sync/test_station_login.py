"""The workstation's login: the server account checked by the server, the session in memory,
its user the actor of audit entries, the lock-out message shown, http:// refused for a remote
server."""

from __future__ import annotations

import pytest

from app.domain.errors import InvalidInput
from app.services.login import login, logout
from app.services.reception import ReceptionRequest, open_dossier
from app.store.workspace import Workspace
from app.sync.client import AuthFailed, ClientConfig, SyncClient
from tests.conftest import register_workspace
from tests.sync.conftest import RefServer


def test_login_sets_the_session_and_its_user_is_the_audit_actor(workspace: Workspace,
                                                                server: RefServer) -> None:
    register_workspace(workspace, server.url)
    workspace.settings.officer = "tu-cai-dat"  # a settings value is not who is logged in
    session = login(workspace, "giamsat", "giamsat")
    assert (session.username, session.roles, session.agency) == ("giamsat", ("supervisor",), "000.87.34.H08")
    d = open_dossier(workspace, ReceptionRequest(owner="052090000495", procedure="1.001193"))
    with workspace.db.read() as conn:
        actors = {r[0] for r in conn.execute("SELECT actor FROM audit_log WHERE dossier = ?", (d.number,))}
    assert actors == {"giamsat"}
    assert "giamsat" not in repr(session).replace("username='giamsat'",
                                                  "")  # the password never shows in logs
    logout(workspace)
    assert workspace.session is None


def test_wrong_passwords_lock_and_the_officer_reads_why(workspace: Workspace, server: RefServer) -> None:
    register_workspace(workspace, server.url)
    for _ in range(5):
        with pytest.raises(AuthFailed) as wrong:
            login(workspace, "canbo2", "sai")
        assert "sai tên đăng nhập hoặc mật khẩu" in wrong.value.message_vi
    with pytest.raises(AuthFailed) as locked:
        login(workspace, "canbo2", "canbo2")
    assert "tạm khóa" in locked.value.message_vi and "phút" in locked.value.message_vi
    assert workspace.session is None


@pytest.mark.parametrize("url",
                         ["http://192.0.2.10:8765", "http://tinh.example.vn", "http://[2001:db8::1]:80"])
def test_http_is_refused_for_a_remote_server(url: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        SyncClient(ClientConfig(base_url=url), username="demo", password="demo")
    assert "https://" in refused.value.message_vi and "mã hóa" in refused.value.message_vi


@pytest.mark.parametrize("url", ["http://127.0.0.1:8765", "http://localhost:8765", "http://[::1]:8765",
                                 "https://tinh.example.vn"])
def test_loopback_http_and_any_https_are_accepted(url: str) -> None:
    SyncClient(ClientConfig(base_url=url), username="demo", password="demo")


def test_offline_login_for_an_officer_who_logged_in_here_before(workspace: Workspace,
                                                                server: RefServer) -> None:
    import json

    register_workspace(workspace, server.url)
    workspace.settings.server_url = server.url
    assert not login(workspace, "demo", "demo").offline
    stored = (workspace.root / "offline-logins.json").read_text(encoding="utf-8")
    assert json.loads(stored)["demo"]["hash"].startswith("$argon2id$") and '"demo"' in stored
    assert oct((workspace.root / "offline-logins.json").stat().st_mode & 0o777) == "0o600"
    logout(workspace)
    server.kill()  # the network is down: the counter keeps working
    session = login(workspace, "demo", "demo")
    assert session.offline and session.roles == ("officer",) and workspace.actor == "demo"
    workspace.session = None
    with pytest.raises(AuthFailed) as wrong:
        login(workspace, "demo", "sai")
    assert "ngoại tuyến" in wrong.value.message_vi
    with pytest.raises(AuthFailed) as never:
        login(workspace, "giamsat", "giamsat")  # never logged in online here
    assert "chưa đăng nhập trực tuyến" in never.value.message_vi
    assert workspace.session is None
