"""This workspace as a workstation of its agency: registration with the provincial system and
the blocks of dossier numbers it leases ahead, so reception never waits for the network."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from app.domain.codes import vn_now, vn_today
from app.domain.errors import InvalidInput
from app.domain.identifiers import parse_agency_code
from app.store.numbers import Identity, Lease
from app.store.workspace import Workspace
from app.sync.client import Rejected, ServerUnavailable, SyncClient
from app.sync.outbox import new_key

log = logging.getLogger(__name__)

BLOCK = 20  # numbers per lease
LOW_WATER = 5  # top up when fewer remain for a day
DAYS_AHEAD = 1  # today and tomorrow are leased in advance


def register(ws: Workspace, client: SyncClient, *, agency: str, name: str,
             workstation_id: str = "") -> dict[str, Any]:
    """Register (or re-register, after a reinstall) this workspace as a workstation of ``agency``.
    The server keeps the id of a known name and revokes every block leased before; the blocks
    this workspace held are dropped too, and fresh ones are leased."""
    agency = parse_agency_code(agency)
    if not name.strip():
        raise InvalidInput("The workstation needs a name (e.g. 'Quầy "
                           "1')", "Máy trạm cần có tên (ví dụ 'Quầy 1')")
    reply = client.register_workstation(agency, name.strip(), key=new_key(), workstation_id=workstation_id)
    ident = Identity(str(reply["workstation_id"]), agency, name.strip(), client.config.base_url,
                     vn_now().isoformat(timespec="seconds"))
    with ws.db.transaction() as conn:
        ws.numbers.set_identity(conn, ident)
        ws.audit.append(conn, "workstation.register", actor=ws.actor,
                        details={"workstation_id": ident.workstation_id, "agency": agency, "name": ident.name,
                                 "server": ident.server, "reinstalled": bool(reply.get("reinstalled"))})
    ws.settings.server_url = client.config.base_url
    ws.settings.agency_code = agency
    ws.save_settings()
    client.workstation_id = ident.workstation_id
    top_up(ws, client)
    return show(ws) | {"reinstalled": bool(reply.get("reinstalled"))}


def top_up(ws: Workspace, client: SyncClient, *, block: int = BLOCK, low_water: int = LOW_WATER) -> int:
    """Lease more numbers for today and the days ahead where fewer than ``low_water`` remain.
    Returns how many numbers were added. Needs the network; callers decide what failing means."""
    ident = ws.numbers.identity()
    if ident is None:
        return 0
    client.workstation_id = ident.workstation_id
    added = 0
    for ahead in range(DAYS_AHEAD + 1):
        day = (vn_today() + timedelta(days=ahead)).isoformat()
        if ws.numbers.remaining(day) >= low_water:
            continue
        got = client.lease_numbers(ident.workstation_id, day, block, key=new_key())
        lease = Lease(str(got["lease_id"]), str(got["agency"]), str(got["day"]), int(got["first"]),
                      int(got["last"]),
                      int(got["first"]))
        with ws.db.transaction() as conn:
            ws.numbers.add_lease(conn, lease)
            ws.audit.append(conn, "workstation.lease", actor=ws.actor,
                            details={"lease": lease.lease_id, "day": lease.day, "first": lease.first,
                                     "last": lease.last})
        added += lease.last - lease.first + 1
    return added


def try_top_up(ws: Workspace, client: SyncClient) -> bool:
    """Top up if the server answers; offline is fine (the leased blocks carry on)."""
    try:
        top_up(ws, client)
    except (ServerUnavailable, Rejected) as exc:
        log.warning("Could not lease more dossier numbers now: %s", exc.message_en)
        return False
    return True


def show(ws: Workspace) -> dict[str, Any]:
    ident = ws.numbers.identity()
    today = vn_today().isoformat()
    leases = ws.numbers.leases()
    return {
        "server": ws.settings.server_url if ident is None else ident.server,
        "agency": ident.agency if ident else None,
        "workstation_id": ident.workstation_id if ident else None,
        "name": ident.name if ident else None,
        "registered": ident is not None,
        "numbers_leased": sum(lease.last - lease.first + 1 for lease in leases),
        "numbers_left_today": sum(lease.remaining for lease in leases if lease.day == today),
        "leases": [{"day": lease.day, "first": lease.first, "last": lease.last,
                    "next": lease.next} for lease in leases],
    }
