"""Submitting dossiers to the provincial system through the durable outbox, and the return of
results (status 10)."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any

from app.domain.codes import document_file_name
from app.domain.errors import InvalidInput
from app.domain.records import ComponentState, DossierState
from app.services.catalogue import load_catalogue
from app.store.workspace import Workspace
from app.sync import outbox
from app.sync.adapter import dossier_payload
from app.sync.client import ClientConfig, SyncClient

DONE_STATES = {ComponentState.REUSED, ComponentState.SIGNED, ComponentState.BUILT, ComponentState.NOT_PROVIDED}


def enqueue(ws: Workspace, number: str) -> dict[str, Any]:
    """Queue the dossier with its documents. Every required component must have its document."""
    dossier = ws.dossiers.get(number)
    missing = [c.name for c in dossier.components if c.required and c.state not in DONE_STATES]
    if missing:
        raise InvalidInput(f"Dossier {number} is not complete: {', '.join(missing)}",
                           f"Hồ sơ {number} chưa đủ thành phần: {', '.join(missing)}")
    docs = ws.documents.for_dossier(number)
    files = [(d.signed_sha256 or d.pdf_sha256, document_file_name(number, d.ordinal), d.component_id) for d in docs]
    if not files:
        raise InvalidInput(f"Dossier {number} has no document to send", f"Hồ sơ {number} chưa có tài liệu nào để gửi")
    proc = load_catalogue().get(dossier.procedure_code)
    payload = dossier_payload(dossier, [], field=proc.field, processing_days=proc.processing_days, fee=proc.fee)
    item_id = outbox.enqueue_dossier(ws, number, payload, files)
    if dossier.state not in (DossierState.SENT, DossierState.RESULT_RETURNED):
        ws.dossiers.set_state(number, DossierState.QUEUED, actor=ws.actor, details={"outbox": item_id})
    return {"dossier_no": number, "queued": True, "outbox_item": item_id, "files": len(files)}


def return_result(ws: Workspace, number: str, note: str = "") -> dict[str, Any]:
    """The officer hands the paper result back: status 10, sent through the outbox like any update."""
    ws.dossiers.get(number)
    ws.dossiers.set_state(number, DossierState.RESULT_RETURNED, actor=ws.actor, details={"note": note})
    item_id = outbox.enqueue_status(ws, number, 10, note)
    return {"dossier_no": number, "status": 10, "outbox_item": item_id}


def client_from(ws: Workspace, server_url: str | None = None, *, username: str | None = None,
                password: str | None = None) -> SyncClient:
    """A client for the configured (or given) server; the login comes from the arguments or the
    MOTCUA_USER / MOTCUA_PASSWORD environment variables, never from a file."""
    url = server_url or ws.settings.server_url
    if not url:
        raise InvalidInput("No provincial server configured (--server URL or Settings)",
                           "Chưa cấu hình địa chỉ hệ thống tỉnh (Cài đặt hoặc --server)")
    return SyncClient(ClientConfig(base_url=url, ca_bundle=ws.settings.server_ca_bundle),
                      username=username or os.environ.get("MOTCUA_USER", "") or ws.settings.server_user,
                      password=password or os.environ.get("MOTCUA_PASSWORD", ""))


def run(ws: Workspace, client: SyncClient, *, progress: Callable[[int, int, int], None] | None = None,
        cancel: threading.Event | None = None) -> outbox.RunReport:
    report = outbox.run_once(ws, client, progress=progress, cancel_event=cancel)
    for item in outbox.items(ws):
        if item.id in report.sent and item.kind == "dossier":
            d = ws.dossiers.get(item.dossier_no)
            if d.state is DossierState.QUEUED:
                ws.dossiers.set_state(item.dossier_no, DossierState.SENT, actor=ws.actor, details={"outbox": item.id})
    return report
