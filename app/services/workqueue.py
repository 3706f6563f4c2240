"""The officer's work queue (Hồ sơ cần xử lý): every dossier still in hand, whatever day it was
received, with where it stands, its components' progress, its send status and its appointment
date, plus those whose result was handed back recently. The state of a dossier in the queue is
one pure function of its records (``queue_state``), shared by the Today screen and
``motcua dossier queue``."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from app.domain.codes import vn_today
from app.domain.errors import MotcuaError
from app.domain.records import ComponentRecord, ComponentState, Dossier, DossierState
from app.services.receipt import appointment_date
from app.services.review_sync import sent_back_today
from app.store.workspace import Workspace
from app.sync import outbox
from app.sync.outbox import OutboxState

log = logging.getLogger(__name__)

RETURNED_DAYS = 30  # results handed back within this many days stay visible under "Returned"
FINISHED = frozenset({ComponentState.SIGNED, ComponentState.REUSED, ComponentState.NOT_PROVIDED})
IN_SCAN = frozenset({ComponentState.TO_SCAN, ComponentState.SCANNED})


class QueueState(StrEnum):
    """Where a dossier stands for the officer, in the order the work goes."""

    DIGITIZING = "digitizing"  # components still to scan or decide (also a dossier sent back for correction)
    TO_SIGN = "to_sign"  # every component has its document, some are not signed yet
    TO_SEND = "to_send"  # complete and signed, not sent yet (or waiting in the outbox)
    SEND_FAILED = "send_failed"  # the provincial system refused the last sending
    WAITING_PROVINCE = "waiting_province"  # sent; the province is processing it
    TO_RETURN = "to_return"  # the province has processed it (status 9): hand the result back
    RETURNED = "returned"  # result handed back


class Urgency(StrEnum):
    OVERDUE = "overdue"
    SOON = "soon"  # due today or tomorrow
    LATER = "later"
    NONE = "none"  # nothing due any more (result returned) or no date known


def component_progress(components: Iterable[ComponentRecord]) -> tuple[int, int]:
    """(finished, total): signed, reused from the warehouse or declared not provided count as
    finished; a PDF built but not signed does not."""
    comps = list(components)
    return sum(1 for c in comps if c.state in FINISHED), len(comps)


def queue_state(state: DossierState, components: Iterable[ComponentRecord], send: OutboxState | None,
                province_status: int | None) -> QueueState:
    """The queue state of a dossier from its state, its components, the state of its latest
    dossier sending in the outbox (None: never queued) and the province's last status code."""
    if state is DossierState.RESULT_RETURNED:
        return QueueState.RETURNED
    if province_status == 9:
        return QueueState.TO_RETURN
    if state is DossierState.SENT_BACK:
        return QueueState.DIGITIZING  # corrections to make, then sign and send again
    if send is OutboxState.REJECTED:
        return QueueState.SEND_FAILED
    if state is DossierState.SENT:
        return QueueState.WAITING_PROVINCE
    if state is DossierState.QUEUED and send in outbox.OPEN_STATES:
        return QueueState.TO_SEND
    comps = list(components)
    if not comps or any(c.state in IN_SCAN or (c.required and c.state is ComponentState.PENDING)
                        for c in comps):
        return QueueState.DIGITIZING
    if any(c.state is ComponentState.BUILT for c in comps):
        return QueueState.TO_SIGN
    return QueueState.TO_SEND


def urgency(due: date | None, today: date, state: QueueState) -> Urgency:
    if due is None or state is QueueState.RETURNED:
        return Urgency.NONE
    if due < today:
        return Urgency.OVERDUE
    if due <= today + timedelta(days=1):
        return Urgency.SOON
    return Urgency.LATER


@dataclass(frozen=True)
class QueueRow:
    number: str
    owner_id: str
    owner_name: str
    procedure_code: str
    procedure_name: str
    received_at: str  # ISO 8601, Vietnam time
    state: QueueState
    done: int
    total: int
    send: OutboxState | None  # the latest dossier sending in the outbox
    send_error_vi: str
    send_error_en: str
    province_status: int | None
    province_status_name: str
    note: str  # why it came back (the supervisor's reason or the province's note), in Vietnamese
    due: date | None
    urgency: Urgency
    next_component: str  # the first component still to scan or decide ("" when none)
    dossier_state: DossierState = DossierState.RECEIVING

    def as_json(self) -> dict[str, object]:
        return {"dossier_no": self.number, "owner": self.owner_id, "owner_name": self.owner_name,
                "procedure": self.procedure_code, "procedure_name": self.procedure_name,
                "received_at": self.received_at, "state": self.state.value,
                "progress": {"done": self.done, "total": self.total},
                "send": self.send.value if self.send else None, "send_error": self.send_error_en,
                "province_status": self.province_status, "province_status_name": self.province_status_name,
                "note": self.note, "due_date": self.due.isoformat() if self.due else None,
                "urgency": self.urgency.value, "next_component": self.next_component,
                "dossier_state": self.dossier_state.value}


def _due(d: Dossier) -> date | None:
    try:
        return appointment_date(d)
    except MotcuaError as exc:  # a procedure no longer in the catalogue: no date rather than no queue
        log.warning("No appointment date for %s: %s", d.number, exc.message_en)
        return None


def _numbers(ws: Workspace, today: date, returned_days: int) -> list[str]:
    since = (today - timedelta(days=returned_days)).isoformat()
    with ws.db.read() as conn:
        rows = conn.execute("SELECT number FROM dossiers WHERE state != ? OR updated_at >= ? "
                            "ORDER BY received_at, "
                            "number", (DossierState.RESULT_RETURNED.value, since)).fetchall()
    return [r["number"] for r in rows]


def _sent_back_reasons(ws: Workspace) -> dict[str, str]:
    return dict(sent_back_today(ws))


def work_queue(ws: Workspace, *, today: date | None = None,
               returned_days: int = RETURNED_DAYS) -> list[QueueRow]:
    """Every dossier in hand (oldest first), and those returned within ``returned_days``."""
    today = today or vn_today()
    sends: dict[str, outbox.OutboxItem] = {}
    for it in outbox.items(ws):  # ordered by id: the last one of each dossier wins
        if it.kind == "dossier" and it.state is not OutboxState.CANCELLED:
            sends[it.dossier_no] = it
    reasons = _sent_back_reasons(ws)
    rows = []
    for number in _numbers(ws, today, returned_days):
        d = ws.dossiers.get(number)
        item = sends.get(number)
        st = outbox.province_status(ws, number)
        state = queue_state(d.state, d.components, item.state if item else None, st.status if st else None)
        done, total = component_progress(d.components)
        note = reasons.get(number, "") if d.state is DossierState.SENT_BACK else ""
        if not note and st is not None and st.status == 5 and d.state is DossierState.SENT_BACK:
            note = st.note
        nxt = next((c.component_id for c in d.components
                    if c.state in IN_SCAN or c.state is ComponentState.PENDING), "")
        due = _due(d)
        rows.append(QueueRow(d.number, d.owner.id, d.owner.name, d.procedure_code, d.procedure_name,
                             d.received_at.isoformat(), state, done, total, item.state if item else None,
                             item.last_error_vi if item else "", item.last_error if item else "",
                             st.status if st else None, st.status_name if st else "", note, due,
                             urgency(due, today, state), nxt, d.state))
    return rows


def counts(rows: Iterable[QueueRow]) -> dict[QueueState, int]:
    out = dict.fromkeys(QueueState, 0)
    for r in rows:
        out[r.state] += 1
    return out
