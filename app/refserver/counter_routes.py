"""Routes of the counter workflow (issue 20), kept out of ``app.py``: a citizen's request to link
their national-portal account with the province's one-stop system (seed 002, step 2)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from app.refserver.policy import Principal


class LinkRequestIn(BaseModel):
    dossier: str = Field(default="", max_length=60)  # the dossier at whose reception the citizen asked


def router(db: Any, allow: dict[str, Callable[..., Any]], idempotent: Callable[..., JSONResponse],
           agency_must: Callable[[Principal, str], None], problem: Callable[..., Exception]) -> APIRouter:
    r = APIRouter()

    @r.post("/api/v1/accounts/{owner_id}/link-requests", status_code=201)
    def request_link(request: Request, owner_id: str, body: LinkRequestIn,
                     claims: Principal = Depends(allow["request_link"]),
                     idempotency_key: str = Header(default="")) -> JSONResponse:
        """The counter records that the citizen asked to link their portal account; the account
        is then ``link_requested`` until the portal confirms the link."""
        if body.dossier:
            agency_must(claims, body.dossier.rsplit("-", 2)[0])

        def write(c: Any) -> tuple[int, dict[str, Any]]:
            row = c.execute("SELECT state FROM accounts WHERE owner_id = ?", (owner_id,)).fetchone()
            if row is None or row["state"] == "none":
                raise problem(409, "No portal account", f"{owner_id} has no national-portal account to link",
                              "Công dân chưa có tài khoản Cổng Dịch vụ công quốc gia: hướng dẫn tạo tài khoản trước")
            if row["state"] == "not_linked":
                c.execute("UPDATE accounts SET state = 'link_requested' WHERE owner_id = ?", (owner_id,))
            new_id = c.execute("INSERT INTO account_link_requests(owner_id, dossier, agency, subject, at) "
                               "VALUES (?,?,?,?,?) RETURNING id",
                               (owner_id, body.dossier, claims.agency, claims.subject, time.time())).fetchone()[0]
            state = c.execute("SELECT state FROM accounts WHERE owner_id = ?", (owner_id,)).fetchone()["state"]
            return 201, {"id": new_id, "owner_id": owner_id, "state": state}

        return idempotent(request, claims, idempotency_key, body, write)

    return r
