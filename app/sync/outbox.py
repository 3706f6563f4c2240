"""The durable outbox. Submitting a dossier enqueues it; ``run_once`` sends what is waiting when
the network is there. Every step is recorded as it completes (each file's upload id and file id,
then the dossier record under a stable idempotency key), so a crash, a SIGKILL or a dropped
connection resumes where it stopped and every dossier arrives exactly once."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.domain.codes import vn_now
from app.domain.errors import InvalidInput, NotFound
from app.store.workspace import Workspace
from app.sync.client import Rejected, ServerUnavailable, SyncClient

log = logging.getLogger(__name__)


@dataclass
class OutboxItem:
    id: int
    kind: str
    dossier_no: str
    state: str
    attempts: int
    last_error: str
    last_error_vi: str
    done_steps: int
    total_steps: int
    created_at: str
    sent_at: str | None


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


def enqueue_dossier(ws: Workspace, dossier_no: str, payload: dict[str, Any], files: list[tuple[str, str, str]]) -> int:
    """``files``: (blob sha256 of the PDF, file name, component id). Idempotent per dossier."""
    with ws.db.transaction() as conn:
        row = conn.execute("SELECT id FROM outbox WHERE kind = 'dossier' AND dossier_no = ? AND state IN "
                           "('waiting', 'sending', 'sent')", (dossier_no,)).fetchone()
        if row:
            return int(row["id"])
        cur = conn.execute(
            "INSERT INTO outbox(kind, dossier_no, payload, state, total_steps, created_at, updated_at) "
            "VALUES ('dossier', ?, ?, 'waiting', ?, ?, ?)",
            (dossier_no, json.dumps(payload, ensure_ascii=False), len(files) + 1, _now(), _now()))
        item_id = int(cur.lastrowid or 0)
        for seq, (sha, name, component) in enumerate(files):
            conn.execute("INSERT INTO outbox_files(outbox_id, seq, blob_sha, name, component) VALUES (?,?,?,?,?)",
                         (item_id, seq, sha, name, component))
        ws.audit.append(conn, "outbox.enqueue", actor=ws.actor, dossier=dossier_no,
                        objects={f"file{seq}": sha for seq, (sha, _n, _c) in enumerate(files)}, details={"item": item_id})
    return item_id


def enqueue_status(ws: Workspace, dossier_no: str, status: int, note: str = "") -> int:
    payload = {"TrangThaiHoSo": status, "NgayCapNhat": vn_now().strftime("%Y%m%d%H%M%S"), "GhiChu": note}
    with ws.db.transaction() as conn:
        cur = conn.execute("INSERT INTO outbox(kind, dossier_no, payload, state, total_steps, created_at, updated_at) "
                           "VALUES ('status', ?, ?, 'waiting', 1, ?, ?)",
                           (dossier_no, json.dumps(payload, ensure_ascii=False), _now(), _now()))
        ws.audit.append(conn, "outbox.enqueue_status", actor=ws.actor, dossier=dossier_no, details={"status": status})
        return int(cur.lastrowid or 0)


def add_use(ws: Workspace, conn: Any, dossier_no: str, code: str, key: str) -> int:
    """Queue the record of a warehouse document's reuse, inside the caller's transaction (the
    one that attaches the document), so the use count reaches the server even if it is away."""
    cur = conn.execute("INSERT INTO outbox(kind, dossier_no, payload, state, total_steps, created_at, updated_at) "
                       "VALUES ('warehouse_use', ?, ?, 'waiting', 1, ?, ?)",
                       (dossier_no, json.dumps({"code": code, "key": key}), _now(), _now()))
    return int(cur.lastrowid or 0)


def deliver_use(ws: Workspace, client: SyncClient, item_id: int) -> bool:
    """Try to send one queued reuse record now; on any failure it stays for the next run."""
    with ws.db.read() as conn:
        row = conn.execute("SELECT dossier_no, payload, attempts FROM outbox WHERE id = ? AND kind = 'warehouse_use' "
                           "AND state = 'waiting'", (item_id,)).fetchone()
    if row is None:
        return False
    payload = json.loads(row["payload"])
    _set(ws, item_id, attempts=int(row["attempts"]) + 1)
    try:
        client.record_use(payload["code"], row["dossier_no"], key=payload["key"])
    except (ServerUnavailable, Rejected) as exc:
        _set(ws, item_id, last_error=exc.message_en, last_error_vi=exc.message_vi)
        log.warning("Reuse record of %s queued: %s", payload["code"], exc.message_en)
        return False
    _mark_sent(ws, item_id, row["dossier_no"], "warehouse_use")
    return True


def _mark_sent(ws: Workspace, item_id: int, dossier_no: str, kind: str) -> None:
    with ws.db.transaction() as conn:
        conn.execute("UPDATE outbox SET state = 'sent', sent_at = ?, done_steps = total_steps, last_error = '', "
                     "last_error_vi = '', updated_at = ? WHERE id = ?", (_now(), _now(), item_id))
        ws.audit.append(conn, "outbox.sent", actor=ws.actor, dossier=dossier_no, details={"item": item_id, "kind": kind})


def items(ws: Workspace, *, dossier_no: str | None = None) -> list[OutboxItem]:
    sql, params = "SELECT * FROM outbox", []
    if dossier_no:
        sql += " WHERE dossier_no = ?"
        params.append(dossier_no)
    with ws.db.read() as conn:
        return [OutboxItem(r["id"], r["kind"], r["dossier_no"], r["state"], r["attempts"], r["last_error"],
                           r["last_error_vi"], r["done_steps"], r["total_steps"], r["created_at"], r["sent_at"])
                for r in conn.execute(sql + " ORDER BY id", params)]


def _set(ws: Workspace, item_id: int, **fields: Any) -> None:
    with ws.db.transaction() as conn:
        sets = ", ".join(f"{k} = ?" for k in fields)
        conn.execute(f"UPDATE outbox SET {sets}, updated_at = ? WHERE id = ?", (*fields.values(), _now(), item_id))


def retry(ws: Workspace, item_id: int) -> None:
    _change_state(ws, item_id, {"rejected", "cancelled"}, "waiting")


def cancel(ws: Workspace, item_id: int) -> None:
    _change_state(ws, item_id, {"rejected", "waiting"}, "cancelled")


def _change_state(ws: Workspace, item_id: int, allowed: set[str], new: str) -> None:
    with ws.db.transaction() as conn:
        row = conn.execute("SELECT state, dossier_no FROM outbox WHERE id = ?", (item_id,)).fetchone()
        if row is None:
            raise NotFound(f"No outbox item {item_id}", f"Không có mục {item_id} trong hàng đợi gửi")
        if row["state"] not in allowed:
            raise InvalidInput(f"Outbox item {item_id} is {row['state']}", f"Mục {item_id} đang ở trạng thái {row['state']}")
        conn.execute("UPDATE outbox SET state = ?, updated_at = ? WHERE id = ?", (new, _now(), item_id))
        ws.audit.append(conn, f"outbox.{new}", actor=ws.actor, dossier=row["dossier_no"], details={"item": item_id})


def _send_dossier(ws: Workspace, client: SyncClient, item_id: int, payload: dict[str, Any],
                  progress: Callable[[int, int, int], None] | None) -> None:
    with ws.db.read() as conn:
        files = conn.execute("SELECT * FROM outbox_files WHERE outbox_id = ? ORDER BY seq", (item_id,)).fetchall()
    total = len(files) + 1
    done = sum(1 for f in files if f["file_id"])
    documents = []
    for f in files:
        file_id = f["file_id"]
        if not file_id:
            path = ws.blobs.path(f["blob_sha"], "pdf")
            if not ws.blobs.verify(f["blob_sha"], "pdf"):
                raise InvalidInput(f"{f['name']}: the stored file no longer matches its hash",
                                   f"{f['name']}: tệp lưu trữ không còn khớp mã băm; cần tạo lại")

            def remember(upload_id: str, _idx: int, _n: int, seq: int = f["seq"]) -> None:
                with ws.db.transaction() as c:
                    c.execute("UPDATE outbox_files SET upload_id = ? WHERE outbox_id = ? AND seq = ?", (upload_id, item_id, seq))

            upload_id, file_id = client.upload_file(path, f["name"], upload_id=f["upload_id"], key=f"outbox-{item_id}-file-{f['seq']}",
                                                    on_chunk=remember)
            with ws.db.transaction() as c:
                c.execute("UPDATE outbox_files SET upload_id = ?, file_id = ? WHERE outbox_id = ? AND seq = ?",
                          (upload_id, file_id, item_id, f["seq"]))
                c.execute("UPDATE outbox SET done_steps = ? WHERE id = ?", (done + 1, item_id))
            done += 1
            if progress:
                progress(item_id, done, total)
        documents.append({"TepDinhKemId": file_id, "TenTepDinhKem": f["name"], "MaThanhPhanHoSo": f["component"],
                          "Sha256": f["blob_sha"]})
    body = {**payload, "TaiLieuNop": documents}
    client.submit_dossier(body, key=f"outbox-{item_id}")


def run_once(ws: Workspace, client: SyncClient, *, progress: Callable[[int, int, int], None] | None = None,
             cancel_event: threading.Event | None = None) -> RunReport:
    """Send every waiting item once. Network trouble leaves items waiting (nothing lost)."""
    report = RunReport()
    for item in items(ws):
        if item.state not in ("waiting", "sending"):
            continue
        if cancel_event is not None and cancel_event.is_set():
            report.waiting.append(item.id)
            continue
        with ws.db.read() as conn:
            payload = json.loads(conn.execute("SELECT payload FROM outbox WHERE id = ?", (item.id,)).fetchone()[0])
        _set(ws, item.id, state="sending", attempts=item.attempts + 1)
        try:
            if item.kind == "dossier":
                _send_dossier(ws, client, item.id, payload, progress)
            elif item.kind == "warehouse_use":
                client.record_use(payload["code"], item.dossier_no, key=payload["key"])
            else:
                client.update_status(item.dossier_no, int(payload["TrangThaiHoSo"]), key=f"outbox-{item.id}",
                                     when=payload.get("NgayCapNhat", ""), note=payload.get("GhiChu", ""))
        except ServerUnavailable as exc:
            _set(ws, item.id, state="waiting", last_error=exc.message_en, last_error_vi=exc.message_vi)
            report.offline, report.error_en, report.error_vi = True, exc.message_en, exc.message_vi
            report.waiting.append(item.id)
            log.warning("Outbox item %s waits: %s", item.id, exc.message_en)
            break  # the server is away: stop this round, keep order
        except (Rejected, InvalidInput) as exc:
            _set(ws, item.id, state="rejected", last_error=exc.message_en, last_error_vi=exc.message_vi)
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
