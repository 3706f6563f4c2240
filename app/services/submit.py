"""Submitting dossiers to the provincial system through the durable outbox, and the return of
results (status 10)."""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.domain.codes import document_file_name
from app.domain.errors import InvalidInput
from app.domain.fees import fee_lines
from app.domain.flow import DONE_STATES as DONE_STATES  # re-exported: what "done" means before sending
from app.domain.flow import blocking_components
from app.domain.records import ComponentState, DocumentSource, Dossier, DossierState
from app.services import forwarding
from app.services.catalogue import load_catalogue
from app.services.review_sync import enqueue_packet, pull_decisions
from app.services.workstation import try_top_up
from app.store.workspace import Workspace
from app.sync import outbox
from app.sync.adapter import dossier_payload
from app.sync.client import ClientConfig, Rejected, ServerUnavailable, SyncClient
from app.sync.outbox import OPEN_STATES as OPEN_STATES  # re-exported for the front ends
from app.sync.outbox import OutboxState as OutboxState

log = logging.getLogger(__name__)


def check_ready(dossier: Dossier) -> None:
    """Refuse to send a dossier whose required components are not all signed (or not provided),
    naming them and what each still needs."""
    blocking = blocking_components(dossier)
    if not blocking:
        return
    unsigned = [c.name for c in blocking if c.state is ComponentState.BUILT]
    missing = [c.name for c in blocking if c.state is not ComponentState.BUILT]
    en, vi = [], []
    if unsigned:
        en.append(f"not signed yet: {', '.join(unsigned)} (sign them first)")
        vi.append(f"chưa ký số: {', '.join(unsigned)} (hãy ký số trước khi gửi)")
    if missing:
        en.append(f"not digitized: {', '.join(missing)} (digitize, take from the warehouse or mark not "
                  "provided)")
        vi.append(f"chưa số hóa: {', '.join(missing)} (số hóa, lấy từ kho hoặc ghi nhận không nộp)")
    raise InvalidInput(f"Dossier {dossier.number} cannot be sent: " + "; ".join(en),
                       f"Hồ sơ {dossier.number} chưa gửi được: " + "; ".join(vi))


def enqueue(ws: Workspace, number: str, reason: str = "") -> dict[str, Any]:
    """Queue the dossier with its documents. Every required component must be signed (or reused
    from the warehouse, or recorded as not provided).
    A dossier sent back (by the supervisor or the province's status 5) is queued again as a new
    version, with the reason recorded in the outbox and the audit chain."""
    dossier = ws.dossiers.get(number)
    check_ready(dossier)
    docs = ws.documents.for_dossier(number)
    correction = ""
    if dossier.state is DossierState.SENT_BACK:
        correction = (reason.strip() or _send_back_reason(ws, number)
                      or "Bổ sung, chỉnh sửa hồ sơ theo yêu cầu")
        # a component rebuilt for the correction replaces its old file
        latest = {d.component_id: d for d in docs}
        docs = sorted(latest.values(), key=lambda d: d.ordinal)
    unsigned = sorted({d.component_id for d in docs
                       if d.source is DocumentSource.SCAN and not d.signed_sha256})
    if unsigned:  # a PDF built again after signing: its component's state alone does not say so
        names = ", ".join((c.name if (c := dossier.component(cid)) else cid) for cid in unsigned)
        raise InvalidInput(f"Dossier {number} cannot be sent: not signed yet: {names} (sign them first)",
                           f"Hồ sơ {number} chưa gửi được: chưa ký số: {names} (hãy ký số trước khi gửi)")
    files = [(d.signed_sha256 or d.pdf_sha256, document_file_name(number, d.ordinal),
              d.component_id) for d in docs]
    if not files:
        raise InvalidInput(f"Dossier {number} has no document to "
                           "send", f"Hồ sơ {number} chưa có tài liệu nào để gửi")
    proc = load_catalogue().get(dossier.procedure_code)
    pages = {d.component_id: int(str(d.metadata.get("PageAmount", 0))) for d in docs
             if str(d.metadata.get("PageAmount", "")).isdigit()}
    fees = [(line.name, line.amount) for line in fee_lines(dossier.procedure_name, proc.fee,
                                                           dossier.components, pages)]
    payload = dossier_payload(dossier, [], field=proc.field, processing_days=proc.processing_days, fees=fees)
    item_id = outbox.enqueue_dossier(ws, number, payload, files, correction=correction)
    try:
        enqueue_packet(ws, number)  # what the supervisor checks, sent after the dossier
    except Exception:  # noqa: BLE001 - the dossier goes to the province even if its review packet cannot be built
        log.exception("Review packet of %s not queued", number)
    forwarding.forward_all(ws, number)  # seed 002: another agency's results go to it (or the desk) at once
    if dossier.state not in (DossierState.SENT, DossierState.RESULT_RETURNED):
        ws.dossiers.set_state(number, DossierState.QUEUED, actor=ws.actor,
                              details={"outbox": item_id,
                                       **({"correction": correction} if correction else {})})
    version = next((i.version for i in outbox.items(ws, dossier_no=number) if i.id == item_id), 1)
    return {"dossier_no": number, "queued": True, "outbox_item": item_id, "files": len(files),
            "version": version}


def _send_back_reason(ws: Workspace, number: str) -> str:
    """Why the dossier came back: the province's note (status 5) or the supervisor's reason."""
    st = outbox.province_status(ws, number)
    if st is not None and st.status == 5 and st.note:
        return f"Tỉnh yêu cầu bổ sung: {st.note}"
    with ws.db.read() as conn:
        row = conn.execute("SELECT reason FROM reviews WHERE dossier_no = ? AND decision = 'sent_back' "
                           "ORDER BY id DESC "
                           "LIMIT 1", (number,)).fetchone()
    return f"Kiểm soát chất lượng trả lại: {row['reason']}" if row and row["reason"] else ""


def return_result(ws: Workspace, number: str, note: str = "", *, result_pdf: Path | None = None,
                  result_type: str = "KQ", result_name: str = "Kết quả giải quyết TTHC",
                  override: str = "") -> dict[str, Any]:
    """The officer hands the result back: status 10 through the outbox, carrying the result
    document (stored by the province in the owner's warehouse). Allowed once the province has
    processed the dossier (status 9), or with ``override``: the officer's reason, audited."""
    ws.dossiers.get(number)
    st = outbox.province_status(ws, number)
    if (st is None or st.status != 9) and not override.strip():
        now = f"{st.status} {st.status_name}" if st else "chưa có"
        raise InvalidInput(
            f"Dossier {number} is not processed by the province yet (status "
            f"{st.status if st else 'unknown'}); "
            "results are returned after status 9, or with an explicit override reason",
            f"Hồ sơ {number} chưa được tỉnh xử lý xong (trạng thái: {now}). Chỉ trả kết quả sau trạng thái 9 "
            "'Đã xử lý xong', hoặc ghi rõ lý do trả trước (--override)")
    results: list[tuple[str, str, str, str]] = []
    if result_pdf is not None:
        data = Path(result_pdf).read_bytes()
        if not data.lstrip()[:5] == b"%PDF-":
            raise InvalidInput(f"{result_pdf} is not a PDF", f"{result_pdf} không phải tệp PDF")
        blob = ws.blobs.put_bytes(data, "pdf")
        if not re.fullmatch(r"[A-Z0-9]{1,8}", result_type):
            raise InvalidInput(f"Result type '{result_type}' must be 1-8 capitals or digits",
                               f"Mã loại giấy tờ kết quả '{result_type}' phải gồm 1-8 chữ in hoa hoặc số")
        results.append((blob.sha256, f"{number}.KQ.pdf", result_type, result_name))
    if override.strip():
        with ws.db.transaction() as conn:
            ws.audit.append(conn, "dossier.return_override", actor=ws.actor, dossier=number,
                            details={"reason": override.strip(),
                                     "province_status": st.status if st else None})
    ws.dossiers.set_state(number, DossierState.RESULT_RETURNED, actor=ws.actor, details={"note": note})
    item_id = outbox.enqueue_status(ws, number, 10, note, results=results, override=override.strip())
    return {"dossier_no": number, "status": 10, "outbox_item": item_id, "results": len(results)}


def client_from(ws: Workspace, server_url: str | None = None, *, username: str | None = None,
                password: str | None = None, quick: bool = False) -> SyncClient:
    """A client for the configured (or given) server; the login comes from the arguments or the
    MOTCUA_USER / MOTCUA_PASSWORD environment variables, never from a file. ``quick``: one
    short attempt (used where a person is waiting at the counter)."""
    url = server_url or ws.settings.server_url
    if not url:
        raise InvalidInput("No provincial server configured (--server URL or Settings)",
                           "Chưa cấu hình địa chỉ hệ thống tỉnh (Cài đặt hoặc --server)")
    config = ClientConfig(base_url=url, ca_bundle=ws.settings.server_ca_bundle)
    if quick:
        config.timeout_s, config.retries = 5.0, 0
    session = ws.session  # the officer logged in at this workstation (in memory only)
    if session is not None and not username and not password and session.password:
        username, password = session.username, session.password
    client = SyncClient(config,
                        username=username or os.environ.get("MOTCUA_USER", "") or ws.settings.server_user,
                        password=password or os.environ.get("MOTCUA_PASSWORD", ""))
    ident = ws.numbers.identity()
    client.workstation_id = ident.workstation_id if ident else ""
    return client


def run(ws: Workspace, client: SyncClient, *, progress: Callable[[int, int, int], None] | None = None,
        cancel: threading.Event | None = None) -> outbox.RunReport:
    online = try_top_up(ws, client)
    report = outbox.run_once(ws, client, progress=progress, cancel_event=cancel)
    for item in outbox.items(ws):
        if item.id in report.sent and item.kind == "dossier":
            d = ws.dossiers.get(item.dossier_no)
            if d.state is DossierState.QUEUED:
                ws.dossiers.set_state(item.dossier_no, DossierState.SENT, actor=ws.actor,
                                      details={"outbox": item.id})
    if online and not report.offline:
        poll(ws, client)
        _pull_reviews(ws, client)
        forwarding.poll(ws, client)  # the answers on documents forwarded to other agencies
    return report


def _pull_reviews(ws: Workspace, client: SyncClient) -> None:
    try:
        pull_decisions(ws, client)
    except (ServerUnavailable, Rejected) as exc:
        log.warning("Review decisions not read: %s", exc.message_en)


def poll(ws: Workspace, client: SyncClient) -> list[outbox.ProvinceStatus]:
    """Read the province's status of the open dossiers; status 5 reopens a dossier for
    correction with the province's note."""
    try:
        statuses = outbox.poll_statuses(ws, client)
    except (ServerUnavailable, Rejected) as exc:
        log.warning("Status poll stopped: %s", exc.message_en)
        return []
    for st in statuses:
        if st.changed and st.status == 5 and ws.dossiers.get(st.dossier_no).state is DossierState.SENT:
            ws.dossiers.set_state(st.dossier_no, DossierState.SENT_BACK, actor=ws.actor,
                                  details={"by": "province", "status": 5, "note": st.note})
    return statuses


def outbox_items(ws: Workspace) -> list[outbox.OutboxItem]:
    """The officer's outbox, oldest first (the Send screen's table); the supervisor's review
    packets and decisions travel through it too but are not the officer's to see."""
    return [i for i in outbox.items(ws) if i.kind not in outbox.REVIEW_KINDS]


def province_statuses(ws: Workspace, numbers: list[str], sep: str = " ") -> dict[str, str]:
    """'<code><sep><name>' of the province's last known status of each dossier that has one."""
    out = {}
    for number in numbers:
        st = outbox.province_status(ws, number)
        if st is not None:
            out[number] = f"{st.status}{sep}{st.status_name}"
    return out
