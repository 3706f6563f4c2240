"""Reception (tiếp nhận): identify the owner and the submitter, pick the procedure, open the
dossier with its components."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from app.domain.identifiers import OwnerId, parse_agency_code, parse_owner_id
from app.domain.records import Dossier
from app.services.catalogue import load_catalogue
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
    agency = parse_agency_code(request.agency or ws.settings.agency_code)
    dossier = ws.dossiers.create(
        owner, procedure, agency=agency, actor=ws.actor, submitter=submitter,
        owner_name=request.owner_name, submitter_name=request.submitter_name,
    )
    log.info("Dossier %s opened for owner %s, procedure %s", dossier.number, owner.masked, procedure.code)
    return dossier
