"""``motcua report``: the figures of one workstation's workspace over a period (never typed in:
read from the dossiers, components, documents, overrides, reviews and outbox), grouped by
officer or procedure, with the year-to-date reuse rate against the 60% target and the Decision
766 indicators; written as JSON, CSV or XLSX."""

from __future__ import annotations

import contextlib
import csv
import json
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.domain.errors import InvalidInput
from app.domain.figures import REUSE_TARGET, DossierFacts, figures, grouped, indicators
from app.domain.records import ComponentState, DocumentSource, DossierState
from app.services.review import overridden_dossiers
from app.store.workspace import Workspace

DONE = {ComponentState.REUSED.value, ComponentState.SIGNED.value, ComponentState.BUILT.value}
COLUMNS = ("key", "dossiers", "components", "digitized", "reused", "reusable", "pages", "reuse_rate",
           "reuse_share",
           "first_pass_rate",
           "overrides", "sent_back", "hours_to_sent_median", "results_returned", "digitized_share",
           "warehouse_component_share", "electronic_result_share")


def _dt(text: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def workspace_facts(ws: Workspace, start: date, end: date) -> list[DossierFacts]:
    if end < start:
        raise InvalidInput(f"--to {end} is before --from "
                           f"{start}", f"Ngày kết thúc {end} trước ngày bắt đầu {start}")

    with ws.db.read() as conn:
        rows = conn.execute("SELECT number, received_date, created_by, procedure_code, received_at, state "
                            "FROM dossiers "
                            "WHERE received_date BETWEEN ? AND ? ORDER BY number",
                            (start.isoformat(), end.isoformat())).fetchall()
        numbers = [r["number"] for r in rows]
        marks = ",".join("?" * len(numbers)) or "''"
        comps: dict[str, list[Any]] = {}
        for c in conn.execute(f"SELECT dossier_no, component_id, state, required, reusable FROM components "
                              f"WHERE dossier_no IN ({marks})", numbers):
            comps.setdefault(c["dossier_no"], []).append(c)
        docs: dict[tuple[str, str], list[Any]] = {}
        for d in conn.execute(f"SELECT dossier_no, component_id, source, metadata FROM documents "
                              f"WHERE dossier_no IN ({marks}) ORDER BY id", numbers):
            docs.setdefault((d["dossier_no"], d["component_id"]), []).append(d)
        backs: dict[str, list[str]] = {}
        for b in conn.execute(f"SELECT dossier_no, reason FROM reviews WHERE decision = 'sent_back' "
                              f"AND dossier_no IN ({marks})", numbers):
            backs.setdefault(b["dossier_no"], []).append(b["reason"])
        sent = {r["dossier_no"]: r["t"] for r in conn.execute(
            f"SELECT dossier_no, MIN(sent_at) AS t FROM outbox WHERE kind = 'dossier' AND state = 'sent' "
            f"AND dossier_no IN ({marks}) GROUP BY dossier_no", numbers)}
        e_results = {r["dossier_no"] for r in conn.execute(
            f"SELECT DISTINCT o.dossier_no FROM outbox o JOIN outbox_files f ON f.outbox_id = o.id "
            f"WHERE o.kind = 'status' AND o.dossier_no IN ({marks})", numbers)}
    overrides = overridden_dossiers(ws, numbers)
    facts = []
    for r in rows:
        n = r["number"]
        cs = comps.get(n, [])
        overridden = len(overrides.get(n, []))
        digitized = reused = pages = first = 0
        for c in cs:
            ds = docs.get((n, c["component_id"]), [])
            if (c["state"] == ComponentState.REUSED.value
                    or any(d["source"] == DocumentSource.WAREHOUSE.value for d in ds)):
                reused += 1
                continue
            built = [d for d in ds if d["source"] == DocumentSource.SCAN.value]
            if not built:
                continue
            digitized += 1
            with contextlib.suppress(ValueError, TypeError):  # a document without its page count adds none
                pages += int(json.loads(built[-1]["metadata"]).get("PageAmount", 0) or 0)
            if len(built) == 1:
                first += 1
        if overridden or backs.get(n):
            first = 0  # a dossier with an override or a send-back did not pass first time
        required = [c for c in cs if c["required"]]
        facts.append(DossierFacts(
            n, date.fromisoformat(r["received_date"]), r["created_by"], r["procedure_code"],
            components_required=len(required), reusable=sum(1 for c in cs if c["reusable"]),
            required_done=sum(1 for c in required if c["state"] in DONE),
            digitized=digitized, reused=reused, pages=pages, first_pass=first, overrides=overridden,
            send_back_reasons=tuple(backs.get(n, [])), received_at=_dt(r["received_at"]),
            sent_at=_dt(sent.get(n)),
            result_returned=r["state"] == DossierState.RESULT_RETURNED.value,
            electronic_result=n in e_results))
    return facts


def report(ws: Workspace, start: date, end: date, by: str = "") -> dict[str, Any]:
    facts = workspace_facts(ws, start, end)
    total = figures(facts)
    ytd = figures(workspace_facts(ws, date(end.year, 1, 1), end), "year_to_date")
    out: dict[str, Any] = {"scope": "workstation", "from": start.isoformat(), "to": end.isoformat(),
                           "by": by or None,
                           **{k: v for k, v in asdict(total).items() if k != "key"},
                           "reuse_rate_ytd": ytd.reuse_rate, "reuse_target": REUSE_TARGET,
                           "reuse_target_met": (None if ytd.reuse_rate is None
                                                else ytd.reuse_rate >= REUSE_TARGET),
                           "indicators": indicators(total)}
    if by:
        if by not in ("officer", "procedure"):
            raise InvalidInput(f"--by {by}: officer or procedure",
                               f"--by {by}: chỉ nhận officer hoặc procedure")
        out["groups"] = [asdict(g) for g in grouped(facts, by)]
    return out


def _rows(data: dict[str, Any]) -> list[list[Any]]:
    groups = data.get("groups") or []
    rows = [[g.get(c) for c in COLUMNS] for g in groups]
    rows.append(["total" if not groups else "TỔNG", *[data.get(c) for c in COLUMNS[1:]]])
    return rows


def write_csv(data: dict[str, Any], path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:  # BOM: Excel opens the Vietnamese right
        w = csv.writer(fh)
        w.writerow(COLUMNS)
        w.writerows(_rows(data))


def write_xlsx(data: dict[str, Any], path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    ws.append([f"Báo cáo số hóa {data['from']} — {data['to']}"])
    ws.append(list(COLUMNS))
    for row in _rows(data):
        ws.append(row)
    ws.append([])
    ws.append(["Tỷ lệ tái sử dụng từ đầu năm", data["reuse_rate_ytd"], "Chỉ tiêu", data["reuse_target"]])
    ind = wb.create_sheet("Chỉ số 766")
    ind.append(["Chỉ số", "Giá trị", "Ngưỡng", "Đạt"])
    for i in data["indicators"]:
        ind.append([i["name_vi"], i["value"], i["threshold"], i["met"]])
    wb.save(path)
