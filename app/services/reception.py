"""Reception (tiếp nhận): identify the owner and the submitter, pick the procedure, open the
dossier with its components."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from app.domain.errors import InvalidInput, MotcuaError
from app.domain.identifiers import OwnerId, parse_agency_code, parse_owner_id
from app.domain.records import ComponentState, Dossier
from app.services.catalogue import load_catalogue
from app.services.submit import client_from
from app.services.workstation import try_top_up
from app.store.numbers import NotRegistered, NumbersExhausted
from app.store.workspace import Workspace

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReceptionRequest:
    owner: str
    procedure: str
    submitter: str | None = None
    agency: str | None = None
    owner_name: str = ""
    submitter_name: str = ""


def open_dossier(ws: Workspace, request: ReceptionRequest) -> Dossier:
    """Validate the request and create the dossier. Raises InvalidInput / NotFound on bad input."""
    owner: OwnerId = parse_owner_id(request.owner)
    submitter = parse_owner_id(request.submitter) if request.submitter else None
    procedure = load_catalogue().get(request.procedure)
    ident = ws.numbers.identity()
    if ident is None:
        raise NotRegistered()
    agency = parse_agency_code(request.agency or ident.agency)

    def create() -> Dossier:
        return ws.dossiers.create(owner, procedure, agency=agency, actor=ws.actor, submitter=submitter,
                                  owner_name=request.owner_name, submitter_name=request.submitter_name)

    try:
        dossier = create()
    except NumbersExhausted:
        # The leased block is used up: lease more if the server answers now, else say so.
        try:
            topped = try_top_up(ws, client_from(ws, quick=True))
        except MotcuaError:  # no server configured or no login here: the officer reads why below
            topped = False
        if not topped:
            raise
        dossier = create()
    log.info("Dossier %s opened for owner %s, procedure %s", dossier.number, owner.masked, procedure.code)
    return dossier


def mark_not_provided(ws: Workspace, dossier_no: str, component_id: str, reason: str) -> None:
    """The citizen does not provide this component: recorded with the officer's reason in the
    audit chain (who, why, whether the procedure requires it). Refused without a reason, and for
    a component that already has its document (it would still be sent)."""
    reason = " ".join(reason.split())
    comp = ws.dossiers.get(dossier_no).component(component_id)
    if comp is None:
        raise InvalidInput(f"Dossier {dossier_no} has no component '{component_id}'",
                           f"Hồ sơ {dossier_no} không có thành phần '{component_id}'")
    if len(reason) < 3:
        raise InvalidInput(f"Marking '{comp.name}' as not provided needs the reason",
                           f"Ghi nhận không nộp '{comp.name}' cần ghi rõ lý do")
    if comp.state in (ComponentState.BUILT, ComponentState.SIGNED, ComponentState.REUSED):
        raise InvalidInput(f"'{comp.name}' already has its document ({comp.state.value}); it cannot be "
                           "marked "
                           "as not provided",
                           f"Thành phần '{comp.name}' đã có tài liệu; không thể ghi nhận là không nộp")
    ws.dossiers.set_component_state(dossier_no, component_id, ComponentState.NOT_PROVIDED, actor=ws.actor,
                                    details={"not_provided": reason, "required": comp.required})


def read_dossier(ws: Workspace, number: str) -> Dossier:
    """The dossier as stored now (one row and its components, by primary key): what the front
    ends show as the dossier being worked on. Raises ``NotFound`` for an unknown number."""
    return ws.dossiers.get(number)
