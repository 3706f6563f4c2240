"""What the Sign and Send screens need from the signing, submitting and reuse services.

Screens speak these dataclasses; the functions map them onto ``app.services.signing``,
``app.services.submit`` and ``app.services.reuse`` (owned by the sign and sync areas). All run
on worker threads. The PIN is passed through, never kept.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from app.store.workspace import Workspace
from app.ui.backend import require_module
from app.ui.worker import TaskContext

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CertChoice:
    token_label: str
    key_label: str
    subject: str
    kind: str  # officer | agency
    not_after: str = ""


@dataclass(frozen=True)
class DocToSign:
    doc_id: int
    component_id: str
    name: str
    signed: bool


@dataclass(frozen=True)
class SignOutcome:
    doc_id: int
    ok: bool
    message_vi: str = ""
    message_en: str = ""


@dataclass(frozen=True)
class OutboxRow:
    item_id: str
    dossier_no: str
    kind: str
    state: str  # queued | sending | sent | failed | rejected
    attempts: int
    reason_vi: str = ""
    reason_en: str = ""
    updated: str = ""


@dataclass(frozen=True)
class WarehouseDoc:
    code: str
    type_name: str
    issued: str
    issuer: str
    uses: int


def _signing() -> Any:
    return require_module("app.services.signing", "Signing", "ký số")


def _submit() -> Any:
    return require_module("app.services.submit", "Sending", "gửi hồ sơ")


def _reuse() -> Any:
    return require_module("app.services.reuse", "Warehouse reuse", "lấy từ kho dữ liệu")


def certificates(ws: Workspace, module: str) -> list[CertChoice]:
    return list(_signing().ui_certificates(ws, module))


def documents_to_sign(ws: Workspace, dossier_no: str) -> list[DocToSign]:
    return list(_signing().ui_documents(ws, dossier_no))


def sign(ctx: TaskContext, ws: Workspace, dossier_no: str, cert: CertChoice, pin: str) -> list[SignOutcome]:
    return list(_signing().ui_sign(ctx, ws, dossier_no, cert, pin))


def outbox(ws: Workspace) -> list[OutboxRow]:
    return list(_submit().ui_outbox(ws))


def send_dossier(ctx: TaskContext, ws: Workspace, dossier_no: str) -> list[OutboxRow]:
    return list(_submit().ui_send(ctx, ws, dossier_no))


def retry(ctx: TaskContext, ws: Workspace) -> list[OutboxRow]:
    return list(_submit().ui_flush(ctx, ws))


def return_result(ws: Workspace, dossier_no: str) -> None:
    _submit().ui_return_result(ws, dossier_no)


def warehouse_candidates(ws: Workspace, dossier_no: str, component_id: str) -> list[WarehouseDoc]:
    return list(_reuse().ui_candidates(ws, dossier_no, component_id))


def attach_from_warehouse(ws: Workspace, dossier_no: str, component_id: str, code: str) -> None:
    _reuse().ui_attach(ws, dossier_no, component_id, code)
