"""Credentials on the reference server: Argon2id at rest (and the upgrade of an earlier
version's SHA-256 hashes), lock-out after wrong passwords, refresh-token rotation with replay
detection, logout and disabled accounts, and the token's audience and issuer."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from joserfc import jwt
from joserfc.jwk import RSAKey

from tests.sync.conftest import RefServer, free_port

AGENCY = "000.87.34.H08"


def _token(url: str, user: str, password: str) -> requests.Response:
    return requests.post(url + "/oauth/token", timeout=10, data={"grant_type": "password", "username": user,
                                                                 "password": password,
                                                                 "client_id": "motcua-station"})


def _refresh(url: str, rt: str) -> requests.Response:
    return requests.post(url + "/oauth/token", data={"grant_type": "refresh_token", "refresh_token": rt},
                         timeout=10)


@pytest.fixture
def short_lock(tmp_path: Path) -> Iterator[RefServer]:
    srv = RefServer(tmp_path / "srv", free_port(), extra=("--lockout-window", "4"))
    srv.data.mkdir()
    srv.start()
    yield srv
    srv.stop()


def test_the_fifth_wrong_password_locks_the_account_until_the_window_passes(short_lock: RefServer) -> None:
    url = short_lock.url
    for _ in range(5):
        r = _token(url, "canbo2", "sai-mat-khau")
        assert r.status_code == 401 and r.json()["detail_vi"] == "Sai tên đăng nhập hoặc mật khẩu"
    locked = _token(url, "canbo2", "canbo2")  # the right password, while locked
    assert locked.status_code == 429 and locked.headers["content-type"].startswith("application/problem+json")
    assert "tạm khóa" in locked.json()["detail_vi"] and 1 <= int(locked.headers["Retry-After"]) <= 5
    assert _token(url, "demo", "demo").status_code == 200  # another account from the same address still works
    time.sleep(4.5)
    assert _token(url, "canbo2", "canbo2").status_code == 200  # the lock has expired


def test_refresh_tokens_rotate_a_replay_revokes_the_family_and_logout_ends_it(any_server: RefServer) -> None:
    server = any_server  # SQLite, and PostgreSQL with two server processes
    url = server.url
    first = _token(url, "demo", "demo").json()
    second = _refresh(url, first["refresh_token"])
    assert second.status_code == 200 and second.json()["refresh_token"] != first["refresh_token"]
    replay = _refresh(url, first["refresh_token"])  # a stolen copy of the used token
    assert replay.status_code == 401
    assert _refresh(url, second.json()["refresh_token"]).status_code == 401  # the whole family ended
    # logout (RFC 7009 revocation) ends a session; another session of the account lives on
    a, b = _token(url, "demo", "demo").json(), _token(url, "demo", "demo").json()
    assert requests.post(url + "/oauth/revoke", data={"token": a["refresh_token"]},
                         timeout=10).status_code == 200
    assert _refresh(url, a["refresh_token"]).status_code == 401
    assert _refresh(url, b["refresh_token"]).status_code == 200
    if server.database:
        return
    # stored only as digests
    with sqlite3.connect(server.data / "server.db") as conn:
        stored = {r[0] for r in conn.execute("SELECT token_hash FROM refresh_tokens")}
    assert b["refresh_token"] not in stored
    assert hashlib.sha256(b["refresh_token"].encode()).hexdigest() in stored


def test_an_administrator_creates_and_disables_accounts_of_their_agency_only(server: RefServer) -> None:
    url = server.url
    admin = {"Authorization": f"Bearer {_token(url, 'quantri', 'quantri').json()['access_token']}"}
    new = {"username": "canbo3", "password": "mat-khau-dai-9", "roles": ["officer"], "agency": AGENCY}
    assert requests.post(url + "/api/v1/users", json=new, headers=admin, timeout=10).status_code == 201
    other = {**new, "username": "canbo4", "agency": "000.87.35.H08"}
    assert requests.post(url + "/api/v1/users", json=other, headers=admin, timeout=10).status_code == 403
    province = {**new, "username": "tinh2", "roles": ["province_admin"]}
    assert requests.post(url + "/api/v1/users", json=province, headers=admin, timeout=10).status_code == 403
    assert requests.post(url + "/api/v1/users/canbo2/disable", headers=admin, timeout=10).status_code == 403
    session = _token(url, "canbo3", "mat-khau-dai-9").json()
    assert session["roles"] == ["officer"] and session["agency"] == AGENCY
    bearer = {"Authorization": f"Bearer {session['access_token']}"}
    assert requests.get(url + "/api/v1/accounts/052090000495", headers=bearer, timeout=10).status_code == 200
    off = requests.post(url + "/api/v1/users/canbo3/disable", headers=admin, timeout=10)
    assert off.status_code == 200 and off.json()["refresh_tokens_revoked"] == 1
    assert _refresh(url, session["refresh_token"]).status_code == 401
    assert requests.get(url + "/api/v1/accounts/052090000495", headers=bearer, timeout=10).status_code == 401
    assert _token(url, "canbo3", "mat-khau-dai-9").status_code == 401
    with sqlite3.connect(server.data / "server.db") as conn:
        (stored,) = conn.execute("SELECT secret_hash FROM users WHERE username = 'canbo3'").fetchone()
    assert stored.startswith("$argon2id$") and "mat-khau" not in stored


def test_accounts_are_re_enabled_re_roled_and_re_passworded_and_nobody_locks_themselves_out(
        server: RefServer) -> None:
    url = server.url

    def bearer(user: str, password: str) -> dict[str, str]:
        r = _token(url, user, password)
        assert r.status_code == 200, r.text
        return {"Authorization": f"Bearer {r.json()['access_token']}"}

    admin, officer = bearer("quantri", "quantri"), bearer("demo", "demo")
    # an administrator cannot disable, or change the roles of, their own account
    me = requests.post(url + "/api/v1/users/quantri/disable", headers=admin, timeout=10)
    assert me.status_code == 409 and me.json()["detail_vi"]
    assert requests.put(url + "/api/v1/users/quantri/roles", json={"roles": ["officer"]}, headers=admin,
                        timeout=10).status_code == 409
    assert _token(url, "quantri", "quantri").status_code == 200
    # disabled, then enabled again: the account logs in again
    assert requests.post(url + "/api/v1/users/giamsat/disable", headers=admin, timeout=10).status_code == 200
    assert _token(url, "giamsat", "giamsat").status_code == 401
    assert requests.post(url + "/api/v1/users/giamsat/enable", headers=admin, timeout=10).status_code == 200
    supervisor = bearer("giamsat", "giamsat")
    # a role taken away stops at once, on the token already issued
    second = {"username": "quantri2", "password": "mat-khau-dai-9", "roles": ["agency_admin"],
              "agency": AGENCY}
    assert requests.post(url + "/api/v1/users", json=second, headers=admin, timeout=10).status_code == 201
    admin2 = bearer("quantri2", "mat-khau-dai-9")
    reads = url + "/api/v1/warehouse/reads?owner=052090000495"
    assert requests.get(reads, headers=admin2, timeout=10).status_code == 200
    demoted = requests.put(url + "/api/v1/users/quantri2/roles", json={"roles": ["officer"]}, headers=admin,
                           timeout=10)
    assert demoted.status_code == 200 and demoted.json()["roles"] == ["officer"]
    assert requests.get(reads, headers=admin2, timeout=10).status_code == 403
    r = requests.post(f"{url}/api/v1/users/demo/password", json={"new_password": "mat-khau-moi-1"},
                      headers=supervisor,
                      timeout=10)
    assert r.status_code == 403  # nobody but an administrator resets another account's password
    assert requests.put(url + "/api/v1/users/giamsat/roles", json={"roles": ["workstation"]}, headers=admin,
                        timeout=10).status_code == 422
    assert requests.put(url + "/api/v1/users/tinh/roles", json={"roles": ["officer"]}, headers=admin,
                        timeout=10).status_code == 403  # the province's accounts are the province's
    assert requests.put(url + "/api/v1/users/canbo2/roles", json={"roles": ["supervisor"]}, headers=admin,
                        timeout=10).status_code == 403  # another agency's
    # one's own password: the current one is checked; every session ends
    wrong = requests.post(url + "/api/v1/users/demo/password", headers=officer, timeout=10,
                          json={"new_password": "mat-khau-moi-1", "current_password": "sai"})
    assert wrong.status_code == 403 and wrong.json()["detail_vi"] == "Mật khẩu hiện tại không đúng"
    ok = requests.post(url + "/api/v1/users/demo/password", headers=officer, timeout=10,
                       json={"new_password": "mat-khau-moi-1", "current_password": "demo"})
    assert ok.status_code == 200 and ok.json()["refresh_tokens_revoked"] >= 1
    assert _token(url, "demo", "demo").status_code == 401
    assert _token(url, "demo", "mat-khau-moi-1").status_code == 200
    # an administrator resets it for an officer who forgot it
    reset = requests.post(url + "/api/v1/users/demo/password", headers=admin, timeout=10,
                          json={"new_password": "dat-lai-2026"})
    assert reset.status_code == 200 and _token(url, "demo", "dat-lai-2026").status_code == 200


def test_tokens_for_another_audience_or_issuer_are_refused_and_the_key_is_private(server: RefServer) -> None:
    key_file = server.data / "jwt-signing-key.pem"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = RSAKey.import_key(key_file.read_bytes())
    kid = requests.get(server.url + "/oauth/jwks", timeout=10).json()["keys"][0]["kid"]
    now = int(time.time())
    good = {"iss": "motcua-refserver", "aud": "motcua", "sub": "demo", "iat": now, "exp": now + 60,
            "scope": "dossier:read", "roles": ["officer"], "agency": AGENCY}
    for claims, expected in ((good, 404), ({**good, "aud": "another-service"}, 401),
                             ({**good, "iss": "someone"}, 401),
                             ({k: v for k, v in good.items() if k != "aud"}, 401)):
        tok = jwt.encode({"alg": "RS256", "kid": kid}, claims, key)
        r = requests.get(f"{server.url}/api/v1/dossiers/{AGENCY}-261123-0001", timeout=10,
                         headers={"Authorization": f"Bearer {tok}"})
        assert r.status_code == expected, (claims, r.text)


def test_an_earlier_data_directory_is_upgraded_and_its_hashes_become_argon2id(tmp_path: Path) -> None:
    data = tmp_path / "srv"
    data.mkdir()
    with sqlite3.connect(data / "server.db") as conn:  # the schema and hashes of the previous version
        conn.execute("CREATE TABLE users (username TEXT PRIMARY KEY, password_sha256 TEXT NOT NULL, scopes "
                     "TEXT NOT NULL)")
        conn.execute("CREATE TABLE clients (client_id TEXT PRIMARY KEY, secret_sha256 TEXT NOT NULL, scopes "
                     "TEXT NOT NULL)")
        conn.execute("CREATE TABLE refresh_tokens (token TEXT PRIMARY KEY, subject TEXT NOT NULL, scopes "
                     "TEXT NOT NULL, "
                     "expires REAL NOT NULL)")
        conn.execute("INSERT INTO users VALUES ('cu', ?, "
                     "'dossier:read')", (hashlib.sha256(b"mat-khau-cu").hexdigest(),))
        conn.execute("INSERT INTO refresh_tokens VALUES ('clear-token', 'cu', 'dossier:read', "
                     "?)", (time.time() + 3600,))
    srv = RefServer(data, free_port())
    srv.start()
    try:
        assert _refresh(srv.url, "clear-token").status_code == 401  # tokens kept in clear are gone
        assert _token(srv.url, "cu", "sai").status_code == 401
        ok = _token(srv.url, "cu", "mat-khau-cu")
        assert ok.status_code == 200 and ok.json()["roles"] == ["officer"] and ok.json()["agency"] == ""
        with sqlite3.connect(data / "server.db") as conn:
            legacy, argon = conn.execute("SELECT legacy_sha256, secret_hash FROM users WHERE username = "
                                         "'cu'").fetchone()
        assert legacy == "" and argon.startswith("$argon2id$")
        assert _token(srv.url, "cu", "mat-khau-cu").status_code == 200  # now through Argon2id
        # an account without an agency acts for none
        bearer = {"Authorization": "Bearer "
                                   f"{ok.json()['access_token']}", "Idempotency-Key": str(uuid.uuid4())}
        r = requests.get(f"{srv.url}/api/v1/dossiers/{AGENCY}-261123-0001", headers=bearer, timeout=10)
        assert r.status_code == 403 and r.json()["detail_vi"]
    finally:
        srv.stop()


def test_the_server_refuses_to_listen_beyond_loopback_without_tls(tmp_path: Path) -> None:
    from app.refserver.main import main

    for host in ("0.0.0.0", "192.0.2.10"):
        with pytest.raises(SystemExit) as refused:
            main(["--host", host, "--data", str(tmp_path / "d")])
        assert "without TLS" in str(refused.value) and "--insecure" in str(refused.value)
    assert not (tmp_path / "d").exists()  # refused before anything was created


def test_cheap_password_hashes_are_for_test_servers_only(tmp_path: Path) -> None:
    from argon2 import PasswordHasher

    from app.refserver.auth import HashCost, hash_secret, use_hash_cost
    from app.refserver.main import main

    with pytest.raises(SystemExit) as refused:
        main(["--fast-password-hashes", "--data", str(tmp_path / "d")])
    assert "--enable-test-faults" in str(refused.value)
    assert not (tmp_path / "d").exists()
    try:  # a test server's cheap hash is still Argon2id, and a standard server would upgrade it at login
        use_hash_cost(HashCost.TEST)
        cheap = hash_secret("mat-khau")
    finally:
        use_hash_cost(HashCost.STANDARD)
    assert cheap.startswith("$argon2id$") and PasswordHasher().check_needs_rehash(cheap)
    assert not PasswordHasher().check_needs_rehash(hash_secret("mat-khau"))
