"""What the Sign and Send screens need from the signing, submitting and reuse services.

Screens speak these dataclasses; the functions map them onto ``app.services.signing``,
``app.services.submit`` and ``app.services.reuse`` (owned by the sign and sync areas). All run
on worker threads. The PIN is passed through, never kept.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.domain.errors import InvalidInput
from app.domain.messages import Msg
from app.domain.signing_policy import KeyOption, KeyRole, choose_key, role_to_preselect
from app.services import submit
from app.services.catalogue import load_catalogue
from app.services.submit import OutboxState, client_from, enqueue, outbox_items, province_statuses, run
from app.services.task import TaskContext
from app.sign.tokens import list_tokens
from app.store.workspace import Workspace

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CertChoice:
    token_label: str
    key_label: str
    subject: str
    kind: str  # officer | agency
    not_after: str = ""  # dd/mm/yyyy, shown
    problem_vi: str = ""  # why this certificate may not sign (expired, no signing usage)
    problem_en: str = ""
    pin_warning_vi: str = ""  # few tries left / last try / locked, read from the token's flags
    pin_warning_en: str = ""
    module: str = ""
    not_after_ts: float = 0.0  # the same expiry, for the choice of key


@dataclass(frozen=True)
class DocToSign:
    doc_id: int
    component_id: str
    name: str
    signed: bool
    role: str = "officer"  # the key this document needs: officer | agency (app.domain.signing_policy)


@dataclass(frozen=True)
class SignOutcome:
    doc_id: int
    ok: bool
    message: Msg = Msg(vi="", en="")


@dataclass(frozen=True)
class OutboxRow:
    item_id: str
    dossier_no: str
    kind: str
    state: OutboxState
    attempts: int
    reason_vi: str = ""
    reason_en: str = ""
    updated: str = ""  # dd/MM/yyyy HH:mm, Vietnam time
    province: str = ""  # the province's status of the dossier, "9 — Đã xử lý xong", once read back


@dataclass(frozen=True)
class WarehouseDoc:
    code: str
    type_name: str
    issued: str
    issuer: str
    uses: int


def certificates(ws: Workspace, module: str) -> list[CertChoice]:
    """Certificates on the tokens of ``module`` (read without login)."""
    if not module:
        raise InvalidInput("No PKCS#11 module configured", "Chưa chọn thư viện PKCS#11 của token (Cài đặt)")
    out: list[CertChoice] = []
    for tok in list_tokens(module):
        warn_vi, warn_en = "", ""
        if tok.pin_locked:
            warn_vi, warn_en = "token đã bị khóa", "token locked"
        elif tok.pin_final_try:
            warn_vi, warn_en = "chỉ còn 1 lần nhập PIN", "last PIN try"
        elif tok.pin_count_low:
            warn_vi, warn_en = "còn ít lần nhập PIN", "few PIN tries left"
        for c in tok.certificates:
            out.append(CertChoice(tok.label, c.label, c.common_name or c.subject, c.role.value,
                                  c.not_after.strftime("%d/%m/%Y"), c.problem_vi, c.problem_en, warn_vi,
                                  warn_en,
                                  module, c.not_after.timestamp()))
    return out


def preferred_certificate(certs: list[CertChoice], docs: list[DocToSign]) -> int:
    """Row of the certificate to preselect (domain.signing_policy: the role the waiting documents
    need first, then ``choose_key``, the rule the CLI uses too); -1 when the token holds no key
    of that role."""
    role = role_to_preselect([KeyRole(d.role) for d in docs if not d.signed])
    row = choose_key([KeyOption(KeyRole(c.kind), not c.problem_en, c.not_after_ts,
                                c.key_label) for c in certs], role)
    return -1 if row is None else row


def documents_to_sign(ws: Workspace, dossier_no: str) -> list[DocToSign]:
    from app.services.signing import document_role  # noqa: PLC0415 - pyHanko: loaded on first use

    dossier = ws.dossiers.get(dossier_no)
    cat = load_catalogue()
    out = []
    for doc in ws.documents.for_dossier(dossier_no):
        if doc.source.value == "warehouse":
            continue  # reused documents already carry their issuer's signature
        comp = dossier.component(doc.component_id)
        name = f"{doc.ordinal}. {comp.name if comp else cat.doc_type_name(doc.type_code)}"
        out.append(DocToSign(int(doc.id or 0), doc.component_id, name, bool(doc.signed_sha256),
                             document_role(dossier, doc).value))
    return out


def sign(ctx: TaskContext, ws: Workspace, dossier_no: str, cert: CertChoice, pin: str, *,
         confirm_agency: bool = False) -> list[SignOutcome]:
    """Sign the dossier's unsigned documents this key must sign (``app.services.signing``):
    the officer's key its digitized components, the agency's key (confirmed) its certified copies."""
    from app.services.signing import sign_dossier  # noqa: PLC0415 - pyHanko: loaded on first use

    results = sign_dossier(ws, dossier_no, module=cert.module or ws.settings.pkcs11_module, pin=pin,
                           key_label=cert.key_label, token_label=cert.token_label,
                           confirm_agency=confirm_agency,
                           progress=lambda i, n, _p: ctx.progress(i, n, ""), cancel=ctx.cancel)
    outcomes = []
    for item in results:
        doc_id, res = int(item.document.id or 0), item.result
        if res.ok and res.needs_timestamp:
            outcome = SignOutcome(doc_id, True, Msg(vi="chưa có dấu thời gian, cần đóng dấu thời gian sau",
                                                    en="no timestamp yet, to be added later"))
        elif res.ok and res.needs_revocation_info:
            outcome = SignOutcome(doc_id, True, Msg(vi="mức B-T; thông tin thu hồi chứng thư sẽ bổ sung sau",
                                                    en="level B-T; revocation info to be added later"))
        else:
            outcome = SignOutcome(doc_id, res.ok, Msg(vi=res.error_vi, en=res.error_en))
        ctx.emit(outcome)
        outcomes.append(outcome)
    return outcomes


def _client(ws: Workspace) -> Any:
    """A client logged in as the session's officer (``ws.session``, in memory only)."""
    return client_from(ws)


def _rows(ws: Workspace) -> list[OutboxRow]:
    def when(iso: str | None) -> str:
        try:
            return datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M") if iso else ""
        except ValueError:
            return iso or ""

    items = outbox_items(ws)
    statuses = province_statuses(ws, sorted({i.dossier_no for i in items if i.kind == "dossier"}), sep=" — ")
    return [OutboxRow(str(i.id), i.dossier_no, i.kind, i.state, i.attempts, i.last_error_vi, i.last_error,
                      when(i.sent_at or i.created_at),
                      statuses.get(i.dossier_no, "") if i.kind == "dossier" else "")
            for i in items]


def outbox(ws: Workspace) -> list[OutboxRow]:
    return _rows(ws)


def _run(ctx: TaskContext, ws: Workspace) -> list[OutboxRow]:
    report = run(ws, _client(ws), progress=lambda _i, done, total: ctx.progress(done, total, ""),
                 cancel=ctx.cancel)
    if report.offline:
        log.info("Outbox waits: %s", report.error_en)
    return _rows(ws)


def send_dossier(ctx: TaskContext, ws: Workspace, dossier_no: str) -> list[OutboxRow]:
    """Queue the dossier (durable) and try to send everything waiting; offline, it just waits."""
    enqueue(ws, dossier_no)
    return _run(ctx, ws)


def retry(ctx: TaskContext, ws: Workspace) -> list[OutboxRow]:
    return _run(ctx, ws)


def return_result(ws: Workspace, dossier_no: str) -> None:
    submit.return_result(ws, dossier_no)


@dataclass
class WarehouseProposal:
    attached: WarehouseDoc | None
    choices: list[WarehouseDoc]
    refused: list[tuple[WarehouseDoc, str, str]]  # document, reason vi, reason en


def _doc(c: Any) -> WarehouseDoc:
    return WarehouseDoc(c.code, c.type_name, c.issued, c.issuer, c.use_count)


def warehouse_propose(ws: Workspace, dossier_no: str, component_id: str) -> WarehouseProposal:
    """Exactly one valid match is attached at once; several are offered; invalid ones are refused."""
    from app.services.reuse import propose  # noqa: PLC0415 - heavy: first warehouse use

    p = propose(ws, _client(ws), dossier_no, component_id)
    return WarehouseProposal(_doc(p.attached) if p.attached else None, [_doc(c) for c in p.choices],
                             [(_doc(c), c.signature_message_vi, c.signature_message_en) for c in p.refused])


def warehouse_candidates(ws: Workspace, dossier_no: str, component_id: str) -> list[WarehouseDoc]:
    from app.services.reuse import search  # noqa: PLC0415 - heavy: first warehouse use

    dossier = ws.dossiers.get(dossier_no)
    comp = dossier.component(component_id)
    return [_doc(c) for c in search(ws, _client(ws), dossier.owner.id, comp.doc_type if comp else "",
                                    dossier=dossier_no)
            if c.usable]


def attach_from_warehouse(ws: Workspace, dossier_no: str, component_id: str, code: str) -> None:
    from app.services.reuse import attach  # noqa: PLC0415 - heavy: first warehouse use

    attach(ws, _client(ws), dossier_no, component_id, code)
