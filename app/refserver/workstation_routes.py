"""Workstations and their numbers: a counter's workstation registers with its agency and leases
blocks of the agency's daily sequence of dossier numbers (the day's counter only moves forward,
so no number is handed out twice). Registering again (a reinstalled workspace) revokes every
block leased before."""

from __future__ import annotations

import logging
import time
import uuid
from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from app.domain.codes import vn_today
from app.refserver.context import Server
from app.refserver.guards import agency_must
from app.refserver.policy import Principal
from app.refserver.problems import Problem

log = logging.getLogger(__name__)
MAX_SEQ = 9999
LEASE_DAYS_AHEAD = 2


class WorkstationIn(BaseModel):
    agency: str = Field(pattern=r"^[0-9A-Z.]{3,40}$")
    name: str = Field(min_length=1, max_length=100)
    workstation_id: str = Field(default="", max_length=64)


class LeaseIn(BaseModel):
    day: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    count: int = Field(ge=1, le=500)


def workstation_of(db: Any, x_workstation_id: str) -> Any:
    """The registered workstation named by a request (422 when unknown)."""
    row = db.conn().execute("SELECT * FROM workstations WHERE id = ?", (x_workstation_id,)).fetchone() \
        if x_workstation_id else None
    if row is None:
        raise Problem(422, "Unknown workstation",
                      "the X-Workstation-Id header must name a registered workstation "
                      "(motcua workstation register)",
                      "Máy trạm chưa đăng ký với hệ thống tỉnh (motcua workstation register)")
    return row


def router(srv: Server) -> APIRouter:
    api = APIRouter()
    db, allow = srv.db, srv.allow

    @api.post("/api/v1/workstations", status_code=201)
    def register_workstation(request: Request, body: WorkstationIn,
                             claims: Principal = Depends(allow["register_workstation"]),
                             idempotency_key: str = Header(default="")) -> JSONResponse:
        """Register a counter's workstation with its agency. Registering the same name (or id)
        again (a reinstalled workspace) keeps the id and revokes every block of numbers leased
        before, so nothing the old installation held can be used again."""
        agency_must(claims, body.agency)

        def write(c: Any) -> tuple[int, dict[str, Any]]:
            if body.workstation_id:
                row = c.execute("SELECT * FROM workstations WHERE id = ?", (body.workstation_id,)).fetchone()
                if row is None or row["agency"] != body.agency:
                    raise Problem(422, "Unknown workstation",
                                  f"no workstation {body.workstation_id} of agency {body.agency}",
                                  f"Không có máy trạm {body.workstation_id} của cơ quan {body.agency}")
            else:
                row = c.execute("SELECT * FROM workstations WHERE agency = ? AND name = ?",
                                (body.agency, body.name)).fetchone()
            if row is None:
                ws_id = str(uuid.uuid4())
                c.execute("INSERT INTO workstations(id, agency, name, registered_by, created) "
                          "VALUES (?,?,?,?,?)",
                          (ws_id, body.agency, body.name, claims.subject, time.time()))
                return 201, {"workstation_id": ws_id, "agency": body.agency, "name": body.name,
                             "reinstalled": False}
            revoked = c.execute("UPDATE number_leases SET revoked = 1 "
                                "WHERE workstation_id = ? AND revoked = 0", (row["id"],)).rowcount
            c.execute("UPDATE workstations SET registrations = registrations + 1, registered_by = ? "
                      "WHERE id = ?",
                      (claims.subject, row["id"]))
            log.info("Workstation %s registered again: %d leases revoked", row["id"], revoked)
            return 200, {"workstation_id": row["id"], "agency": row["agency"], "name": row["name"],
                         "reinstalled": True, "leases_revoked": revoked}

        return srv.idempotent(request, claims, idempotency_key, body, write)

    @api.post("/api/v1/workstations/{workstation_id}/leases", status_code=201)
    def lease_numbers(request: Request, workstation_id: str, body: LeaseIn,
                      claims: Principal = Depends(allow["lease_numbers"]),
                      idempotency_key: str = Header(default="")) -> JSONResponse:
        """A block of the agency's daily sequence numbers for this workstation alone: the day's
        counter only moves forward, so no number is ever handed out twice."""
        ws_row = workstation_of(db, workstation_id)
        agency_must(claims, ws_row["agency"])
        try:
            day = date.fromisoformat(body.day)
        except ValueError as exc:
            raise Problem(422, "Invalid day", f"{body.day} is not yyyy-mm-dd") from exc
        today = vn_today()
        if not today - timedelta(days=1) <= day <= today + timedelta(days=LEASE_DAYS_AHEAD):
            raise Problem(422, "Day out of range", f"numbers are leased from {today - timedelta(days=1)} "
                          f"to {today + timedelta(days=LEASE_DAYS_AHEAD)}")

        def write(c: Any) -> tuple[int, dict[str, Any]]:
            agency = ws_row["agency"]
            # one atomic step moves the day's counter (a row lock in PostgreSQL, the write lock in SQLite)
            after = c.execute("INSERT INTO day_counters(agency, day, next_seq) VALUES (?,?,?) "
                              "ON CONFLICT(agency, day) DO UPDATE SET next_seq = day_counters.next_seq + ? "
                              "RETURNING next_seq",
                              (agency, body.day, 1 + body.count, body.count)).fetchone()[0]
            first = after - body.count
            if first > MAX_SEQ:
                raise Problem(409, "Numbers exhausted",
                              f"agency {agency} has used all {MAX_SEQ} numbers of {body.day}",
                              f"Cơ quan {agency} đã dùng hết {MAX_SEQ} số hồ sơ của ngày {day:%d/%m/%Y}")
            last = min(after - 1, MAX_SEQ)
            lease_id = str(uuid.uuid4())
            c.execute("INSERT INTO number_leases(id, workstation_id, agency, day, first, last, created) "
                      "VALUES (?,?,?,?,?,?,?)",
                      (lease_id, workstation_id, agency, body.day, first, last, time.time()))
            return 201, {"lease_id": lease_id, "workstation_id": workstation_id, "agency": agency,
                         "day": body.day, "first": first, "last": last}

        return srv.idempotent(request, claims, idempotency_key, body, write)

    return api
