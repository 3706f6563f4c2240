"""The append-only, hash-chained audit log.

Each entry's hash covers its own fields and the previous entry's hash, so editing, deleting or
reordering any entry breaks the chain from that point; :meth:`AuditLog.verify` finds the first
broken link. Entries are appended inside the caller's transaction, so an audited change and its
audit entry are committed together or not at all.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from app.domain.codes import vn_now

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    id: int
    ts: str
    actor: str
    action: str
    dossier: str | None
    objects: dict[str, str]
    details: dict[str, Any]
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    entries: int
    first_broken: int | None = None
    reason: str = ""


def entry_hash(entry_id: int, ts: str, actor: str, action: str, dossier: str | None,
               objects: str, details: str, prev_hash: str) -> str:
    canonical = json.dumps(
        [entry_id, ts, actor, action, dossier, objects, details, prev_hash],
        ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _dumps(value: dict[str, Any] | None) -> str:
    return json.dumps(value or {}, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


class AuditLog:
    def __init__(self, db: Any) -> None:
        self._db = db

    def append(self, conn: sqlite3.Connection, action: str, *, actor: str, dossier: str | None = None,
               objects: dict[str, str] | None = None, details: dict[str, Any] | None = None) -> int:
        if not conn.in_transaction:
            raise RuntimeError("audit entries must be appended inside a write transaction")
        last = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        prev_hash = last["hash"] if last else GENESIS
        entry_id = (last["id"] + 1) if last else 1
        ts = vn_now().isoformat(timespec="milliseconds")
        objs, dets = _dumps(objects), _dumps(details)
        digest = entry_hash(entry_id, ts, actor, action, dossier, objs, dets, prev_hash)
        conn.execute(
            "INSERT INTO audit_log(id, ts, actor, action, dossier, objects, details, prev_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (entry_id, ts, actor, action, dossier, objs, dets, prev_hash, digest),
        )
        return entry_id

    def entries(self, *, dossier: str | None = None, limit: int | None = None) -> list[AuditEntry]:
        sql = "SELECT * FROM audit_log"
        params: list[Any] = []
        if dossier:
            sql += " WHERE dossier = ?"
            params.append(dossier)
        sql += " ORDER BY id"
        if limit:
            sql += " LIMIT ?"
            params.append(limit)
        with self._db.read() as conn:
            return [
                AuditEntry(r["id"], r["ts"], r["actor"], r["action"], r["dossier"], json.loads(r["objects"]),
                           json.loads(r["details"]), r["prev_hash"], r["hash"])
                for r in conn.execute(sql, params)
            ]

    def verify(self) -> ChainCheck:
        prev_hash = GENESIS
        expected_id = 1
        count = 0
        with self._db.read() as conn:
            for r in conn.execute("SELECT * FROM audit_log ORDER BY id"):
                count += 1
                if r["id"] != expected_id:
                    return ChainCheck(False, count, expected_id, f"entry {expected_id} is missing (next is {r['id']})")
                if r["prev_hash"] != prev_hash:
                    return ChainCheck(False, count, r["id"], "link to the previous entry is broken")
                digest = entry_hash(r["id"], r["ts"], r["actor"], r["action"], r["dossier"], r["objects"],
                                    r["details"], r["prev_hash"])
                if digest != r["hash"]:
                    return ChainCheck(False, count, r["id"], "entry content does not match its hash (edited)")
                prev_hash = r["hash"]
                expected_id += 1
        return ChainCheck(True, count)
