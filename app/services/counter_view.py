"""What the counter's warehouse-first and portal-account widgets need from the services
(``app.services.reuse``, ``app.services.portal``). Every function runs on a worker thread and
returns small dataclasses; none imports Qt."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.domain.errors import MotcuaError
from app.domain.records import ComponentState
from app.domain.warehouse import CheckOutcome, ComponentCheck
from app.services import originals
from app.services.digitize import latest_session
from app.services.originals import SpecialKind, import_originals
from app.services.portal import PortalStep, record_step, request_link, state_of
from app.services.submit import client_from
from app.store.workspace import Workspace


@dataclass(frozen=True)
class CheckRow:
    component_id: str
    outcome: str  # CheckOutcome value
    codes: tuple[str, ...]
    note_vi: str
    note_en: str


@dataclass(frozen=True)
class Candidate:
    code: str
    type_name: str
    title: str
    issuer: str
    issued: str
    decision_no: str
    abstract: str
    uses: int
    status: str  # VALID / INDETERMINATE / INVALID
    verdict_vi: str
    verdict_en: str
    usable: bool
    refusal_vi: str
    refusal_en: str
    metadata: dict[str, str] = field(default_factory=dict)


def _row(c: ComponentCheck) -> CheckRow:
    return CheckRow(c.component_id, c.outcome.value, c.codes, c.note_vi, c.note)


def _client(ws: Workspace) -> Any:
    """A client logged in as the session's officer (``ws.session``, in memory only)."""
    return client_from(ws)


def recorded_checks(ws: Workspace, dossier_no: str) -> dict[str, CheckRow]:
    from app.services.reuse import checks  # noqa: PLC0415 - heavy: first warehouse use

    return {k: _row(v) for k, v in checks(ws, dossier_no).items()}


def check_warehouse(task: Any, ws: Workspace, dossier_no: str, *, again: bool = False) -> dict[str, CheckRow]:
    """Check every reusable component at once (progress per component, cancellable). Without a
    configured server the check is impossible; that is recorded and scanning may go on."""
    from app.services import reuse  # noqa: PLC0415 - heavy: first warehouse use

    if not ws.settings.server_url:
        dossier = ws.dossiers.get(dossier_no)
        done = reuse.checks(ws, dossier_no)

        for comp in dossier.components:
            if comp.reusable and comp.component_id not in done and comp.state in (ComponentState.PENDING,
                                                                                  ComponentState.TO_SCAN):
                reuse.record_check(ws, dossier_no, comp.component_id, CheckOutcome.OFFLINE, [],
                                   "No provincial server configured", "Chưa cấu hình máy chủ hệ thống tỉnh")
        return recorded_checks(ws, dossier_no)

    def progress(i: int, n: int, c: ComponentCheck) -> None:
        task.progress(i, n, c.component_id)

    reuse.check_all(ws, _client(ws), dossier_no, progress=progress, cancel=task.cancel, again=again)
    return recorded_checks(ws, dossier_no)


def require_checked(ws: Workspace, dossier_no: str, component_id: str) -> str:
    from app.services.reuse import require_checked as gate  # noqa: PLC0415 - heavy: first warehouse use

    gate(ws, dossier_no, component_id)
    return component_id


def no_copy(ws: Workspace, dossier_no: str, component_id: str, note: str) -> CheckRow:
    from app.services.reuse import record_no_copy  # noqa: PLC0415 - heavy: first warehouse use

    return _row(record_no_copy(ws, dossier_no, component_id, note))


def take_paper(ws: Workspace, dossier_no: str, component_id: str, reason: str) -> None:
    from app.services.reuse import take_paper as paper  # noqa: PLC0415 - heavy: first warehouse use

    paper(ws, dossier_no, component_id, reason)


def candidates(ws: Workspace, dossier_no: str, component_id: str, query: str = "") -> list[Candidate]:
    """Every document of the owner's warehouse for this component (the unusable ones with why)."""
    from app.services.reuse import search  # noqa: PLC0415 - heavy: first warehouse use

    dossier = ws.dossiers.get(dossier_no)
    comp = dossier.component(component_id)
    found = search(ws, _client(ws), dossier.owner.id, comp.doc_type if comp else "", dossier=dossier_no,
                   query=query)
    return [Candidate(c.code, c.type_name, c.title, c.issuer, c.issued, c.decision_no, c.abstract,
                      c.use_count,
                      c.signature_status, c.signature_message_vi, c.signature_message_en, c.usable,
                      c.refusal_vi,
                      c.refusal_en, dict(c.metadata)) for c in found]


def preview(task: Any, ws: Workspace, dossier_no: str, code: str) -> list[bytes]:
    from app.services.reuse import preview as render  # noqa: PLC0415 - heavy: first warehouse use

    return render(ws, _client(ws), dossier_no, code, cancel=task.cancel)


def attach(ws: Workspace, dossier_no: str, component_id: str, code: str) -> None:
    from app.services.reuse import attach as take  # noqa: PLC0415 - heavy: first warehouse use

    take(ws, _client(ws), dossier_no, component_id, code)


def feedback(ws: Workspace, dossier_no: str, code: str, reason: str, note: str) -> bool:
    """True when the feedback reached the server, False when it waits in the outbox."""
    from app.services.reuse import feedback as send  # noqa: PLC0415 - heavy: first warehouse use

    try:
        client = _client(ws)
    except MotcuaError:
        client = None  # no server configured or no login: the outbox keeps it
    return not send(ws, client, code, reason, note, dossier_no)["queued"]


@dataclass(frozen=True)
class PortalView:
    state: str
    name: str
    steps_done: tuple[str, ...]
    guide_vi: tuple[str, ...]
    guide_en: tuple[str, ...]
    queued: bool


def _portal_client(ws: Workspace) -> Any:
    if not ws.settings.server_url:
        return None
    try:
        return _client(ws)
    except MotcuaError:
        return None


def _view(p: Any) -> PortalView:
    return PortalView(p.state, p.name, tuple(p.steps_done), tuple(p.guide_vi), tuple(p.guide_en), p.queued)


def portal_state(ws: Workspace, dossier_no: str) -> PortalView:
    return _view(state_of(ws, _portal_client(ws), dossier_no))


def portal_guided(ws: Workspace, dossier_no: str, state: str) -> PortalView:
    record_step(ws, dossier_no, PortalStep.GUIDED_CREATE if state == "none" else PortalStep.GUIDED_LINK)
    return _view(state_of(ws, _portal_client(ws), dossier_no))


def portal_request_link(ws: Workspace, dossier_no: str) -> PortalView:
    return _view(request_link(ws, _portal_client(ws), dossier_no))


@dataclass(frozen=True)
class ImportSummary:
    files: int
    pages: int
    signed: tuple[tuple[str, str], ...]  # (file, signature status) of signed PDFs kept as they are


def import_files(task: Any, ws: Workspace, dossier_no: str, component_id: str,
                 paths: list[str]) -> ImportSummary:
    res = import_originals(ws, dossier_no, component_id, [Path(p) for p in paths], cancel=task.cancel)
    return ImportSummary(len(res.files), sum(f.pages for f in res.files),
                         tuple((f.name, f.signature_status) for f in res.files if f.kind == "signed_pdf"))


def record_special(ws: Workspace, dossier_no: str, component_id: str, kind: str, reason: str) -> None:
    originals.record_special(ws, dossier_no, component_id, SpecialKind(kind), reason)


@dataclass(frozen=True)
class PortalStatus:
    state: str  # none | not_linked | linked | unknown
    name: str = ""
    guidance_vi: str = ""


def portal_status(ws: Workspace, owner_id: str) -> PortalStatus:
    """The owner's national-portal account status, from the provincial server when configured."""
    if not ws.settings.server_url:
        return PortalStatus("unknown")
    from app.services.reuse import portal_account  # noqa: PLC0415 - heavy: first warehouse use

    acc = portal_account(ws, client_from(ws), owner_id)
    return PortalStatus(str(acc.get("state", "unknown")), str(acc.get("name", "") or ""),
                        str(acc.get("guidance_vi", "") or ""))

def stopped_scans(ws: Workspace, dossier_no: str) -> set[str]:
    """The components whose last scan batch stopped on a fault (jam, device lost, crash): the
    checklist marks them failed until the scan is resumed."""
    out = set()
    for comp in ws.dossiers.get(dossier_no).components:
        rec = latest_session(ws, dossier_no, comp.component_id)
        if rec is not None and rec.resumable and rec.last_fault:
            out.add(comp.component_id)
    return out
