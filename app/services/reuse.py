"""Reusing documents from the owner's data warehouse (Kho dữ liệu cá nhân, tổ chức).

For a component whose document type can be an earlier result: search the owner's warehouse,
verify each candidate's signature, and then: exactly one valid match is attached
automatically; several are offered to the officer ("Lấy từ kho"); none sends the component to
scanning. An invalid or untrusted file is never attached; the officer sees why and can file
feedback. Each reuse is recorded on the server (use count) and counted towards the reuse rate."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.domain.codes import vn_now, vn_today
from app.domain.errors import InvalidInput
from app.domain.records import ComponentState, DocumentRecord, DocumentSource, DossierState
from app.services.catalogue import load_catalogue
from app.sign.verify import VALID, verify_pdf
from app.store.workspace import Workspace
from app.sync import outbox
from app.sync.client import SyncClient

log = logging.getLogger(__name__)
REUSE_TARGET = 0.60  # the district's 2024 target (seed 000)


@dataclass
class Candidate:
    code: str
    type: str
    type_name: str
    issuer: str
    issued: str
    use_count: int
    title: str
    signature_status: str
    signature_message_vi: str
    signature_message_en: str

    @property
    def usable(self) -> bool:
        return self.signature_status == VALID


@dataclass
class ReuseProposal:
    component_id: str
    attached: Candidate | None = None
    choices: list[Candidate] = field(default_factory=list)  # several valid: the officer picks
    refused: list[Candidate] = field(default_factory=list)  # found but not usable (signature)

    @property
    def outcome(self) -> str:
        return "attached" if self.attached else "choose" if self.choices else "scan"


def trust_dir(ws: Workspace) -> Path | None:
    return Path(ws.settings.trust_dir) if ws.settings.trust_dir else None


def portal_account(ws: Workspace, client: SyncClient, owner_id: str) -> dict[str, Any]:
    """none / not_linked / linked, with the guidance the officer gives (seed 002, step 2)."""
    acc = client.account(owner_id)
    guidance = {
        "none": "Hướng dẫn công dân tạo tài khoản trên Cổng Dịch vụ công quốc gia; hồ sơ vẫn được tiếp nhận",
        "not_linked": "Hướng dẫn công dân liên kết tài khoản Cổng Dịch vụ công quốc gia với Hệ thống một cửa điện tử tỉnh",
        "linked": "Tài khoản đã liên kết",
    }
    return {**acc, "guidance_vi": guidance.get(acc.get("state", ""), "")}


def _candidate(ws: Workspace, client: SyncClient, doc: dict[str, Any], dossier: str) -> tuple[Candidate, bytes]:
    data = client.fetch_document(doc["code"], dossier=dossier)
    report = verify_pdf(data, trust_dir=trust_dir(ws), name=f"{doc['code']}.pdf")
    return Candidate(doc["code"], doc["type"], doc["type_name"], doc["issuer"], doc["issued"], int(doc["use_count"]),
                     doc.get("title", ""), report.status, report.message_vi, report.message_en), data


_CLOSED = (DossierState.RESULT_RETURNED,)


def purpose_of(ws: Workspace, owner: str) -> str:
    """The dossier a warehouse read serves when none is named: the newest open dossier of that
    owner at this workstation (the server refuses a read without one)."""
    for d in ws.dossiers.list(query=owner, limit=200):
        if d.owner.id == owner and d.state not in _CLOSED:
            return d.number
    raise InvalidInput(f"No open dossier of {owner} at this workstation: the warehouse is read only to serve a dossier",
                       f"Chưa có hồ sơ đang tiếp nhận của công dân {owner}: chỉ tra cứu kho dữ liệu để phục vụ một hồ sơ")


def search(ws: Workspace, client: SyncClient, owner: str, doc_type: str = "", *, dossier: str = "") -> list[Candidate]:
    """The owner's documents, read for ``dossier`` (default: :func:`purpose_of`)."""
    dossier = dossier or purpose_of(ws, owner)
    return [_candidate(ws, client, d, dossier)[0] for d in client.search_documents(owner, doc_type, dossier=dossier)]


def propose(ws: Workspace, client: SyncClient, dossier_no: str, component_id: str) -> ReuseProposal:
    dossier = ws.dossiers.get(dossier_no)
    comp = dossier.component(component_id)
    if comp is None:
        raise InvalidInput(f"No component {component_id}", f"Không có thành phần {component_id}")
    proposal = ReuseProposal(component_id)
    if not comp.reusable:
        return proposal
    found = [(_c, data) for _c, data in (_candidate(ws, client, d, dossier_no)
                                         for d in client.search_documents(dossier.owner.id, comp.doc_type, dossier=dossier_no))]
    valid = [c for c, _ in found if c.usable]
    proposal.refused = [c for c, _ in found if not c.usable]
    if len(valid) == 1:
        attach(ws, client, dossier_no, component_id, valid[0].code)
        proposal.attached = valid[0]
    else:
        proposal.choices = valid
    return proposal


def attach(ws: Workspace, client: SyncClient, dossier_no: str, component_id: str, code: str) -> DocumentRecord:
    """Verify again, store the file, record the document and the use (on the server too)."""
    dossier = ws.dossiers.get(dossier_no)
    comp = dossier.component(component_id)
    if comp is None:
        raise InvalidInput(f"No component {component_id}", f"Không có thành phần {component_id}")
    data = client.fetch_document(code, dossier=dossier_no)
    report = verify_pdf(data, trust_dir=trust_dir(ws), name=f"{code}.pdf")
    if report.status != VALID:
        raise InvalidInput(f"{code} cannot be reused: {report.message_en}",
                           f"Không thể lấy từ kho {code}: {report.message_vi}")
    blob = ws.blobs.put_bytes(data, "pdf")
    with ws.db.transaction() as conn:
        doc = ws.documents.add(conn, DocumentRecord(dossier_no, component_id, 0, DocumentSource.WAREHOUSE, blob.sha256,
                                                    signed_sha256=blob.sha256, code=code, type_code=comp.doc_type,
                                                    metadata={"signer": report.signatures[0].signer if report.signatures else ""}))
        conn.execute("INSERT OR REPLACE INTO reuse_log(dossier_no, component_id, code, officer, procedure_code, day, created_at) "
                     "VALUES (?,?,?,?,?,?,?)", (dossier_no, component_id, code, ws.actor, dossier.procedure_code,
                                                vn_today().isoformat(), vn_now().isoformat(timespec="seconds")))
        ws.audit.append(conn, "warehouse.reuse", actor=ws.actor, dossier=dossier_no, objects={"pdf": blob.sha256},
                        details={"component": component_id, "code": code})
        use_item = outbox.add_use(ws, conn, dossier_no, code, f"use-{dossier_no}-{component_id}-{code}")
    ws.dossiers.set_component_state(dossier_no, component_id, ComponentState.REUSED, actor=ws.actor, details={"code": code})
    outbox.deliver_use(ws, client, use_item)  # now if the server answers, else with the next outbox run
    return doc


def take_paper(ws: Workspace, dossier_no: str, component_id: str, reason: str) -> None:
    """The paper disagrees with the electronic data: scan the paper instead (seed 000, point 4)."""
    if len(reason.strip()) < 5:
        raise InvalidInput("Taking the paper instead needs a reason", "Dùng bản giấy thay bản điện tử cần ghi lý do")
    ws.dossiers.set_component_state(dossier_no, component_id, ComponentState.TO_SCAN, actor=ws.actor,
                                    details={"paper_instead": reason.strip()})


def feedback(client: SyncClient, code: str, reason: str, note: str = "") -> dict[str, Any]:
    return client.feedback(code, reason, note, key=f"feedback-{code}-{reason}-{abs(hash(note)) % 10**8}")


def reuse_rate(ws: Workspace, day: str | None = None) -> dict[str, Any]:
    """Reused components / reusable components, per officer and per procedure, with dossiers
    that reused at least one document, against the 60% target."""
    cat = load_catalogue()
    day = day or vn_today().isoformat()
    dossiers = ws.dossiers.list(day=day, limit=100_000)
    with ws.db.read() as conn:
        reused = {(r["dossier_no"], r["component_id"]) for r in conn.execute("SELECT * FROM reuse_log WHERE day = ?", (day,))}
    by: dict[str, dict[str, list[int]]] = {"officer": {}, "procedure": {}}
    total = hits = dossiers_with = 0
    for d in dossiers:
        reusable = [c for c in d.components if c.reusable]
        n_hit = sum(1 for c in reusable if (d.number, c.component_id) in reused)
        total += len(reusable)
        hits += n_hit
        dossiers_with += 1 if n_hit else 0
        for key, val in (("officer", d.created_by), ("procedure", d.procedure_code)):
            acc = by[key].setdefault(val, [0, 0])
            acc[0] += n_hit
            acc[1] += len(reusable)
    rate = hits / total if total else 0.0
    return {
        "day": day, "components_reused": hits, "components_reusable": total, "rate": round(rate, 4),
        "dossiers": len(dossiers), "dossiers_with_reuse": dossiers_with, "target": REUSE_TARGET,
        "meets_target": rate >= REUSE_TARGET,
        "by_officer": {k: {"reused": v[0], "reusable": v[1]} for k, v in by["officer"].items()},
        "by_procedure": {k: {"reused": v[0], "reusable": v[1], "name": cat.get(k).name} for k, v in by["procedure"].items()},
    }
