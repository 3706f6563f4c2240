"""The work queue: the state of a dossier from its records (one pure function), urgency of the
appointment date, and the queue of a real workspace moving a dossier from reception to the
return of its result through the services and the session's provincial server; the CLI shows
the same queue."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from app.domain.records import ComponentRecord, ComponentState, DigitizationCategory, DossierState
from app.services.workqueue import QueueState, Urgency, component_progress, queue_state, urgency
from app.sync.outbox import OutboxState
from tests.conftest import CliRunner, cli_json, sign_built

S = ComponentState


def comps(*states: ComponentState, optional: int = -1) -> list[ComponentRecord]:
    return [ComponentRecord(f"c{i}", f"C{i}", "X", False, DigitizationCategory.ON_REQUEST,
                            required=i != optional,
                            state=s) for i, s in enumerate(states)]


@pytest.mark.parametrize(("state", "components", "send", "province", "expected"), [
    (DossierState.RECEIVING, comps(S.PENDING, S.PENDING), None, None, QueueState.DIGITIZING),
    (DossierState.SCANNING, comps(S.SIGNED, S.SCANNED), None, None, QueueState.DIGITIZING),
    (DossierState.SCANNING, comps(S.SIGNED, S.TO_SCAN), None, None, QueueState.DIGITIZING),
    (DossierState.RECEIVING, comps(), None, None, QueueState.DIGITIZING),
    # an optional component not handled yet does not hold the dossier back
    (DossierState.SCANNING, comps(S.BUILT, S.PENDING, optional=1), None, None, QueueState.TO_SIGN),
    (DossierState.SCANNING, comps(S.BUILT, S.REUSED, S.NOT_PROVIDED), None, None, QueueState.TO_SIGN),
    (DossierState.SIGNED, comps(S.SIGNED, S.REUSED, S.NOT_PROVIDED), None, None, QueueState.TO_SEND),
    (DossierState.QUEUED, comps(S.SIGNED), OutboxState.WAITING, None, QueueState.TO_SEND),
    (DossierState.QUEUED, comps(S.SIGNED), OutboxState.SENDING, None, QueueState.TO_SEND),
    (DossierState.QUEUED, comps(S.SIGNED), OutboxState.REJECTED, None, QueueState.SEND_FAILED),
    (DossierState.SENT, comps(S.SIGNED), OutboxState.SENT, None, QueueState.WAITING_PROVINCE),
    (DossierState.SENT, comps(S.SIGNED), OutboxState.SENT, 4, QueueState.WAITING_PROVINCE),
    (DossierState.SENT, comps(S.SIGNED), OutboxState.SENT, 9, QueueState.TO_RETURN),
    # the province asked for more (status 5): back to the counter, even with every component signed
    (DossierState.SENT_BACK, comps(S.SIGNED), OutboxState.SENT, 5, QueueState.DIGITIZING),
    (DossierState.SENT_BACK, comps(S.SIGNED), OutboxState.SENT, None, QueueState.DIGITIZING),
    # the correction queued again: to send; refused: send failed
    (DossierState.QUEUED, comps(S.SIGNED), OutboxState.WAITING, 5, QueueState.TO_SEND),
    (DossierState.RESULT_RETURNED, comps(S.SIGNED), OutboxState.SENT, 9, QueueState.RETURNED),
    (DossierState.RESULT_RETURNED, comps(S.SIGNED), OutboxState.SENT, 10, QueueState.RETURNED),
])
def test_queue_state(state: DossierState, components: list[ComponentRecord], send: OutboxState | None,
                     province: int | None, expected: QueueState) -> None:
    assert queue_state(state, components, send, province) is expected


def test_progress_counts_only_finished_components() -> None:
    assert component_progress(comps(S.SIGNED, S.BUILT, S.REUSED, S.NOT_PROVIDED, S.SCANNED)) == (3, 5)
    assert component_progress([]) == (0, 0)


def test_urgency_of_the_appointment() -> None:
    today = date(2026, 11, 30)
    assert urgency(date(2026, 11, 27), today, QueueState.TO_RETURN) is Urgency.OVERDUE
    assert urgency(today, today, QueueState.DIGITIZING) is Urgency.SOON
    assert urgency(date(2026, 12, 1), today, QueueState.TO_SIGN) is Urgency.SOON
    assert urgency(date(2026, 12, 2), today, QueueState.TO_SIGN) is Urgency.LATER
    assert urgency(date(2026, 11, 1), today, QueueState.RETURNED) is Urgency.NONE
    assert urgency(None, today, QueueState.TO_SEND) is Urgency.NONE


def _ready(ws: Any, owner: str, when: datetime | None = None) -> str:
    """A birth registration received (optionally back-dated), both documents built."""
    from app.services.reception import ReceptionRequest, open_dossier
    from tests.ui.conftest import built_document

    d = open_dossier(ws, ReceptionRequest(owner=owner, procedure="1.001193"))
    if when is not None:
        with ws.db.transaction() as conn:
            conn.execute("UPDATE dossiers SET received_at = ?, received_date = ? WHERE number = ?",
                         (when.isoformat(), when.date().isoformat(), d.number))
    for comp in ("to_khai", "giay_chung_sinh"):
        built_document(ws, d.number, comp, pages=1)
        ws.dossiers.set_component_state(d.number, comp, S.BUILT, actor=ws.actor)
    ws.dossiers.set_component_state(d.number, "van_ban_uy_quyen", S.NOT_PROVIDED, actor=ws.actor)
    return d.number


def test_a_dossier_moves_through_the_queue_to_its_return(workspace: Any, station_server: Any, cli: CliRunner,
                                                         token: Any) -> None:
    from app.domain.codes import vn_now
    from app.services import submit
    from app.services.receipt import appointment_date
    from app.services.reception import ReceptionRequest, open_dossier
    from app.services.workqueue import work_queue
    from tests.ui.conftest import province_moves

    ws = workspace

    def row(number: str) -> Any:
        return next(r for r in work_queue(ws) if r.number == number)

    fresh = open_dossier(ws, ReceptionRequest(owner="052090000495", procedure="1.001193"))
    old = _ready(ws, "001185000123", vn_now().replace(year=vn_now().year - 1))
    r = row(fresh.number)
    assert (r.state, r.done, r.total, r.send) == (QueueState.DIGITIZING, 0, 3, None)
    assert r.next_component == fresh.components[0].component_id
    assert r.due == appointment_date(fresh) and r.due >= vn_now().date()
    assert r.urgency is (Urgency.SOON if (r.due - vn_now().date()).days <= 1 else Urgency.LATER)
    # a dossier received last year and not finished is still in the queue, overdue
    r = row(old)
    assert (r.state, r.done, r.total, r.urgency) == (QueueState.TO_SIGN, 1, 3, Urgency.OVERDUE)
    sign_built(ws, old, token)  # on the real test token: a dossier is sent only signed
    assert row(old).state is QueueState.TO_SEND and row(old).done == 3
    submit.enqueue(ws, old)
    assert (row(old).state, row(old).send) == (QueueState.TO_SEND, OutboxState.WAITING)
    client = submit.client_from(ws, station_server.url, username="demo", password="demo")
    submit.run(ws, client)
    assert (row(old).state, row(old).send) == (QueueState.WAITING_PROVINCE, OutboxState.SENT)
    province_moves(station_server.url, old, 4, 9, note="Đã ký giấy khai sinh")
    submit.poll(ws, client)
    r = row(old)
    assert (r.state, r.province_status) == (QueueState.TO_RETURN, 9)
    submit.return_result(ws, old)
    assert row(old).state is QueueState.RETURNED and row(old).urgency is Urgency.NONE
    # returned long ago: out of the queue
    assert old not in {x.number for x in work_queue(ws, returned_days=-1)}

    proc = cli("dossier", "queue", "--state", "digitizing", "--state", "returned", "--workspace", ws.root,
               "--json")
    assert proc.returncode == 0, proc.stderr
    data = cli_json(proc)
    listed = {d["dossier_no"]: d for d in data["dossiers"]}
    assert listed[fresh.number]["state"] == "digitizing" and listed[fresh.number]["progress"] == {"done": 0,
                                                                                                  "total": 3}
    assert listed[fresh.number]["due_date"] == appointment_date(fresh).isoformat()
    assert listed[old]["state"] == "returned" and listed[old]["province_status"] == 9
    assert data["counts"] == {"digitizing": 1, "to_sign": 0, "to_send": 0, "send_failed": 0,
                              "waiting_province": 0,
                              "to_return": 0, "returned": 1}
    assert set(listed) == {fresh.number, old}
