"""The full status loop through the CLI: a supervisor's send-back and the province's request for
more documents (status 5) are corrected and re-sent as new versions; the province's status comes
back to the counter; the result is returned only after status 9 (or an audited override) and is
stored in the owner's warehouse under an electronic-document code."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import requests

from app.domain.codes import DocumentCode
from app.services.signing import build_component_pdf
from app.store.workspace import Workspace
from app.testing.softhsm import SoftToken
from tests.conftest import CliRunner, cli_json, sign_built
from tests.sign.conftest import page_image
from tests.sync.conftest import RefServer

LOGIN = {"MOTCUA_USER": "demo", "MOTCUA_PASSWORD": "demo"}
SUPERVISOR = {"MOTCUA_USER": "giamsat", "MOTCUA_PASSWORD": "giamsat"}
OWNER = "052090000495"


def _build(ws_dir: Path, number: str, components: tuple[str, ...], seed: int, token: SoftToken) -> list[str]:
    """The officer scans, builds and signs components (what the Scan and Sign screens do); the
    signed files' SHA-256 (what the province receives)."""
    with Workspace.open(ws_dir) as ws:
        ids = [build_component_pdf(ws, number, comp,
                                   pages=[page_image(ws.tmp_dir / f"{comp}{seed}.png", dpi=60,
                                                                        seed=seed + k)])[0].id
               for k, comp in enumerate(components)]
        sign_built(ws, number, token)
        signed = {d.id: d.signed_sha256 for d in ws.documents.for_dossier(number)}
        return [signed[i] or "" for i in ids]


def _province(server: RefServer, number: str, status: int, note: str) -> None:
    """The province (account `tinh`, provincial administrator) moves the dossier on its own system."""
    tok = requests.post(server.url + "/oauth/token", timeout=10,
                        data={"grant_type": "password", "username": "tinh",
                              "password": "tinh"}).json()["access_token"]
    r = requests.post(f"{server.url}/api/v1/dossiers/{number}/status", timeout=10,
                      json={"TrangThaiHoSo": status, "GhiChu": note, "NgayCapNhat": "20261123090000"},
                      headers={"Authorization": f"Bearer {tok}", "Idempotency-Key": str(uuid.uuid4())})
    assert r.status_code == 200, r.text


def _held(server: RefServer, number: str) -> dict[str, object]:
    return next(d for d in server.dossiers() if d["MaHoSo"] == number)


def test_send_back_correct_resend_status_loop_and_return_of_results(cli: CliRunner, server: RefServer,
                                                                    token: SoftToken,
                                                                    tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    reg = cli("workstation", "register", "--server", server.url, "--agency", "000.87.34.H08", "--name",
              "Quầy 1",
              "--workspace", ws, env=LOGIN)
    assert reg.returncode == 0, reg.stderr
    shown = cli_json(cli("workstation", "show", "--json", "--workspace", ws))
    assert (shown["server"] == server.url and shown["agency"] == "000.87.34.H08"
            and shown["numbers_leased"] >= 20)
    number = cli_json(cli("dossier", "new", "--owner", OWNER, "--procedure", "1.001193", "--json",
                          "--workspace", ws))["dossier_no"]
    first = _build(ws, number, ("to_khai", "giay_chung_sinh"), 1, token)
    assert cli("dossier", "submit", number, "--workspace", ws).returncode == 0
    assert cli("sync", "run", "--once", "--workspace", ws, env=LOGIN).returncode == 0
    assert sorted(t["Sha256"] for t in _held(server,
                                             number)["TaiLieuNop"]) == sorted(first)  # type: ignore[union-attr]

    # 1. The supervisor sends it back; the officer rescans the form and sends it again: version 2.
    back = cli("review", "send-back", number, "--reason", "Trang tờ khai bị mờ", "--workspace", ws)
    assert back.returncode == 0, back.stderr
    fixed = _build(ws, number, ("to_khai",), 10, token)
    assert cli_json(cli("dossier", "submit", number, "--json", "--workspace", ws))["version"] == 2
    queued = [i for i in cli_json(cli("sync", "status", "--json", "--workspace",
                                      ws))["items"] if i["kind"] == "dossier"]
    assert [(i["version"], i["state"]) for i in queued] == [(1, "sent"), (2, "waiting")]
    assert "Trang tờ khai bị mờ" in queued[1]["reason"]
    assert cli("sync", "run", "--once", "--workspace", ws, env=LOGIN).returncode == 0
    held = _held(server, number)
    assert held["PhienBan"] == 2 and [v["version"] for v in held["versions"]] == [1, 2]  # type: ignore[index]
    assert "Trang tờ khai bị mờ" in held["versions"][1]["reason"]  # type: ignore[index]
    assert sorted(t["Sha256"] for t in held["TaiLieuNop"]) == sorted([fixed[0],
                                                                      first[1]])  # type: ignore[union-attr]

    # 2. The province asks for more documents (status 5): the poll reopens the dossier with its note.
    _province(server, number, 4, "")
    _province(server, number, 5, "Thiếu bản sao giấy chứng sinh rõ nét")
    assert cli("sync", "run", "--once", "--workspace", ws, env=LOGIN).returncode == 0
    d = cli_json(cli("dossier", "show", number, "--json", "--workspace", ws))
    assert d["state"] == "sent_back"
    assert d["province_status"]["status"] == 5 and d["province_status"]["status_name"] == "Yêu cầu bổ sung"
    assert d["province_status"]["note"] == "Thiếu bản sao giấy chứng sinh rõ nét"
    assert [h["status"] for h in d["history"]][-3:] == [2, 4, 5]
    items = cli_json(cli("sync", "status", "--json", "--workspace", ws))["items"]
    assert {(i["status"], i["status_name"]) for i in items if i["kind"] == "dossier"} == {(5, "Yêu cầu bổ "
                                                                                              "sung")}
    # ... the counter cannot hand a result back now ...
    result = tmp_path / "result.pdf"
    with Workspace.open(ws) as w:
        result.write_bytes(w.blobs.path(first[0], "pdf").read_bytes())
    early = cli("sync", "return-result", number, "--result", result, "--workspace", ws)
    assert early.returncode == 2 and "trạng thái 9" in early.stderr
    # ... the officer adds the document and sends version 3, whose reason is the province's note.
    fixed2 = _build(ws, number, ("giay_chung_sinh",), 20, token)
    assert cli_json(cli("dossier", "submit", number, "--json", "--workspace", ws))["version"] == 3
    assert cli("sync", "run", "--once", "--workspace", ws, env=LOGIN).returncode == 0
    held = _held(server, number)
    assert held["PhienBan"] == 3 and held["TrangThaiHoSo"] == 2
    assert "Thiếu bản sao giấy chứng sinh" in held["versions"][2]["reason"]  # type: ignore[index]
    assert sorted(t["Sha256"] for t in held["TaiLieuNop"]) == sorted([fixed[0],
                                                                      fixed2[0]])  # type: ignore[union-attr]

    # 3. Processed (4 then 9): the result goes back with its document, stored in the owner's warehouse.
    _province(server, number, 4, "")
    _province(server, number, 9, "Đã ký giấy khai sinh")
    polled = cli_json(cli("sync", "poll", "--json", "--workspace", ws, env=LOGIN))
    assert [(p["dossier_no"], p["status"]) for p in polled["dossiers"]] == [(number, 9)]
    done = cli("sync", "return-result", number, "--result", result, "--result-type", "GKS",
               "--result-name", "Giấy khai sinh", "--workspace", ws)
    assert done.returncode == 0, done.stderr
    assert cli("sync", "run", "--once", "--workspace", ws, env=LOGIN).returncode == 0
    assert _held(server, number)["TrangThaiHoSo"] == 10
    from app.sync.client import ClientConfig, SyncClient

    # the warehouse is read to serve a dossier: the citizen's next one at this counter
    purpose = cli_json(cli("dossier", "new", "--owner", OWNER, "--procedure", "1.001193", "--json",
                           "--workspace", ws))["dossier_no"]
    docs = SyncClient(ClientConfig(base_url=server.url), username="demo",
                      password="demo").search_documents(OWNER, "GKS", dossier=purpose)
    stored = [x for x in docs if x["title"] == "Giấy khai sinh"]
    assert len(stored) == 1
    code = DocumentCode.parse(stored[0]["code"])
    assert code.owner == OWNER and code.doc_type == "GKS" and code.suffix_date is not None
    final = cli_json(cli("dossier", "show", number, "--json", "--workspace", ws))
    assert final["state"] == "result_returned"

    # The audit chain holds why each version was sent, and stays intact.
    with sqlite3.connect(ws / "motcua.db") as conn:
        reasons = [r[0] for r in conn.execute("SELECT details FROM audit_log WHERE action = "
                                              "'outbox.enqueue' ORDER BY id")]
    assert len(reasons) == 3 and "Trang tờ khai bị mờ" in reasons[1] and "Thiếu bản sao" in reasons[2]
    assert cli_json(cli("audit", "verify", "--json", "--workspace", ws))["ok"] is True


def test_return_before_processing_needs_an_audited_override(cli: CliRunner, server: RefServer,
                                                            token: SoftToken, tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    assert cli("workstation", "register", "--server", server.url, "--agency", "000.87.34.H08", "--name",
               "Quầy 2",
               "--workspace", ws, env=LOGIN).returncode == 0
    number = cli_json(cli("dossier", "new", "--owner", OWNER, "--procedure", "1.001193", "--json",
                          "--workspace", ws))["dossier_no"]
    _build(ws, number, ("to_khai", "giay_chung_sinh"), 3, token)
    assert cli("dossier", "submit", number, "--workspace", ws).returncode == 0
    assert cli("sync", "run", "--once", "--workspace", ws, env=LOGIN).returncode == 0
    refused = cli("sync", "return-result", number, "--workspace", ws, "--lang", "en")
    assert refused.returncode == 2 and "status 9" in refused.stderr
    ok = cli("sync", "return-result", number, "--override", "Công dân cần gấp, lãnh đạo đồng "
                                                            "ý", "--workspace", ws)
    assert ok.returncode == 0, ok.stderr
    # the override is a supervisor's: the server takes it from the supervisor's login
    assert cli("sync", "run", "--once", "--workspace", ws, env=SUPERVISOR).returncode == 0
    held = _held(server, number)
    assert held["TrangThaiHoSo"] == 10
    with sqlite3.connect(ws / "motcua.db") as conn:
        audited = conn.execute("SELECT details FROM audit_log WHERE action = "
                               "'dossier.return_override'").fetchall()
    assert len(audited) == 1 and "lãnh đạo đồng ý" in audited[0][0]
    with sqlite3.connect(ws / "motcua.db") as conn:  # the sync run's entries name the logged-in user
        senders = {r[0] for r in conn.execute("SELECT actor FROM audit_log WHERE action IN ('outbox.sent', "
                                              "'outbox.result_stored') AND dossier = ?", (number,))}
    assert "giamsat" in senders


def test_unregistered_workspace_says_how_to_register(cli: CliRunner, tmp_path: Path) -> None:
    res = cli("dossier", "new", "--owner", OWNER, "--procedure", "1.001193", "--workspace", tmp_path / "ws")
    assert (res.returncode == 2
            and "motcua workstation register --server URL --agency CODE --name NAME" in res.stderr)
    shown = cli_json(cli("workstation", "show", "--json", "--workspace", tmp_path / "ws"))
    assert shown["workstation_id"] is None and shown["numbers_leased"] == 0


def test_offline_reception_draws_from_the_leased_block_and_says_when_it_is_used_up(cli: CliRunner,
                                                                                   server: RefServer,
                                                                                 tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    reg = cli_json(cli("workstation", "register", "--server", server.url, "--agency", "000.87.34.H08",
                       "--name", "Quầy 3",
                       "--json", "--workspace", ws, env=LOGIN))
    left = reg["numbers_left_today"]
    assert left >= 5
    server.kill()  # the network is gone: reception carries on from the block leased in advance
    from app.services.reception import ReceptionRequest, open_dossier

    with Workspace.open(ws) as w:  # a busy morning at the counter
        numbers = {open_dossier(w,
                                ReceptionRequest(owner=OWNER,
                                                 procedure="1.001193")).number for _ in range(left)}
    assert len(numbers) == left
    out = cli("dossier", "new", "--owner", OWNER, "--procedure", "1.001193", "--workspace", ws, env=LOGIN)
    assert out.returncode == 1 and "Đã dùng hết số hồ sơ được cấp" in out.stderr
    server.start()  # back online: the next reception leases a new block by itself
    back = cli("dossier", "new", "--owner", OWNER, "--procedure", "1.001193", "--workspace", ws, env=LOGIN)
    assert back.returncode == 0, back.stderr
    assert back.stdout.strip() not in numbers
