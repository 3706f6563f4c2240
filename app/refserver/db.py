"""The reference server's database: SQLite (the embedded default: demo, tests, a small agency)
or PostgreSQL (SQLAlchemy Core over psycopg, schema by Alembic) for a province with several
server processes. Both take the same portable SQL with ``?`` parameters and return rows
readable by column name or position; :func:`open_db` picks one from a path or a URL."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (username TEXT PRIMARY KEY, legacy_sha256 TEXT NOT NULL DEFAULT '',
    scopes TEXT NOT NULL DEFAULT '', secret_hash TEXT NOT NULL DEFAULT '',
    roles TEXT NOT NULL DEFAULT 'officer', agency TEXT NOT NULL DEFAULT '',
    disabled INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS clients (client_id TEXT PRIMARY KEY, legacy_sha256 TEXT NOT NULL DEFAULT '',
    scopes TEXT NOT NULL DEFAULT '', secret_hash TEXT NOT NULL DEFAULT '',
    roles TEXT NOT NULL DEFAULT 'workstation', agency TEXT NOT NULL DEFAULT '',
    disabled INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS refresh_tokens (token_hash TEXT PRIMARY KEY, subject TEXT NOT NULL,
    family TEXT NOT NULL, expires REAL NOT NULL, used INTEGER NOT NULL DEFAULT 0,
    revoked INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS login_failures (key TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS login_failures_key ON login_failures(key, at);
CREATE TABLE IF NOT EXISTS warehouse_reads (id INTEGER PRIMARY KEY, subject TEXT NOT NULL,
    agency TEXT NOT NULL, owner TEXT NOT NULL, dossier TEXT NOT NULL, code TEXT NOT NULL,
    action TEXT NOT NULL, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS accounts (owner_id TEXT PRIMARY KEY, state TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS uploads (id TEXT PRIMARY KEY, name TEXT NOT NULL, size INTEGER NOT NULL,
    sha256 TEXT NOT NULL, chunk_size INTEGER NOT NULL, file_id TEXT, created_by TEXT NOT NULL,
    created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS upload_chunks (upload_id TEXT NOT NULL, idx INTEGER NOT NULL, sha256 TEXT NOT NULL,
    size INTEGER NOT NULL, PRIMARY KEY (upload_id, idx));
CREATE TABLE IF NOT EXISTS files (id TEXT PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL,
    size INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS dossiers (ma_ho_so TEXT PRIMARY KEY, body TEXT NOT NULL, status INTEGER NOT NULL,
    received REAL NOT NULL, submitted_by TEXT NOT NULL, workstation_id TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS dossier_status (ma_ho_so TEXT NOT NULL, status INTEGER NOT NULL, at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS idempotency_keys (subject TEXT NOT NULL, key TEXT NOT NULL,
    fingerprint TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL, created REAL NOT NULL,
    PRIMARY KEY (subject, key));
CREATE TABLE IF NOT EXISTS workstations (id TEXT PRIMARY KEY, agency TEXT NOT NULL, name TEXT NOT NULL,
    registered_by TEXT NOT NULL, registrations INTEGER NOT NULL DEFAULT 1, created REAL NOT NULL,
    UNIQUE (agency, name));
CREATE TABLE IF NOT EXISTS day_counters (agency TEXT NOT NULL, day TEXT NOT NULL, next_seq INTEGER NOT NULL,
    PRIMARY KEY (agency, day));
CREATE TABLE IF NOT EXISTS number_leases (id TEXT PRIMARY KEY, workstation_id TEXT NOT NULL,
    agency TEXT NOT NULL, day TEXT NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0, created REAL NOT NULL);
CREATE INDEX IF NOT EXISTS number_leases_ws ON number_leases(workstation_id, agency, day);
CREATE TABLE IF NOT EXISTS dossier_versions (ma_ho_so TEXT NOT NULL, version INTEGER NOT NULL,
    body TEXT NOT NULL, reason TEXT NOT NULL, received REAL NOT NULL, submitted_by TEXT NOT NULL,
    workstation_id TEXT NOT NULL, PRIMARY KEY (ma_ho_so, version));
CREATE TABLE IF NOT EXISTS warehouse (code TEXT PRIMARY KEY, owner TEXT NOT NULL, type TEXT NOT NULL,
    type_name TEXT NOT NULL, issuer TEXT NOT NULL, issued TEXT NOT NULL, use_count INTEGER NOT NULL DEFAULT 0,
    file_id TEXT NOT NULL, title TEXT NOT NULL, decision_no TEXT NOT NULL DEFAULT '',
    abstract TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS account_link_requests (id INTEGER PRIMARY KEY, owner_id TEXT NOT NULL,
    dossier TEXT NOT NULL, agency TEXT NOT NULL, subject TEXT NOT NULL, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS dossier_results (ma_ho_so TEXT NOT NULL, code TEXT NOT NULL, PRIMARY KEY (ma_ho_so,
    code));
CREATE TABLE IF NOT EXISTS warehouse_uses (code TEXT NOT NULL, dossier TEXT NOT NULL, at REAL NOT NULL,
    subject TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS feedback (id INTEGER PRIMARY KEY, code TEXT NOT NULL, reason TEXT NOT NULL,
    note TEXT NOT NULL, at REAL NOT NULL, subject TEXT NOT NULL DEFAULT '');
"""


class ServerDb:
    """SQLite: one connection per thread, WAL, FULL sync; a write transaction takes the
    database's write lock at BEGIN, so an idempotency lookup and its write run alone."""

    kind = "sqlite"
    row_order = "rowid"  # insertion order of dossier_status rows
    integrity_errors: tuple[type[BaseException], ...] = (sqlite3.IntegrityError,)

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        with self.tx() as conn:
            for stmt in SCHEMA.strip().split(";"):
                if stmt.strip():
                    conn.execute(stmt)
            _upgrade_accounts(conn)
            _upgrade_warehouse(conn)
            # data directories made by an earlier version: add the columns they lack
            have = {r[1] for r in conn.execute("PRAGMA table_info(dossiers)")}
            for col, decl in (("workstation_id", "TEXT NOT NULL DEFAULT ''"),
                              ("version", "INTEGER NOT NULL DEFAULT 1")):
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


def _upgrade_accounts(conn: sqlite3.Connection) -> None:
    """A data directory of an earlier version: unsalted SHA-256 hashes become ``legacy_sha256``
    (replaced by Argon2id at the account's next login), accounts get roles, an agency (empty
    until an administrator sets it: such an account acts for no agency) and a disabled flag;
    refresh tokens kept in clear are dropped (their holders log in again)."""
    for table, old in (("users", "password_sha256"), ("clients", "secret_sha256")):
        have = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        if old in have:
            conn.execute(f"ALTER TABLE {table} RENAME COLUMN {old} TO legacy_sha256")
            role = "officer" if table == "users" else "workstation"
            for col, decl in (("secret_hash", "TEXT NOT NULL DEFAULT ''"),
                              ("roles", f"TEXT NOT NULL DEFAULT '{role}'"),
                              ("agency", "TEXT NOT NULL DEFAULT ''"),
                              ("disabled", "INTEGER NOT NULL DEFAULT 0")):
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {col} {decl}")
    if "token" in {r[1] for r in conn.execute("PRAGMA table_info(refresh_tokens)")}:
        conn.execute("DROP TABLE refresh_tokens")
        conn.execute("CREATE TABLE refresh_tokens (token_hash TEXT PRIMARY KEY, subject TEXT NOT NULL, "
                     "family TEXT NOT NULL, expires REAL NOT NULL, used INTEGER NOT NULL DEFAULT 0, "
                     "revoked INTEGER NOT NULL DEFAULT 0)")
    conn.execute("CREATE INDEX IF NOT EXISTS refresh_tokens_family ON refresh_tokens(family)")
    for table in ("warehouse_uses", "feedback"):
        if "subject" not in {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN subject TEXT NOT NULL DEFAULT ''")


def _upgrade_warehouse(conn: sqlite3.Connection) -> None:
    """Warehouse documents of an earlier version get a decision number and an abstract (searched)."""
    have = {r[1] for r in conn.execute("PRAGMA table_info(warehouse)")}
    for col in ("decision_no", "abstract"):
        if col not in have:
            conn.execute(f"ALTER TABLE warehouse ADD COLUMN {col} TEXT NOT NULL DEFAULT ''")


class _Row:
    """A row readable as ``row["column"]`` or ``row[0]`` (like sqlite3.Row)."""

    __slots__ = ("_index", "_values")

    def __init__(self, values: tuple[Any, ...], index: dict[str, int]) -> None:
        self._values, self._index = values, index

    def __getitem__(self, key: str | int) -> Any:
        return self._values[self._index[key]] if isinstance(key, str) else self._values[key]

    def keys(self) -> list[str]:
        return list(self._index)


class _Result:
    def __init__(self, rows: list[_Row], rowcount: int) -> None:
        self._rows, self.rowcount = rows, rowcount

    def fetchone(self) -> _Row | None:
        return self._rows[0] if self._rows else None

    def fetchall(self) -> list[_Row]:
        return list(self._rows)

    def __iter__(self) -> Iterator[_Row]:
        return iter(self._rows)


class _PgConn:
    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def execute(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> _Result:
        res = self._conn.exec_driver_sql(sql.replace("?", "%s"), tuple(params))
        if not res.returns_rows:
            return _Result([], res.rowcount)
        index = {k: i for i, k in enumerate(res.keys())}
        rows = [_Row(tuple(r), index) for r in res.fetchall()]
        return _Result(rows, res.rowcount)


class _PgAuto:
    """``db.conn()`` for PostgreSQL: each statement on a pooled connection, committed at once."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine

    def execute(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> _Result:
        with self._engine.begin() as conn:
            return _PgConn(conn).execute(sql, params)


class PostgresDb:
    """PostgreSQL through SQLAlchemy Core (psycopg 3), pooled connections shared by the threads
    of one server process; several processes run at once. The schema is Alembic's (upgraded
    under an advisory lock, so workers starting together migrate once). Concurrent writers
    that collide on a unique key get an IntegrityError, and the server retries the request's
    transaction (which then finds the winner's row: its idempotent reply, or a 409)."""

    kind = "postgresql"
    row_order = "id"

    def __init__(self, url: str, *, pool_size: int = 8) -> None:
        # SQLAlchemy and Alembic: only a PostgreSQL server needs them (SQLite is the default)
        from sqlalchemy import create_engine  # noqa: PLC0415 - PostgreSQL only
        from sqlalchemy.exc import IntegrityError  # noqa: PLC0415 - PostgreSQL only

        self.integrity_errors: tuple[type[BaseException], ...] = (IntegrityError,)
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
        self.url = url
        self.engine = create_engine(url, pool_size=pool_size, max_overflow=pool_size * 2, pool_pre_ping=True)
        self.migrate()

    def migrate(self) -> None:
        from alembic import command  # noqa: PLC0415 - PostgreSQL only
        from alembic.config import Config  # noqa: PLC0415 - PostgreSQL only

        cfg = Config()
        cfg.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
        with self.engine.begin() as conn:
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(872634)")
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def conn(self) -> _PgAuto:
        return _PgAuto(self.engine)

    @contextmanager
    def tx(self) -> Iterator[_PgConn]:
        with self.engine.begin() as conn:
            yield _PgConn(conn)

    def close(self) -> None:
        self.engine.dispose()


def open_db(data_dir: Path, database: str | None = None) -> ServerDb | PostgresDb:
    """``database``: a postgresql:// URL, or None for SQLite in ``data_dir``."""
    if database:
        if not database.startswith(("postgresql://", "postgresql+psycopg://")):
            raise ValueError(f"--database must be a postgresql:// URL, not {database.split(':')[0]}")
        return PostgresDb(database)
    return ServerDb(data_dir / "server.db")
