"""Many counters, one agency: several workstation processes (separate workspaces, same agency)
against one reference server process."""

from __future__ import annotations

import hashlib
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
import requests

from app.services import submit
from app.services.signing import build_component_pdf
from app.store.workspace import Workspace
from app.testing.softhsm import SoftToken
from tests.conftest import REPO_ROOT, CliRunner, cli_env, cli_json, sign_built
from tests.sign.conftest import page_image
from tests.sync.conftest import RefServer

AGENCY = "000.87.34.H08"
LOGIN = {"MOTCUA_USER": "demo", "MOTCUA_PASSWORD": "demo"}
WORKER = str(REPO_ROOT / "tests" / "sync" / "station_worker.py")


def _register(cli: CliRunner, server: RefServer, ws: Path, name: str) -> dict[str, Any]:
    res = cli("workstation", "register", "--server", server.url, "--agency", AGENCY, "--name", name, "--json",
              "--workspace", ws, env=LOGIN)
    assert res.returncode == 0, res.stderr
    data = cli_json(res)
    assert set(data) >= {"server", "agency", "workstation_id", "numbers_leased"}
    return dict(data)


def _start_workers(dirs: list[Path], count: int, token: SoftToken) -> list[subprocess.Popen[str]]:
    env = cli_env({**LOGIN, **token.env, "MOTCUA_TEST_TOKEN": f"{token.module}|{token.label}|{token.pin}"})
    procs = [subprocess.Popen([sys.executable, WORKER, str(d), str(count), str(n + 1)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for n, d in enumerate(dirs)]
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    return procs


def _queued(out: str) -> dict[str, list[str]]:
    return {line.split()[1]: line.split()[2].split(",")
            for line in out.splitlines() if line.startswith("QUEUED")}


def _local_dossier_items(ws: Path) -> dict[str, list[str]]:
    """Every dossier queued in a workspace with the hashes of its files (read from its database)."""
    with sqlite3.connect(ws / "motcua.db") as conn:
        rows = conn.execute("SELECT o.dossier_no, f.blob_sha FROM outbox o JOIN outbox_files f ON "
                            "f.outbox_id = o.id "
                            "WHERE o.kind = 'dossier' AND o.state != 'cancelled' ORDER BY o.id, "
                            "f.seq").fetchall()
    out: dict[str, list[str]] = {}
    for number, sha in rows:
        out.setdefault(number, []).append(sha)
    return out


def _check_server(server: RefServer, expected: dict[str, tuple[str, list[str]]]) -> None:
    """``expected``: number -> (workstation id, file hashes). Every dossier arrived once, from its
    own workstation, with its own files, whose stored bytes hash to what was sent."""
    held = server.dossiers()
    numbers = [d["MaHoSo"] for d in held]
    assert len(numbers) == len(set(numbers)), "a dossier is held twice"
    assert set(numbers) == set(expected), (set(expected) - set(numbers), set(numbers) - set(expected))
    for d in held:
        ws_id, hashes = expected[d["MaHoSo"]]
        assert d["workstation_id"] == ws_id, f"{d['MaHoSo']} attributed to another workstation"
        assert sorted(t["Sha256"] for t in d["TaiLieuNop"]) == sorted(hashes)
        for t in d["TaiLieuNop"]:
            assert (hashlib.sha256((server.data / "files" / t["TepDinhKemId"]).read_bytes()).hexdigest()
                    == t["Sha256"])


@pytest.mark.parametrize(("any_server", "stations"), [("sqlite", 2), ("sqlite", 3), ("postgresql", 3)],
                         indirect=["any_server"])
def test_simultaneous_receptions_get_distinct_numbers_and_arrive_once(cli: CliRunner, any_server: RefServer,
                                                                      tmp_path: Path, token: SoftToken,
                                                                      stations: int) -> None:
    server = any_server
    dirs = [tmp_path / f"ws{n}" for n in range(stations)]
    ids = [_register(cli, server, d, f"Quầy {n + 1}")["workstation_id"] for n, d in enumerate(dirs)]
    assert len(set(ids)) == stations
    procs = _start_workers(dirs, 4, token)
    outs = [p.communicate(timeout=400) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1][-2000:] for o in outs]
    per_station = [_queued(o[0]) for o in outs]
    numbers = [n for q in per_station for n in q]
    assert len(numbers) == 4 * stations == len(set(numbers))
    assert all(n.startswith(AGENCY + "-") for n in numbers)
    _check_server(server, {n: (ids[k], h) for k, q in enumerate(per_station) for n, h in q.items()})
    for d in dirs:
        status = cli_json(cli("sync", "status", "--json", "--workspace", d))
        dossiers = [i for i in status["items"] if i["kind"] == "dossier"]
        assert dossiers and all(i["state"] == "sent" and i["status"] == 2 and i["status_name"] == "Đã tiếp "
                                                                                                  "nhận"
                                for i in dossiers)


def test_sigkill_of_workstations_and_server_loses_and_duplicates_nothing(cli: CliRunner,
                                                                         any_server: RefServer,
                                                                         tmp_path: Path,
                                                                         token: SoftToken) -> None:
    server = any_server
    rng = random.Random(12)
    dirs = [tmp_path / "ws0", tmp_path / "ws1"]
    ids = [_register(cli, server, d, f"Quầy {n + 1}")["workstation_id"] for n, d in enumerate(dirs)]
    server.faults(delay_s=0.05)
    for _round in range(2):
        procs = _start_workers(dirs, 3, token)
        time.sleep(3 + rng.random() * 3)
        victim = procs[rng.randrange(2)]
        victim.send_signal(signal.SIGKILL)
        time.sleep(rng.random())
        server.kill()  # the server dies mid-upload or mid-write too
        for p in procs:
            try:
                p.communicate(timeout=120)
            except subprocess.TimeoutExpired:
                p.kill()
                p.communicate()
        server.start()
        server.faults(delay_s=0.05)
    server.faults()
    for d in dirs:
        res = cli("sync", "run", "--once", "--workspace", d, "--json", env=LOGIN)
        assert res.returncode == 0, res.stderr
    expected = {n: (ids[k], h) for k, d in enumerate(dirs) for n, h in _local_dossier_items(d).items()}
    assert len(expected) >= 4
    _check_server(server, expected)


def test_reinstall_cannot_reuse_a_number_or_a_key(cli: CliRunner, server: RefServer, tmp_path: Path,
                                                  token: SoftToken) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    first = _register(cli, server, old, "Quầy 1")
    made = cli_json(cli("dossier", "new", "--owner", "052090000495", "--procedure", "1.001193", "--json",
                        "--workspace", old))
    again = _register(cli, server, new, "Quầy 1")  # the same counter, reinstalled in a fresh workspace
    assert again["workstation_id"] == first["workstation_id"] and again["reinstalled"] is True
    old_numbers = {(lease["day"], n) for lease in first["leases"] for n in range(lease["first"],
                                                                                 lease["last"] + 1)}
    new_numbers = {(lease["day"], n) for lease in again["leases"] for n in range(lease["first"],
                                                                                 lease["last"] + 1)}
    assert not old_numbers & new_numbers
    fresh = cli_json(cli("dossier", "new", "--owner", "052090000495", "--procedure", "1.001193", "--json",
                         "--workspace", new))
    assert fresh["dossier_no"] != made["dossier_no"]
    # The old installation (a restored backup, say) cannot use its revoked block on the server.
    r = requests.post(server.url + "/oauth/token",
                      data={"grant_type": "password", "username": "demo", "password": "demo"},
                      timeout=10)
    bearer = r.json()["access_token"]
    body = {"MaHoSo": made["dossier_no"], "MaTTHC": "1.001193", "TenTTHC": "x", "ChuHoSo": "x",
            "LoaiDoiTuong": 1,
            "MaDoiTuong": "052090000495", "NgayTiepNhan": "20261123080000", "TrangThaiHoSo": 2}
    refused = requests.post(server.url + "/api/v1/dossiers", json=body, timeout=10,
                            headers={"Authorization": "Bearer "
                                                      f"{bearer}", "Idempotency-Key": str(uuid.uuid4()),
                                     "X-Workstation-Id": first["workstation_id"]})
    assert refused.status_code == 422 and refused.json()["title"] == "Number not leased"
    # Keys: each install queues its dossier; every stored key is a UUIDv4 and the two share none.
    keys = []
    for ws_dir, number in ((old, made["dossier_no"]), (new, fresh["dossier_no"])):
        with Workspace.open(ws_dir) as ws:
            for k, comp in enumerate(("to_khai", "giay_chung_sinh")):
                build_component_pdf(ws, number, comp,
                                    pages=[page_image(tmp_path / f"{ws_dir.name}{k}.png", dpi=60, seed=k)])
            sign_built(ws, number, token)
            submit.enqueue(ws, number)
        with sqlite3.connect(ws_dir / "motcua.db") as conn:
            keys.append({r[0] for r in conn.execute("SELECT idem_key FROM outbox UNION "
                                                    "SELECT idem_key FROM outbox_files")})
    # the dossier, its two files and its review packet for the supervisor
    assert all(len(k) == 4 and all(uuid.UUID(x).version == 4 for x in k) for k in keys)
    assert not keys[0] & keys[1]
    # Sent, the old install's dossier is refused (its block was revoked), the officer reads why, nothing
    # marked sent.
    old_run = cli("sync", "run", "--once", "--json", "--workspace", old, env=LOGIN)
    assert old_run.returncode == 1 and cli_json(old_run)["rejected"]
    item = next(i for i in cli_json(cli("sync", "status", "--json", "--workspace", old))["items"]
                if i["kind"] == "dossier")
    assert item["state"] == "rejected" and "khối số" in item["last_error_vi"]
    assert cli("sync", "run", "--once", "--workspace", new, env=LOGIN).returncode == 0
    assert [d["MaHoSo"] for d in server.dossiers()] == [fresh["dossier_no"]]


def test_idempotency_keys_are_scoped_fingerprinted_and_run_once(any_server: RefServer) -> None:
    server = any_server
    def token(user: str, password: str) -> str:
        r = requests.post(server.url + "/oauth/token", data={"grant_type": "password", "username": user,
                                                             "password": password}, timeout=10)
        return str(r.json()["access_token"])

    demo = token("demo", "demo")
    headers = {"Authorization": f"Bearer {demo}"}
    reg = requests.post(server.url + "/api/v1/workstations", json={"agency": AGENCY, "name": "Quầy "
                                                                                             "9"}, timeout=10,
                        headers={**headers, "Idempotency-Key": str(uuid.uuid4())}).json()
    key = str(uuid.uuid4())
    day = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 7 * 3600))
    url = f"{server.url}/api/v1/workstations/{reg['workstation_id']}/leases"
    replies: list[requests.Response] = []

    def lease() -> None:
        replies.append(requests.post(url, json={"day": day, "count": 10}, timeout=30,
                                     headers={**headers, "Idempotency-Key": key}))

    threads = [threading.Thread(target=lease) for _ in range(8)]  # concurrent retries of one request
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert {r.status_code for r in replies} == {201}
    assert len({r.json()["lease_id"] for r in replies}) == 1  # ran once
    after = requests.post(url, json={"day": day, "count": 10}, timeout=10,
                          headers={**headers, "Idempotency-Key": str(uuid.uuid4())}).json()
    assert after["first"] == replies[0].json()["last"] + 1  # the counter moved once
    other_body = requests.post(url, json={"day": day, "count": 11}, timeout=10,
                               headers={**headers, "Idempotency-Key": key})
    assert other_body.status_code == 422 and other_body.json()["title"] == "Idempotency-Key reused"
    assert "lease_id" not in other_body.json()
    other_route = requests.post(server.url + "/api/v1/uploads", timeout=10,
                                headers={**headers, "Idempotency-Key": key},
                                json={"name": "a.pdf", "size": 1, "sha256": "0" * 64})
    assert other_route.status_code == 422
    # Another caller using the same key gets its own answer, never the first caller's reply.
    requests.post(server.url + "/oauth/token", timeout=10, data={"grant_type": "password", "username": "demo",
                                                                  "password": "demo"})
    client_tok = requests.post(server.url + "/oauth/token", timeout=10, data={
        "grant_type": "client_credentials", "client_id": "workstation-demo",
        "client_secret": "workstation-demo-secret"}).json()["access_token"]
    theirs = requests.post(url, json={"day": day, "count": 10}, timeout=10,
                           headers={"Authorization": f"Bearer {client_tok}", "Idempotency-Key": key})
    assert theirs.status_code == 201 and theirs.json()["lease_id"] != replies[0].json()["lease_id"]


def test_each_new_route_refuses_a_token_without_the_right_scope(server: RefServer) -> None:
    r = requests.post(server.url + "/oauth/token", timeout=10,
                      data={"grant_type": "password", "username": "reader", "password": "reader"})
    headers = {"Authorization": f"Bearer {r.json()['access_token']}", "Idempotency-Key": str(uuid.uuid4()),
               "X-Workstation-Id": "x"}
    number = f"{AGENCY}-261123-0001"
    dossier = {"MaHoSo": number, "MaTTHC": "1.001193", "TenTTHC": "x", "ChuHoSo": "x", "LoaiDoiTuong": 1,
               "MaDoiTuong": "052090000495", "NgayTiepNhan": "20261123080000", "TrangThaiHoSo": 2}
    calls = [("post", "/api/v1/workstations", {"agency": AGENCY, "name": "Quầy 1"}),
             ("post", "/api/v1/workstations/x/leases", {"day": "2026-11-23", "count": 5}),
             ("post", "/api/v1/dossiers", dossier),
             ("post", f"/api/v1/dossiers/{number}/versions", {"PhienBan": 2, "LyDo": "x", "HoSo": dossier}),
             ("get", f"/api/v1/dossiers/{number}/status", None),
             ("get", f"/api/v1/dossiers/{number}", None),
             ("post", f"/api/v1/dossiers/{number}/status", {"TrangThaiHoSo": 10})]
    for method, path, body in calls:
        resp = requests.request(method, server.url + path, json=body, headers=headers, timeout=10)
        assert resp.status_code == 403, (path, resp.status_code, resp.text)
        assert "scope" in resp.json()["detail"]
        assert requests.request(method, server.url + path, json=body, timeout=10).status_code == 401


def test_a_409_is_success_only_for_the_same_dossier_with_the_same_files(cli: CliRunner, server: RefServer,
                                                                        tmp_path: Path,
                                                                        token: SoftToken) -> None:
    import shutil

    ws_dir = tmp_path / "ws"
    _register(cli, server, ws_dir, "Quầy 1")
    backup = tmp_path / "backup"
    shutil.copytree(ws_dir, backup)  # a backup taken this morning
    number = cli_json(cli("dossier", "new", "--owner", "052090000495", "--procedure", "1.001193", "--json",
                          "--workspace", ws_dir))["dossier_no"]
    with Workspace.open(ws_dir) as ws:
        for k, comp in enumerate(("to_khai", "giay_chung_sinh")):
            build_component_pdf(ws, number, comp, pages=[page_image(tmp_path / f"a{k}.png", dpi=60, seed=k)])
        sign_built(ws, number, token)
        submit.enqueue(ws, number)
    assert cli("sync", "run", "--once", "--workspace", ws_dir, env=LOGIN).returncode == 0
    # The same dossier sent again under a new key (an item whose key was lost): 409, same files -> success.
    with sqlite3.connect(ws_dir / "motcua.db") as conn:
        conn.execute("UPDATE outbox SET state = 'waiting', idem_key = ? WHERE kind = "
                     "'dossier'", (str(uuid.uuid4()),))
    again = cli("sync", "run", "--once", "--json", "--workspace", ws_dir, env=LOGIN)
    assert again.returncode == 0 and cli_json(again)["sent"], again.stderr
    assert [d["MaHoSo"] for d in server.dossiers()] == [number]
    # The workspace restored from the backup hands out the same number to another citizen: the
    # server's copy differs, so the officer sees a conflict, the dossier is kept and not marked sent.
    shutil.rmtree(ws_dir)
    shutil.copytree(backup, ws_dir)
    other = cli_json(cli("dossier", "new", "--owner", "079200000001", "--procedure", "1.001193", "--json",
                         "--workspace", ws_dir))["dossier_no"]
    assert other == number
    with Workspace.open(ws_dir) as ws:
        for k, comp in enumerate(("to_khai", "giay_chung_sinh")):
            build_component_pdf(ws, other, comp,
                                pages=[page_image(tmp_path / f"b{k}.png", dpi=60, seed=50 + k)])
        sign_built(ws, other, token)
        submit.enqueue(ws, other)
    res = cli("sync", "run", "--once", "--json", "--workspace", ws_dir, env=LOGIN)
    assert res.returncode == 1 and cli_json(res)["rejected"]
    item = next(i for i in cli_json(cli("sync", "status", "--json", "--workspace",
                                        ws_dir))["items"] if i["kind"] == "dossier")
    assert item["state"] == "rejected" and "nội dung khác" in item["last_error_vi"]
    shown = cli_json(cli("dossier", "show", other, "--json", "--workspace", ws_dir))
    assert shown["state"] == "queued" and shown["owner"] == "079200000001"
    held = server.dossiers()
    assert len(held) == 1 and held[0]["MaDoiTuong"] == "052090000495"
