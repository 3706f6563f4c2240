"""Chunked uploads of the files a dossier attaches: start (size, SHA-256, per-caller quota),
chunks (multipart, each with its SHA-256, copied in bounded pieces and fsync'd), status (which
chunks arrived, to resume), complete (assembled, checked as a whole, stored under its hash).
An upload belongs to its creator; unfinished uploads expire with their chunks."""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import shutil
import time
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, File, Form, Header, Request, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from app.refserver.context import Server
from app.refserver.policy import Principal
from app.refserver.problems import Problem

log = logging.getLogger(__name__)
CHUNK_SIZE = 1024 * 1024
COPY_PIECE = 64 * 1024  # files are copied in pieces of this size, never read whole


class UploadStart(BaseModel):
    name: str
    size: int = Field(ge=0, le=2 * 1024**3)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def chunk_count(up: Any) -> int:
    return max(1, -(-int(up["size"]) // int(up["chunk_size"])))


def router(srv: Server) -> APIRouter:
    api = APIRouter()
    db, allow, data_dir, settings = srv.db, srv.allow, srv.data_dir, srv.settings

    def expire_uploads() -> int:
        """Unfinished uploads older than ``upload_max_age_s`` are dropped with their chunks."""
        cutoff = time.time() - settings.upload_max_age_s
        stale = [row["id"] for row in db.conn().execute(
            "SELECT id FROM uploads WHERE file_id IS NULL AND created < ?", (cutoff,)).fetchall()]
        for upload_id in stale:
            with db.tx() as c:
                c.execute("DELETE FROM upload_chunks WHERE upload_id = ?", (upload_id,))
                c.execute("DELETE FROM uploads WHERE id = ? AND file_id IS NULL", (upload_id,))
            shutil.rmtree(data_dir / "chunks" / upload_id, ignore_errors=True)
        if stale:
            log.info("%d abandoned uploads expired", len(stale))
        return len(stale)

    def upload_of(upload_id: str, claims: Principal) -> Any:
        """An upload belongs to its creator: another caller's upload id is unknown to them (404)."""
        up = db.conn().execute("SELECT * FROM uploads WHERE id = ?", (upload_id,)).fetchone()
        if up is None or up["created_by"] != claims.subject:
            raise Problem(404, "Unknown upload", upload_id, f"Không có phiên tải lên {upload_id}")
        return up

    @api.post("/api/v1/uploads", status_code=201)
    def upload_start(request: Request, body: UploadStart, claims: Principal = Depends(allow["upload_start"]),
                     idempotency_key: str = Header(default="")) -> JSONResponse:
        expire_uploads()
        limit, quota = settings.max_upload_bytes, settings.upload_quota_bytes
        if body.size > limit:
            raise Problem(413, "File too large", f"{body.name}: {body.size} bytes, at most {limit}",
                          f"{body.name}: tệp quá lớn (tối đa {limit // (1024 * 1024)} MB)")
        pending_row = db.conn().execute("SELECT COALESCE(SUM(size), 0) FROM uploads WHERE created_by = ? AND "
                                        "file_id IS NULL", (claims.subject,)).fetchone()
        pending = pending_row[0] if pending_row is not None else 0
        if int(pending) + body.size > quota:
            raise Problem(413, "Upload quota exceeded",
                          f"unfinished uploads of {claims.subject} would exceed {quota} bytes",
                          "Tài khoản có quá nhiều tệp đang tải lên dở dang; hoàn tất hoặc chờ chúng hết hạn")

        def write(c: Any) -> tuple[int, dict[str, Any]]:
            upload_id = secrets.token_hex(12)
            c.execute("INSERT INTO uploads(id, name, size, sha256, chunk_size, created_by, created) "
                      "VALUES (?,?,?,?,?,?,?)",
                      (upload_id, body.name, body.size, body.sha256, CHUNK_SIZE, claims.subject, time.time()))
            return 201, {"upload_id": upload_id, "chunk_size": CHUNK_SIZE}

        return srv.idempotent(request, claims, idempotency_key, body, write)

    @api.put("/api/v1/uploads/{upload_id}/chunks/{idx}")
    def upload_chunk(upload_id: str, idx: int, chunk: UploadFile = File(...),
                     sha256: str = Form(..., max_length=64),
                     claims: Principal = Depends(allow["upload_chunk"])) -> dict[str, Any]:
        """A plain ``def`` route (a worker thread): the chunk is copied in bounded pieces, never
        held whole, compared with the size its slot must have and with its SHA-256, and fsync'd."""
        up = upload_of(upload_id, claims)
        if srv.faults.get("drop_chunk_next", 0) > 0:
            srv.faults["drop_chunk_next"] -= 1
            raise Problem(503, "Injected connection drop", "chunk not stored")
        nchunks = chunk_count(up)
        if not 0 <= idx < nchunks:
            raise Problem(422, "Chunk out of range", f"{idx} not in 0..{nchunks - 1}")
        expected = min(up["chunk_size"], up["size"] - idx * up["chunk_size"])
        d = data_dir / "chunks" / upload_id
        d.mkdir(exist_ok=True)
        tmp = d / f".{idx}.{secrets.token_hex(4)}.tmp"
        h, got = hashlib.sha256(), 0
        try:
            with open(tmp, "wb") as out:
                while piece := chunk.file.read(COPY_PIECE):
                    got += len(piece)
                    if got > expected:
                        raise Problem(413, "Chunk too large", f"chunk {idx} must be {expected} bytes",
                                      f"Phần {idx} của tệp lớn hơn kích thước đã khai báo ({expected} byte)")
                    h.update(piece)
                    out.write(piece)
                out.flush()
                os.fsync(out.fileno())
            if got != expected:
                raise Problem(422, "Chunk size mismatch", f"chunk {idx} has {got} bytes, its slot {expected}",
                              f"Phần {idx} của tệp có {got} byte, "
                              f"khác kích thước đã khai báo ({expected} byte)")
            if h.hexdigest() != sha256:
                raise Problem(422, "Chunk hash mismatch", f"chunk {idx} does not match its SHA-256")
            tmp.replace(d / str(idx))
            fsync_dir(d)
        finally:
            tmp.unlink(missing_ok=True)
        with db.tx() as c:
            c.execute("INSERT INTO upload_chunks(upload_id, idx, sha256, size) VALUES (?,?,?,?) "
                      "ON CONFLICT(upload_id, idx) "
                      "DO UPDATE SET sha256 = excluded.sha256, size = excluded.size",
                      (upload_id, idx, sha256, got))
        return {"upload_id": upload_id, "chunk": idx, "stored": True}

    @api.get("/api/v1/uploads/{upload_id}")
    def upload_status(upload_id: str,
                      claims: Principal = Depends(allow["upload_status"])) -> dict[str, Any]:
        up = upload_of(upload_id, claims)
        got = [row["idx"] for row in db.conn().execute(
            "SELECT idx FROM upload_chunks WHERE upload_id = ? ORDER BY idx", (upload_id,))]
        return {"upload_id": upload_id, "received": got, "chunk_size": up["chunk_size"],
                "file_id": up["file_id"]}

    @api.post("/api/v1/uploads/{upload_id}/complete")
    def upload_complete(upload_id: str,
                        claims: Principal = Depends(allow["upload_complete"])) -> dict[str, Any]:
        up = upload_of(upload_id, claims)
        if up["file_id"]:
            return {"file_id": up["file_id"], "sha256": up["sha256"]}
        nchunks = chunk_count(up)
        d = data_dir / "chunks" / upload_id
        missing = [i for i in range(nchunks) if not (d / str(i)).is_file()]
        if up["size"] == 0:
            missing = []
        if missing:
            raise Problem(409, "Upload incomplete", f"missing chunks {missing[:10]}")
        h = hashlib.sha256()
        final_tmp = srv.files / f".{upload_id}.tmp"
        with open(final_tmp, "wb") as out:
            for i in range(nchunks if up["size"] else 0):
                with open(d / str(i), "rb") as part:
                    while piece := part.read(COPY_PIECE):
                        h.update(piece)
                        out.write(piece)
            out.flush()
            os.fsync(out.fileno())
        if h.hexdigest() != up["sha256"]:
            final_tmp.unlink(missing_ok=True)
            raise Problem(422, "File hash mismatch", "the assembled file does not match the declared SHA-256")
        file_id = f"f-{up['sha256'][:24]}"
        final_tmp.replace(srv.files / file_id)
        fsync_dir(srv.files)
        with db.tx() as c:
            c.execute("INSERT INTO files(id, name, sha256, size) VALUES (?,?,?,?) ON CONFLICT DO NOTHING",
                      (file_id, up["name"], up["sha256"], up["size"]))
            c.execute("UPDATE uploads SET file_id = ? WHERE id = ?", (file_id, upload_id))
        shutil.rmtree(d, ignore_errors=True)
        return {"file_id": file_id, "sha256": up["sha256"]}

    return api
