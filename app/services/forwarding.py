"""An earlier result managed by another agency (seed 002, section 3, step 1): which agency
manages it, what the rule of :mod:`app.domain.routing` decides for it, and carrying that out.

The sending workstation records the forward and queues it in the durable outbox in one
transaction (kind ``forward``: the file's upload, then the forward under its own key, so it
arrives exactly once); the sync loop reads the receiving agency's answers back
(:func:`pull_answers`) into the workspace and its audit chain. The receiving agency's side
(:func:`inbox`, :func:`check`) talks to the server directly: a person is waiting for it."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from app.domain.codes import document_file_name, vn_now
from app.domain.errors import InvalidInput, NotFound
from app.domain.identifiers import parse_agency_code
from app.domain.messages import Msg
from app.domain.records import DocumentRecord, DocumentSource
from app.domain.routing import (
    STATE_LABELS,
    CheckResult,
    ForwardFile,
    ForwardState,
    ResultRoute,
    RoutingDecision,
    route_result,
    state_after_check,
)
from app.services.catalogue import load_catalogue
from app.store.workspace import Workspace
from app.sync import outbox
from app.sync.client import Rejected, ServerUnavailable, SyncClient

log = logging.getLogger(__name__)
DESK_SETTING = "certification_desk"  # Settings.extra: "1" when a certification desk sits at the counter


@dataclass(frozen=True)
class Forward:
    id: int
    dossier_no: str
    component_id: str
    route: ResultRoute
    target_agency: str
    blob_sha: str
    signed: bool
    state: ForwardState
    outbox_id: int
    outbox_state: str
    server_id: str
    note: str
    checked_by: str
    created_at: str

    @property
    def label(self) -> Msg:
        return STATE_LABELS[self.state]

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "dossier_no": self.dossier_no, "component": self.component_id,
                "route": self.route.value, "target_agency": self.target_agency, "sha256": self.blob_sha,
                "signed": self.signed, "state": self.state.value, "outbox_item": self.outbox_id,
                "outbox_state": self.outbox_state, "server_id": self.server_id, "note": self.note,
                "checked_by": self.checked_by, "created_at": self.created_at,
                "label_vi": self.label.vi, "label_en": self.label.en}


# -- the agency setting and the managing agency ------------------------------------------------
def certification_desk(ws: Workspace) -> bool:
    return ws.settings.extra.get(DESK_SETTING, "") in ("1", "true", "yes")


def set_certification_desk(ws: Workspace, present: bool) -> None:
    """The agency's setting: a certification desk at the one-stop counter (administrators'
    business: an officer logged in with checked roles is refused)."""
    s = ws.session
    if s is not None and s.checked and not (s.has_role("agency_admin") or s.has_role("province_admin")):
        raise InvalidInput("Only an administrator changes the agency's certification-desk setting",
                           "Chỉ quản trị viên được thay đổi thiết lập bộ phận chứng thực của cơ quan")
    ws.settings.extra[DESK_SETTING] = "1" if present else "0"
    ws.save_settings()
    with ws.db.transaction() as conn:
        ws.audit.append(conn, "settings.certification_desk", actor=ws.actor, details={"present": present})


def set_managing_agency(ws: Workspace, number: str, component_id: str, agency: str) -> str:
    """The officer names the agency that manages a component's earlier result (its code)."""
    code = parse_agency_code(agency)
    _component(ws, number, component_id)
    now = vn_now().isoformat(timespec="seconds")
    with ws.db.transaction() as conn:
        conn.execute("INSERT INTO result_managers(dossier_no, component_id, agency, set_by, set_at) VALUES "
                     "(?,?,?,?,?) "
                     "ON CONFLICT(dossier_no, component_id) DO UPDATE SET agency = excluded.agency, "
                     "set_by = excluded.set_by, set_at = "
                     "excluded.set_at", (number, component_id, code, ws.actor, now))
        ws.audit.append(conn, "forward.managing_agency", actor=ws.actor, dossier=number,
                        details={"component": component_id, "agency": code})
    return code


def managing_agency(ws: Workspace, number: str, component_id: str) -> str:
    """The officer's choice, else the catalogue's, else ''."""
    with ws.db.read() as conn:
        row = conn.execute("SELECT agency FROM result_managers WHERE dossier_no = ? AND component_id = ?",
                           (number, component_id)).fetchone()
    if row is not None:
        return str(row["agency"])
    dossier = ws.dossiers.get(number)
    try:
        return load_catalogue().get(dossier.procedure_code).component(component_id).managed_by
    except NotFound:
        return ""


def decide(ws: Workspace, number: str, component_id: str) -> RoutingDecision:
    dossier = ws.dossiers.get(number)
    comp = _component(ws, number, component_id)
    return route_result(comp.category, managing_agency=managing_agency(ws, number, component_id),
                        own_agency=dossier.agency, certification_desk=certification_desk(ws))


def _component(ws: Workspace, number: str, component_id: str) -> Any:
    comp = ws.dossiers.get(number).component(component_id)
    if comp is None:
        raise NotFound(f"Dossier {number} has no component {component_id}",
                       f"Hồ sơ {number} không có thành phần {component_id}")
    return comp


# -- the sending workstation ------------------------------------------------------------------
def send(ws: Workspace, number: str, component_id: str, *, agency: str = "", note: str = "") -> Forward:
    """Forward the component's document as the rule decides (``agency``: name the managing
    agency now). Queued in the outbox; a document already forwarded is not forwarded twice."""
    if agency:
        set_managing_agency(ws, number, component_id, agency)
    decision = decide(ws, number, component_id)
    if decision.route is ResultRoute.NEEDS_AGENCY:
        raise InvalidInput(decision.why.en, decision.why.vi)
    if not decision.forwards:
        raise InvalidInput(f"{component_id}: nothing to forward ({decision.why.en})",
                           f"{component_id}: không cần chuyển ({decision.why.vi})")
    doc = _scanned_document(ws, number, component_id)
    signed = decision.file is ForwardFile.SIGNED
    sha = doc.signed_sha256 if signed else doc.pdf_sha256
    if not sha:
        raise InvalidInput(f"{component_id}: sign the document before forwarding it to "
                           f"{decision.target_agency}",
                           f"{component_id}: cần ký số tài liệu trước khi chuyển đến cơ quan "
                           f"{decision.target_agency}")
    if not ws.blobs.verify(sha, "pdf"):
        raise InvalidInput(f"{component_id}: the stored file no longer matches its hash",
                           f"{component_id}: tệp lưu trữ không còn khớp mã băm; cần tạo lại")
    dossier = ws.dossiers.get(number)
    comp = _component(ws, number, component_id)
    now = vn_now().isoformat(timespec="seconds")
    body = {"dossier_no": number, "component": component_id, "route": decision.route.value,
            "target_agency": decision.target_agency, "name": comp.name, "doc_type": comp.doc_type,
            "owner_id": dossier.owner.id, "signed": signed, "note": note.strip()[:1000]}
    with ws.db.transaction() as conn:
        row = conn.execute("SELECT id FROM forwards WHERE dossier_no = ? AND component_id = ? AND blob_sha "
                           "= ? "
                           "AND route = ?", (number, component_id, sha, decision.route.value)).fetchone()
        if row is not None:
            forward_id = int(row["id"])
        else:
            cur = conn.execute("INSERT INTO forwards(dossier_no, component_id, route, target_agency, "
                               "blob_sha, signed, "
                               "outbox_id, state, created_by, created_at) VALUES (?,?,?,?,?,?,0,?,?,?)",
                               (number, component_id, decision.route.value, decision.target_agency, sha,
                                int(signed),
                                ForwardState.QUEUED.value, ws.actor, now))
            forward_id = int(cur.lastrowid or 0)
            item = outbox.add_forward(ws, conn, number, forward_id, body,
                                      (sha, document_file_name(number, doc.ordinal), component_id))
            conn.execute("UPDATE forwards SET outbox_id = ? WHERE id = ?", (item, forward_id))
            ws.audit.append(conn, "forward.queued", actor=ws.actor, dossier=number, objects={"file": sha},
                            details={"forward": forward_id, "component": component_id,
                                     "route": decision.route.value,
                                     "target_agency": decision.target_agency, "signed": signed,
                                     "outbox": item})
    return get(ws, forward_id)


def forward_all(ws: Workspace, number: str) -> list[Forward]:
    """Forward every component of the dossier the rule forwards and whose file is ready (sending
    the dossier does this: seed 002's "đồng thời"). A component that cannot go yet (managing
    agency not named, not signed) is left for the officer; nothing is forwarded twice."""
    out = []
    for comp in ws.dossiers.get(number).components:
        try:
            if decide(ws, number, comp.component_id).forwards:
                out.append(send(ws, number, comp.component_id))
        except InvalidInput as exc:
            log.info("%s %s not forwarded: %s", number, comp.component_id, exc.message_en)
    return out


def _scanned_document(ws: Workspace, number: str, component_id: str) -> DocumentRecord:
    docs = [d for d in ws.documents.for_dossier(number,
                                                component_id) if d.source is not DocumentSource.WAREHOUSE]
    if not docs:
        raise InvalidInput(f"{component_id}: scan and build the document first",
                           f"{component_id}: cần quét và tạo tệp PDF trước khi chuyển")
    return docs[-1]


def _forward(r: Any) -> Forward:
    return Forward(int(r["id"]), r["dossier_no"], r["component_id"], ResultRoute(r["route"]),
                   r["target_agency"],
                   r["blob_sha"], bool(r["signed"]), ForwardState(r["state"]), int(r["outbox_id"]),
                   str(r["outbox_state"] or ""), r["server_id"], r["note"], r["checked_by"], r["created_at"])


_SELECT = "SELECT f.*, o.state AS outbox_state FROM forwards f LEFT JOIN outbox o ON o.id = f.outbox_id"


def get(ws: Workspace, forward_id: int) -> Forward:
    with ws.db.read() as conn:
        r = conn.execute(_SELECT + " WHERE f.id = ?", (forward_id,)).fetchone()
    if r is None:
        raise NotFound(f"No forwarded document {forward_id}", f"Không có tài liệu chuyển số {forward_id}")
    return _forward(r)


def forwards(ws: Workspace, number: str | None = None) -> list[Forward]:
    sql, params = _SELECT, []
    if number:
        sql += " WHERE f.dossier_no = ?"
        params.append(number)
    with ws.db.read() as conn:
        return [_forward(r) for r in conn.execute(sql + " ORDER BY f.id", params)]


def component_states(ws: Workspace, number: str) -> dict[str, Forward]:
    """The latest forward of each component of a dossier (the components list shows its label)."""
    return {f.component_id: f for f in forwards(ws, number)}


ANSWERS_PAGE = 500  # the server's page of answers (app/refserver/forward_routes.py MAX_LIST)
MAX_FORWARDED_BYTES = 200 * 1024 * 1024  # a forwarded document read by the receiving agency


def pull_answers(ws: Workspace, client: SyncClient) -> list[Forward]:
    """Read the answers on this agency's forwards checked since the last one this workspace
    applied (page by page: the other workstations' answers come too); apply those on this
    workspace's forwards, each once, into the audit chain."""
    with ws.db.read() as conn:
        since = float(conn.execute("SELECT COALESCE(MAX(checked_at), 0) FROM forwards").fetchone()[0])
    changed = []
    while True:
        items = list(client.json("GET", "/api/v1/forwards/answers", params={"since": since}).get("items", []))
        for a in items:
            if (applied := _apply_answer(ws, a)) is not None:
                changed.append(applied)
        if len(items) < ANSWERS_PAGE:
            return changed
        since = max(float(a.get("checked_at", 0)) for a in items)


def _apply_answer(ws: Workspace, a: dict[str, Any]) -> Forward | None:
    try:
        state = state_after_check(CheckResult(str(a.get("result"))))
    except ValueError:
        log.warning("Unknown check result %r on forward %s", a.get("result"), a.get("id"))
        return None
    with ws.db.transaction() as conn:
        row = conn.execute("SELECT id, dossier_no FROM forwards WHERE server_id = ? AND state IN ('queued', "
                           "'sent')",
                           (str(a["id"]),)).fetchone()
        if row is None:
            return None  # another workstation's forward, or already read
        conn.execute("UPDATE forwards SET state = ?, note = ?, checked_by = ?, checked_at = ? WHERE id = ?",
                     (state.value, str(a.get("result_note", "")), str(a.get("checked_by", "")),
                      float(a.get("checked_at", 0)), row["id"]))
        ws.audit.append(conn, f"forward.{state.value}", actor=ws.actor, dossier=row["dossier_no"],
                        details={"forward": int(row["id"]), "server_id": str(a["id"]),
                                 "checked_by": a.get("checked_by", ""), "note": a.get("result_note", ""),
                                 "agency": a.get("target_agency", "")})
    return get(ws, int(row["id"]))


def poll(ws: Workspace, client: SyncClient) -> list[Forward]:
    """The status loop's step: answers read when the server is there, nothing lost otherwise."""
    try:
        return pull_answers(ws, client)
    except (ServerUnavailable, Rejected) as exc:
        log.warning("Forward answers not read: %s", exc.message_en)
        return []


# -- the receiving agency (managing agency or certification desk) ---------------------------
def inbox(client: SyncClient, *, state: str = "") -> list[dict[str, Any]]:
    return list(client.json("GET", "/api/v1/forwards/inbox",
                            params={"state": state} if state else {})["items"])


def forwarded_file(client: SyncClient, server_id: str) -> bytes:
    """The forwarded document (a PDF), refused when larger than ``MAX_FORWARDED_BYTES``."""
    resp = client.request("GET", f"/api/v1/forwards/{server_id}/file")
    if (int(resp.headers.get("content-length") or 0) > MAX_FORWARDED_BYTES
            or len(resp.content) > MAX_FORWARDED_BYTES):
        raise InvalidInput(f"forwarded document {server_id} is larger than {MAX_FORWARDED_BYTES} bytes",
                           f"Tài liệu được chuyển {server_id} quá lớn")
    return bytes(resp.content)


def check(ws: Workspace, client: SyncClient, server_id: str, result: CheckResult, note: str = "") -> dict[str,
                                                                                                          Any]:
    """The receiving agency's answer on a forwarded document, recorded in this workspace's
    audit chain too."""
    if result is CheckResult.DOES_NOT_MATCH and len(note.strip()) < 5:
        raise InvalidInput("'does not match' needs a note (at least 5 characters)",
                           "Kết quả 'không khớp' cần ghi rõ lý do (ít nhất 5 ký tự)")
    reply = dict(client.json("POST", f"/api/v1/forwards/{server_id}/check",
                             json={"result": result.value, "note": note.strip()},
                             headers={"Idempotency-Key": outbox.new_key()}))
    with ws.db.transaction() as conn:
        ws.audit.append(conn, "forward.check", actor=ws.actor,
                        dossier=str(reply.get("dossier_no", "")) or None,
                        objects={"file": str(reply.get("sha256", ""))},
                        details={"server_id": server_id, "result": result.value, "note": note.strip(),
                                 "from_agency": reply.get("from_agency", "")})
    return reply
