"""The citizen's national-portal account as the counter sees it (seed 002, step 2): its state
and the citizen's name when they are received (the read is logged like a warehouse read), and
the citizen's request to link their portal account with the province's one-stop system."""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from app.refserver.context import Server
from app.refserver.guards import agency_must
from app.refserver.policy import Principal
from app.refserver.problems import Problem
from app.refserver.warehouse_routes import read_log


class LinkRequestIn(BaseModel):
    dossier: str = Field(default="", max_length=60)  # the dossier at whose reception the citizen asked


def router(srv: Server) -> APIRouter:
    api = APIRouter()
    db, allow = srv.db, srv.allow

    @api.get("/api/v1/accounts/{owner_id}")
    def account(owner_id: str, p: Principal = Depends(allow["account"])) -> dict[str, Any]:
        """A citizen's name and portal-account state, for the counter that receives them (logged)."""
        read_log(db, p, owner_id, "", "", "account")
        row = db.conn().execute("SELECT * FROM accounts WHERE owner_id = ?", (owner_id,)).fetchone()
        return {"owner_id": owner_id, "state": row["state"] if row else "none",
                "name": row["name"] if row else ""}

    @api.post("/api/v1/accounts/{owner_id}/link-requests", status_code=201)
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
                raise Problem(409, "No portal account", f"{owner_id} has no national-portal account to link",
                              "Công dân chưa có tài khoản Cổng Dịch vụ công quốc gia: "
                              "hướng dẫn tạo tài khoản trước")
            if row["state"] == "not_linked":
                c.execute("UPDATE accounts SET state = 'link_requested' WHERE owner_id = ?", (owner_id,))
            new_id = c.execute("INSERT INTO account_link_requests(owner_id, dossier, agency, subject, at) "
                               "VALUES (?,?,?,?,?) RETURNING id",
                               (owner_id, body.dossier, claims.agency, claims.subject,
                                time.time())).fetchone()[0]
            state = c.execute("SELECT state FROM accounts WHERE owner_id = ?",
                              (owner_id,)).fetchone()["state"]
            return 201, {"id": new_id, "owner_id": owner_id, "state": state}

        return srv.idempotent(request, claims, idempotency_key, body, write)

    return api
