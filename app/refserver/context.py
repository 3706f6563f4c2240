"""What every route module of the reference server is built from: the database, the token
issuer, the data directory, the server's settings, the test-fault switches and the
authorization guard of every route (one per entry of ``policy.POLICY``).

``create_app`` builds one :class:`Server` and hands it to each module's ``router(srv)``; the
routes reach the database, the guards and the idempotent-write helper through it, so route
modules share one way of being wired and nothing lives in module globals."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from app.refserver.auth import TokenIssuer
from app.refserver.guards import policy_guards
from app.refserver.idempotency import run_once


@dataclass(frozen=True)
class Settings:
    """The options of ``create_app`` (and of ``motcua server``) the routes read."""
    enable_test_faults: bool = False
    token_lifetime_s: int = 600
    trust_dir: Path | None = None
    require_signed: bool = False
    lockout_window_s: int = 900  # login lock-out: failures counted over this window
    lockout_max: int = 5  # wrong passwords of one account within the window
    address_max: int = 50  # wrong passwords from one address within the window
    refresh_lifetime_s: int = 8 * 3600
    max_upload_bytes: int = 512 * 1024**2
    upload_quota_bytes: int = 2 * 1024**3  # unfinished uploads of one caller
    upload_max_age_s: int = 24 * 3600


@dataclass
class Server:
    db: Any  # ServerDb (SQLite) or PostgresDb
    issuer: TokenIssuer
    data_dir: Path
    settings: Settings
    faults: dict[str, Any] = field(default_factory=dict)  # only ever set through /_test/faults
    allow: dict[str, Callable[..., Any]] = field(init=False)  # route name -> its guard dependency

    def __post_init__(self) -> None:
        self.allow = policy_guards(self.db, self.issuer, self.faults)

    @property
    def files(self) -> Path:
        return self.data_dir / "files"

    def create_tables(self, statements: Sequence[str], lock: int) -> None:
        """A router's own tables, created when the server starts (``CREATE ... IF NOT EXISTS``).
        On PostgreSQL, worker processes start together: ``lock`` (an advisory lock id, one per
        router) makes them create the tables one after another."""
        with self.db.tx() as c:
            if getattr(self.db, "kind", "") == "postgresql":
                c.execute(f"SELECT pg_advisory_xact_lock({int(lock)})")
            for stmt in statements:
                c.execute(stmt)

    def idempotent(self, request: Request, claims: Any, key: str, body: BaseModel | None,
                   write: Callable[[Any], tuple[int, dict[str, Any]]],
                   check: Callable[[], None] | None = None) -> JSONResponse:
        """Run ``write`` once per (caller, ``Idempotency-Key``): see :func:`idempotency.run_once`."""
        return run_once(self.db, request, claims, key, body, write, check)
