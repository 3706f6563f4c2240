"""The reference server's SQLite database."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (username TEXT PRIMARY KEY, password_sha256 TEXT NOT NULL, scopes TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS clients (client_id TEXT PRIMARY KEY, secret_sha256 TEXT NOT NULL, scopes TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS refresh_tokens (token TEXT PRIMARY KEY, subject TEXT NOT NULL, scopes TEXT NOT NULL, expires REAL NOT NULL);
CREATE TABLE IF NOT EXISTS accounts (owner_id TEXT PRIMARY KEY, state TEXT NOT NULL, name TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS uploads (id TEXT PRIMARY KEY, name TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL,
    chunk_size INTEGER NOT NULL, file_id TEXT, created_by TEXT NOT NULL, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS upload_chunks (upload_id TEXT NOT NULL, idx INTEGER NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL,
    PRIMARY KEY (upload_id, idx));
CREATE TABLE IF NOT EXISTS files (id TEXT PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS dossiers (ma_ho_so TEXT PRIMARY KEY, body TEXT NOT NULL, status INTEGER NOT NULL, received REAL NOT NULL,
    submitted_by TEXT NOT NULL, workstation_id TEXT NOT NULL DEFAULT '', version INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS dossier_status (ma_ho_so TEXT NOT NULL, status INTEGER NOT NULL, at TEXT NOT NULL, note TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS idempotency_keys (subject TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL, body TEXT NOT NULL, created REAL NOT NULL, PRIMARY KEY (subject, key));
CREATE TABLE IF NOT EXISTS workstations (id TEXT PRIMARY KEY, agency TEXT NOT NULL, name TEXT NOT NULL, registered_by TEXT NOT NULL,
    registrations INTEGER NOT NULL DEFAULT 1, created REAL NOT NULL, UNIQUE (agency, name));
CREATE TABLE IF NOT EXISTS day_counters (agency TEXT NOT NULL, day TEXT NOT NULL, next_seq INTEGER NOT NULL, PRIMARY KEY (agency, day));
CREATE TABLE IF NOT EXISTS number_leases (id TEXT PRIMARY KEY, workstation_id TEXT NOT NULL, agency TEXT NOT NULL, day TEXT NOT NULL,
    first INTEGER NOT NULL, last INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0, created REAL NOT NULL);
CREATE INDEX IF NOT EXISTS number_leases_ws ON number_leases(workstation_id, agency, day);
CREATE TABLE IF NOT EXISTS dossier_versions (ma_ho_so TEXT NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL, reason TEXT NOT NULL,
    received REAL NOT NULL, submitted_by TEXT NOT NULL, workstation_id TEXT NOT NULL, PRIMARY KEY (ma_ho_so, version));
CREATE TABLE IF NOT EXISTS warehouse (code TEXT PRIMARY KEY, owner TEXT NOT NULL, type TEXT NOT NULL, type_name TEXT NOT NULL,
    issuer TEXT NOT NULL, issued TEXT NOT NULL, use_count INTEGER NOT NULL DEFAULT 0, file_id TEXT NOT NULL, title TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS warehouse_uses (code TEXT NOT NULL, dossier TEXT NOT NULL, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS feedback (id INTEGER PRIMARY KEY, code TEXT NOT NULL, reason TEXT NOT NULL, note TEXT NOT NULL, at REAL NOT NULL);
"""


class ServerDb:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        with self.tx() as conn:
            for stmt in SCHEMA.strip().split(";"):
                if stmt.strip():
                    conn.execute(stmt)
            # data directories made by an earlier version: add the columns they lack
            have = {r[1] for r in conn.execute("PRAGMA table_info(dossiers)")}
            for col, decl in (("workstation_id", "TEXT NOT NULL DEFAULT ''"), ("version", "INTEGER NOT NULL DEFAULT 1")):
                if col not in have:
                    conn.execute(f"ALTER TABLE dossiers ADD COLUMN {col} {decl}")

    def conn(self) -> sqlite3.Connection:
        c = getattr(self._local, "c", None)
        if c is None:
            c = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            c.row_factory = sqlite3.Row
            c.execute("PRAGMA journal_mode=WAL")
            c.execute("PRAGMA synchronous=FULL")
            self._local.c = c
        return c

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        c = self.conn()
        c.execute("BEGIN IMMEDIATE")
        try:
            yield c
        except BaseException:
            c.execute("ROLLBACK")
            raise
        else:
            c.execute("COMMIT")
