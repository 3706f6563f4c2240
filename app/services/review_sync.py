"""The supervisor's desk across the agency: what a workstation sends the server for review (the
dossier's *packet*), the supervisor's calls to the server (queue, dossier, draw, pick,
decision) and the officers' side (reading the decisions and reopening what was sent back).

Packets and decisions go through the durable outbox (kinds ``review_packet`` and
``review_decision``), so nothing is lost when the server is away; a decision is also tried at
once, because the supervisor is waiting for it."""

from __future__ import annotations

import io
import json
import logging
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from PIL import Image

from app.domain.codes import vn_now
from app.domain.errors import InvalidInput, NotFound
from app.domain.metadata_check import check_document_metadata
from app.domain.records import DocumentSource, DossierState
from app.scan.session import SessionStore
from app.services.digitize import session_qc
from app.services.review import overridden_dossiers
from app.sign.verify import verify_pdf
from app.store.workspace import Workspace
from app.sync import outbox
from app.sync.client import Rejected, ServerUnavailable, SyncClient

log = logging.getLogger(__name__)
PACKET_KIND, DECISION_KIND = "review_packet", "review_decision"
AUDIT_ENTRIES_SENT = 500  # the newest entries of the dossier's trail that travel with its packet


@dataclass(frozen=True)
class ComponentReason:
    component: str
    reason: str


@dataclass(frozen=True)
class RemoteDecision:
    decision_id: str
    dossier_no: str
    reviewer: str
    officer: str
    decision: str
    reason: str
    components: list[ComponentReason] = field(default_factory=list)
    version: int = 1
    at: float = 0.0


# -- the officer's workstation: the packet ----------------------------------------------------
def build_packet(ws: Workspace, number: str, *, verify_signatures: bool = True) -> dict[str, Any]:
    """Everything the supervisor checks about a dossier this workstation holds."""
    dossier = ws.dossiers.get(number)
    store = SessionStore(ws)
    components = []
    for comp in dossier.components:
        pages: list[dict[str, Any]] = []
        findings: list[dict[str, Any]] = []
        for s in store.for_component(number, comp.component_id):
            report = session_qc(ws, s.id, thorough_integrity=False)
            for p in report.pages:
                m = p.measures
                pages.append({"session": s.id, "index": p.index + 1, "sha256": p.sha256, "dpi": p.dpi,
                              "width": p.width, "height": p.height, "sheet": p.sheet, "side": p.side,
                              "measures": None if m is None else {
                                  "skew_deg": m.skew_deg, "sharpness": m.sharpness, "blank": m.blank,
                                  "blurred": m.blurred, "cut_off": list(m.cut_off), "too_dark": m.too_dark,
                                  "too_light": m.too_light, "streaks": m.streaks,
                                  "sticky_note": m.sticky_note}})
            for f in report.findings:
                findings.append({"session": s.id, "key": f.key, "rule": f.rule, "severity": f.severity.value,
                                 "page": f.page, "message_vi": f.message_vi, "message_en": f.message_en,
                                 "overridden": report.overridden.get(f.key, "")})
        docs = [{"ordinal": d.ordinal, "source": d.source.value,
                 "pages": str(d.metadata.get("PageAmount", "")),
                 "signed": bool(d.signed_sha256), "sha256": d.signed_sha256 or d.pdf_sha256}
                for d in ws.documents.for_dossier(number, comp.component_id)]
        components.append({"id": comp.component_id, "name": comp.name, "state": comp.state.value,
                           "required": comp.required, "reusable": comp.reusable, "pages": pages,
                           "findings": findings, "documents": docs})
    overrides = overridden_dossiers(ws, [number]).get(number, [])
    metadata_problems, signatures, reused = [], [], []
    for doc in ws.documents.for_dossier(number):
        for problem in check_document_metadata(doc.metadata) if doc.source is DocumentSource.SCAN else []:
            metadata_problems.append({"component": doc.component_id, "ordinal": doc.ordinal,
                                      **asdict(problem)})
        if doc.source is DocumentSource.WAREHOUSE:
            reused.append({"component": doc.component_id, "code": doc.code or "", "type": doc.type_code,
                           "sha256": doc.pdf_sha256, "signer": str(doc.metadata.get("signer", ""))})
        if doc.signed_sha256 and verify_signatures:
            signatures.append({"component": doc.component_id, "ordinal": doc.ordinal,
                               **_verify(ws, ws.blobs.path(doc.signed_sha256, "pdf"))})
    audit = [{"id": e.id, "ts": e.ts, "actor": e.actor, "action": e.action, "details": e.details}
             for e in ws.audit.entries(dossier=number)][-AUDIT_ENTRIES_SENT:]
    version = max((i.version for i in outbox.items(ws, dossier_no=number) if i.kind == "dossier"), default=1)
    return {"officer": dossier.created_by, "procedure": dossier.procedure_code,
            "procedure_name": dossier.procedure_name, "version": version, "components": components,
            "overrides": overrides, "metadata_problems": metadata_problems, "signatures": signatures,
            "reused": reused, "audit": audit}


def _verify(ws: Workspace, path: Path) -> dict[str, Any]:
    trust = Path(ws.settings.trust_dir) if ws.settings.trust_dir else None
    r = verify_pdf(path, trust_dir=trust, fetch=False)
    return {"status": r.status, "message_vi": r.message.vi, "message_en": r.message.en,
            "signers": [{"signer": s.signer, "status": s.status, "intact": s.intact, "trusted": s.trusted,
                         "signing_time": s.signing_time, "level": s.level} for s in r.signatures]}


def enqueue_packet(ws: Workspace, number: str) -> int:
    """Queue the dossier's packet for the server (after its dossier item, so it arrives second)."""
    packet = build_packet(ws, number)
    return _enqueue(ws, PACKET_KIND, number, f"/api/v1/review/dossiers/{number}/packet", packet,
                    {"version": packet["version"], "overrides": len(packet["overrides"])})


def _enqueue(ws: Workspace, kind: str, number: str, path: str, body: dict[str, Any],
             audit: dict[str, Any]) -> int:
    payload = json.dumps({"path": path, "body": body}, ensure_ascii=False, default=str)
    now = vn_now().isoformat(timespec="seconds")
    with ws.db.transaction() as conn:
        cur = conn.execute("INSERT INTO outbox(kind, dossier_no, payload, state, total_steps, created_at, "
                           "updated_at, "
                           "idem_key) VALUES (?, ?, ?, 'waiting', 1, ?, ?, ?)",
                           (kind, number, payload, now, now, outbox.new_key()))
        item_id = int(cur.lastrowid or 0)
        ws.audit.append(conn, f"outbox.enqueue_{kind}", actor=ws.actor, dossier=number,
                        details={"item": item_id, **audit})
    return item_id


def send_item(client: SyncClient, payload: dict[str, Any], key: str) -> Any:
    """Deliver one review item of the outbox (its path and body, under its idempotency key)."""
    return client.json("POST", payload["path"], json=payload["body"], headers={"Idempotency-Key": key})


# -- the supervisor ---------------------------------------------------------------------------
def queue(client: SyncClient, *, day: date | None = None, officer: str = "", procedure: str = "",
          state: str = "") -> list[dict[str, Any]]:
    params = {k: v for k,
              v in {"day": day.isoformat() if day else "", "officer": officer, "procedure": procedure,
                                "state": state}.items() if v}
    return list(client.json("GET", "/api/v1/review/queue", params=params)["items"])


def dossier(client: SyncClient, number: str) -> dict[str, Any]:
    return dict(client.json("GET", f"/api/v1/review/dossiers/{number}"))


MAX_DOCUMENT_BYTES = 200 * 1024 * 1024
MAX_PAGES_SHOWN = 60


def component_pages(client: SyncClient, number: str, component: str, *, max_side: int = 1600) -> list[bytes]:
    """The pages of a component's document as PNG images (at most ``max_side`` pixels a side),
    for the supervisor to look at: the page images our PDFs carry, taken out without rendering."""
    import pikepdf  # noqa: PLC0415 - PDF parsing only when a supervisor opens a document, not at the UI's start

    resp = client.request("GET", f"/api/v1/review/dossiers/{number}/components/{component}/file")
    if len(resp.content) > MAX_DOCUMENT_BYTES:
        raise InvalidInput(f"{component}: document larger than {MAX_DOCUMENT_BYTES} bytes",
                           f"Tài liệu {component} quá lớn để xem")
    out = []
    try:
        with pikepdf.open(io.BytesIO(resp.content)) as pdf:
            for page in list(pdf.pages)[:MAX_PAGES_SHOWN]:
                found = page.get_images() if hasattr(page, "get_images") else page.images
                images = [im for im in found.values() if isinstance(im, pikepdf.Stream)]
                if not images:
                    continue
                largest = max(images, key=lambda im: int(im.get("/Width", 0)) * int(im.get("/Height", 0)))
                pil = pikepdf.PdfImage(largest).as_pil_image()
                pil.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
                buf = io.BytesIO()
                pil.convert("RGB" if pil.mode not in ("L", "RGB") else pil.mode).save(buf, "PNG")
                out.append(buf.getvalue())
    except (pikepdf.PdfError, ValueError, OSError) as exc:
        raise InvalidInput(f"{component}: document unreadable "
                           f"({exc})", f"Không đọc được tài liệu {component}") from exc
    return out


def draw(ws: Workspace, client: SyncClient, day: date, *, rate: float, minimum: int) -> dict[str, Any]:
    """The agency's sample of ``day``, drawn by the server; recorded in this workspace's audit chain
    too (nonce, population, result), so the draw can be redone from either side."""
    sample = dict(client.json("POST", "/api/v1/review/samples", json={"day": day.isoformat(), "rate": rate,
                                                                         "minimum": minimum},
                              headers={"Idempotency-Key": outbox.new_key()}))
    with ws.db.transaction() as conn:
        ws.audit.append(conn, "review.sample", actor=ws.actor,
                        details={"sample": sample["sample"], "scheme": sample["scheme"],
                                 "nonce": sample["nonce"],
                                 "rate": rate, "minimum": minimum, "day": day.isoformat(), "server": True,
                                 "population": len(sample["population"]),
                                 "population_numbers": sample["population"],
                                 "dossiers": sample["dossiers"], "overrides": [], "picked": []})
    return sample


def pick(ws: Workspace, client: SyncClient, number: str, reason: str) -> None:
    client.json("POST", f"/api/v1/review/dossiers/{number}/pick", json={"reason": reason},
                headers={"Idempotency-Key": outbox.new_key()})
    with ws.db.transaction() as conn:
        ws.audit.append(conn, "review.pick", actor=ws.actor, dossier=number, details={"reason": reason})


def decide(ws: Workspace, client: SyncClient | None, number: str, *, approve: bool, reason: str = "",
           components: list[ComponentReason] | None = None) -> dict[str, Any]:
    """The supervisor's decision on any dossier of the agency: audited here, queued in the outbox
    and sent at once when the server answers (else with the next sync)."""
    comps = [c for c in components or [] if c.reason.strip()]
    if not approve and not comps and len(reason.strip()) < 5:
        raise InvalidInput("Sending a dossier back needs a reason (per component or overall, at least 5 "
                           "characters)",
                           "Trả lại hồ sơ cần ghi rõ lý do (theo từng thành phần hoặc chung, ít nhất 5 ký "
                           "tự)")
    for c in comps:
        if len(c.reason.strip()) < 5:
            raise InvalidInput(f"The reason for component {c.component} is too short",
                               f"Lý do trả lại thành phần {c.component} quá ngắn (ít nhất 5 ký tự)")
    if ws.session is not None and ws.session.checked and not ws.session.has_role("supervisor"):
        raise InvalidInput(f"{ws.actor} is not a supervisor: only supervisors review dossiers",
                           "Chỉ giám sát viên được kiểm tra và phê duyệt hồ sơ")
    body = {"decision": "approved" if approve else "sent_back", "reason": reason.strip(),
            "components": [asdict(c) for c in comps]}
    item = _enqueue(ws, DECISION_KIND, number, f"/api/v1/review/dossiers/{number}/decisions", body,
                    {"decision": body["decision"], "reason": body["reason"],
                     "components": body["components"]})
    result: dict[str, Any] = {"dossier_no": number, **body, "outbox_item": item, "delivered": False}
    if client is not None:
        result.update(deliver(ws, client, item))
    return result


def deliver(ws: Workspace, client: SyncClient, item_id: int) -> dict[str, Any]:
    """Try one queued review item now. A refusal (own work, already decided...) is final and
    shown; the server being away leaves it for the next sync."""
    with ws.db.read() as conn:
        row = conn.execute("SELECT dossier_no, kind, payload, idem_key, attempts FROM outbox WHERE id = ? "
                           "AND state = 'waiting'", (item_id,)).fetchone()
    if row is None:
        return {"delivered": False}
    outbox._set(ws, item_id, attempts=int(row["attempts"]) + 1)
    try:
        reply = send_item(client, json.loads(row["payload"]), str(row["idem_key"]))
    except ServerUnavailable as exc:
        outbox._set(ws, item_id, last_error=exc.message_en, last_error_vi=exc.message_vi)
        return {"delivered": False, "waiting": exc.message_vi}
    except Rejected as exc:
        outbox._set(ws, item_id, state="rejected", last_error=exc.message_en, last_error_vi=exc.message_vi)
        with ws.db.transaction() as conn:
            ws.audit.append(conn, "outbox.rejected", actor=ws.actor, dossier=row["dossier_no"],
                            details={"item": item_id, "reason": exc.message_en})
        raise InvalidInput(exc.message_en, exc.message_vi or exc.message_en) from exc
    outbox._mark_sent(ws, item_id, row["dossier_no"], row["kind"])
    return {"delivered": True, "server": reply}


# -- the officer: decisions from the server ---------------------------------------------------
def pull_decisions(ws: Workspace, client: SyncClient) -> list[RemoteDecision]:
    """Read the agency's new decisions; keep those on this workspace's dossiers, record each once,
    and reopen (sent back) the dossiers they send back, with their reasons."""
    with ws.db.read() as conn:
        since = conn.execute("SELECT COALESCE(MAX(at), 0) FROM review_remote").fetchone()[0]
    reply = client.json("GET", "/api/v1/review/decisions", params={"since": since})
    applied = []
    for d in reply.get("decisions", []):
        try:
            local = ws.dossiers.get(d["dossier_no"])
        except NotFound:
            continue  # another workstation's dossier
        rd = RemoteDecision(d["id"], d["dossier_no"], d["reviewer"], d["officer"], d["decision"], d["reason"],
                            [ComponentReason(c["component"], c["reason"]) for c in d.get("components", [])],
                            int(d["version"]), float(d["at"]))
        reason = _reason_text(rd, {c.component_id: c.name for c in local.components})
        now = vn_now().isoformat(timespec="seconds")
        with ws.db.transaction() as conn:
            if conn.execute("SELECT 1 FROM review_remote WHERE decision_id = "
                            "?", (rd.decision_id,)).fetchone():
                continue
            conn.execute("INSERT INTO review_remote(decision_id, dossier_no, reviewer, officer, decision, "
                         "reason, "
                         "components, version, at, received_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                         (rd.decision_id, rd.dossier_no, rd.reviewer, rd.officer, rd.decision, rd.reason,
                          json.dumps([asdict(c) for c in rd.components], ensure_ascii=False), rd.version,
                          rd.at, now))
            conn.execute("INSERT INTO reviews(dossier_no, reviewer, decision, reason, sample_id, created_at) "
                         "VALUES (?,?,?,?,?,?)", (rd.dossier_no, rd.reviewer, rd.decision, reason, None, now))
            ws.audit.append(conn, f"review.remote.{rd.decision}", actor=ws.actor, dossier=rd.dossier_no,
                            details={"decision": rd.decision_id, "reviewer": rd.reviewer, "reason": reason,
                                     "version": rd.version})
        if rd.decision == "sent_back" and local.state in (DossierState.SENT, DossierState.QUEUED,
                                                          DossierState.RESULT_RETURNED):
            ws.dossiers.set_state(rd.dossier_no, DossierState.SENT_BACK, actor=ws.actor,
                                  details={"by": rd.reviewer, "review": rd.decision_id, "reason": reason})
        applied.append(rd)
    return applied


def _reason_text(d: RemoteDecision, names: dict[str, str]) -> str:
    parts = [f"{names.get(c.component, c.component)}: {c.reason}" for c in d.components]
    if d.reason:
        parts.insert(0, d.reason)
    return "; ".join(parts)


def remote_decisions(ws: Workspace, number: str) -> list[RemoteDecision]:
    """The server's decisions on a dossier of this workspace, as read by :func:`pull_decisions`."""
    with ws.db.read() as conn:
        rows = conn.execute("SELECT * FROM review_remote WHERE dossier_no = ? ORDER BY "
                            "at", (number,)).fetchall()
    return [RemoteDecision(r["decision_id"], r["dossier_no"], r["reviewer"], r["officer"], r["decision"],
                           r["reason"],
                           [ComponentReason(c["component"],
                                            c["reason"]) for c in json.loads(r["components"])],
                           r["version"], r["at"]) for r in rows]


def sent_back_today(ws: Workspace) -> list[tuple[str, str]]:
    """(number, the supervisor's latest reason) of the dossiers sent back and not yet corrected
    (the Today screen). One query, whatever the number of dossiers."""
    with ws.db.read() as conn:
        rows = conn.execute(
            "SELECT d.number, (SELECT r.reason FROM reviews r WHERE "
            "r.dossier_no = d.number AND r.decision = 'sent_back' "
            "ORDER BY r.id DESC LIMIT 1) AS reason FROM dossiers d WHERE d.state = ? ORDER BY d.number",
            (DossierState.SENT_BACK.value,)).fetchall()
    return [(r["number"], r["reason"] or "") for r in rows]
