"""The workstation's identity and its blocks of dossier numbers.

The provincial system is the authority for dossier numbers: it leases each registered
workstation blocks of its agency's daily sequence (``<agency>-<yymmdd>-<NNNN>``), and reception
draws the next number from a block held here, so it never waits for the network and two
workstations can never hand out the same number."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from app.domain.codes import vn_now
from app.domain.errors import InvalidInput, OperationFailed
from app.domain.messages import Msg
from app.store.db import Database

REGISTER_HINT = "motcua workstation register --server URL --agency CODE --name NAME"


class NotRegistered(InvalidInput):
    def __init__(self) -> None:
        super().__init__(
            Msg(
                vi="Máy trạm chưa đăng ký với hệ thống tỉnh nên chưa được cấp số hồ sơ. Đăng ký bằng lệnh: "
            f"{REGISTER_HINT}",
                en="This workstation is not registered with the "
            f"provincial system; register it first: {REGISTER_HINT}",
            ))


class NumbersExhausted(OperationFailed):
    def __init__(self, agency: str, day: date) -> None:
        super().__init__(
            Msg(
                vi=f"Đã dùng hết số hồ sơ được cấp cho ngày {day:%d/%m/%Y} "
            "và không kết nối được hệ thống tỉnh để xin thêm. "
            "Hãy kết nối mạng rồi đồng bộ (motcua sync run) để nhận khối số mới",
                en=f"No dossier number left for {agency} on {day}: the "
            "blocks leased by the provincial system are used up "
            "and it cannot be reached; connect to the network and run `motcua sync run` to get more",
            ))


@dataclass(frozen=True)
class Identity:
    workstation_id: str
    agency: str
    name: str
    server: str
    registered_at: str


@dataclass(frozen=True)
class Lease:
    lease_id: str
    agency: str
    day: str
    first: int
    last: int
    next: int

    @property
    def remaining(self) -> int:
        return max(0, self.last - self.next + 1)


def identity(conn: sqlite3.Connection) -> Identity | None:
    row = conn.execute("SELECT * FROM workstation WHERE id = 1").fetchone()
    return Identity(row["workstation_id"], row["agency"], row["name"], row["server"],
                    row["registered_at"]) if row else None


def draw(conn: sqlite3.Connection, agency: str, day: date) -> int:
    """The next leased number of ``agency`` on ``day``, inside the caller's transaction (the one
    that creates the dossier), so a crash never spends a number twice."""
    ident = identity(conn)
    if ident is None:
        raise NotRegistered()
    if ident.agency != agency:
        raise InvalidInput(Msg(
                vi=f"Máy trạm này đăng ký cho cơ quan {ident.agency}, không phải {agency}",
                en=f"This workstation is registered for agency {ident.agency}, not {agency}",
            ))
    row = conn.execute("SELECT lease_id, next FROM number_leases WHERE agency = ? AND day = ? AND next <= "
                       "last "
                       "ORDER BY first LIMIT 1", (agency, day.isoformat())).fetchone()
    if row is None:
        raise NumbersExhausted(agency, day)
    conn.execute("UPDATE number_leases SET next = next + 1 WHERE lease_id = ?", (row["lease_id"],))
    return int(row["next"])


class NumberStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def identity(self) -> Identity | None:
        with self._db.read() as conn:
            return identity(conn)

    def set_identity(self, conn: sqlite3.Connection, ident: Identity) -> None:
        """A (re-)registration: the server revoked every block leased before, so drop ours."""
        conn.execute("DELETE FROM number_leases")
        conn.execute("INSERT INTO workstation(id, workstation_id, agency, "
                     "name, server, registered_at) VALUES (1,?,?,?,?,?) "
                     "ON CONFLICT(id) DO UPDATE SET workstation_id = "
                     "excluded.workstation_id, agency = excluded.agency, "
                     "name = excluded.name, server = excluded.server, registered_at = excluded.registered_at",
                     (ident.workstation_id, ident.agency, ident.name, ident.server, ident.registered_at))

    def add_lease(self, conn: sqlite3.Connection, lease: Lease) -> None:
        conn.execute("INSERT OR IGNORE INTO number_leases(lease_id, agency, day, first, last, next, "
                     "created_at) "
                     "VALUES "
                     "(?,?,?,?,?,?,?)", (lease.lease_id, lease.agency, lease.day, lease.first, lease.last,
                                                lease.next, vn_now().isoformat(timespec="seconds")))

    def leases(self, *, day: str | None = None) -> list[Lease]:
        sql, params = "SELECT * FROM number_leases", []
        if day:
            sql += " WHERE day = ?"
            params.append(day)
        with self._db.read() as conn:
            return [Lease(r["lease_id"], r["agency"], r["day"], r["first"], r["last"], r["next"])
                    for r in conn.execute(sql + " ORDER BY day, first", params)]

    def remaining(self, day: str) -> int:
        return sum(lease.remaining for lease in self.leases(day=day))
