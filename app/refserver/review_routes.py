"""Agency-wide quality review on the reference server (the supervisor's desk).

Workstations send each submitted dossier's *review packet* (its officer, pages and QC findings,
overrides with their reasons, the metadata check, signature results, reused warehouse
documents, its audit trail). A supervisor of the agency draws the day's sample here (fresh
random nonce, recorded with the population so the draw can be redone), picks dossiers, reads
the queue (sample + every dossier with an override + picks) and decides: approve, or send back
with a reason per component. Nobody reviews their own work. Officers' workstations read the
decisions of their agency and reopen what was sent back; a corrected version returns the
dossier to the queue.

Built by :func:`router` from the app's :class:`~app.refserver.context.Server`; its tables are
created here (portable SQL, for SQLite and PostgreSQL alike). The agency's figures are in
``review_report_routes``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import secrets
import time
import uuid
from datetime import date, datetime
from typing import Any, Literal

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, Field

from app.refserver.context import Server
from app.refserver.guards import forbid
from app.refserver.policy import Principal
from app.refserver.problems import Problem

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS review_packets (ma_ho_so TEXT PRIMARY KEY, agency TEXT NOT NULL, "
    "officer TEXT NOT NULL, procedure TEXT NOT NULL, day TEXT NOT NULL, version INTEGER NOT NULL, "
    "overrides INTEGER NOT NULL, packet TEXT NOT NULL, updated DOUBLE PRECISION NOT NULL)",
    "CREATE TABLE IF NOT EXISTS review_items (ma_ho_so TEXT NOT NULL, agency TEXT NOT NULL, "
    "why TEXT NOT NULL, sample_id TEXT NOT NULL DEFAULT '', added_by TEXT NOT NULL, "
    "note TEXT NOT NULL DEFAULT '', at DOUBLE PRECISION NOT NULL, PRIMARY KEY (ma_ho_so, why))",
    "CREATE TABLE IF NOT EXISTS review_samples (sample_id TEXT PRIMARY KEY, agency TEXT NOT NULL, "
    "day TEXT NOT NULL, scheme TEXT NOT NULL, nonce TEXT NOT NULL, rate DOUBLE PRECISION NOT NULL, "
    "minimum INTEGER NOT NULL, population TEXT NOT NULL, chosen TEXT NOT NULL, drawn_by TEXT NOT NULL, "
    "at DOUBLE PRECISION NOT NULL)",
    "CREATE TABLE IF NOT EXISTS review_decisions (id TEXT PRIMARY KEY, ma_ho_so TEXT NOT NULL, "
    "agency TEXT NOT NULL, reviewer TEXT NOT NULL, officer TEXT NOT NULL, decision TEXT NOT NULL, "
    "reason TEXT NOT NULL, components TEXT NOT NULL, version INTEGER NOT NULL, at DOUBLE PRECISION NOT NULL)",
    "CREATE INDEX IF NOT EXISTS review_decisions_agency ON review_decisions(agency, at)",
)
DRAW_SCHEME = "hmac-sha256-rank-v1"  # the same ranking the workstation's own draw uses
MAX_LIST = 500  # items of a packet's lists (pages, findings, audit entries...)


class PacketIn(BaseModel):
    """What a workstation knows of a dossier that the supervisor checks (JSON, bounded)."""
    officer: str = Field(min_length=1, max_length=100)
    procedure: str = Field(max_length=40)
    procedure_name: str = Field("", max_length=400)
    version: int = Field(1, ge=1, le=1000)
    components: list[dict[str, Any]] = Field(default_factory=list, max_length=MAX_LIST)
    overrides: list[dict[str, Any]] = Field(default_factory=list, max_length=MAX_LIST)
    metadata_problems: list[dict[str, Any]] = Field(default_factory=list, max_length=MAX_LIST)
    signatures: list[dict[str, Any]] = Field(default_factory=list, max_length=MAX_LIST)
    reused: list[dict[str, Any]] = Field(default_factory=list, max_length=MAX_LIST)
    audit: list[dict[str, Any]] = Field(default_factory=list, max_length=2000)


class DrawIn(BaseModel):
    day: date
    rate: float = Field(0.1, gt=0, le=1)
    minimum: int = Field(1, ge=0, le=10_000)


class PickIn(BaseModel):
    reason: str = Field(min_length=5, max_length=500)


class ComponentReason(BaseModel):
    component: str = Field(min_length=1, max_length=100)
    reason: str = Field(min_length=5, max_length=1000)


class DecisionIn(BaseModel):
    decision: Literal["approved", "sent_back"]
    reason: str = Field("", max_length=2000)
    components: list[ComponentReason] = Field(default_factory=list, max_length=100)


def ranked_draw(nonce: str, population: list[str], size: int) -> list[str]:
    key = bytes.fromhex(nonce)
    ranked = sorted(population, key=lambda n: hmac.new(key, n.encode("utf-8"), hashlib.sha256).digest())
    return sorted(ranked[:size])


def day_of(ma_ho_so: str) -> str:
    try:
        return datetime.strptime(ma_ho_so.rsplit("-", 2)[1], "%y%m%d").date().isoformat()
    except (ValueError, IndexError):
        return ""


def router(srv: Server) -> APIRouter:
    db, allow, idempotent = srv.db, srv.allow, srv.idempotent
    srv.create_tables(SCHEMA, lock=872634)
    api = APIRouter()

    def dossier_row(c: Any, ma_ho_so: str) -> Any:
        row = c.execute("SELECT ma_ho_so, body, status, version, submitted_by FROM dossiers "
                        "WHERE ma_ho_so = ?", (ma_ho_so,)).fetchone()
        if row is None:
            raise Problem(404, "Unknown dossier", ma_ho_so, f"Hồ sơ {ma_ho_so} chưa có trên hệ thống tỉnh")
        return row

    def officer_of(c: Any, row: Any) -> str:
        p = c.execute("SELECT officer FROM review_packets WHERE ma_ho_so = ?", (row["ma_ho_so"],)).fetchone()
        return str(p["officer"]) if p else str(row["submitted_by"])

    def state_of(c: Any, ma_ho_so: str, version: int) -> tuple[str, dict[str, Any] | None]:
        last = c.execute("SELECT * FROM review_decisions WHERE ma_ho_so = ? ORDER BY at DESC LIMIT 1",
                         (ma_ho_so,)).fetchone()
        if last is None:
            return "waiting", None
        d = decision_dict(last)
        if int(last["version"]) < version:
            return "waiting", d  # corrected and sent again: back in the queue
        return str(last["decision"]), d

    def decision_dict(r: Any) -> dict[str, Any]:
        return {"id": r["id"], "dossier_no": r["ma_ho_so"], "reviewer": r["reviewer"],
                "officer": r["officer"], "decision": r["decision"], "reason": r["reason"],
                "components": json.loads(r["components"]), "version": r["version"], "at": r["at"]}

    # -- the workstation's packet -----------------------------------------------------------
    @api.post("/api/v1/review/dossiers/{ma_ho_so}/packet")
    def review_packet(request: Request, ma_ho_so: str, body: PacketIn,
                      claims: Principal = Depends(allow["review_packet"]),
                      idempotency_key: str = Header(default="")) -> JSONResponse:
        def write(c: Any) -> tuple[int, dict[str, Any]]:
            row = dossier_row(c, ma_ho_so)
            agency, day = ma_ho_so.rsplit("-", 2)[0], day_of(ma_ho_so)
            procedure = body.procedure or str(json.loads(row["body"]).get("MaTTHC", ""))
            c.execute("DELETE FROM review_packets WHERE ma_ho_so = ?", (ma_ho_so,))
            c.execute("INSERT INTO review_packets(ma_ho_so, agency, officer, procedure, day, version, "
                      "overrides, packet, updated) VALUES (?,?,?,?,?,?,?,?,?)",
                      (ma_ho_so, agency, body.officer, procedure, day, body.version, len(body.overrides),
                       body.model_dump_json(), time.time()))
            if body.overrides and c.execute("SELECT 1 FROM review_items WHERE ma_ho_so = ? "
                                            "AND why = 'override'", (ma_ho_so,)).fetchone() is None:
                c.execute("INSERT INTO review_items(ma_ho_so, agency, why, added_by, note, at) "
                          "VALUES (?,?,?,?,?,?)",
                          (ma_ho_so, agency, "override", claims.subject, f"{len(body.overrides)}",
                           time.time()))
            return 200, {"MaHoSo": ma_ho_so, "version": body.version, "in_queue": bool(body.overrides)}

        return idempotent(request, claims, idempotency_key, body, write)

    # -- the sample, picks and the queue ----------------------------------------------------
    @api.post("/api/v1/review/samples", status_code=201)
    def review_draw(request: Request, body: DrawIn, claims: Principal = Depends(allow["review_draw"]),
                    idempotency_key: str = Header(default="")) -> JSONResponse:
        """The day's sample of the caller's agency, drawn with a fresh 128-bit nonce; the nonce
        and the population are kept so anyone can redo the draw (GET the sample)."""
        agency = claims.agency

        def write(c: Any) -> tuple[int, dict[str, Any]]:
            prefix = f"{agency}-{body.day:%y%m%d}-"
            population = sorted(str(r["ma_ho_so"]) for r in c.execute(
                "SELECT ma_ho_so FROM dossiers WHERE ma_ho_so LIKE ? AND status NOT IN (3, 7)",
                (prefix + "%",)))
            size = min(len(population), max(body.minimum, math.ceil(body.rate * len(population))))
            nonce = secrets.token_hex(16)
            chosen = ranked_draw(nonce, population, size)
            sample_id = f"{body.day:%Y%m%d}-{nonce[:8]}"
            now = time.time()
            c.execute("INSERT INTO review_samples(sample_id, agency, day, scheme, nonce, rate, minimum, "
                      "population, chosen, drawn_by, at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                      (sample_id, agency, body.day.isoformat(), DRAW_SCHEME, nonce, body.rate, body.minimum,
                       json.dumps(population), json.dumps(chosen), claims.subject, now))
            for n in chosen:
                if c.execute("SELECT 1 FROM review_items WHERE ma_ho_so = ? AND why = 'sampled'",
                             (n,)).fetchone() is None:
                    c.execute("INSERT INTO review_items(ma_ho_so, agency, why, sample_id, added_by, at) "
                              "VALUES (?,?,?,?,?,?)", (n, agency, "sampled", sample_id, claims.subject, now))
            draws = c.execute("SELECT COUNT(*) FROM review_samples WHERE agency = ? AND day = ?",
                              (agency, body.day.isoformat())).fetchone()[0]
            return 201, {"sample": sample_id, "day": body.day.isoformat(), "scheme": DRAW_SCHEME,
                         "nonce": nonce, "rate": body.rate, "minimum": body.minimum, "population": population,
                         "dossiers": chosen, "drawn_by": claims.subject, "draws_that_day": draws}

        return idempotent(request, claims, idempotency_key, body, write)

    @api.post("/api/v1/review/dossiers/{ma_ho_so}/pick", status_code=201)
    def review_pick(request: Request, ma_ho_so: str, body: PickIn,
                    claims: Principal = Depends(allow["review_pick"]),
                    idempotency_key: str = Header(default="")) -> JSONResponse:
        def write(c: Any) -> tuple[int, dict[str, Any]]:
            dossier_row(c, ma_ho_so)
            if c.execute("SELECT 1 FROM review_items WHERE ma_ho_so = ? AND why = 'picked'",
                         (ma_ho_so,)).fetchone() is None:
                c.execute("INSERT INTO review_items(ma_ho_so, agency, why, added_by, note, at) "
                          "VALUES (?,?,?,?,?,?)",
                          (ma_ho_so, ma_ho_so.rsplit("-", 2)[0], "picked", claims.subject, body.reason,
                           time.time()))
            return 201, {"MaHoSo": ma_ho_so, "why": "picked"}

        return idempotent(request, claims, idempotency_key, body, write)

    @api.get("/api/v1/review/queue")
    def review_queue(day: str = Query("", max_length=10), officer: str = Query("", max_length=100),
                     procedure: str = Query("", max_length=40), state: str = Query("", max_length=20),
                     claims: Principal = Depends(allow["review_queue"])) -> dict[str, Any]:
        """The caller's agency's queue: sampled, overridden and picked dossiers, with filters."""
        c = db.conn()
        items: dict[str, dict[str, Any]] = {}
        for r in c.execute("SELECT ma_ho_so, why, sample_id FROM review_items WHERE agency = ? "
                           "ORDER BY ma_ho_so", (claims.agency,)):
            it = items.setdefault(r["ma_ho_so"], {"dossier_no": r["ma_ho_so"], "why": [], "sample": ""})
            it["why"].append(r["why"])
            it["sample"] = it["sample"] or r["sample_id"]
        out = []
        for n, it in items.items():
            row = c.execute("SELECT body, status, version, submitted_by FROM dossiers WHERE ma_ho_so = ?",
                            (n,)).fetchone()
            if row is None:
                continue
            pk = c.execute("SELECT officer, procedure, overrides FROM review_packets WHERE ma_ho_so = ?",
                           (n,)).fetchone()
            body = json.loads(row["body"])
            st, last = state_of(c, n, int(row["version"]))
            it.update({"day": day_of(n), "officer": pk["officer"] if pk else row["submitted_by"],
                       "procedure": pk["procedure"] if pk else body.get("MaTTHC", ""),
                       "procedure_name": body.get("TenTTHC", ""), "owner_name": body.get("ChuHoSo", ""),
                       "status": row["status"], "version": row["version"],
                       "overrides": pk["overrides"] if pk else 0,
                       "packet": pk is not None, "state": st, "last_decision": last})
            if (day and it["day"] != day) or (officer and it["officer"] != officer) \
                    or (procedure and it["procedure"] != procedure) or (state and st != state):
                continue
            out.append(it)
        return {"agency": claims.agency, "items": out}

    @api.get("/api/v1/review/dossiers/{ma_ho_so}")
    def review_dossier(ma_ho_so: str, claims: Principal = Depends(allow["review_dossier"])) -> dict[str, Any]:
        c = db.conn()
        row = dossier_row(c, ma_ho_so)
        pk = c.execute("SELECT packet FROM review_packets WHERE ma_ho_so = ?", (ma_ho_so,)).fetchone()
        st, _last = state_of(c, ma_ho_so, int(row["version"]))
        decisions = [decision_dict(r) for r in c.execute(
            "SELECT * FROM review_decisions WHERE ma_ho_so = ? ORDER BY at", (ma_ho_so,))]
        why = [r["why"] for r in c.execute("SELECT why FROM review_items WHERE ma_ho_so = ?", (ma_ho_so,))]
        return {"dossier_no": ma_ho_so, "dossier": json.loads(row["body"]), "status": row["status"],
                "version": row["version"], "officer": officer_of(c, row), "state": st, "why": why,
                "packet": json.loads(pk["packet"]) if pk else None, "decisions": decisions}

    @api.get("/api/v1/review/dossiers/{ma_ho_so}/components/{component}/file")
    def review_file(ma_ho_so: str, component: str,
                    claims: Principal = Depends(allow["review_file"])) -> FileResponse:
        """The document of one component as the dossier's current version holds it (the
        supervisor looks at its pages)."""
        row = dossier_row(db.conn(), ma_ho_so)
        docs = [d for d in json.loads(row["body"]).get("TaiLieuNop", [])
                if d.get("MaThanhPhanHoSo") == component]
        if not docs:
            raise Problem(404, "No document", f"{ma_ho_so} has no document for {component}",
                          f"Hồ sơ {ma_ho_so} không có tài liệu cho thành phần {component}")
        path = srv.files / str(docs[-1]["TepDinhKemId"])
        if not path.is_file():
            raise Problem(404, "No document", f"file of {component} missing")
        return FileResponse(path, media_type="application/pdf")

    @api.get("/api/v1/review/samples/{sample_id}")
    def review_sample(sample_id: str, claims: Principal = Depends(allow["review_sample"])) -> dict[str, Any]:
        """A recorded draw with everything needed to redo it (and whether it redoes)."""
        r = db.conn().execute("SELECT * FROM review_samples WHERE sample_id = ?", (sample_id,)).fetchone()
        if r is None or r["agency"] != claims.agency:
            raise Problem(404, "Unknown sample", sample_id, f"Không có mẫu {sample_id}")
        population, chosen = json.loads(r["population"]), json.loads(r["chosen"])
        size = min(len(population), max(int(r["minimum"]), math.ceil(float(r["rate"]) * len(population))))
        return {"sample": sample_id, "day": r["day"], "scheme": r["scheme"], "nonce": r["nonce"],
                "rate": r["rate"], "minimum": r["minimum"], "population": population, "dossiers": chosen,
                "drawn_by": r["drawn_by"],
                "redraws": ranked_draw(r["nonce"], population, size) == chosen}

    # -- decisions ------------------------------------------------------------------------
    @api.post("/api/v1/review/dossiers/{ma_ho_so}/decisions", status_code=201)
    def review_decide(request: Request, ma_ho_so: str, body: DecisionIn,
                      claims: Principal = Depends(allow["review_decide"]),
                      idempotency_key: str = Header(default="")) -> JSONResponse:
        """Approve, or send back with a reason (per component): nobody reviews their own work,
        and one decision per version of the dossier."""
        if body.decision == "sent_back" and not body.components and len(body.reason.strip()) < 5:
            raise Problem(422, "Reason required", "sending back needs a reason (per component or overall)",
                          "Trả lại hồ sơ cần ghi rõ lý do (theo từng thành phần hoặc chung, ít nhất 5 ký tự)")

        def write(c: Any) -> tuple[int, dict[str, Any]]:
            row = dossier_row(c, ma_ho_so)
            officer = officer_of(c, row)
            if claims.subject in (officer, str(row["submitted_by"])):
                raise forbid(f"{claims.subject} received {ma_ho_so}: nobody reviews their own work",
                             f"Không được tự kiểm tra, phê duyệt hồ sơ {ma_ho_so} do chính mình tiếp nhận")
            version = int(row["version"])
            if c.execute("SELECT 1 FROM review_decisions WHERE ma_ho_so = ? AND version = ?",
                         (ma_ho_so, version)).fetchone() is not None:
                raise Problem(409, "Already decided", f"{ma_ho_so} version {version} already has a decision",
                              f"Hồ sơ {ma_ho_so} (phiên bản {version}) đã được kiểm tra")
            decision_id = str(uuid.uuid4())
            comps = [x.model_dump() for x in body.components]
            c.execute("INSERT INTO review_decisions(id, ma_ho_so, agency, reviewer, officer, decision, "
                      "reason, components, version, at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                      (decision_id, ma_ho_so, ma_ho_so.rsplit("-", 2)[0], claims.subject, officer,
                       body.decision, body.reason.strip(), json.dumps(comps, ensure_ascii=False), version,
                       time.time()))
            r = c.execute("SELECT * FROM review_decisions WHERE id = ?", (decision_id,)).fetchone()
            return 201, decision_dict(r)

        return idempotent(request, claims, idempotency_key, body, write)

    @api.get("/api/v1/review/decisions")
    def review_decisions(since: float = Query(0.0, ge=0), officer: str = Query("", max_length=100),
                         claims: Principal = Depends(allow["review_decisions"])) -> dict[str, Any]:
        """Decisions on the caller's agency's dossiers after ``since`` (the officers'
        workstations read their send-backs from here)."""
        sql, params = "SELECT * FROM review_decisions WHERE agency = ? AND at > ?", [claims.agency, since]
        if officer:
            sql += " AND officer = ?"
            params.append(officer)
        rows = db.conn().execute(sql + " ORDER BY at LIMIT 1000", tuple(params)).fetchall()
        return {"decisions": [decision_dict(r) for r in rows]}

    return api
