"""Idempotent writes: every write route takes an ``Idempotency-Key``; the reply to a caller's
first request with a key is stored and replayed for its retries. The key is scoped by the
caller (token subject) and tied to a fingerprint of the request (method, path, body): the same
key with another route or body is refused (422)."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from app.refserver.policy import Principal
from app.refserver.problems import Problem


def replay(conn: Any, claims: Principal, key: str, fp: str) -> JSONResponse | None:
    """The stored reply to this caller's earlier request with this key, if any. The key is
    scoped by the caller (token subject); the same key with another route or body is refused."""
    if not key:
        raise Problem(400, "Idempotency-Key required", "Every write needs an Idempotency-Key header")
    if len(key) > 200:
        raise Problem(400, "Idempotency-Key too long", "Idempotency-Key must be at most 200 characters")
    row = conn.execute("SELECT fingerprint, status, body FROM idempotency_keys WHERE subject = ? AND key = ?",
                       (claims.subject, key)).fetchone()
    if row is None:
        return None
    if row["fingerprint"] != fp:
        raise Problem(422, "Idempotency-Key reused",
                      "this Idempotency-Key was already used for a different request "
                      "(another route or body); a new request needs a new key",
                      "Khóa chống gửi trùng (Idempotency-Key) đã dùng cho một yêu cầu khác; "
                      "yêu cầu mới cần khóa mới")
    return JSONResponse(json.loads(row["body"]), status_code=row["status"])


def remember(conn: Any, claims: Principal, key: str, fp: str, status: int,
             body: dict[str, Any]) -> JSONResponse:
    conn.execute("INSERT INTO idempotency_keys(subject, key, fingerprint, status, body, created) "
                 "VALUES (?,?,?,?,?,?)",
                 (claims.subject, key, fp, status, json.dumps(body, ensure_ascii=False), time.time()))
    return JSONResponse(body, status_code=status)


def fingerprint(request: Request, body: BaseModel | None) -> str:
    payload = body.model_dump_json() if body is not None else ""
    text = request.method + " " + request.url.path + "\n" + payload
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def run_once(db: Any, request: Request, claims: Principal, key: str, body: BaseModel | None,
             write: Callable[[Any], tuple[int, dict[str, Any]]],
             check: Callable[[], None] | None = None) -> JSONResponse:
    """Run ``write`` once per (caller, key): the lookup and the write share one transaction
    (SQLite's write lock), so concurrent retries of one request run once. ``check`` runs
    the slow validation outside the lock, only when the request is new."""
    fp = fingerprint(request, body)
    if (cached := replay(db.conn(), claims, key, fp)) is not None:
        return cached
    if check is not None:
        check()
    for attempt in range(3):
        try:
            with db.tx() as c:
                if (cached := replay(c, claims, key, fp)) is not None:
                    return cached
                status, reply = write(c)
                return remember(c, claims, key, fp, status, reply)
        except db.integrity_errors:
            # PostgreSQL: a concurrent request won the same key or row; run again to see it
            if attempt == 2:
                raise
    raise AssertionError("unreachable")
