from collections.abc import Callable
from pathlib import Path

import pytest

from app.domain.errors import InvalidInput, NotFound
from app.domain.records import DossierState
from app.services.reception import ReceptionRequest, open_dossier
from app.services.review import Why, decide, draw_sample, history, ranked_draw, verify_sample
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
    sample = draw_sample(workspace, rate=0.25)
    assert sample.population == 12
    assert len(sample.dossiers) == 3
    assert {d.number for d in sample.dossiers} <= set(signed)
    assert len(draw_sample(workspace, rate=0.05, minimum=2).dossiers) == 2  # the minimum wins over the rate
    assert len(draw_sample(workspace, rate=0.05, minimum=50).dossiers) == 12  # never more than there are


def test_the_draw_is_unpredictable_yet_verifiable_from_the_audit_chain(workspace: Workspace) -> None:
    _signed_dossiers(workspace, 18)
    first, second = draw_sample(workspace, rate=0.5), draw_sample(workspace, rate=0.5)
    assert len(first.dossiers) == len(second.dossiers) == 9
    assert first.nonce != second.nonce and len(first.nonce) == 32  # 128 random bits, fresh every draw
    # same day, same dossiers, same rate: a date-derived seed would give the same 9 (1 in 48 620 by chance)
    assert [d.number for d in first.dossiers] != [d.number for d in second.dossiers]
    recorded = [e for e in workspace.audit.entries() if e.action == "review.sample"]
    assert [e.details["nonce"] for e in recorded] == [first.nonce, second.nonce]
    assert recorded[0].details["dossiers"] == ranked_draw(first.nonce,
                                                          recorded[0].details["population_numbers"], 9)
    check = verify_sample(workspace, first.sample_id)
    assert check.ok and check.redrawn == [d.number for d in first.dossiers] and check.draws_that_day == 2
    # rewriting what was drawn breaks the chain (the entry is MACed)
    with workspace.db.transaction() as conn:
        conn.execute("UPDATE audit_log SET details = replace(details, ?, ?) WHERE action = 'review.sample'",
                     (first.dossiers[0].number, second.dossiers[0].number + "x"))
    tampered = verify_sample(workspace, first.sample_id)
    assert not tampered.ok and not tampered.chain_ok


def test_overrides_are_always_in_the_queue_and_the_supervisor_adds_picks(workspace: Workspace) -> None:
    from app.scan.driver import ScanSettings
    from app.scan.session import SessionStore

    numbers = _signed_dossiers(workspace, 15)
    store = SessionStore(workspace)
    session = store.open(device="test:0", settings=ScanSettings(), dossier_no=numbers[7])
    store.override(session.id, "blank_page:3", "Trang trắng có chủ ý")
    sample = draw_sample(workspace, rate=0.1, minimum=1, picks=[numbers[3]])
    queue = dict(sample.queue)
    assert queue[numbers[7]] is Why.OVERRIDE
    assert queue.get(numbers[3]) in (Why.PICKED, Why.SAMPLED)
    assert len(sample.dossiers) == 2 and len(queue) >= 3 - (numbers[7] in {d.number for d in sample.dossiers})
    with pytest.raises(NotFound):
        draw_sample(workspace, picks=["000.87.34.H08-261129-9999"])


def test_the_configured_rate_and_minimum_apply(workspace: Workspace) -> None:
    from app.store.settings import Settings

    _signed_dossiers(workspace, 16)
    settings = Settings.load(workspace.root)
    settings.extra.update({"review_rate": "0.5", "review_minimum": "3"})
    settings.save(workspace.root)
    sample = draw_sample(workspace)
    assert (sample.rate, sample.minimum, len(sample.dossiers)) == (0.5, 3, 8)


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
    checked = cli_json(cli("review", "verify-sample", sample["sample"], "--json", "--workspace", ws_dir))
    assert checked["ok"] and checked["recorded"] == sample["dossiers"]
    plan = cli_json(cli("review", "plan", "--lot-size", "1000", "--aql", "1.0", "--json"))
    assert {k: plan[k] for k in ("code_letter", "sample_size", "accept", "reject")} == \
        {"code_letter": "J", "sample_size": 80, "accept": 2, "reject": 3}
    lot = cli_json(cli("review", "lot", "open", "--name", "Hộp 1", "--size", "500", "--aql", "2.5", "--json",
                       "--workspace", ws_dir))
    assert (lot["code_letter"], lot["sample_size"], lot["accept"], lot["reject"], lot["state"]) == ("H", 50,
                                                                                                    3, 4,
                                                                                                    "open")
    assert cli("review", "send-back", numbers[0], "--reason", "Thiếu mặt sau tờ "
                                                              "2", "--workspace", ws_dir).returncode == 0
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
    workspace.session = Session("demo", ("officer", "supervisor"),
                                "000.87.34.H08")  # a supervisor who received it
    with pytest.raises(InvalidInput) as own:
        decide(workspace, number, approve=True)
    assert "tự phê duyệt" in own.value.message_vi
    workspace.session = Session("giamsat", ("supervisor",), "000.87.34.H08")
    assert decide(workspace, number, approve=True).reviewer == "giamsat"
    assert [h.reviewer for h in history(workspace, number)] == ["giamsat"]
