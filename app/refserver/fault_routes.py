"""Test-only fault injection, present only when the server runs with ``--enable-test-faults``:
``/_test/faults`` sets the faults (delays, failures of the next requests to a path, a lost
response after the write, dropped chunks, tokens treated as expired), :func:`fault_middleware`
applies them, and ``/_test/dossiers`` lists everything the server holds."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response

from app.refserver.context import Server


def fault_middleware(faults: dict[str, Any]) -> Callable[[Request, Any], Awaitable[Response]]:
    """The HTTP middleware that applies ``faults`` (a no-op while they are empty)."""

    async def inject(request: Request, call_next: Any) -> Response:
        path = request.url.path
        if faults and not path.startswith("/_test") and path != "/health":
            if faults.get("delay_s"):
                await asyncio.sleep(float(faults["delay_s"]))
            if faults.get("fail_next", 0) > 0 and faults.get("fail_path", "") in path:
                faults["fail_next"] -= 1
                status = int(faults.get("status", 503))
                retry = faults.get("retry_after")
                headers = {"Retry-After": str(retry)} if retry is not None else {}
                return JSONResponse({"title": "Injected fault", "status": status}, status_code=status,
                                    headers=headers, media_type="application/problem+json")
            if faults.get("drop_response_next", 0) > 0 and request.method == "POST" \
                    and path == "/api/v1/dossiers":
                faults["drop_response_next"] -= 1
                await call_next(request)  # the write happens, the answer is lost
                return JSONResponse({"title": "Injected lost response", "status": 502}, status_code=502)
        response: Response = await call_next(request)
        return response

    return inject


def router(srv: Server) -> APIRouter:
    api = APIRouter()
    db, allow, faults = srv.db, srv.allow, srv.faults

    @api.post("/_test/faults")
    def set_faults(body: dict[str, Any], _p: None = Depends(allow["set_faults"])) -> dict[str, Any]:
        faults.clear()
        faults.update(body)
        if body.get("expire_tokens"):  # every token issued before now is treated as expired
            faults["expire_tokens_before_ms"] = int(time.time() * 1000) + 1
        return dict(faults)

    @api.get("/_test/dossiers")
    def all_dossiers(_p: None = Depends(allow["all_dossiers"])) -> dict[str, Any]:
        rows = db.conn().execute("SELECT ma_ho_so, body, workstation_id, version, status "
                                 "FROM dossiers").fetchall()
        versions: dict[str, list[dict[str, Any]]] = {}
        for v in db.conn().execute("SELECT ma_ho_so, version, reason FROM dossier_versions ORDER BY version"):
            versions.setdefault(v["ma_ho_so"], []).append({"version": v["version"], "reason": v["reason"]})
        return {"dossiers": [{"MaHoSo": r["ma_ho_so"], **json.loads(r["body"]),
                              "workstation_id": r["workstation_id"], "PhienBan": r["version"],
                              "TrangThaiHoSo": r["status"],
                              "versions": versions.get(r["ma_ho_so"], [])} for r in rows]}

    return api
