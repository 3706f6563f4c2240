"""Another agency's earlier result (seed 002) across two workstations of different agencies and
one server: the officer names the managing agency, the signed scan goes through the outbox
exactly once, the managing agency (another workstation, another agency) lists it, reads it and
answers; the answer flows back to the sending workstation's status loop and audit chain. A third
agency sees nothing; with a certification desk the unsigned file goes to the counter's own desk."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path
from typing import Any

import pytest
import requests

from app.domain.errors import InvalidInput
from app.domain.records import ComponentState
from app.domain.routing import CheckResult, ForwardState, ResultRoute
from app.services import forwarding, submit, workstation
from app.services.reception import ReceptionRequest, open_dossier
from app.services.signing import build_component_pdf
from app.sign.signer import sign_with_key_file
from app.store.workspace import Workspace
from app.sync import outbox
from app.sync.client import Rejected
from app.testing.pki import build_test_pki
from tests.conftest import CliRunner, cli_json
from tests.sign.conftest import page_image

OWN, MANAGER, THIRD = "000.87.34.H08", "000.87.35.H08", "000.87.36.H08"
COMP = "giay_bao_tu"  # an earlier result (Giấy báo tử) in 1.000656 Đăng ký khai tử


def _dossier_with_scan(ws: Workspace) -> str:
    number = open_dossier(ws, ReceptionRequest(owner="052090000495", procedure="1.000656")).number
    build_component_pdf(ws, number, COMP, pages=[page_image(ws.tmp_dir / "gbt.png", dpi=60, seed=3)])
    return number


def _sign(ws: Workspace, number: str, server: Any, comp: str = COMP) -> str:
    """The officer's signature (the demo PKI's officer key, as the token would hold it)."""
    doc = ws.documents.for_dossier(number, comp)[-1]
    signed = ws.tmp_dir / "signed.pdf"
    sign_with_key_file(ws.blobs.path(doc.pdf_sha256, "pdf"), signed,
                       build_test_pki(server.data / "pki").officer)
    blob = ws.blobs.put_file(signed, "pdf")
    with ws.db.transaction() as conn:
        ws.documents.set_signed(conn, doc.id or 0, blob.sha256)
        ws.audit.append(conn, "document.sign", actor=ws.actor, dossier=number,
                        objects={"unsigned": doc.pdf_sha256, "signed": blob.sha256},
                        details={"component": comp})
    ws.dossiers.set_component_state(number, comp, ComponentState.SIGNED, actor=ws.actor)
    return blob.sha256


def _client(ws: Workspace, server: Any, user: str, password: str = "") -> Any:
    return submit.client_from(ws, server.url, username=user, password=password or user)


def _third_agency_token(url: str) -> str:
    name = f"cb3-{uuid.uuid4().hex[:6]}"
    tinh = requests.post(url + "/oauth/token",
                         data={"grant_type": "password", "username": "tinh", "password": "tinh",
                                                     "client_id": "motcua-station"},
                                                     timeout=10).json()["access_token"]
    r = requests.post(url + "/api/v1/users",
                      json={"username": name, "password": "matkhau-ba", "roles": ["officer"],
                                                   "agency": THIRD}, headers={"Authorization": "Bearer "
                                                                                               f"{tinh}"},
                      timeout=10)
    assert r.status_code in (200, 201), r.text
    return str(requests.post(url + "/oauth/token", data={"grant_type": "password", "username": name,
                                                         "password": "matkhau-ba",
                                                         "client_id": "motcua-station"},
                             timeout=10).json()["access_token"])


def test_signed_result_goes_to_the_managing_agency_once_and_its_answer_comes_back(
        workspace: Workspace, station_server: Any, tmp_path: Path, cli: CliRunner) -> None:
    ws = workspace
    number = _dossier_with_scan(ws)
    assert forwarding.decide(ws, number, COMP).route is ResultRoute.NEEDS_AGENCY
    assert forwarding.decide(ws, number, "to_khai").route is ResultRoute.SCAN_ONLY
    with pytest.raises(InvalidInput) as nobody:
        forwarding.send(ws, number, COMP)
    assert "cơ quan quản lý" in nobody.value.message_vi
    with pytest.raises(InvalidInput) as unsigned:  # the managing agency gets the signed file only
        forwarding.send(ws, number, COMP, agency=MANAGER)
    assert "ký số" in unsigned.value.message_vi
    signed_sha = _sign(ws, number, station_server)
    sent = forwarding.send(ws, number, COMP, note="Đề nghị kiểm tra giấy báo tử")
    assert (sent.route, sent.target_agency, sent.signed, sent.blob_sha, sent.state) == (
        ResultRoute.MANAGING_AGENCY, MANAGER, True, signed_sha, ForwardState.QUEUED)
    assert forwarding.send(ws, number, COMP).id == sent.id  # forwarded once, whatever the clicks
    assert [i.kind for i in outbox.items(ws, dossier_no=number)] == ["forward"]

    officer = _client(ws, station_server, "demo")
    report = submit.run(ws, officer)
    assert report.sent == [sent.outbox_id] and not report.rejected
    first = forwarding.get(ws, sent.id)
    assert first.state is ForwardState.SENT and first.server_id
    # a crash after the server took it, before the workstation marked it sent: sent again, same key
    with ws.db.transaction() as conn:
        conn.execute("UPDATE outbox SET state = 'waiting' WHERE id = ?", (sent.outbox_id,))
    assert submit.run(ws, officer).sent == [sent.outbox_id]
    assert forwarding.get(ws, sent.id).server_id == first.server_id

    # the managing agency's workstation (another agency, another workspace)
    with Workspace.open(tmp_path / "manager") as mws:
        manager = _client(mws, station_server, "canbo2")
        workstation.register(mws, manager, agency=MANAGER, name=f"Quầy quản lý {uuid.uuid4().hex[:6]}")
        mine = [i for i in forwarding.inbox(manager, state="waiting") if i["dossier_no"] == number]
        assert len(mine) == 1 and mine[0]["id"] == first.server_id and mine[0]["from_agency"] == OWN
        assert mine[0]["signed"] and mine[0]["note"] == "Đề nghị kiểm tra giấy báo tử"
        data = forwarding.forwarded_file(manager, first.server_id)
        assert hashlib.sha256(data).hexdigest() == signed_sha

        # a third agency: the forward does not exist for it; the sender cannot answer it
        third = {"Authorization": f"Bearer {_third_agency_token(station_server.url)}"}
        base = f"{station_server.url}/api/v1/forwards/{first.server_id}"
        assert requests.get(base, headers=third, timeout=10).status_code == 404
        assert requests.get(base + "/file", headers=third, timeout=10).status_code == 404
        assert requests.post(base + "/check", json={"result": "matches"}, timeout=10,
                             headers={**third, "Idempotency-Key": str(uuid.uuid4())}).status_code == 404
        assert all(i["id"] != first.server_id for i in requests.get(
            station_server.url + "/api/v1/forwards/inbox", headers=third, timeout=10).json()["items"])
        with pytest.raises(Rejected):  # the sending agency reads it but does not answer it
            forwarding.check(ws, officer, first.server_id, CheckResult.MATCHES)

        with pytest.raises(InvalidInput):
            forwarding.check(mws, manager, first.server_id, CheckResult.DOES_NOT_MATCH, "sai")
        answer = forwarding.check(mws, manager, first.server_id, CheckResult.DOES_NOT_MATCH,
                                  "Số giấy báo tử không có trong sổ")
        assert answer["result"] == "does_not_match" and answer["checked_by"] == "canbo2"
        with pytest.raises(Rejected):  # answered once
            forwarding.check(mws, manager, first.server_id, CheckResult.MATCHES)
        assert any(e.action == "forward.check" for e in mws.audit.entries())

    submit.run(ws, officer)  # the sending workstation's status loop reads the answer
    back = forwarding.get(ws, sent.id)
    assert back.state is ForwardState.DOES_NOT_MATCH and back.note == "Số giấy báo tử không có trong sổ"
    assert back.checked_by == "canbo2" and "không khớp" in back.label.vi
    actions = [e.action for e in ws.audit.entries(dossier=number)]
    assert {"forward.queued", "forward.sent", "forward.does_not_match"} <= set(actions)
    assert actions.count("forward.sent") == 1 and ws.audit.verify().ok
    submit.run(ws, officer)
    assert [e.action for e in ws.audit.entries(dossier=number)].count("forward.does_not_match") == 1

    listed = cli_json(cli("forward", "list", number, "--json", "--workspace", ws.root))["forwards"]
    assert [(x["state"], x["target_agency"], x["outbox_state"]) for x in listed] == [
        ("does_not_match", MANAGER, "sent")]


def test_with_a_certification_desk_the_unsigned_file_goes_to_the_counters_desk(
        workspace: Workspace, station_server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = workspace
    number = _dossier_with_scan(ws)
    forwarding.set_certification_desk(ws, True)
    forwarding.set_managing_agency(ws, number, COMP, MANAGER)
    decision = forwarding.decide(ws, number, COMP)
    assert decision.route is ResultRoute.CERTIFICATION and decision.must_sign \
        and decision.target_agency == OWN
    build_component_pdf(ws, number, "to_khai", pages=[page_image(ws.tmp_dir / "tk.png", dpi=60, seed=4)])
    for comp in (COMP, "to_khai"):  # a dossier is sent only signed (the unsigned scan is what the desk gets)
        _sign(ws, number, station_server, comp)
    submit.enqueue(ws, number)  # sending the dossier forwards what the rule forwards
    (sent,) = forwarding.forwards(ws, number)  # the unsigned file: no signature needed to hand it to the desk
    unsigned = ws.documents.for_dossier(number, COMP)[-1].pdf_sha256
    assert not sent.signed and sent.blob_sha == unsigned
    submit.run(ws, _client(ws, station_server, "demo"))
    server_id = forwarding.get(ws, sent.id).server_id
    desk = _client(ws, station_server, "giamsat")  # the desk's account, same agency
    item = next(i for i in forwarding.inbox(desk) if i["id"] == server_id)
    assert item["route"] == "certification" and item["target_agency"] == OWN and not item["signed"]
    forwarding.check(ws, desk, server_id, CheckResult.MATCHES, "Đã chứng thực")
    monkeypatch.setattr(forwarding, "ANSWERS_PAGE", 1)  # pages of one: the answers are read past other ones
    forwarding.poll(ws, _client(ws, station_server, "demo"))
    assert forwarding.get(ws, sent.id).state is ForwardState.MATCHES


def test_sigkill_while_forwarding_neither_loses_nor_duplicates(workspace: Workspace, station_server: Any,
                                                              tmp_path: Path) -> None:
    """`motcua sync run` killed (SIGKILL) at random points while the forward uploads and posts,
    then run to the end: the managing agency holds the forward exactly once, and the workstation
    recorded it sent once."""
    import random
    import signal
    import subprocess
    import sys
    import time

    from tests.conftest import REPO_ROOT, cli_env

    ws = workspace
    number = _dossier_with_scan(ws)
    _sign(ws, number, station_server)
    sent = forwarding.send(ws, number, COMP, agency=MANAGER)
    ws.close()
    env = cli_env({"MOTCUA_USER": "demo", "MOTCUA_PASSWORD": "demo"})
    cmd = [sys.executable, "-m", "app", "sync", "run", "--once", "--server", station_server.url,
           "--workspace", str(tmp_path / "ws")]
    rng = random.Random(16)
    station_server.faults(delay_s=0.15)  # each request takes a while: the kills land mid-send
    steps = []
    try:
        with Workspace.open(tmp_path / "ws") as watch:
            # in the upload (about 0.8 s with the delay), in the post (the server verifies the
            # signature), anywhere
            for pause in (rng.uniform(0.1, 0.7), rng.uniform(0.9, 2.5), rng.uniform(0.0, 3.0)):
                tried = outbox.items(watch, dossier_no=number)[0].attempts
                proc = subprocess.Popen(cmd, env=env, cwd=REPO_ROOT, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
                # until this run takes the item (a killed run leaves it 'sending')
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline and proc.poll() is None and \
                        outbox.items(watch, dossier_no=number)[0].attempts == tried:
                    time.sleep(0.02)
                time.sleep(pause)
                proc.send_signal(signal.SIGKILL)
                proc.wait(10)
                item = outbox.items(watch, dossier_no=number)[0]
                steps.append((item.state.value, item.done_steps))
    finally:
        station_server.faults()
    assert any(state != "sent" for state, _done in steps), steps  # killed mid-send at least once
    assert subprocess.run(cmd, env=env, cwd=REPO_ROOT, capture_output=True, timeout=120).returncode == 0
    with Workspace.open(tmp_path / "ws") as again:
        done = forwarding.get(again, sent.id)
        assert done.state is ForwardState.SENT and done.outbox_state == "sent" and done.server_id
        assert [e.action for e in again.audit.entries(dossier=number)].count("forward.sent") == 1
        assert again.audit.verify().ok
        manager = _client(again, station_server, "canbo2")
        held = [i for i in forwarding.inbox(manager) if i["dossier_no"] == number]
        assert [i["id"] for i in held] == [done.server_id]
