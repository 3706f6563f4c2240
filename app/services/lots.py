"""Bulk digitization lots (seed 002: sample checks in bulk work) under ISO 2859-1 single sampling,
normal inspection: the plan is fixed when the lot is opened; each inspection round draws its
sample unpredictably (fresh nonce, kept so the draw can be redone); the supervisor records each
sampled item as conforming or not; with at most Ac nonconforming items the lot is accepted, with
Re or more it is rejected and goes back for rework, after which a new round is drawn."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from enum import StrEnum

from app.domain.acceptance import Level, single_normal_plan
from app.domain.codes import vn_now
from app.domain.errors import InvalidInput, NotFound
from app.services.review import ranked_draw
from app.store.workspace import Workspace


class LotState(StrEnum):
    OPEN = "open"  # plan fixed, no sample yet (or back from rework)
    INSPECTING = "inspecting"  # a sample is drawn and being inspected
    ACCEPTED = "accepted"
    REJECTED = "rejected"  # goes back for rework; a new round follows


@dataclass
class Lot:
    id: int
    name: str
    size: int
    aql: str
    level: str
    code_letter: str
    sample_size: int
    accept: int
    reject: int
    state: LotState
    round: int
    sample: list[int] = field(default_factory=list)
    results: dict[int, tuple[bool, str]] = field(default_factory=dict)  # item -> (conforming, note)

    @property
    def nonconforming(self) -> int:
        return sum(1 for ok, _n in self.results.values() if not ok)

    @property
    def remaining(self) -> list[int]:
        return [i for i in self.sample if i not in self.results]


def _now() -> str:
    return vn_now().isoformat(timespec="seconds")


def open_lot(ws: Workspace, name: str, size: int, aql: float | str, level: Level | str = Level.II) -> Lot:
    if not name.strip():
        raise InvalidInput("A lot needs a name", "Lô tài liệu cần có tên")
    plan = single_normal_plan(size, aql, level)
    with ws.db.transaction() as conn:
        cur = conn.execute("INSERT INTO lots(name, size, aql, level, code_letter, sample_size, accept, "
                           "reject, state, "
                           "round, created_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,0,?,?,?)",
                           (name.strip(), size, plan.aql, plan.level.value, plan.code_letter,
                            plan.sample_size,
                            plan.accept, plan.reject, LotState.OPEN.value, ws.actor, _now(), _now()))
        lot_id = int(cur.lastrowid or 0)
        ws.audit.append(conn, "lot.open", actor=ws.actor,
                        details={"lot": lot_id, "name": name.strip(), "size": size, "aql": plan.aql,
                                 "level": plan.level.value, "code_letter": plan.code_letter,
                                 "sample_size": plan.sample_size, "accept": plan.accept,
                                 "reject": plan.reject})
    return get(ws, lot_id)


def get(ws: Workspace, lot_id: int) -> Lot:
    with ws.db.read() as conn:
        r = conn.execute("SELECT * FROM lots WHERE id = ?", (lot_id,)).fetchone()
        if r is None:
            raise NotFound(f"No lot {lot_id}", f"Không có lô {lot_id}")
        s = conn.execute("SELECT items FROM lot_samples WHERE lot_id = ? AND round = "
                         "?", (lot_id, r["round"])).fetchone()
        results = {int(x["item"]): (bool(x["conforming"]), x["note"]) for x in conn.execute(
            "SELECT item, conforming, note FROM lot_inspections WHERE lot_id = ? AND round = "
            "?", (lot_id, r["round"]))}
    return Lot(r["id"], r["name"], r["size"], r["aql"], r["level"], r["code_letter"], r["sample_size"],
               r["accept"],
               r["reject"], LotState(r["state"]), r["round"], json.loads(s["items"]) if s else [], results)


def draw(ws: Workspace, lot_id: int) -> Lot:
    """A new inspection round: ``sample_size`` items of 1..size, drawn with a fresh nonce."""
    lot = get(ws, lot_id)
    if lot.state not in (LotState.OPEN,):
        raise InvalidInput(f"Lot {lot_id} is {lot.state.value}: a sample is drawn for an open lot",
                           f"Lô {lot_id} đang ở trạng thái '{lot.state.value}': chỉ rút mẫu khi lô đang mở")
    nonce = secrets.token_hex(16)
    items = [int(x) for x in ranked_draw(nonce, [f"{i:09d}" for i in range(1, lot.size + 1)],
                                         lot.sample_size)]
    rnd = lot.round + 1
    with ws.db.transaction() as conn:
        conn.execute("INSERT INTO lot_samples(lot_id, round, nonce, items, drawn_by, drawn_at) VALUES "
                     "(?,?,?,?,?,?)",
                     (lot_id, rnd, nonce, json.dumps(items), ws.actor, _now()))
        conn.execute("UPDATE lots SET round = ?, state = ?, updated_at = ? WHERE id = ?",
                     (rnd, LotState.INSPECTING.value, _now(), lot_id))
        ws.audit.append(conn, "lot.sample", actor=ws.actor,
                        details={"lot": lot_id, "round": rnd, "nonce": nonce, "items": items,
                                 "size": lot.size})
    return get(ws, lot_id)


def inspect(ws: Workspace, lot_id: int, item: int, *, conforming: bool, note: str = "") -> Lot:
    """Record one sampled item; the verdict falls as soon as it is certain (Re reached, or every
    item inspected)."""
    lot = get(ws, lot_id)
    if lot.state is not LotState.INSPECTING:
        raise InvalidInput(f"Lot {lot_id} is not being "
                           "inspected", f"Lô {lot_id} không trong giai đoạn kiểm tra mẫu")
    if item not in lot.sample:
        raise InvalidInput(f"Item {item} is not in the sample of lot {lot_id}",
                           f"Tài liệu số {item} không thuộc mẫu kiểm tra của lô {lot_id}")
    if not conforming and len(note.strip()) < 5:
        raise InvalidInput("A nonconforming item needs a note (at least 5 characters)",
                           "Tài liệu không đạt cần ghi rõ lỗi (ít nhất 5 ký tự)")
    with ws.db.transaction() as conn:
        conn.execute("INSERT OR REPLACE INTO lot_inspections(lot_id, round, item, conforming, note, "
                     "inspector, at) "
                     "VALUES "
                     "(?,?,?,?,?,?,?)",
                     (lot_id, lot.round, item, int(conforming), note.strip(), ws.actor, _now()))
        ws.audit.append(conn, "lot.inspect", actor=ws.actor,
                        details={"lot": lot_id, "round": lot.round, "item": item, "conforming": conforming,
                                 "note": note.strip()})
    lot = get(ws, lot_id)
    if lot.nonconforming >= lot.reject or not lot.remaining:
        lot = _conclude(ws, lot)
    return lot


def _conclude(ws: Workspace, lot: Lot) -> Lot:
    accepted = lot.nonconforming <= lot.accept
    state = LotState.ACCEPTED if accepted else LotState.REJECTED
    with ws.db.transaction() as conn:
        conn.execute("UPDATE lots SET state = ?, updated_at = ? WHERE id = ?", (state.value, _now(), lot.id))
        ws.audit.append(conn, f"lot.{state.value}", actor=ws.actor,
                        details={"lot": lot.id, "round": lot.round, "nonconforming": lot.nonconforming,
                                 "inspected": len(lot.results), "accept": lot.accept, "reject": lot.reject})
    return get(ws, lot.id)


def reworked(ws: Workspace, lot_id: int, note: str) -> Lot:
    """A rejected lot back from rework: open again for a new inspection round."""
    lot = get(ws, lot_id)
    if lot.state is not LotState.REJECTED:
        raise InvalidInput(f"Lot {lot_id} is not rejected", f"Lô {lot_id} không ở trạng thái bị loại")
    if len(note.strip()) < 5:
        raise InvalidInput("Say what was reworked (at least 5 "
                           "characters)", "Ghi rõ nội dung đã làm lại (ít nhất 5 ký tự)")
    with ws.db.transaction() as conn:
        conn.execute("UPDATE lots SET state = ?, updated_at = ? WHERE id = "
                     "?", (LotState.OPEN.value, _now(), lot_id))
        ws.audit.append(conn, "lot.reworked", actor=ws.actor, details={"lot": lot_id, "note": note.strip()})
    return get(ws, lot_id)
