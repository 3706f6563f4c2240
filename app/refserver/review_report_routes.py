"""The agency's figures for the supervisor's desk and the agency administrator: aggregated over
a period from the dossiers on the server and the review packets the workstations sent (never
typed in), with the reuse rate of the year against its target and the indicators, optionally
grouped by officer or procedure."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from fastapi import APIRouter, Depends, Query

from app.domain.codes import VN_TZ
from app.domain.figures import REUSE_TARGET, DossierFacts, figures, grouped, indicators
from app.refserver.context import Server
from app.refserver.policy import Principal
from app.refserver.problems import Problem
from app.refserver.review_routes import day_of


def _packet_counts(packet: dict[str, Any]) -> tuple[int, int, int, int]:
    """(digitized, reused, pages, first-pass) components of a review packet."""
    digitized = reused = pages = first = 0
    for comp in packet.get("components", []):
        docs = comp.get("documents", [])
        if comp.get("state") == "reused" or any(d.get("source") == "warehouse" for d in docs):
            reused += 1
            continue
        scans = [d for d in docs if d.get("source") == "scan"]
        if not scans:
            continue
        digitized += 1
        pages += int(scans[-1].get("pages") or 0) if str(scans[-1].get("pages") or "0").isdigit() else 0
        first += 1 if len(scans) == 1 else 0
    return digitized, reused, pages, first


def agency_facts(db: Any, agency: str, start: date, end: date) -> list[DossierFacts]:
    c = db.conn()
    facts = []
    with_results = {str(r["ma_ho_so"]) for r in c.execute(
        "SELECT DISTINCT ma_ho_so FROM dossier_results WHERE ma_ho_so LIKE ?", (agency + "-%",))}
    backs: dict[str, list[str]] = {}
    for r in c.execute("SELECT ma_ho_so, reason, components FROM review_decisions WHERE agency = ? "
                       "AND decision = 'sent_back'", (agency,)):
        parts = [x["reason"] for x in json.loads(r["components"])] + ([r["reason"]] if r["reason"] else [])
        backs.setdefault(r["ma_ho_so"], []).extend(parts)
    for r in c.execute("SELECT ma_ho_so, body, status, received, submitted_by FROM dossiers "
                       "WHERE ma_ho_so LIKE ?", (agency + "-%",)):
        day = day_of(r["ma_ho_so"])
        if not day or not start.isoformat() <= day <= end.isoformat():
            continue
        body = json.loads(r["body"])
        pk = c.execute("SELECT officer, packet FROM review_packets WHERE ma_ho_so = ?",
                       (r["ma_ho_so"],)).fetchone()
        packet = json.loads(pk["packet"]) if pk else {}
        comps = packet.get("components", [])
        digitized, reused, pages, first = _packet_counts(packet)
        overrides = len(packet.get("overrides", []))
        if overrides or backs.get(r["ma_ho_so"]):
            first = 0
        required = [x for x in comps if x.get("required")]
        try:
            received_at = datetime.strptime(str(body.get("NgayTiepNhan", "")), "%Y%m%d%H%M%S")
        except ValueError:
            received_at = None
        sent_at = (datetime.fromtimestamp(float(r["received"]), VN_TZ).replace(tzinfo=None)
                   if received_at else None)
        facts.append(DossierFacts(
            r["ma_ho_so"], date.fromisoformat(day), pk["officer"] if pk else str(r["submitted_by"]),
            str(body.get("MaTTHC", "")), components_required=len(required),
            reusable=sum(1 for x in comps if x.get("reusable")),
            required_done=sum(1 for x in required if x.get("state") in ("reused", "built", "signed")),
            digitized=digitized, reused=reused, pages=pages, first_pass=first, overrides=overrides,
            send_back_reasons=tuple(backs.get(r["ma_ho_so"], [])), received_at=received_at, sent_at=sent_at,
            result_returned=int(r["status"]) == 10, electronic_result=r["ma_ho_so"] in with_results))
    return facts


def router(srv: Server) -> APIRouter:
    api = APIRouter()
    db, allow = srv.db, srv.allow

    @api.get("/api/v1/review/report")
    def review_report(start: date = Query(alias="from"), end: date = Query(alias="to"),
                      by: str = Query("", pattern="^(|officer|procedure)$"),
                      claims: Principal = Depends(allow["review_report"])) -> dict[str, Any]:
        """The caller's agency's figures over a period, aggregated from the dossiers and the
        packets the workstations sent (never typed in)."""
        if end < start or (end - start).days > 366 * 5:
            raise Problem(422, "Invalid period", f"{start}..{end}", "Khoảng thời gian không hợp lệ")
        facts = agency_facts(db, claims.agency, start, end)
        total = figures(facts)
        ytd = figures(agency_facts(db, claims.agency, date(end.year, 1, 1), end))
        out: dict[str, Any] = {"scope": "agency", "agency": claims.agency, "from": start.isoformat(),
                               "to": end.isoformat(), "by": by or None,
                               **{k: v for k, v in asdict(total).items() if k != "key"},
                               "reuse_rate_ytd": ytd.reuse_rate, "reuse_target": REUSE_TARGET,
                               "reuse_target_met": (None if ytd.reuse_rate is None
                                                    else ytd.reuse_rate >= REUSE_TARGET),
                               "indicators": indicators(total)}
        if by:
            out["groups"] = [asdict(g) for g in grouped(facts, by)]
        return out

    return api
