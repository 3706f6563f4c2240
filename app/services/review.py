"""Supervisor quality control (kiểm soát chất lượng số hóa).

The supervisor draws a sample of the day's digitized dossiers (sample checks in bulk
digitization, seed 002), looks at each, and approves it or sends it back to the officer with
a reason. Every decision is audited; a sent-back dossier shows as such in the officer's list.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from app.domain.codes import vn_now, vn_today
from app.domain.errors import InvalidInput
from app.domain.records import Dossier, DossierState
from app.store.settings import Settings
from app.store.workspace import Workspace

REVIEWABLE = (DossierState.SIGNED, DossierState.QUEUED, DossierState.SENT, DossierState.RESULT_RETURNED)
DRAW_SCHEME = "hmac-sha256-rank-v1"
RATE_KEY, MINIMUM_KEY = "review_rate", "review_minimum"  # Settings.extra: the configured sampling plan
DEFAULT_RATE, DEFAULT_MINIMUM = 0.1, 1


class Why(StrEnum):
    """Why a dossier is in the review queue."""
    SAMPLED = "sampled"  # drawn at random
    OVERRIDE = "override"  # the officer let a QC finding pass: always reviewed
    PICKED = "picked"  # the supervisor chose it


@dataclass(frozen=True)
class Sample:
    sample_id: str
    day: date
    rate: float
    population: int
    dossiers: list[Dossier]
    minimum: int = DEFAULT_MINIMUM
    nonce: str = ""
    overrides: list[str] = field(default_factory=list)  # numbers reviewed because of an override
    picked: list[str] = field(default_factory=list)  # numbers the supervisor added

    @property
    def queue(self) -> list[tuple[str, Why]]:
        """Every dossier to review and why (a dossier in several groups is listed once)."""
        out: dict[str, Why] = {}
        for n in self.overrides:
            out.setdefault(n, Why.OVERRIDE)
        for d in self.dossiers:
            out.setdefault(d.number, Why.SAMPLED)
        for n in self.picked:
            out.setdefault(n, Why.PICKED)
        return sorted(out.items())


@dataclass(frozen=True)
class ReviewDecision:
    dossier_no: str
    decision: str
    reason: str
    reviewer: str
    created_at: str


def sample_size(population: int, rate: float, minimum: int) -> int:
    """``ceil(rate * population)``, at least ``minimum``, at most the population."""
    return min(population, max(minimum, math.ceil(rate * population)))


def ranked_draw(nonce: str, population: list[str], size: int) -> list[str]:
    """The ``size`` numbers of ``population`` with the smallest HMAC-SHA256(nonce, number):
    with a fresh random nonce the draw is unpredictable; with the recorded nonce anyone can
    redo it. Sorted by number."""
    key = bytes.fromhex(nonce)
    ranked = sorted(population, key=lambda n: hmac.new(key, n.encode("utf-8"), hashlib.sha256).digest())
    return sorted(ranked[:size])


def configured_plan(ws: Workspace) -> tuple[float, int]:
    """The sampling rate and minimum configured for this installation (settings.json, extra)."""
    extra = Settings.load(ws.root).extra
    try:
        rate = float(extra.get(RATE_KEY, DEFAULT_RATE))
        minimum = int(extra.get(MINIMUM_KEY, DEFAULT_MINIMUM))
    except ValueError:
        return DEFAULT_RATE, DEFAULT_MINIMUM
    return rate, minimum


def overridden_dossiers(ws: Workspace, numbers: list[str] | None = None) -> dict[str, list[dict[str, str]]]:
    """Dossiers whose officer let a QC finding pass: number -> [{finding, reason, actor, at}]."""
    with ws.db.read() as conn:
        rows = conn.execute(
            "SELECT s.dossier_no, o.finding_key, o.reason, o.actor, o.created_at FROM scan_overrides o "
            "JOIN scan_sessions s ON s.id = o.session_id WHERE s.dossier_no IS NOT NULL ORDER BY o.created_at"
        ).fetchall()
    out: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        if numbers is None or r["dossier_no"] in numbers:
            out.setdefault(r["dossier_no"], []).append(
                {"finding": r["finding_key"], "reason": r["reason"], "actor": r["actor"],
                 "at": r["created_at"]})
    return out


def draw_sample(ws: Workspace, *, day: date | None = None, rate: float | None = None,
                minimum: int | None = None,
                picks: list[str] | None = None) -> Sample:
    """Draw the day's review sample: ``sample_size(n, rate, minimum)`` of the day's digitized
    dossiers chosen with a fresh 128-bit random nonce (``secrets``), so nobody can work out
    beforehand which dossiers will be checked; plus every dossier with an override and the
    ``picks`` of the supervisor. The nonce, the population and the result go into the audit
    chain, so ``verify_sample`` can redo the draw afterwards (and every redraw shows there)."""
    conf_rate, conf_min = configured_plan(ws)
    rate = conf_rate if rate is None else rate
    minimum = conf_min if minimum is None else minimum
    if not 0 < rate <= 1:
        raise InvalidInput(f"Sample rate {rate} must be in (0, "
                           "1]", f"Tỷ lệ lấy mẫu {rate} phải trong khoảng (0, 1]")
    if minimum < 0:
        raise InvalidInput(f"Sample minimum {minimum} must not be "
                           "negative", f"Số mẫu tối thiểu {minimum} không được âm")
    day = day or vn_today()
    population = sorted((d for d in ws.dossiers.list(day=day.isoformat(),
                                                     limit=100_000) if d.state in REVIEWABLE),
                        key=lambda d: d.number)
    by_number = {d.number: d for d in population}
    picked = sorted(set(picks or []))
    for n in picked:
        ws.dossiers.get(n)  # an unknown number is refused before anything is recorded
    nonce = secrets.token_hex(16)
    chosen = ranked_draw(nonce, list(by_number), sample_size(len(population), rate, minimum))
    overrides = sorted(overridden_dossiers(ws, list(by_number)))
    sample_id = f"{day:%Y%m%d}-{nonce[:8]}"
    with ws.db.transaction() as conn:
        ws.audit.append(conn, "review.sample", actor=ws.actor,
                        details={"sample": sample_id, "scheme": DRAW_SCHEME, "nonce": nonce, "rate": rate,
                                 "minimum": minimum, "day": day.isoformat(), "population": len(population),
                                 "population_numbers": list(by_number), "dossiers": chosen,
                                 "overrides": overrides, "picked": picked})
    return Sample(sample_id, day, rate, len(population), [by_number[n] for n in chosen], minimum, nonce,
                  overrides, picked)


@dataclass(frozen=True)
class SampleCheck:
    sample_id: str
    ok: bool
    chain_ok: bool
    redrawn: list[str]
    recorded: list[str]
    draws_that_day: int  # every draw of that day is in the chain: redraws until a liked sample show
    problems: list[str]


def verify_sample(ws: Workspace, sample_id: str) -> SampleCheck:
    """Redo a recorded draw from its nonce and population and compare it with what was recorded;
    check the audit chain holding it; count the draws of that day (a supervisor drawing again
    until a liked sample comes up shows as several draws)."""
    entries = [e for e in ws.audit.entries() if e.action == "review.sample"]
    entry = next((e for e in entries if e.details.get("sample") == sample_id), None)
    if entry is None:
        raise InvalidInput(f"No sample {sample_id} in the audit "
                           "log", f"Không có mẫu {sample_id} trong nhật ký")
    d: dict[str, Any] = entry.details
    problems: list[str] = []
    chain_ok = ws.audit.verify().ok
    if not chain_ok:
        problems.append("audit chain broken")
    population = [str(n) for n in d.get("population_numbers", [])]
    size = sample_size(len(population), float(d["rate"]), int(d.get("minimum", DEFAULT_MINIMUM)))
    redrawn = ranked_draw(str(d["nonce"]), population, size)
    recorded = [str(n) for n in d.get("dossiers", [])]
    if redrawn != recorded:
        problems.append("recorded sample differs from the redrawn one")
    if len(population) != int(d.get("population", -1)):
        problems.append("population count differs from its list")
    same_day = sum(1 for e in entries if e.details.get("day") == d.get("day"))
    return SampleCheck(sample_id, not problems, chain_ok, redrawn, recorded, same_day, problems)


def decide(ws: Workspace, dossier_no: str, *, approve: bool, reason: str = "",
           sample_id: str | None = None) -> ReviewDecision:
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
            "INSERT INTO reviews(dossier_no, reviewer, decision, "
            "reason, sample_id, created_at) VALUES (?,?,?,?,?,?)",
            (dossier.number, ws.actor, decision, reason, sample_id, now),
        )
        if not approve:
            conn.execute("UPDATE dossiers SET state = ?, updated_at = ? WHERE number = ?",
                         (DossierState.SENT_BACK.value, now, dossier.number))
        ws.audit.append(conn, f"review.{decision}", actor=ws.actor, dossier=dossier.number,
                        details={"reason": reason, "sample": sample_id,
                                 "previous_state": dossier.state.value})
    return ReviewDecision(dossier.number, decision, reason, ws.actor, now)


def history(ws: Workspace, dossier_no: str) -> list[ReviewDecision]:
    with ws.db.read() as conn:
        rows = conn.execute(
            "SELECT * FROM reviews WHERE dossier_no = ? ORDER BY id", (dossier_no,)
        ).fetchall()
    return [ReviewDecision(r["dossier_no"], r["decision"], r["reason"], r["reviewer"],
                           r["created_at"]) for r in rows]
