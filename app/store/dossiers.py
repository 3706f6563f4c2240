"""Dossiers and their components in the workspace database."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from app.domain.catalogue import ProcedureSpec, new_component_records
from app.domain.codes import DossierNumber, vn_now
from app.domain.errors import InvalidInput, NotFound
from app.domain.identifiers import OwnerId
from app.domain.messages import Msg
from app.domain.records import (
    ComponentRecord,
    ComponentState,
    DigitizationCategory,
    Dossier,
    DossierState,
    Party,
)
from app.store import numbers
from app.store.audit import AuditLog
from app.store.db import Database


def _dossier_not_found(number: str) -> NotFound:
    return NotFound(Msg(
            vi=f"Không có hồ sơ {number} trong thư mục làm việc",
            en=f"No dossier {number} in this workspace",
        ))


class DossierRepo:
    def __init__(self, db: Database, audit: AuditLog) -> None:
        self._db = db
        self._audit = audit

    def create(self, owner: OwnerId, procedure: ProcedureSpec, *, agency: str, actor: str,
               submitter: OwnerId | None = None, owner_name: str = "", submitter_name: str = "",
               now: datetime | None = None) -> Dossier:
        """Create a dossier with the next number of the agency's day, drawn from a block the
        provincial system leased to this workstation (in the same transaction as the dossier)."""
        now = now or vn_now()
        day = now.date()
        sub = submitter or owner
        with self._db.transaction(Msg(vi="hồ sơ mới", en="the new dossier")) as conn:
            seq = numbers.draw(conn, agency, day)
            number = str(DossierNumber(agency, day, seq))
            ts = now.isoformat(timespec="seconds")
            conn.execute(
                "INSERT INTO dossiers(number, agency, received_date, seq, procedure_code, procedure_name, "
                "owner_id, owner_kind, owner_name, submitter_id, submitter_kind, submitter_name, state, "
                "created_by, received_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (number, agency, day.isoformat(), seq, procedure.code, procedure.name, owner.value,
                 owner.kind.value, owner_name, sub.value, sub.kind.value,
                 submitter_name or (owner_name if sub == owner else ""),
                 DossierState.RECEIVING.value, actor, ts, ts),
            )
            for pos, comp in enumerate(new_component_records(procedure)):
                conn.execute(
                    "INSERT INTO components(dossier_no, component_id, "
                    "position, name, doc_type, reusable, category, "
                    "required, state, fee, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (number, comp.component_id, pos, comp.name, comp.doc_type, int(comp.reusable),
                     comp.category.value, int(comp.required), comp.state.value, comp.fee, ts),
                )
            self._audit.append(
                conn, "dossier.create", actor=actor, dossier=number,
                details={"procedure": procedure.code, "owner_kind": owner.kind.value,
                         "delegated": sub != owner},
            )
        return self.get(number)

    def get(self, number: str) -> Dossier:
        with self._db.read() as conn:
            row = conn.execute("SELECT * FROM dossiers WHERE number = ?", (number.strip(),)).fetchone()
            if row is None:
                raise _dossier_not_found(number)
            comps = conn.execute(
                "SELECT * FROM components WHERE dossier_no = ? ORDER BY position", (row["number"],)
            ).fetchall()
        return _dossier(row, comps)

    def list(self, *, day: str | None = None, query: str | None = None, limit: int = 500) -> list[Dossier]:
        sql = "SELECT * FROM dossiers"
        where: list[str] = []
        params: list[Any] = []
        if day:
            where.append("received_date = ?")
            params.append(day)
        if query:
            where.append("(number LIKE ? OR owner_id LIKE ? OR owner_name LIKE ? OR procedure_name LIKE ?)")
            params.extend([f"%{query}%"] * 4)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY received_at DESC, number DESC LIMIT ?"
        params.append(limit)
        with self._db.read() as conn:
            rows = conn.execute(sql, params).fetchall()
            out = []
            for row in rows:
                comps = conn.execute(
                    "SELECT * FROM components WHERE dossier_no = ? ORDER BY position", (row["number"],)
                ).fetchall()
                out.append(_dossier(row, comps))
        return out

    def set_state(self, number: str, state: DossierState, *, actor: str,
                  details: dict[str, Any] | None = None) -> None:
        with self._db.transaction(Msg(vi="trạng thái hồ sơ "
                                         f"{number}", en=f"the state of dossier {number}")) as c:
            cur = c.execute("UPDATE dossiers SET state = ?, updated_at = ? WHERE number = ?",
                            (state.value, vn_now().isoformat(timespec="seconds"), number))
            if cur.rowcount == 0:
                raise _dossier_not_found(number)
            self._audit.append(c, "dossier.state", actor=actor, dossier=number,
                               details={"state": state.value, **(details or {})})

    def set_component_state(self, number: str, component_id: str, state: ComponentState, *, actor: str,
                            details: dict[str, Any] | None = None, fee: int | None = None) -> None:
        what = Msg(
            vi=f"trạng thái thành phần {component_id} của hồ sơ {number}",
            en=f"the state of component {component_id} of dossier {number}",
        )
        with self._db.transaction(what) as conn:
            sets = "state = ?, updated_at = ?"
            params: list[object] = [state.value, vn_now().isoformat(timespec="seconds")]
            if fee is not None:
                sets += ", fee = ?"
                params.append(fee)
            cur = conn.execute(f"UPDATE components SET {sets} WHERE dossier_no = ? AND component_id = ?",
                               (*params, number, component_id))
            if cur.rowcount == 0:
                raise InvalidInput(
                    Msg(
                        vi=f"Hồ sơ {number} không có thành phần '{component_id}'",
                        en=f"Dossier {number} has no component '{component_id}'",
                    ),
                )
            self._audit.append(conn, "component.state", actor=actor, dossier=number,
                               details={"component": component_id, "state": state.value, **(details or {})})


def _dossier(row: sqlite3.Row, comps: list[sqlite3.Row]) -> Dossier:
    return Dossier(
        number=row["number"],
        procedure_code=row["procedure_code"],
        procedure_name=row["procedure_name"],
        owner=Party(row["owner_id"], row["owner_kind"], row["owner_name"]),
        submitter=Party(row["submitter_id"], row["submitter_kind"], row["submitter_name"]),
        agency=row["agency"],
        received_at=datetime.fromisoformat(row["received_at"]),
        state=DossierState(row["state"]),
        created_by=row["created_by"],
        components=[
            ComponentRecord(
                component_id=c["component_id"], name=c["name"], doc_type=c["doc_type"],
                reusable=bool(c["reusable"]), category=DigitizationCategory(c["category"]),
                required=bool(c["required"]), state=ComponentState(c["state"]), fee=c["fee"],
                updated_at=datetime.fromisoformat(c["updated_at"]),
            )
            for c in comps
        ],
    )
