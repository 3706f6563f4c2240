from collections.abc import Callable
from pathlib import Path

import pytest

from app.domain.errors import InvalidInput
from app.domain.records import DossierState
from app.services.reception import ReceptionRequest, open_dossier
from app.services.review import decide, draw_sample, history
from app.store.workspace import Workspace
from tests.conftest import CliRunner, cli_json


def _signed_dossiers(ws: Workspace, n: int) -> list[str]:
    numbers = []
    for _ in range(n):
        d = open_dossier(ws, ReceptionRequest(owner="052090000495", procedure="1.001193"))
        ws.dossiers.set_state(d.number, DossierState.SIGNED, actor="officer")
        numbers.append(d.number)
    open_dossier(ws, ReceptionRequest(owner="052090000495", procedure="1.001193"))  # still receiving
    return numbers


def test_sample_takes_the_rate_of_digitized_dossiers_only(workspace: Workspace) -> None:
    signed = _signed_dossiers(workspace, 12)
    sample = draw_sample(workspace, rate=0.25, seed=7)
    assert sample.population == 12
    assert len(sample.dossiers) == 3
    assert {d.number for d in sample.dossiers} <= set(signed)
    assert [d.number for d in draw_sample(workspace, rate=0.25, seed=7).dossiers] == [d.number for d in sample.dossiers]


def test_send_back_needs_a_reason_and_shows_in_the_dossier_state(workspace: Workspace) -> None:
    number = _signed_dossiers(workspace, 1)[0]
    with pytest.raises(InvalidInput):
        decide(workspace, number, approve=False, reason="")
    decide(workspace, number, approve=False, reason="Trang 3 bị mờ, quét lại")
    assert workspace.dossiers.get(number).state is DossierState.SENT_BACK
    assert [h.decision for h in history(workspace, number)] == ["sent_back"]
    assert workspace.audit.verify().ok


def test_review_cli(cli: CliRunner, tmp_path: Path, registered: Callable[..., Path]) -> None:
    ws_dir = registered(tmp_path / "ws")
    with Workspace.open(ws_dir) as ws:
        numbers = _signed_dossiers(ws, 4)
    sample = cli_json(cli("review", "sample", "--rate", "0.5", "--json", "--workspace", ws_dir))
    assert len(sample["dossiers"]) == 2 and sample["population"] == 4
    assert cli("review", "send-back", numbers[0], "--reason", "Thiếu mặt sau tờ 2", "--workspace", ws_dir).returncode == 0
    assert cli("review", "send-back", numbers[1], "--reason", "", "--workspace", ws_dir).returncode == 2
    shown = cli_json(cli("dossier", "show", numbers[0], "--json", "--workspace", ws_dir))
    assert shown["state"] == "sent_back"


def test_nobody_approves_their_own_dossier_and_only_supervisors_review(workspace: Workspace) -> None:
    from app.store.workspace import Session

    workspace.session = Session("demo", ("officer",), "000.87.34.H08")
    number = _signed_dossiers(workspace, 1)[0]  # received by the logged-in officer "demo"
    assert workspace.dossiers.get(number).created_by == "demo"
    with pytest.raises(InvalidInput, match="only supervisors"):
        decide(workspace, number, approve=False, reason="Trang 3 bị mờ, quét lại")
    workspace.session = Session("demo", ("officer", "supervisor"), "000.87.34.H08")  # a supervisor who received it
    with pytest.raises(InvalidInput) as own:
        decide(workspace, number, approve=True)
    assert "tự phê duyệt" in own.value.message_vi
    workspace.session = Session("giamsat", ("supervisor",), "000.87.34.H08")
    assert decide(workspace, number, approve=True).reviewer == "giamsat"
    assert [h.reviewer for h in history(workspace, number)] == ["giamsat"]
