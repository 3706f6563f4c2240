"""The reference server's HTTP API (FastAPI). Every write takes an ``Idempotency-Key``; errors
are ``application/problem+json``. Test-only fault injection (``/_test/faults``) exists only when
the server is started with ``--enable-test-faults``.

This module only builds the app: its state, middleware and error handlers, and the routers of
the route modules (one concept each), every one built by ``router(srv)`` from the same
:class:`~app.refserver.context.Server`."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from app.refserver import (
    counter_routes,
    dossier_routes,
    fault_routes,
    forward_routes,
    oauth_routes,
    review_report_routes,
    review_routes,
    status_routes,
    upload_routes,
    user_routes,
    warehouse_routes,
    workstation_routes,
)
from app.refserver.auth import TokenIssuer
from app.refserver.body_limit import BodyLimit, BodyTooLarge, too_large_handler
from app.refserver.context import Server, Settings
from app.refserver.db import open_db
from app.refserver.dossier_routes import check_attachment
from app.refserver.problems import Problem

__all__ = ["Problem", "check_attachment", "create_app"]


async def _problem(_req: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, Problem)
    body = {"type": "about:blank", "title": exc.title, "status": exc.status, "detail": exc.detail}
    if exc.detail_vi:
        body["detail_vi"] = exc.detail_vi
    headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after is not None else {}
    return JSONResponse(body, status_code=exc.status, media_type="application/problem+json", headers=headers)


async def _invalid(_req: Request, exc: Exception) -> JSONResponse:
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    first = errors[0] if errors else {}
    detail = f"{'.'.join(str(x) for x in first.get('loc', []))}: {first.get('msg', 'invalid')}"
    return JSONResponse({"type": "about:blank", "title": "Invalid request", "status": 422, "detail": detail},
                        status_code=422, media_type="application/problem+json")


def create_app(data_dir: Path, *, enable_test_faults: bool = False, token_lifetime_s: int = 600,
               trust_dir: Path | None = None, require_signed: bool = False, database: str | None = None,
               lockout_window_s: int = 900, lockout_max: int = 5, address_max: int = 50,
               refresh_lifetime_s: int = 8 * 3600, max_upload_bytes: int = 512 * 1024**2,
               upload_quota_bytes: int = 2 * 1024**3, upload_max_age_s: int = 24 * 3600) -> FastAPI:
    """``data_dir`` holds the files (a directory shared by every server process) and, without
    ``database`` (a postgresql:// URL), the SQLite database. Login: ``lockout_max`` wrong
    passwords of one account (``address_max`` of one address) within ``lockout_window_s``
    lock it until the oldest of them is that old."""
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "files").mkdir(exist_ok=True)
    (data_dir / "chunks").mkdir(exist_ok=True)
    settings = Settings(enable_test_faults=enable_test_faults, token_lifetime_s=token_lifetime_s,
                        trust_dir=trust_dir, require_signed=require_signed, lockout_window_s=lockout_window_s,
                        lockout_max=lockout_max, address_max=address_max,
                        refresh_lifetime_s=refresh_lifetime_s, max_upload_bytes=max_upload_bytes,
                        upload_quota_bytes=upload_quota_bytes, upload_max_age_s=upload_max_age_s)
    db = open_db(data_dir, database)
    srv = Server(db, TokenIssuer.load_or_create(data_dir, token_lifetime_s), data_dir, settings)
    app = FastAPI(title="Motcua reference provincial system", version="1.0.0")
    app.state.db, app.state.issuer, app.state.data_dir, app.state.server = db, srv.issuer, data_dir, srv
    app.add_middleware(BodyLimit)
    app.add_exception_handler(Problem, _problem)
    app.add_exception_handler(BodyTooLarge, too_large_handler)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.middleware("http")(fault_routes.fault_middleware(srv.faults))

    for module in (oauth_routes, user_routes, upload_routes, workstation_routes, dossier_routes,
                   status_routes, counter_routes, warehouse_routes, review_routes, review_report_routes,
                   forward_routes):
        app.include_router(module.router(srv))
    if enable_test_faults:
        app.include_router(fault_routes.router(srv))
    return app
