"""Reception (tiếp nhận): identify the owner and the submitter, pick the procedure, open the
dossier with its components."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from app.domain.errors import MotcuaError
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


def mark_not_provided(ws: Workspace, dossier_no: str, component_id: str) -> None:
    """The citizen did not bring this component (audited, as the officer)."""
    ws.dossiers.set_component_state(dossier_no, component_id, ComponentState.NOT_PROVIDED, actor=ws.actor)
