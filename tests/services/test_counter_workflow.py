"""The counter workflow against the session's real reference server: warehouse first (every
reusable component checked at once, scanning refused until then, the check impossible offline
recorded), owner/type checks on reuse, the paper instead, feedback and the portal link request
queued in the outbox while the server is away, search by every field of the seed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.domain.errors import InvalidInput
from app.domain.records import ComponentState
from app.domain.warehouse import CheckOutcome
from app.scan.driver import ScanSettings
from app.services import digitize, portal, reuse, submit
from app.services.reception import ReceptionRequest, open_dossier
from app.store.workspace import Workspace
from app.sync.client import ClientConfig, Rejected, SyncClient
from app.sync.outbox import items
from tests.sync.conftest import free_port

OWNER = "052090000495"


def _client(url: str) -> SyncClient:
    return SyncClient(ClientConfig(base_url=url, backoff_s=0.01, timeout_s=5, retries=0),
                      username="demo", password="demo")


@pytest.fixture
def counter(workspace: Workspace, station_server: Any) -> tuple[Workspace, SyncClient]:
    workspace.settings.trust_dir = str(station_server.trust_dir)
    workspace.save_settings()
    return workspace, _client(station_server.url)


def _away() -> SyncClient:
    return _client(f"http://127.0.0.1:{free_port()}")  # nothing listens there: the server is away


def _scan(ws: Workspace, number: str, component: str) -> None:
    digitize.start_session(ws, device="folder:/nonexistent", settings=ScanSettings(), dossier_no=number,
                           component_id=component)


def test_opening_a_dossier_checks_every_reusable_component_and_scanning_waits_for_it(counter: Any) -> None:
    ws, client = counter
    d = open_dossier(ws, ReceptionRequest(owner=OWNER, procedure="2.001263"))
    with pytest.raises(InvalidInput) as refused:
        _scan(ws, d.number, "ly_lich_tu_phap")
    assert "chưa được kiểm tra" in refused.value.message_vi
    _scan(ws, d.number, "don")  # not reusable: no check needed
    seen: list[tuple[int, int, str]] = []
    found = {c.component_id: c for c in reuse.check_all(
        ws, client, d.number, progress=lambda i, n, c: seen.append((i, n, c.component_id)))}
    assert [s[:2] for s in seen] == [(1, 3), (2, 3), (3, 3)]
    assert found["ly_lich_tu_phap"].outcome is CheckOutcome.NONE
    # the only one there has a broken signature
    assert found["xac_nhan_hon_nhan"].outcome is CheckOutcome.NONE
    assert "GXNHN" in found["xac_nhan_hon_nhan"].note
    assert found["giay_khai_sinh_tre"].outcome is CheckOutcome.CHOOSE
    assert len(found["giay_khai_sinh_tre"].codes) == 2
    _scan(ws, d.number, "ly_lich_tu_phap")  # checked, not found: digitize
    with pytest.raises(InvalidInput) as choose:
        _scan(ws, d.number, "giay_khai_sinh_tre")
    assert "nhiều giấy tờ" in choose.value.message_vi
    reuse.take_paper(ws, d.number, "giay_khai_sinh_tre", "Bản giấy ghi tên cha khác bản điện tử")
    assert reuse.checks(ws, d.number)["giay_khai_sinh_tre"].outcome is CheckOutcome.PAPER
    assert ws.dossiers.get(d.number).component("giay_khai_sinh_tre").state is ComponentState.TO_SCAN
    _scan(ws, d.number, "giay_khai_sinh_tre")
    actions = [e.action for e in ws.audit.entries(dossier=d.number)]
    assert actions.count("warehouse.check") == 4 and "component.state" in actions


def test_one_usable_document_is_attached_and_the_check_is_recorded(counter: Any) -> None:
    ws, client = counter
    d = open_dossier(ws, ReceptionRequest(owner=OWNER, procedure="1.001612"))
    (check,) = reuse.check_all(ws, client, d.number)
    assert check.outcome is CheckOutcome.ATTACHED and check.codes == ("052090000495.KQ.G15.000021.02022024",)
    assert ws.dossiers.get(d.number).component("giay_to_phap_ly").state is ComponentState.REUSED
    with pytest.raises(InvalidInput):  # once attached, the paper can no longer replace it silently
        reuse.take_paper(ws, d.number, "giay_to_phap_ly", "Bản giấy khác bản điện tử")


def test_server_away_records_the_check_as_impossible_and_a_later_check_redoes_it(counter: Any) -> None:
    ws, client = counter
    d = open_dossier(ws, ReceptionRequest(owner=OWNER, procedure="1.001612"))
    (offline,) = reuse.check_all(ws, _away(), d.number)
    assert offline.outcome is CheckOutcome.OFFLINE and offline.note_vi
    _scan(ws, d.number, "giay_to_phap_ly")  # the check was impossible and that is recorded: scanning goes on
    (again,) = reuse.check_all(ws, client, d.number)
    assert again.outcome is CheckOutcome.ATTACHED


def test_a_document_of_another_type_is_refused_on_reuse(counter: Any) -> None:
    ws, client = counter
    d = open_dossier(ws, ReceptionRequest(owner=OWNER, procedure="2.001263"))
    with pytest.raises(InvalidInput) as wrong:
        reuse.attach(ws, client, d.number, "giay_khai_sinh_tre", "052090000495.KQ.G15.000021.02022024")
    assert "thành phần cần loại GKS" in wrong.value.message_vi
    assert ws.dossiers.get(d.number).component("giay_khai_sinh_tre").state is ComponentState.PENDING


def test_no_copy_is_an_explicit_check(counter: Any) -> None:
    ws, _client_ = counter
    d = open_dossier(ws, ReceptionRequest(owner=OWNER, procedure="1.004873"))
    reuse.record_no_copy(ws, d.number, "ban_an_ly_hon", "Công dân chỉ có bản giấy")
    assert reuse.checks(ws, d.number)["ban_an_ly_hon"].outcome is CheckOutcome.NO_COPY
    _scan(ws, d.number, "ban_an_ly_hon")


@pytest.mark.parametrize(("query", "expected"), [
    ("ket hon", {"052090000495.KQ.GXNHN.000033.10012024"}),  # abstract, without accents
    ("21/2024", {"052090000495.KQ.G15.000021.02022024"}),  # decision number
    ("GKS.000214", {"052090000495.KQ.GKS.000214.05062023"}),  # code
    ("giấy khai sinh cấp lại", {"052090000495.KQ.GKS.000214.05062023"}),  # name
    ("ubnd xa phuoc hung", None),  # issuing agency: all four
    ("tòa án", set()),
])
def test_search_by_every_field_of_the_seed(counter: Any, query: str, expected: set[str] | None) -> None:
    ws, client = counter
    d = open_dossier(ws, ReceptionRequest(owner=OWNER, procedure="1.001193"))
    served = {x["code"] for x in client.search_documents(OWNER, dossier=d.number, query=query)}
    assert served == (expected if expected is not None else {x["code"] for x in
                                                             client.search_documents(OWNER,
                                                                                     dossier=d.number)})
    if expected is not None and expected:
        assert {c.code for c in reuse.search(ws, client, OWNER, dossier=d.number, query=query)} == expected


def test_feedback_waits_in_the_outbox_while_the_server_is_away(counter: Any) -> None:
    ws, client = counter
    code = "052090000495.KQ.GXNHN.000033.10012024"
    out = reuse.feedback(ws, _away(), code, "not_gov_ca_signed", "chữ ký không hợp lệ")
    assert out["queued"] is True
    item = next(i for i in items(ws) if i.id == out["outbox_item"])
    assert item.kind == "warehouse_feedback" and item.state == "waiting"
    assert out["outbox_item"] in submit.run(ws, client).sent
    with pytest.raises(InvalidInput):
        reuse.feedback(ws, client, code, "dislike")


def test_portal_link_request_reaches_the_server_and_is_shown_on_the_dossier(counter: Any) -> None:
    ws, client = counter
    d = open_dossier(ws, ReceptionRequest(owner="079200000001", procedure="1.001193"))
    before = portal.state_of(ws, client, d.number)
    assert before.state in ("not_linked", "link_requested") and before.guide_vi
    portal.record_step(ws, d.number, portal.PortalStep.GUIDED_LINK)
    after = portal.request_link(ws, client, d.number)
    assert after.state == "link_requested" and not after.queued
    assert set(after.steps_done) == {"guided_link", "link_requested"}
    assert client.account("079200000001")["state"] == "link_requested"
    nobody = open_dossier(ws, ReceptionRequest(owner="001305012345", procedure="1.001193"))
    assert portal.state_of(ws, client, nobody.number).state == "none"
    with pytest.raises(Rejected):  # no account to link: the officer guides the citizen to create one
        portal.request_link(ws, client, nobody.number)
    queued = portal.request_link(ws, _away(), d.number)
    assert queued.queued and queued.state == "unknown"


def test_cli_check_paper_no_copy_and_queued_feedback(cli: Any, counter: Any, tmp_path: Path) -> None:
    ws, _c = counter
    d = open_dossier(ws, ReceptionRequest(owner=OWNER, procedure="2.001263"))
    root = ws.root
    env = {"MOTCUA_USER": "demo", "MOTCUA_PASSWORD": "demo"}
    ws.close()
    res = cli("warehouse", "check", d.number, "--json", "--workspace", root, env=env)
    assert res.returncode == 0, res.stderr
    outcomes = {c["component"]: c["outcome"] for c in json.loads(res.stdout)["components"]}
    assert outcomes == {"ly_lich_tu_phap": "none", "xac_nhan_hon_nhan": "none",
                        "giay_khai_sinh_tre": "choose"}
    paper = cli("warehouse", "paper", d.number, "giay_khai_sinh_tre", "--reason", "Bản giấy khác bản điện tử",
                "--json", "--workspace", root)
    assert paper.returncode == 0 and json.loads(paper.stdout)["outcome"] == "paper"
    away = cli("warehouse", "feedback", "052090000495.KQ.GXNHN.000033.10012024", "--reason",
               "wrong_citizen_info",
               "--server", f"http://127.0.0.1:{free_port()}", "--json", "--workspace", root, env=env)
    assert away.returncode == 0, away.stderr
    assert json.loads(away.stdout)["queued"] is True
