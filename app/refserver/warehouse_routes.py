"""The data warehouse: read only to serve the citizen, and every read is logged. A search or a
file fetch states its purpose (an open dossier of that owner at the caller's agency, or a number
leased to the agency and not yet submitted: a citizen being received now); the administrators
read the log. Uses of a document and feedback on it are recorded."""

from __future__ import annotations

import hashlib
import json
import time
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, field_validator

from app.domain.warehouse import matches as warehouse_matches
from app.refserver.context import Server
from app.refserver.guards import agency_must, forbid
from app.refserver.policy import CLOSED, Principal
from app.refserver.problems import Problem

FEEDBACK_REASONS = {"wrong_citizen_info": "Sai thông tin công dân",
                    "not_citizens_result": "Không phải kết quả của công dân",
                    "not_gov_ca_signed": "Không ký số bằng chứng thư số của Ban Cơ yếu Chính phủ"}


class UseIn(BaseModel):
    dossier: str


class FeedbackIn(BaseModel):
    reason: str
    note: str = ""

    @field_validator("reason")
    @classmethod
    def _reason(cls, v: str) -> str:
        if v not in FEEDBACK_REASONS:
            raise ValueError(f"reason must be one of {sorted(FEEDBACK_REASONS)}")
        return v


def read_log(db: Any, p: Principal, owner: str, dossier: str, code: str, action: str) -> None:
    """Record who read what of a citizen's data, and for which dossier."""
    with db.tx() as c:
        c.execute("INSERT INTO warehouse_reads(subject, agency, owner, dossier, code, action, at) "
                  "VALUES (?,?,?,?,?,?,?)", (p.subject, p.agency, owner, dossier, code, action, time.time()))


def purpose_must(db: Any, p: Principal, owner: str, dossier: str) -> None:
    """A warehouse read states its purpose: a dossier of the caller's agency for this owner,
    open on the server, or a number leased to the agency and not yet submitted (a citizen
    being received at the counter now)."""
    if not dossier:
        raise forbid("a warehouse read needs its purpose: the dossier (query parameter 'dossier')",
                     "Tra cứu kho dữ liệu phải nêu mục đích: số hồ sơ đang tiếp nhận")
    agency, _day, _seq = (dossier.rsplit("-", 2) + ["", ""])[:3]
    agency_must(p, agency)
    row = db.conn().execute("SELECT body, status FROM dossiers WHERE ma_ho_so = ?", (dossier,)).fetchone()
    if row is not None:
        if str(json.loads(row["body"]).get("MaDoiTuong", "")) != owner or row["status"] in CLOSED:
            raise forbid(f"dossier {dossier} is not an open dossier of this owner",
                         f"Hồ sơ {dossier} không phải hồ sơ đang xử lý của công dân này")
        return
    try:
        day = datetime.strptime(_day, "%y%m%d").date().isoformat()
        seq = int(_seq)
    except ValueError as exc:
        raise forbid(f"{dossier} is not a dossier number", f"{dossier} không phải số hồ sơ") from exc
    if db.conn().execute("SELECT 1 FROM number_leases WHERE agency = ? AND day = ? "
                         "AND first <= ? AND last >= ? AND revoked = 0",
                         (agency, day, seq, seq)).fetchone() is None:
        raise forbid(f"dossier {dossier} was neither submitted nor leased to agency {agency}",
                     f"Số hồ sơ {dossier} chưa được cấp cho cơ quan {agency}")


def router(srv: Server) -> APIRouter:
    api = APIRouter()
    db, allow = srv.db, srv.allow

    @api.get("/api/v1/warehouse/documents")
    def search(owner: str = Query(max_length=20), type: str = Query("", max_length=16),
               dossier: str = Query("", max_length=60), q: str = Query("", max_length=200),
               claims: Principal = Depends(allow["search"])) -> dict[str, Any]:
        purpose_must(db, claims, owner, dossier)
        read_log(db, claims, owner, dossier, "", "search")
        sql, params = "SELECT * FROM warehouse WHERE owner = ?", [owner]
        if type:
            sql += " AND type = ?"
            params.append(type)
        rows = db.conn().execute(sql + " ORDER BY issued DESC, code LIMIT 500", params).fetchall()
        docs = [{"code": r["code"], "type": r["type"], "type_name": r["type_name"], "issuer": r["issuer"],
                 "issued": r["issued"], "use_count": r["use_count"], "title": r["title"],
                 "file_id": r["file_id"], "decision_no": r["decision_no"], "abstract": r["abstract"]}
                for r in rows]
        # name, code, decision number, issuing agency, abstract; accent-insensitive
        # (one owner's few documents)
        return {"documents": [d for d in docs if not q or warehouse_matches(q, d)]}

    @api.get("/api/v1/warehouse/documents/{code}/file")
    def fetch(code: str, dossier: str = Query("", max_length=60),
              claims: Principal = Depends(allow["fetch"])) -> Response:
        row = db.conn().execute("SELECT file_id, owner FROM warehouse WHERE code = ?", (code,)).fetchone()
        if row is None:
            raise Problem(404, "Unknown document", code, f"Không có giấy tờ {code}")
        purpose_must(db, claims, row["owner"], dossier)
        read_log(db, claims, row["owner"], dossier, code, "file")
        path = srv.files / row["file_id"]
        f = db.conn().execute("SELECT sha256 FROM files WHERE id = ?", (row["file_id"],)).fetchone()
        sha = f["sha256"] if f is not None else hashlib.sha256(path.read_bytes()).hexdigest()
        return FileResponse(path, media_type="application/pdf",  # streamed, not held whole
                            headers={"X-Content-Sha256": sha})

    @api.get("/api/v1/warehouse/reads")
    def reads(owner: str = Query(max_length=20),
              claims: Principal = Depends(allow["reads"])) -> dict[str, Any]:
        """Who read this citizen's documents, when and for which dossier (the administrators see
        their agency's reads, the province every read)."""
        rows = db.conn().execute("SELECT * FROM warehouse_reads WHERE owner = ? ORDER BY id DESC LIMIT 1000",
                                 (owner,)).fetchall()
        return {"reads": [{"subject": r["subject"], "agency": r["agency"], "dossier": r["dossier"],
                           "code": r["code"], "action": r["action"], "at": r["at"]}
                          for r in rows if claims.acts_for(r["agency"])]}

    @api.post("/api/v1/warehouse/documents/{code}/uses")
    def record_use(request: Request, code: str, body: UseIn,
                   claims: Principal = Depends(allow["record_use"]),
                   idempotency_key: str = Header(default="")) -> JSONResponse:
        agency_must(claims, body.dossier.rsplit("-", 2)[0])

        def write(c: Any) -> tuple[int, dict[str, Any]]:
            cur = c.execute("UPDATE warehouse SET use_count = use_count + 1 WHERE code = ?", (code,))
            if cur.rowcount == 0:
                raise Problem(404, "Unknown document", code)
            c.execute("INSERT INTO warehouse_uses(code, dossier, at, subject) VALUES (?,?,?,?)",
                      (code, body.dossier, time.time(), claims.subject))
            count = c.execute("SELECT use_count FROM warehouse WHERE code = ?", (code,)).fetchone()[0]
            return 200, {"code": code, "use_count": count}

        return srv.idempotent(request, claims, idempotency_key, body, write)

    @api.post("/api/v1/warehouse/documents/{code}/feedback", status_code=201)
    def feedback(request: Request, code: str, body: FeedbackIn,
                 claims: Principal = Depends(allow["feedback"]),
                 idempotency_key: str = Header(default="")) -> JSONResponse:

        def write(c: Any) -> tuple[int, dict[str, Any]]:
            if c.execute("SELECT 1 FROM warehouse WHERE code = ?", (code,)).fetchone() is None:
                raise Problem(404, "Unknown document", code)
            new_id = c.execute("INSERT INTO feedback(code, reason, note, at, subject) VALUES (?,?,?,?,?) "
                               "RETURNING id",
                               (code, body.reason, body.note, time.time(), claims.subject)).fetchone()[0]
            return 201, {"id": new_id, "code": code, "reason": body.reason,
                         "reason_vi": FEEDBACK_REASONS[body.reason]}

        return srv.idempotent(request, claims, idempotency_key, body, write)

    return api
