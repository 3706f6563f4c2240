"""The durable outbox. Submitting a dossier enqueues it; ``run_once`` sends what is waiting when
the network is there. Every step is recorded as it completes (each file's upload id and file id,
then the dossier record under a stable idempotency key), so a crash, a SIGKILL or a dropped
connection resumes where it stopped and every dossier arrives exactly once."""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from app.domain.codes import vn_now
from app.domain.errors import InvalidInput, NotFound
from app.store.workspace import Workspace
from app.sync.client import Conflict, Rejected, ServerUnavailable, SyncClient

log = logging.getLogger(__name__)


class OutboxState(StrEnum):
    """The states this module writes into ``outbox.state`` (and the only ones there are)."""

    WAITING = "waiting"  # queued: sent at the next run (also after a network failure)
    SENDING = "sending"  # a run is sending it (found by a later run: sent again, same keys)
    SENT = "sent"
    REJECTED = "rejected"  # the server refused it: the officer retries or cancels
    CANCELLED = "cancelled"  # cancelled by the officer, or replaced by a corrected version


OPEN_STATES = frozenset({OutboxState.WAITING, OutboxState.SENDING})  # still to be sent


@dataclass
class OutboxItem:
    id: int
    kind: str
    dossier_no: str
    state: OutboxState
    attempts: int
    last_error: str
    last_error_vi: str
    done_steps: int
    total_steps: int
    created_at: str
    sent_at: str | None
    version: int = 1
    reason: str = ""


@dataclass
class RunReport:
    sent: list[int] = field(default_factory=list)
    rejected: list[int] = field(default_factory=list)
    waiting: list[int] = field(default_factory=list)
    offline: bool = False
    error_en: str = ""
    error_vi: str = ""


def _now() -> str:
    return vn_now().isoformat(timespec="seconds")


def new_key() -> str:
    """An idempotency key unique in the world, stored with the item before its first attempt."""
    return str(uuid.uuid4())


def enqueue_dossier(ws: Workspace, dossier_no: str, payload: dict[str, Any],
                    files: list[tuple[str, str, str]],
                    *, correction: str = "") -> int:
    """``files``: (blob sha256 of the PDF, file name, component id). Idempotent per dossier: a
    dossier already waiting or sent keeps its item, unless ``correction`` (the reason) is
    given for a dossier already sent, which queues a new version of it."""
    with ws.db.transaction() as conn:
        row = conn.execute("SELECT id, state, version FROM outbox WHERE kind = 'dossier' AND dossier_no = ? "
                           "AND state IN "
                           "('waiting', 'sending', 'sent') ORDER BY id DESC LIMIT "
                           "1", (dossier_no,)).fetchone()
        version = 1
        if row:
            if not correction:
                return int(row["id"])
            if row["state"] == OutboxState.SENT:
                version = int(row["version"]) + 1
            else:  # corrected before it left: the waiting item goes, the corrected files take its place
                version = int(row["version"])
                conn.execute("UPDATE outbox SET state = ?, updated_at = ? WHERE id = ?",
                             (OutboxState.CANCELLED.value, _now(), row["id"]))
                ws.audit.append(conn, "outbox.cancelled", actor=ws.actor, dossier=dossier_no,
                                details={"item": int(row["id"]), "reason": correction})
        cur = conn.execute(
            "INSERT INTO outbox(kind, dossier_no, payload, state, "
            "total_steps, created_at, updated_at, idem_key, version, "
            "reason) VALUES ('dossier', ?, ?, 'waiting', ?, ?, ?, ?, ?, ?)",
            (dossier_no, json.dumps(payload, ensure_ascii=False), len(files) + 1, _now(), _now(), new_key(),
             version,
             correction if version > 1 else ""))
        item_id = int(cur.lastrowid or 0)
        _add_files(conn, item_id, files)
        ws.audit.append(conn, "outbox.enqueue", actor=ws.actor, dossier=dossier_no,
                        objects={f"file{seq}": sha for seq, (sha, _n, _c) in enumerate(files)},
                        details={"item": item_id, "version": version,
                                 **({"reason": correction} if version > 1 else {})})
    return item_id


def _add_files(conn: Any, item_id: int, files: list[tuple[str, str, str]]) -> None:
    for seq, (sha, name, component) in enumerate(files):
        conn.execute("INSERT INTO outbox_files(outbox_id, seq, blob_sha, "
                     "name, component, idem_key) VALUES (?,?,?,?,?,?)",
                     (item_id, seq, sha, name, component, new_key()))


def enqueue_status(ws: Workspace, dossier_no: str, status: int, note: str = "", *,
                   results: list[tuple[str, str, str, str]] | None = None, override: str = "") -> int:
    """``results``: result documents sent with status 10 (blob sha256, file name, document type code,
    document name); ``override``: the officer's reason for returning before status 9."""
    payload = {"TrangThaiHoSo": status, "NgayCapNhat": vn_now().strftime("%Y%m%d%H%M%S"), "GhiChu": note,
               "LyDoBoQua": override, "results": [{"type": t, "name": n} for _s, _f, t, n in results or []]}
    with ws.db.transaction() as conn:
        cur = conn.execute("INSERT INTO outbox(kind, dossier_no, payload, state, total_steps, created_at, "
                           "updated_at, "
                           "idem_key) VALUES ('status', ?, ?, 'waiting', ?, ?, ?, ?)",
                           (dossier_no, json.dumps(payload, ensure_ascii=False), 1 + len(results or []),
                            _now(), _now(),
                            new_key()))
        item_id = int(cur.lastrowid or 0)
        _add_files(conn, item_id, [(sha, fname, typ) for sha, fname, typ, _n in results or []])
        ws.audit.append(conn, "outbox.enqueue_status", actor=ws.actor, dossier=dossier_no,
                        objects={f"result{i}": r[0] for i, r in enumerate(results or [])},
                        details={"status": status, **({"override": override} if override else {})})
        return item_id


FORWARD_KIND = "forward"  # a document forwarded to the managing agency or the certification desk (seed 002)


def add_forward(ws: Workspace, conn: Any, dossier_no: str, forward_id: int, body: dict[str, Any],
                file: tuple[str, str, str]) -> int:
    """Queue a forwarded document inside the caller's transaction (the one that records the
    forward): its file ``(blob sha256, file name, component id)`` is uploaded first, then the
    forward is posted under the item's key, so it reaches the server exactly once."""
    cur = conn.execute("INSERT INTO outbox(kind, dossier_no, payload, state, total_steps, created_at, "
                       "updated_at, idem_key) "
                       "VALUES (?, ?, ?, 'waiting', 2, ?, ?, ?)",
                       (FORWARD_KIND, dossier_no,
                        json.dumps({"forward": forward_id, "body": body}, ensure_ascii=False),
                        _now(), _now(), new_key()))
    item_id = int(cur.lastrowid or 0)
    _add_files(conn, item_id, [file])
    return item_id


def _send_forward(ws: Workspace, client: SyncClient, item: OutboxItem, key: str, payload: dict[str, Any],
                  progress: Callable[[int, int, int], None] | None) -> None:
    f = _upload_files(ws, client, item.id, progress)[0]
    reply = client.json("POST", "/api/v1/forwards", json={**payload["body"], "file_id": f["file_id"],
                                                          "sha256": f["blob_sha"]},
                        headers={"Idempotency-Key": key})
    with ws.db.transaction() as conn:  # a resend after a crash gets the same reply: recorded once
        cur = conn.execute("UPDATE forwards SET server_id = ?, state = 'sent' WHERE id = ? AND state = "
                           "'queued'",
                           (str(reply["id"]), int(payload["forward"])))
        if cur.rowcount:
            ws.audit.append(conn, "forward.sent", actor=ws.actor, dossier=item.dossier_no,
                            objects={"file": f["blob_sha"]},
                            details={"forward": int(payload["forward"]), "server_id": str(reply["id"]),
                                     "route": reply.get("route", ""),
                                     "target_agency": reply.get("target_agency", "")})


def add_use(ws: Workspace, conn: Any, dossier_no: str, code: str, key: str) -> int:
    """Queue the record of a warehouse document's reuse, inside the caller's transaction (the
    one that attaches the document), so the use count reaches the server even if it is away."""
    cur = conn.execute("INSERT INTO outbox(kind, dossier_no, payload, state, total_steps, created_at, "
                       "updated_at, idem_key) "
                       "VALUES ('warehouse_use', ?, ?, 'waiting', 1, ?, ?, ?)",
                       (dossier_no, json.dumps({"code": code, "key": key}), _now(), _now(), new_key()))
    return int(cur.lastrowid or 0)


def deliver_use(ws: Workspace, client: SyncClient, item_id: int) -> bool:
    """Try to send one queued reuse record now; on any failure it stays for the next run."""
    with ws.db.read() as conn:
        row = conn.execute("SELECT dossier_no, payload, attempts, idem_key "
                           "FROM outbox WHERE id = ? AND kind = 'warehouse_use' "
                           "AND state = 'waiting'", (item_id,)).fetchone()
    if row is None:
        return False
    payload = json.loads(row["payload"])
    _set(ws, item_id, attempts=int(row["attempts"]) + 1)
    try:
        client.record_use(payload["code"], row["dossier_no"], key=row["idem_key"])
    except (ServerUnavailable, Rejected) as exc:
        _set(ws, item_id, last_error=exc.message_en, last_error_vi=exc.message_vi)
        log.warning("Reuse record of %s queued: %s", payload["code"], exc.message_en)
        return False
    _mark_sent(ws, item_id, row["dossier_no"], "warehouse_use")
    return True


def add_message(ws: Workspace, kind: str, dossier_no: str, payload: dict[str, Any], *, action: str,
                details: dict[str, Any] | None = None) -> int:
    """Queue a small message for the server (``warehouse_feedback``: a wrong warehouse document;
    ``account_link``: a citizen's request to link their portal account), audited, so it reaches
    the server even when it is away now."""
    if kind not in _MESSAGES:
        raise ValueError(f"unknown outbox message kind {kind}")
    with ws.db.transaction() as conn:
        cur = conn.execute("INSERT INTO outbox(kind, dossier_no, payload, state, total_steps, created_at, "
                           "updated_at, "
                           "idem_key) VALUES (?, ?, ?, 'waiting', 1, ?, ?, ?)",
                           (kind, dossier_no, json.dumps(payload), _now(), _now(), new_key()))
        item_id = int(cur.lastrowid or 0)
        ws.audit.append(conn, action, actor=ws.actor, dossier=dossier_no or None,
                        details={"item": item_id, **(details or {})})
    return item_id


def _send_message(client: SyncClient, kind: str, dossier_no: str, payload: dict[str, Any],
                  key: str) -> dict[str, Any]:
    if kind == "warehouse_feedback":
        return client.feedback(payload["code"], payload["reason"], payload.get("note", ""), key=key)
    return client.request_account_link(payload["owner"], dossier_no, key=key)


_MESSAGES = ("warehouse_feedback", "account_link")


def deliver_message(ws: Workspace, client: SyncClient, item_id: int) -> dict[str, Any] | None:
    """Try to send one queued message now: the server's reply, or None when it stays queued
    (server away); a refusal marks the item rejected and is raised."""
    with ws.db.read() as conn:
        row = conn.execute("SELECT kind, dossier_no, payload, attempts, idem_key FROM outbox WHERE id = ? "
                           "AND state = 'waiting'", (item_id,)).fetchone()
    if row is None or row["kind"] not in _MESSAGES:
        return None
    _set(ws, item_id, attempts=int(row["attempts"]) + 1)
    try:
        reply = _send_message(client, row["kind"], row["dossier_no"], json.loads(row["payload"]),
                              row["idem_key"])
    except ServerUnavailable as exc:
        _set(ws, item_id, last_error=exc.message_en, last_error_vi=exc.message_vi)
        log.warning("Outbox message %s queued: %s", item_id, exc.message_en)
        return None
    except (Rejected, Conflict, InvalidInput) as exc:
        _set(ws, item_id, state="rejected", last_error=exc.message_en, last_error_vi=exc.message_vi)
        raise
    _mark_sent(ws, item_id, row["dossier_no"], row["kind"])
    return reply


def _mark_sent(ws: Workspace, item_id: int, dossier_no: str, kind: str) -> None:
    with ws.db.transaction() as conn:
        conn.execute("UPDATE outbox SET state = ?, sent_at = ?, done_steps = total_steps, last_error = '', "
                     "last_error_vi = '', updated_at = ? WHERE id = "
                     "?", (OutboxState.SENT.value, _now(), _now(), item_id))
        ws.audit.append(conn, "outbox.sent", actor=ws.actor, dossier=dossier_no,
                        details={"item": item_id, "kind": kind})


def items(ws: Workspace, *, dossier_no: str | None = None) -> list[OutboxItem]:
    sql, params = "SELECT * FROM outbox", []
    if dossier_no:
        sql += " WHERE dossier_no = ?"
        params.append(dossier_no)
    with ws.db.read() as conn:
        return [OutboxItem(r["id"], r["kind"], r["dossier_no"], OutboxState(r["state"]), r["attempts"],
                           r["last_error"],
                           r["last_error_vi"], r["done_steps"], r["total_steps"], r["created_at"],
                           r["sent_at"],
                           r["version"], r["reason"])
                for r in conn.execute(sql + " ORDER BY id", params)]


def _set(ws: Workspace, item_id: int, **fields: Any) -> None:
    with ws.db.transaction() as conn:
        sets = ", ".join(f"{k} = ?" for k in fields)
        conn.execute(f"UPDATE outbox SET {sets}, updated_at = ? WHERE id = "
                     "?", (*fields.values(), _now(), item_id))


def retry(ws: Workspace, item_id: int) -> None:
    """Send a refused or cancelled item again. A refused dossier's files are uploaded again
    under new keys: the server may have lost a file it once acknowledged (a restore on its side,
    an expired upload), and re-sending the old file ids would be refused forever. The server
    stores a file once per hash, so a file it still has costs only the transfer."""
    with ws.db.transaction() as conn:
        row = conn.execute("SELECT kind, state FROM outbox WHERE id = ?", (item_id,)).fetchone()
        if row is not None and row["kind"] in ("dossier",
                                               FORWARD_KIND) and row["state"] == OutboxState.REJECTED:
            for f in conn.execute("SELECT seq FROM outbox_files WHERE outbox_id = ?", (item_id,)).fetchall():
                conn.execute("UPDATE outbox_files SET upload_id = NULL, file_id = NULL, idem_key = ? "
                             "WHERE outbox_id = ? AND seq = ?", (str(uuid.uuid4()), item_id, f["seq"]))
            conn.execute("UPDATE outbox SET done_steps = 0 WHERE id = ?", (item_id,))
    _change_state(ws, item_id, {OutboxState.REJECTED, OutboxState.CANCELLED}, OutboxState.WAITING)


def cancel(ws: Workspace, item_id: int) -> None:
    _change_state(ws, item_id, {OutboxState.REJECTED, OutboxState.WAITING}, OutboxState.CANCELLED)


def _change_state(ws: Workspace, item_id: int, allowed: set[OutboxState], new: OutboxState) -> None:
    with ws.db.transaction() as conn:
        row = conn.execute("SELECT state, dossier_no FROM outbox WHERE id = ?", (item_id,)).fetchone()
        if row is None:
            raise NotFound(f"No outbox item {item_id}", f"Không có mục {item_id} trong hàng đợi gửi")
        if row["state"] not in allowed:
            raise InvalidInput(f"Outbox item {item_id} is "
                               f"{row['state']}", f"Mục {item_id} đang ở trạng thái {row['state']}")
        conn.execute("UPDATE outbox SET state = ?, updated_at = ? WHERE id = ?", (new.value, _now(), item_id))
        ws.audit.append(conn, f"outbox.{new.value}", actor=ws.actor, dossier=row["dossier_no"],
                        details={"item": item_id})


def _upload_files(ws: Workspace, client: SyncClient, item_id: int,
                  progress: Callable[[int, int, int], None] | None) -> list[Any]:
    """Upload the item's files not yet on the server, each under its own stored key; returns the
    file rows with their file ids."""
    with ws.db.read() as conn:
        files = conn.execute("SELECT * FROM outbox_files WHERE outbox_id = ? ORDER BY "
                             "seq", (item_id,)).fetchall()
    total = len(files) + 1
    done = sum(1 for f in files if f["file_id"])
    out = []
    for f in files:
        file_id = f["file_id"]
        if not file_id:
            path = ws.blobs.path(f["blob_sha"], "pdf")
            if not ws.blobs.verify(f["blob_sha"], "pdf"):
                raise InvalidInput(f"{f['name']}: the stored file no longer matches its hash",
                                   f"{f['name']}: tệp lưu trữ không còn khớp mã băm; cần tạo lại")

            def remember(upload_id: str, _idx: int, _n: int, seq: int = f["seq"]) -> None:
                with ws.db.transaction() as c:
                    c.execute("UPDATE outbox_files SET upload_id = ? WHERE outbox_id = ? AND seq = "
                              "?", (upload_id, item_id, seq))

            upload_id, file_id = client.upload_file(path, f["name"], upload_id=f["upload_id"],
                                                    key=f["idem_key"],
                                                    on_chunk=remember)
            with ws.db.transaction() as c:
                c.execute("UPDATE outbox_files SET upload_id = ?, file_id = ? WHERE outbox_id = ? AND seq = "
                          "?",
                          (upload_id, file_id, item_id, f["seq"]))
                c.execute("UPDATE outbox SET done_steps = ? WHERE id = ?", (done + 1, item_id))
            done += 1
            if progress:
                progress(item_id, done, total)
        out.append({**dict(f), "file_id": file_id})
    return out


def _send_dossier(ws: Workspace, client: SyncClient, item: OutboxItem, key: str, payload: dict[str, Any],
                  progress: Callable[[int, int, int], None] | None) -> None:
    files = _upload_files(ws, client, item.id, progress)
    documents = [{"TepDinhKemId": f["file_id"], "TenTepDinhKem": f["name"], "MaThanhPhanHoSo": f["component"],
                  "Sha256": f["blob_sha"]} for f in files]
    body = {**payload, "TaiLieuNop": documents}
    if item.version > 1:
        client.submit_version(body, item.version, item.reason, key=key)
    else:
        client.submit_dossier(body, key=key)


def _send_status(ws: Workspace, client: SyncClient, item: OutboxItem, key: str, payload: dict[str, Any],
                 progress: Callable[[int, int, int], None] | None) -> None:
    files = _upload_files(ws, client, item.id, progress)
    names = payload.get("results", [])
    results = [{"TenGiayTo": names[i]["name"] if i < len(names) else f["name"],
                "MaLoaiGiayTo": f["component"],
                "TepDinhKemId": f["file_id"], "Sha256": f["blob_sha"]} for i, f in enumerate(files)]
    reply = client.update_status(item.dossier_no, int(payload["TrangThaiHoSo"]), key=key,
                                 when=payload.get("NgayCapNhat", ""), note=payload.get("GhiChu", ""),
                                 results=results,
                                 override=payload.get("LyDoBoQua", ""))
    if reply.get("KetQua"):
        with ws.db.transaction() as conn:
            ws.audit.append(conn, "outbox.result_stored", actor=ws.actor, dossier=item.dossier_no,
                            details={"codes": [r["code"] for r in reply["KetQua"]]})


def run_once(ws: Workspace, client: SyncClient, *, progress: Callable[[int, int, int], None] | None = None,
             cancel_event: threading.Event | None = None) -> RunReport:
    """Send every waiting item once. Network trouble leaves items waiting (nothing lost)."""
    report = RunReport()
    for item in items(ws):
        if item.state not in OPEN_STATES:
            continue
        if cancel_event is not None and cancel_event.is_set():
            report.waiting.append(item.id)
            continue
        with ws.db.read() as conn:
            row = conn.execute("SELECT payload, idem_key FROM outbox WHERE id = ?", (item.id,)).fetchone()
        payload, key = json.loads(row["payload"]), str(row["idem_key"])
        _set(ws, item.id, state=OutboxState.SENDING.value, attempts=item.attempts + 1)
        try:
            if item.kind == "dossier":
                _send_dossier(ws, client, item, key, payload, progress)
            elif item.kind == "warehouse_use":
                client.record_use(payload["code"], item.dossier_no, key=key)
            elif item.kind in REVIEW_KINDS:  # the supervisor's desk: a packet or a decision, posted as queued
                client.json("POST", payload["path"], json=payload["body"], headers={"Idempotency-Key": key})
            elif item.kind in _MESSAGES:
                _send_message(client, item.kind, item.dossier_no, payload, key)
            elif item.kind == FORWARD_KIND:
                _send_forward(ws, client, item, key, payload, progress)
            else:
                _send_status(ws, client, item, key, payload, progress)
        except ServerUnavailable as exc:
            _set(ws, item.id, state=OutboxState.WAITING.value, last_error=exc.message_en,
                 last_error_vi=exc.message_vi)
            report.offline, report.error_en, report.error_vi = True, exc.message_en, exc.message_vi
            report.waiting.append(item.id)
            log.warning("Outbox item %s waits: %s", item.id, exc.message_en)
            break  # the server is away: stop this round, keep order
        except (Rejected, Conflict, InvalidInput) as exc:
            _set(ws, item.id, state=OutboxState.REJECTED.value, last_error=exc.message_en,
                 last_error_vi=exc.message_vi)
            report.rejected.append(item.id)
            with ws.db.transaction() as conn:
                ws.audit.append(conn, "outbox.rejected", actor=ws.actor, dossier=item.dossier_no,
                                details={"item": item.id, "reason": exc.message_en})
            continue
        _mark_sent(ws, item.id, item.dossier_no, item.kind)
        report.sent.append(item.id)
        if progress:
            progress(item.id, item.total_steps, item.total_steps)
    return report


FINAL_STATUSES = {3, 7, 8, 10}
REVIEW_KINDS = ("review_packet", "review_decision")


@dataclass
class ProvinceStatus:
    dossier_no: str
    status: int
    status_name: str
    note: str
    version: int
    history: list[dict[str, Any]]
    checked_at: str
    changed: bool = False


def province_status(ws: Workspace, dossier_no: str) -> ProvinceStatus | None:
    with ws.db.read() as conn:
        r = conn.execute("SELECT * FROM province_status WHERE dossier_no = ?", (dossier_no,)).fetchone()
    return ProvinceStatus(r["dossier_no"], r["status"], r["status_name"], r["note"], r["version"],
                          json.loads(r["history"]),
                          r["checked_at"]) if r else None


def poll_statuses(ws: Workspace, client: SyncClient) -> list[ProvinceStatus]:
    """The poll step of the queue: read the province's status of every dossier sent and not
    closed, and keep it (with its history) in the workspace. Returns each dossier read."""
    with ws.db.read() as conn:
        numbers = [r[0] for r in conn.execute(
            "SELECT DISTINCT o.dossier_no FROM outbox o LEFT JOIN "
            "province_status p ON p.dossier_no = o.dossier_no "
            "WHERE o.kind = 'dossier' AND o.state = 'sent' AND "
            "(p.status IS NULL OR p.status NOT IN (3, 7, 8, 10)) "
            "ORDER BY o.dossier_no")]
    out = []
    for number in numbers:
        got = client.dossier_status(number)
        history = list(got.get("history", []))
        note = next((h.get("note", "") for h in reversed(history) if h.get("status") == got["TrangThaiHoSo"]),
                    "")
        before = province_status(ws, number)
        st = ProvinceStatus(number, int(got["TrangThaiHoSo"]), str(got.get("TenTrangThai", "")), str(note),
                            int(got.get("PhienBan", 1)), history, _now(),
                            changed=before is None or before.status != int(got["TrangThaiHoSo"])
                            or len(before.history) != len(history))
        if st.changed:
            with ws.db.transaction() as conn:
                conn.execute("INSERT INTO province_status(dossier_no, status, "
                             "status_name, note, version, history, checked_at) "
                             "VALUES (?,?,?,?,?,?,?) ON CONFLICT(dossier_no) DO UPDATE SET status = "
                             "excluded.status, "
                             "status_name = excluded.status_name, note = excluded.note, version = "
                             "excluded.version, "
                             "history = excluded.history, checked_at = excluded.checked_at",
                             (number, st.status, st.status_name, st.note, st.version,
                              json.dumps(history, ensure_ascii=False), st.checked_at))
                ws.audit.append(conn, "province.status", actor=ws.actor, dossier=number,
                                details={"status": st.status, "note": st.note, "version": st.version})
        out.append(st)
    return out
