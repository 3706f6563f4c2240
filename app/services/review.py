"""Supervisor quality control (kiểm soát chất lượng số hóa).

The supervisor draws a sample of the day's digitized dossiers (sample checks in bulk
digitization, seed 002), looks at each, and approves it or sends it back to the officer with
a reason. Every decision is audited; a sent-back dossier shows as such in the officer's list.
"""

from __future__ import annotations

import hashlib
import math
import random
from dataclasses import dataclass
from datetime import date

from app.domain.codes import vn_now, vn_today
from app.domain.errors import InvalidInput
from app.domain.records import Dossier, DossierState
from app.store.workspace import Workspace

REVIEWABLE = (DossierState.SIGNED, DossierState.QUEUED, DossierState.SENT, DossierState.RESULT_RETURNED)


@dataclass(frozen=True)
class Sample:
    sample_id: str
    day: date
    rate: float
    population: int
    dossiers: list[Dossier]


@dataclass(frozen=True)
class ReviewDecision:
    dossier_no: str
    decision: str
    reason: str
    reviewer: str
    created_at: str


def draw_sample(ws: Workspace, *, day: date | None = None, rate: float = 0.1, minimum: int = 1,
                seed: int | None = None) -> Sample:
    """A random sample of the day's digitized dossiers: ``ceil(rate * n)``, at least ``minimum``.

    The seed (by default derived from the day) makes the draw reproducible for the audit trail.
    """
    if not 0 < rate <= 1:
        raise InvalidInput(f"Sample rate {rate} must be in (0, 1]", f"Tỷ lệ lấy mẫu {rate} phải trong khoảng (0, 1]")
    day = day or vn_today()
    population = [d for d in ws.dossiers.list(day=day.isoformat(), limit=100_000) if d.state in REVIEWABLE]
    population.sort(key=lambda d: d.number)
    size = min(len(population), max(minimum, math.ceil(rate * len(population))))
    seed = seed if seed is not None else int(hashlib.sha256(day.isoformat().encode()).hexdigest()[:8], 16)
    chosen = sorted(random.Random(seed).sample(population, size), key=lambda d: d.number)
    sample_id = f"{day:%Y%m%d}-{seed:08x}"
    with ws.db.transaction() as conn:
        ws.audit.append(conn, "review.sample", actor=ws.actor,
                        details={"sample": sample_id, "rate": rate, "population": len(population),
                                 "dossiers": [d.number for d in chosen]})
    return Sample(sample_id, day, rate, len(population), chosen)


def decide(ws: Workspace, dossier_no: str, *, approve: bool, reason: str = "", sample_id: str | None = None) -> ReviewDecision:
    """Record the supervisor's decision. Sending back needs a reason the officer can act on."""
    dossier = ws.dossiers.get(dossier_no)
    reason = reason.strip()
    if ws.session is not None and ws.session.checked and not ws.session.has_role("supervisor"):
        raise InvalidInput(f"{ws.actor} is not a supervisor: only supervisors review dossiers",
                           "Chỉ giám sát viên được kiểm tra và phê duyệt hồ sơ")
    if approve and dossier.created_by == ws.actor:
        raise InvalidInput(f"{ws.actor} received {dossier.number}: nobody approves their own dossier",
                           f"Không được tự phê duyệt hồ sơ {dossier.number} do chính mình tiếp nhận")
    if not approve and len(reason) < 5:
        raise InvalidInput(
            "Sending a dossier back needs a reason (at least 5 characters)",
            "Trả lại hồ sơ cần ghi rõ lý do (ít nhất 5 ký tự)",
        )
    decision = "approved" if approve else "sent_back"
    now = vn_now().isoformat(timespec="seconds")
    with ws.db.transaction() as conn:
        conn.execute(
            "INSERT INTO reviews(dossier_no, reviewer, decision, reason, sample_id, created_at) VALUES (?,?,?,?,?,?)",
            (dossier.number, ws.actor, decision, reason, sample_id, now),
        )
        if not approve:
            conn.execute("UPDATE dossiers SET state = ?, updated_at = ? WHERE number = ?",
                         (DossierState.SENT_BACK.value, now, dossier.number))
        ws.audit.append(conn, f"review.{decision}", actor=ws.actor, dossier=dossier.number,
                        details={"reason": reason, "sample": sample_id, "previous_state": dossier.state.value})
    return ReviewDecision(dossier.number, decision, reason, ws.actor, now)


def history(ws: Workspace, dossier_no: str) -> list[ReviewDecision]:
    with ws.db.read() as conn:
        rows = conn.execute(
            "SELECT * FROM reviews WHERE dossier_no = ? ORDER BY id", (dossier_no,)
        ).fetchall()
    return [ReviewDecision(r["dossier_no"], r["decision"], r["reason"], r["reviewer"], r["created_at"]) for r in rows]
