"""Documents forwarded between agencies (seed 002, section 3, step 1): an earlier result managed
by another agency is scanned and signed at the counter, and then the signed file goes to the
managing agency to be checked, or the unsigned file goes to the certification desk of the
counter's own agency. The receiving agency's accounts list what was forwarded to them, read the
file and record their answer (matches / does not match, with a note); the sending agency's
workstations read the answers back.

A forward is visible to the sending agency and to the receiving agency only: for any other
account it does not exist (404). Built by :func:`forward_router` from the app's rule guards and
idempotency helper; its table is created here (portable SQL, SQLite and PostgreSQL alike)."""

from __future__ import annotations

import time
import uuid
from typing import Any, Literal

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, Field

from app.refserver.context import Server
from app.refserver.policy import Principal
from app.refserver.problems import Problem
from app.sign.verify import attachment_refusal

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS forwards (id TEXT PRIMARY KEY, from_agency TEXT NOT NULL, "
    "target_agency TEXT NOT NULL, route TEXT NOT NULL, ma_ho_so TEXT NOT NULL, component TEXT NOT NULL, "
    "doc_type TEXT NOT NULL, name TEXT NOT NULL, owner_id TEXT NOT NULL, file_id TEXT NOT NULL, "
    "sha256 TEXT NOT NULL, signed INTEGER NOT NULL, note TEXT NOT NULL, sent_by TEXT NOT NULL, "
    "sent_at DOUBLE PRECISION NOT NULL, result TEXT NOT NULL DEFAULT '', result_note TEXT NOT NULL DEFAULT "
    "'', "
    "checked_by TEXT NOT NULL DEFAULT '', checked_at DOUBLE PRECISION NOT NULL DEFAULT 0)",
    "CREATE INDEX IF NOT EXISTS forwards_target ON forwards(target_agency, sent_at)",
    "CREATE INDEX IF NOT EXISTS forwards_from ON forwards(from_agency, checked_at)",
)
AGENCY_CODE = r"^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9]{2}$"
MAX_LIST = 500


class ForwardIn(BaseModel):
    """One document forwarded by the counter (JSON, every field bounded)."""
    dossier_no: str = Field(min_length=10, max_length=60)
    component: str = Field(min_length=1, max_length=100)
    route: Literal["certification", "managing_agency"]
    target_agency: str = Field(pattern=AGENCY_CODE, max_length=20)
    file_id: str = Field(min_length=1, max_length=80)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    name: str = Field(min_length=1, max_length=300)  # the document's name (component or type)
    doc_type: str = Field("", max_length=16)
    owner_id: str = Field("", max_length=20)
    signed: bool = False
    note: str = Field("", max_length=1000)


class CheckIn(BaseModel):
    result: Literal["matches", "does_not_match"]
    note: str = Field("", max_length=2000)


def router(srv: Server) -> APIRouter:
    db, allow, idempotent = srv.db, srv.allow, srv.idempotent
    srv.create_tables(SCHEMA, lock=872635)
    router = APIRouter()

    def as_dict(r: Any) -> dict[str, Any]:
        return {"id": r["id"], "from_agency": r["from_agency"], "target_agency": r["target_agency"],
                "route": r["route"], "dossier_no": r["ma_ho_so"], "component": r["component"],
                "doc_type": r["doc_type"], "name": r["name"], "owner_id": r["owner_id"],
                "sha256": r["sha256"],
                "signed": bool(r["signed"]), "note": r["note"], "sent_by": r["sent_by"],
                "sent_at": r["sent_at"],
                "state": "checked" if r["result"] else "waiting", "result": r["result"] or None,
                "result_note": r["result_note"], "checked_by": r["checked_by"], "checked_at": r["checked_at"]}

    def visible(forward_id: str, claims: Principal, *, target_only: bool = False, conn: Any = None) -> Any:
        """The forward, when the caller's agency sent or receives it; otherwise it does not exist."""
        r = (conn or db.conn()).execute("SELECT * FROM forwards WHERE id = ?", (forward_id,)).fetchone()
        agencies = {r["target_agency"]} if r is not None and target_only else \
            ({r["target_agency"], r["from_agency"]} if r is not None else set())
        if r is None or not claims.agency or claims.agency not in agencies:
            raise Problem(404, "Unknown forwarded document", forward_id,
                          f"Không có tài liệu được chuyển với mã {forward_id}")
        return r

    @router.post("/api/v1/forwards", status_code=201)
    def forward_send(request: Request, body: ForwardIn, claims: Principal = Depends(allow["forward_send"]),
                     idempotency_key: str = Header(default="")) -> JSONResponse:
        """The counter forwards a document of one of its dossiers: the file is the caller's own
        upload; a signed file for the managing agency must verify (same module as dossiers)."""
        from_agency = body.dossier_no.rsplit("-", 2)[0]
        if claims.agency != from_agency:
            raise Problem(403, "Forbidden", f"{body.dossier_no} is not a dossier of {claims.agency or '-'}",
                          f"Hồ sơ {body.dossier_no} không thuộc cơ quan của tài khoản")
        if body.route == "certification" and body.target_agency != from_agency:
            raise Problem(422, "Certification desk of another agency",
                          "the certification desk is at the sending agency's own counter",
                          "Bộ phận chứng thực phải thuộc chính Bộ phận một cửa của cơ quan gửi")
        if body.route == "managing_agency" and body.target_agency == from_agency:
            raise Problem(422, "Managed by this agency", "a result this agency manages is not forwarded",
                          "Giấy tờ do chính cơ quan quản lý thì không cần chuyển kiểm tra")

        def check() -> None:
            conn = db.conn()
            up = conn.execute("SELECT 1 FROM uploads WHERE file_id = ? AND created_by = ?",
                              (body.file_id, claims.subject)).fetchone()
            f = conn.execute("SELECT sha256 FROM files WHERE id = ?", (body.file_id,)).fetchone()
            if up is None or f is None:
                raise Problem(422, "Unknown "
                                   "file", f"file {body.file_id} was not uploaded by {claims.subject}",
                              "Tệp chưa được tải lên bởi tài khoản này")
            if f["sha256"] != body.sha256:
                raise Problem(422, "File hash mismatch", "the stored file does not match sha256",
                              "Tệp lưu trên hệ thống không khớp mã băm")
            # the signed file: its signature is checked like any attachment
            if body.route == "managing_agency":
                refusal = attachment_refusal(srv.files / body.file_id, body.name,
                                             trust_dir=srv.settings.trust_dir, require_signed=True)
                if refusal is not None:
                    raise Problem(422, refusal.title, refusal.message_en, refusal.message_vi)

        def write(c: Any) -> tuple[int, dict[str, Any]]:
            forward_id = str(uuid.uuid4())
            c.execute("INSERT INTO forwards(id, from_agency, target_agency, route, ma_ho_so, component, "
                      "doc_type, name, "
                      "owner_id, file_id, sha256, signed, note, sent_by, sent_at) VALUES "
                      "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                      (forward_id, from_agency, body.target_agency, body.route, body.dossier_no,
                       body.component,
                       body.doc_type, body.name, body.owner_id, body.file_id, body.sha256, int(body.signed),
                       body.note, claims.subject, time.time()))
            return 201, as_dict(c.execute("SELECT * FROM forwards WHERE id = ?", (forward_id,)).fetchone())

        return idempotent(request, claims, idempotency_key, body, write, check)

    @router.get("/api/v1/forwards/inbox")
    def forward_inbox(state: str = Query("", pattern="^(|waiting|checked)$"), since: float = Query(0.0, ge=0),
                      claims: Principal = Depends(allow["forward_inbox"])) -> dict[str, Any]:
        """What was forwarded to the caller's agency (the managing agency's or the desk's list)."""
        sql, params = "SELECT * FROM forwards WHERE target_agency = ? AND sent_at > ?", [claims.agency, since]
        if state:
            sql += " AND result = ''" if state == "waiting" else " AND result <> ''"
        rows = db.conn().execute(sql + f" ORDER BY sent_at LIMIT {MAX_LIST}", tuple(params)).fetchall()
        return {"agency": claims.agency, "items": [as_dict(r) for r in rows]}

    @router.get("/api/v1/forwards/answers")
    def forward_answers(since: float = Query(0.0, ge=0),
                        claims: Principal = Depends(allow["forward_answers"])) -> dict[str, Any]:
        """The answers on documents the caller's agency forwarded, checked after ``since`` (the
        sending workstations' status loop)."""
        rows = db.conn().execute("SELECT * FROM forwards WHERE from_agency = ? AND result <> '' AND "
                                 "checked_at > ? "
                                 f"ORDER BY checked_at LIMIT {MAX_LIST}", (claims.agency, since)).fetchall()
        return {"items": [as_dict(r) for r in rows]}

    @router.get("/api/v1/forwards/{forward_id}")
    def forward_get(forward_id: str, claims: Principal = Depends(allow["forward_get"])) -> dict[str, Any]:
        return as_dict(visible(forward_id, claims))

    @router.get("/api/v1/forwards/{forward_id}/file")
    def forward_file(request: Request, forward_id: str,
                     claims: Principal = Depends(allow["forward_file"])) -> FileResponse:
        r = visible(forward_id, claims)
        path = srv.files / str(r["file_id"])
        if not path.is_file():
            raise Problem(404, "File missing", f"file of forward {forward_id} missing")
        return FileResponse(path, media_type="application/pdf")

    @router.post("/api/v1/forwards/{forward_id}/check", status_code=201)
    def forward_check(request: Request, forward_id: str, body: CheckIn,
                      claims: Principal = Depends(allow["forward_check"]),
                      idempotency_key: str = Header(default="")) -> JSONResponse:
        """The receiving agency's answer, once: matches, or does not match with a note."""
        if body.result == "does_not_match" and len(body.note.strip()) < 5:
            raise Problem(422, "Note required", "'does not match' needs a note (at least 5 characters)",
                          "Kết quả 'không khớp' cần ghi rõ lý do (ít nhất 5 ký tự)")

        def write(c: Any) -> tuple[int, dict[str, Any]]:
            r = visible(forward_id, claims, target_only=True, conn=c)
            if r["sent_by"] == claims.subject:
                raise Problem(403, "Forbidden", f"{claims.subject} forwarded {forward_id}: nobody checks "
                                                "their own",
                              "Không được tự kiểm tra tài liệu do chính mình chuyển")
            if r["result"]:
                raise Problem(409, "Already checked", f"{forward_id} was checked by {r['checked_by']}",
                              f"Tài liệu đã được {r['checked_by']} kiểm tra")
            c.execute("UPDATE forwards SET result = ?, result_note = ?, checked_by = ?, checked_at = ? "
                      "WHERE id = ?",
                      (body.result, body.note.strip(), claims.subject, time.time(), forward_id))
            return 201, as_dict(c.execute("SELECT * FROM forwards WHERE id = ?", (forward_id,)).fetchone())

        return idempotent(request, claims, idempotency_key, body, write)

    return router
