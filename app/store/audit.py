"""The append-only, keyed, hash-chained audit log.

Each entry's MAC (HMAC-SHA-256 with the workspace's audit key, kept outside the database, see
:mod:`app.store.auditkey`) covers its own fields and the previous entry's MAC, so editing,
deleting or reordering any entry breaks the chain from that point, and a rewritten chain cannot
be recomputed without the key. The head (entry count + last MAC) is anchored outside the
database: in a local anchor file after every commit, in every built document's metadata
("AuditHead", covered by the signature), and, through :meth:`AuditLog.head`, by whoever sends it
to the server (the sync). :meth:`AuditLog.verify` reports rewriting, truncation against those
anchors, and rows of the main tables that no entry accounts for. Entries are appended inside the
caller's transaction, so an audited change and its audit entry are committed together or not at all.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import sqlite3
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.domain.codes import vn_now
from app.domain.errors import OperationFailed
from app.domain.messages import Msg
from app.store.auditkey import AuditKeyStore, fingerprint

log = logging.getLogger(__name__)

GENESIS = "0" * 64
SCHEME = "hmac-sha256-v1"
ANCHOR_FILE = "audit.anchor"


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
class AuditHead:
    """Where the chain stands: what an anchor records (and what the sync sends to the server)."""
    entries: int
    hash: str

    def text(self) -> str:
        return f"{self.entries}:{self.hash}"

    @classmethod
    def parse(cls, text: str) -> AuditHead | None:
        n, _, h = text.partition(":")
        return cls(int(n), h) if n.isdigit() and len(h) == 64 else None


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    entries: int
    first_broken: int | None = None
    reason: str = ""
    truncated: bool = False
    problems: tuple[str, ...] = ()  # every finding, English (the first one is ``reason``)
    unaccounted: tuple[str, ...] = field(default=())  # table rows without an entry, entries without a row


def canonical(entry_id: int, ts: str, actor: str, action: str, dossier: str | None,
              objects: str, details: str, prev_hash: str) -> bytes:
    return json.dumps([entry_id, ts, actor, action, dossier, objects, details, prev_hash],
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def entry_hash(entry_id: int, ts: str, actor: str, action: str, dossier: str | None,
               objects: str, details: str, prev_hash: str) -> str:
    """The unkeyed hash of entries written before the chain was keyed (migration only)."""
    return hashlib.sha256(canonical(entry_id, ts, actor, action, dossier, objects, details,
                                    prev_hash)).hexdigest()


def entry_mac(key: bytes, entry_id: int, ts: str, actor: str, action: str, dossier: str | None,
              objects: str, details: str, prev_hash: str) -> str:
    return hmac.new(key, canonical(entry_id, ts, actor, action, dossier, objects, details, prev_hash),
                    hashlib.sha256).hexdigest()


def _dumps(value: dict[str, Any] | None) -> str:
    return json.dumps(value or {}, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


class AuditLog:
    def __init__(self, db: Any, root: Path | None = None) -> None:
        self._db = db
        self._root = root if root is not None else Path(db.path).parent
        self._keys = AuditKeyStore(self._root)
        self._key: bytes | None = None

    # -- key and migration -------------------------------------------------------------------
    def _load_key(self) -> bytes:
        if self._key is None:
            key = self._keys.load()
            if key is None:
                raise OperationFailed(
                    Msg(
                        vi="Thiếu khóa nhật ký kiểm toán của thư mục làm "
                    f"việc {self._root} (keys/audit.key): hãy khôi "
                    "phục từ bản sao lưu; thiếu khóa thì không thể kiểm tra hay ghi tiếp nhật ký",
                        en=f"The audit key of workspace {self._root} is missing "
                "(keys/audit.key or the OS keyring): "
                    "restore it from the backup; without it the audit log cannot be checked or extended",
                    ))
            self._key = key
        return self._key

    def ensure_keyed(self) -> None:
        """Once per workspace: create the key and re-key the entries written before keying
        (recording, in a keyed entry, whether that older chain was intact)."""
        with self._db.read() as conn:
            if conn.execute("SELECT 1 FROM audit_meta WHERE name = 'scheme'").fetchone():
                return
        legacy = self._verify_legacy()
        key = self._keys.load() or self._keys.create()
        with self._db.transaction() as conn:
            if conn.execute("SELECT 1 FROM audit_meta WHERE name = 'scheme'").fetchone():
                return  # another process did it meanwhile
            prev = GENESIS
            rows = conn.execute("SELECT * FROM audit_log ORDER BY id").fetchall()
            for r in rows:
                mac = entry_mac(key, r["id"], r["ts"], r["actor"], r["action"], r["dossier"], r["objects"],
                                r["details"], prev)
                conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = "
                             "?", (prev, mac, r["id"]))
                prev = mac
            conn.executemany("INSERT INTO audit_meta(name, value) VALUES (?, ?)",
                             [("scheme", SCHEME), ("key", fingerprint(key))])
            self._key = key
            if rows:  # an existing workspace: record what its unkeyed chain looked like
                self.append(conn, "audit.chain.keyed", actor="system",
                            details={"legacy_entries": len(rows), "legacy_intact": legacy.ok,
                                     "legacy_reason": legacy.reason})
        if rows:
            log.info("Audit chain keyed (%d earlier entries, intact: %s)", len(rows), legacy.ok)

    def _verify_legacy(self) -> ChainCheck:
        prev, n = GENESIS, 0
        with self._db.read() as conn:
            for r in conn.execute("SELECT * FROM audit_log ORDER BY id"):
                n += 1
                digest = entry_hash(r["id"], r["ts"], r["actor"], r["action"], r["dossier"], r["objects"],
                                    r["details"], r["prev_hash"])
                if r["id"] != n or r["prev_hash"] != prev or digest != r["hash"]:
                    return ChainCheck(False, n, r["id"], f"entry {r['id']} did not match the unkeyed chain")
                prev = r["hash"]
        return ChainCheck(True, n)

    # -- writing -----------------------------------------------------------------------------
    def append(self, conn: sqlite3.Connection, action: str, *, actor: str, dossier: str | None = None,
               objects: dict[str, str] | None = None, details: dict[str, Any] | None = None) -> int:
        if not conn.in_transaction:
            raise RuntimeError("audit entries must be appended inside a write transaction")
        key = self._load_key()
        last = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        prev_hash = last["hash"] if last else GENESIS
        entry_id = (last["id"] + 1) if last else 1
        ts = vn_now().isoformat(timespec="milliseconds")
        objs, dets = _dumps(objects), _dumps(details)
        digest = entry_mac(key, entry_id, ts, actor, action, dossier, objs, dets, prev_hash)
        conn.execute(
            "INSERT INTO audit_log(id, ts, actor, action, dossier, objects, details, prev_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (entry_id, ts, actor, action, dossier, objs, dets, prev_hash, digest),
        )
        self._db.after_commit(self.write_anchor)
        return entry_id

    # -- the head and its anchors -------------------------------------------------------------
    def head(self) -> AuditHead:
        """The chain's head now (the hook the sync uses to send it to the server)."""
        with self._db.read() as conn:
            r = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        return AuditHead(int(r["id"]), r["hash"]) if r else AuditHead(0, GENESIS)

    @property
    def anchor_path(self) -> Path:
        return self._root / ANCHOR_FILE

    def _anchor_mac(self, head: AuditHead) -> str:
        return hmac.new(self._load_key(), b"anchor:" + head.text().encode(), hashlib.sha256).hexdigest()

    def write_anchor(self) -> None:
        """Record the committed head in the local anchor file (outside the database). Never moves
        backwards: a process that committed earlier and writes later leaves the newer head."""
        head = self.head()
        current = self._read_anchor()
        if current is not None and current.entries > head.entries:
            return
        tmp = self.anchor_path.with_name(f".{ANCHOR_FILE}.{os.getpid()}.{threading.get_ident()}")
        tmp.write_text(json.dumps({"entries": head.entries, "head": head.hash,
                                   "mac": self._anchor_mac(head)}),
                       encoding="utf-8")
        os.replace(tmp, self.anchor_path)

    def _read_anchor(self) -> AuditHead | None:
        try:
            data = json.loads(self.anchor_path.read_text(encoding="utf-8"))
            return AuditHead(int(data["entries"]), str(data["head"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    # -- reading -----------------------------------------------------------------------------
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

    # -- verification ------------------------------------------------------------------------
    def verify(self, *, external: list[tuple[str, AuditHead]] | None = None) -> ChainCheck:
        """Check the chain's links and MACs, the anchors (the local anchor file and ``external``
        ones, e.g. the heads written into documents: (where, head)), and that the main tables
        hold no row the log does not account for (nor lack one it records)."""
        problems: list[str] = []
        first_broken: int | None = None
        truncated = False
        key = self._load_key()
        macs: dict[int, str] = {}
        count = 0
        with self._db.read() as conn:
            meta = {r["name"]: r["value"] for r in conn.execute("SELECT name, value FROM audit_meta")}
            if meta.get("key") not in (None, fingerprint(key)):
                problems.append("the audit key does not belong to this workspace's chain")
            prev = GENESIS
            for r in conn.execute("SELECT * FROM audit_log ORDER BY id"):
                count += 1
                macs[r["id"]] = r["hash"]
                if first_broken is not None:
                    continue
                if r["id"] != count:
                    first_broken = count
                    problems.append(f"entry {count} is missing (next is {r['id']})")
                elif r["prev_hash"] != prev:
                    first_broken = r["id"]
                    problems.append(f"entry {r['id']}: link to the previous entry is broken")
                elif not hmac.compare_digest(entry_mac(key, r["id"], r["ts"], r["actor"], r["action"],
                                                       r["dossier"],
                                                       r["objects"], r["details"], r["prev_hash"]),
                                                       r["hash"]):
                    first_broken = r["id"]
                    problems.append(f"entry {r['id']}: content does not match its MAC (edited or rewritten)")
                prev = r["hash"]
            unaccounted = tuple(_unaccounted(conn))
        anchors: list[tuple[str, AuditHead]] = []
        local = self._read_anchor()
        if local is None:
            if count:
                problems.append(f"the local anchor {ANCHOR_FILE} is missing or unreadable")
        else:
            try:
                data = json.loads(self.anchor_path.read_text(encoding="utf-8"))
                if not hmac.compare_digest(str(data.get("mac", "")), self._anchor_mac(local)):
                    problems.append(f"the local anchor {ANCHOR_FILE} was edited")
            except (OSError, ValueError):
                problems.append(f"the local anchor {ANCHOR_FILE} is unreadable")
            anchors.append((f"local anchor {ANCHOR_FILE}", local))
        anchors += external or []
        for where, head in anchors:
            if head.entries > count:
                truncated = True
                problems.append(f"truncated: {where} records {head.entries} entries, the log holds {count}")
            elif head.entries and macs.get(head.entries) != head.hash:
                problems.append(f"rewritten: entry {head.entries} differs from the head recorded in {where}")
                first_broken = head.entries if first_broken is None else min(first_broken, head.entries)
        problems += [f"unaccounted: {u}" for u in unaccounted]
        ok = not problems
        return ChainCheck(ok, count, first_broken, problems[0] if problems else "", truncated,
                          tuple(problems),
                          unaccounted)


def _unaccounted(conn: sqlite3.Connection) -> list[str]:
    """Rows of the main tables and the entries that record them, counted both ways."""
    out: list[str] = []
    entries: dict[str, Counter[tuple[Any, ...]]] = {k: Counter() for k in
                                                    ("page", "session", "dossier", "doc", "signed", "reused")}
    for r in conn.execute("SELECT action, dossier, objects, details FROM audit_log WHERE action IN "
                          "('scan.page.save', 'scan.page.derive', 'scan.session.open', 'dossier.create', "
                          "'document.build', 'document.sign', 'warehouse.reuse')"):
        objs, dets = json.loads(r["objects"]), json.loads(r["details"])
        if r["action"] in ("scan.page.save", "scan.page.derive"):
            entries["page"][(dets.get("session"), objs.get("page"))] += 1
        elif r["action"] == "scan.session.open":
            entries["session"][(dets.get("session"),)] += 1
        elif r["action"] == "dossier.create":
            entries["dossier"][(r["dossier"],)] += 1
        elif r["action"] == "document.build":
            entries["doc"][(r["dossier"], objs.get("pdf"))] += 1
        elif r["action"] == "warehouse.reuse":
            entries["reused"][(r["dossier"], objs.get("pdf"))] += 1
        else:
            entries["signed"][(r["dossier"], objs.get("signed"))] += 1
    rows: dict[str, Counter[tuple[Any, ...]]] = {
        "page": Counter((r[0], r[1]) for r in conn.execute("SELECT session_id, sha256 FROM scan_pages")),
        "session": Counter((r[0],) for r in conn.execute("SELECT id FROM scan_sessions")),
        "dossier": Counter((r[0],) for r in conn.execute("SELECT number FROM dossiers")),
        "doc": Counter((r[0], r[1]) for r in conn.execute("SELECT dossier_no, pdf_sha256 FROM documents "
                                                          "WHERE source = 'scan'")),
        "signed": Counter((r[0], r[1]) for r in conn.execute("SELECT dossier_no, signed_sha256 FROM "
                                                             "documents "
                                                             "WHERE source = 'scan' AND signed_sha256 IS "
                                                             "NOT NULL")),
        "reused": Counter((r[0], r[1]) for r in conn.execute("SELECT dossier_no, pdf_sha256 FROM documents "
                                                             "WHERE source = 'warehouse'")),
    }
    names = {"page": "scan page (session, sha256)", "session": "scan session", "dossier": "dossier",
             "doc": "built document (dossier, pdf)", "signed": "signed document (dossier, pdf)",
             "reused": "reused document (dossier, pdf)"}
    for kind in rows:
        for k in sorted(set(rows[kind]) | set(entries[kind]), key=str):
            have, recorded = rows[kind][k], entries[kind][k]
            if have > recorded:
                out.append(f"{names[kind]} {k}: {have - recorded} row(s) with no audit entry")
            elif have < recorded:
                out.append(f"{names[kind]} {k}: {recorded - have} audited row(s) missing from the table")
    return out
