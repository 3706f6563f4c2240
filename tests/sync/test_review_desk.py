"""The supervisor's desk across two workstations of one agency and one server: the officer's
dossier (with an override) reaches the agency's queue with its packet; the supervisor, at
another workstation, sends it back with a reason per component; the officer's next sync reopens
it with that reason; the corrected version returns it to the queue."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.domain.records import DossierState
from app.scan.driver import ScanSettings
from app.scan.session import SessionStore
from app.services import review_sync, submit
from app.services.reception import ReceptionRequest, open_dossier
from app.services.review import history
from app.services.signing import build_component_pdf
from app.store.workspace import Workspace
from tests.conftest import CliRunner, cli_json, register_workspace, sign_built
from tests.sign.conftest import page_image


def _build(ws: Workspace, number: str, comp: str, seed: int) -> None:
    build_component_pdf(ws, number, comp,
                        pages=[page_image(ws.tmp_dir / f"{comp}{seed}.png", dpi=60, seed=seed)])


def test_send_back_from_another_workstation_reaches_the_officer_and_the_correction_returns(
        workspace: Workspace, station_server: Any, tmp_path: Path, cli: CliRunner, token: Any) -> None:
    officer_client = submit.client_from(workspace, station_server.url, username="demo", password="demo")
    number = open_dossier(workspace, ReceptionRequest(owner="052090000495", procedure="1.001193")).number
    for k, comp in enumerate(("to_khai", "giay_chung_sinh")):
        _build(workspace, number, comp, k)
    sign_built(workspace, number, token)
    store = SessionStore(workspace)
    session = store.open(device="test:0", settings=ScanSettings(), dossier_no=number, component_id="to_khai")
    store.override(session.id, "blank_page:2", "Mặt sau để trắng theo mẫu")
    submit.enqueue(workspace, number)
    report = submit.run(workspace, officer_client)
    assert not report.rejected and len(report.sent) == 2  # the dossier, then its review packet

    with Workspace.open(tmp_path / "supervisor") as desk:
        register_workspace(desk, station_server.url, name="Bàn giám sát")
        sup = submit.client_from(desk, station_server.url, username="giamsat", password="giamsat")
        officer = workspace.dossiers.get(number).created_by
        queued = {i["dossier_no"]: i for i in review_sync.queue(sup, officer=officer)}
        assert "override" in queued[number]["why"] and queued[number]["state"] == "waiting"
        shown = review_sync.dossier(sup, number)
        packet = shown["packet"]
        assert packet["officer"] == officer \
            and packet["overrides"][0]["reason"] == "Mặt sau để trắng theo mẫu"
        assert {"to_khai", "giay_chung_sinh"} <= {c["id"] for c in packet["components"]}
        assert any(e["action"] == "dossier.create" for e in packet["audit"])
        assert packet["metadata_problems"] == []  # the builder writes every Appendix VI field it must
        env = {"MOTCUA_USER": "giamsat", "MOTCUA_PASSWORD": "giamsat"}
        where = ("--server", station_server.url, "--workspace", tmp_path / "supervisor")
        drawn = cli_json(cli("review", "draw", "--rate", "1", "--json", *where, env=env))
        assert number in drawn["population"] and number in drawn["dossiers"]
        listed = cli_json(cli("review", "queue", "--officer", officer, "--json", *where, env=env))["items"]
        assert {"override", "sampled"} <= set(next(i for i in listed if i["dossier_no"] == number)["why"])
        r = review_sync.decide(desk, sup, number, approve=False, components=[
            review_sync.ComponentReason("to_khai", "Trang 1 bị mờ, quét lại")])
        assert r["delivered"] and r["server"]["decision"] == "sent_back"
        assert any(e.action == "outbox.enqueue_review_decision" for e in desk.audit.entries(dossier=number))

    submit.run(workspace, officer_client)  # the officer's next sync reads the decision
    assert workspace.dossiers.get(number).state is DossierState.SENT_BACK
    form = workspace.dossiers.get(number).component("to_khai").name  # type: ignore[union-attr]
    assert f"{form}: Trang 1 bị mờ, quét lại" in history(workspace, number)[-1].reason
    assert (number, f"{form}: Trang 1 bị mờ, quét lại") in review_sync.sent_back_today(workspace)
    submit.run(workspace, officer_client)  # read once only
    assert len(review_sync.remote_decisions(workspace, number)) == 1

    _build(workspace, number, "to_khai", 7)
    sign_built(workspace, number, token)
    assert submit.enqueue(workspace, number)["version"] == 2
    submit.run(workspace, officer_client)
    sup2 = submit.client_from(workspace, station_server.url, username="giamsat", password="giamsat")
    again = {i["dossier_no"]: i for i in review_sync.queue(sup2, state="waiting")}
    assert again[number]["version"] == 2
