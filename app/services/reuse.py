"""Reusing documents from the owner's data warehouse (Kho dữ liệu cá nhân, tổ chức).

For a component whose document type can be an earlier result: search the owner's warehouse,
verify each candidate's signature, and then: exactly one valid match is attached
automatically; several are offered to the officer ("Lấy từ kho"); none sends the component to
scanning. An invalid or untrusted file is never attached; the officer sees why and can file
feedback. Each reuse is recorded on the server (use count) and counted towards the reuse rate."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import tempfile
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.domain.codes import vn_now, vn_today
from app.domain.errors import InvalidInput, OperationFailed
from app.domain.messages import Msg
from app.domain.records import ComponentState, DocumentRecord, DocumentSource, DossierState
from app.domain.warehouse import CheckOutcome, ComponentCheck, document_mismatch, matches, scan_gate
from app.services.catalogue import load_catalogue
from app.sign.pdf import read_metadata
from app.sign.verify import VALID, verify_pdf
from app.store.workspace import Workspace
from app.sync import outbox
from app.sync.client import AuthFailed, ServerUnavailable, SyncClient

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
    mismatch_vi: str = ""  # not this owner's, or not of the component's type (empty: fits)
    mismatch_en: str = ""
    decision_no: str = ""
    abstract: str = ""
    metadata: dict[str, str] = field(default_factory=dict)  # the file's ND30 metadata

    @property
    def usable(self) -> bool:
        return self.signature_status == VALID and not self.mismatch_en

    @property
    def refusal_vi(self) -> str:
        return self.mismatch_vi or self.signature_message_vi

    @property
    def refusal_en(self) -> str:
        return self.mismatch_en or self.signature_message_en


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
        "not_linked": (
            "Hướng dẫn công dân liên kết tài khoản Cổng Dịch vụ công quốc gia "
            "với Hệ thống một cửa điện tử tỉnh"
        ),
        "link_requested": "Đã gửi yêu cầu liên kết; công dân xác nhận trên Cổng Dịch vụ công để hoàn tất",
        "linked": "Tài khoản đã liên kết",
    }
    return {**acc, "guidance_vi": guidance.get(acc.get("state", ""), "")}


def _file_metadata(ws: Workspace, data: bytes) -> dict[str, str]:
    """The ND30 metadata a warehouse file carries (read through a scratch file in the workspace)."""
    scratch = ws.tmp_dir / f"wh-{uuid.uuid4().hex}.pdf"
    try:
        scratch.write_bytes(data)
        return read_metadata(scratch)
    except Exception as exc:  # noqa: BLE001 - an unreadable file is judged by the verifier
        log.info("Warehouse file metadata unreadable: %s", type(exc).__name__)
        return {}
    finally:
        scratch.unlink(missing_ok=True)


def _candidate(ws: Workspace, client: SyncClient, doc: dict[str, Any], dossier: str, owner: str = "",
               doc_type: str = "") -> tuple[Candidate, bytes]:
    """A warehouse document judged for this owner and component type: signature and identity."""
    data = client.fetch_document(doc["code"], dossier=dossier)
    report = verify_pdf(data, trust_dir=trust_dir(ws), name=f"{doc['code']}.pdf")
    meta = _file_metadata(ws, data)
    wrong = document_mismatch(doc["code"], owner, doc_type, meta) if owner else None
    return Candidate(doc["code"], doc["type"], doc["type_name"], doc["issuer"], doc["issued"],
                     int(doc["use_count"]),
                     doc.get("title", ""), report.status, report.message.vi, report.message.en,
                     wrong.message_vi if wrong else "", wrong.message_en if wrong else "",
                     str(doc.get("decision_no", "") or ""), str(doc.get("abstract", "") or ""), meta), data


_CLOSED = (DossierState.RESULT_RETURNED,)


def purpose_of(ws: Workspace, owner: str) -> str:
    """The dossier a warehouse read serves when none is named: the newest open dossier of that
    owner at this workstation (the server refuses a read without one)."""
    for d in ws.dossiers.list(query=owner, limit=200):
        if d.owner.id == owner and d.state not in _CLOSED:
            return d.number
    raise InvalidInput(f"No open dossier of {owner} at this workstation: the warehouse is read only to "
                       "serve a dossier",
                       f"Chưa có hồ sơ đang tiếp nhận của công dân {owner}: chỉ tra cứu kho dữ liệu để phục "
                       "vụ một hồ sơ")


def search(ws: Workspace, client: SyncClient, owner: str, doc_type: str = "", *, dossier: str = "",
           query: str = "") -> list[Candidate]:
    """The owner's documents, read for ``dossier`` (default: :func:`purpose_of`); ``query``
    matches name, code, decision number, issuing agency and abstract, accent-insensitive (the
    server filters; the result is checked here again so an older server cannot widen it)."""
    dossier = dossier or purpose_of(ws, owner)
    docs = client.search_documents(owner, doc_type, dossier=dossier, query=query)
    return [_candidate(ws, client, d, dossier, owner, doc_type)[0] for d in docs
            if not query or matches(query, {k: str(v) for k, v in d.items()})]


def propose(ws: Workspace, client: SyncClient, dossier_no: str, component_id: str) -> ReuseProposal:
    dossier = ws.dossiers.get(dossier_no)
    comp = dossier.component(component_id)
    if comp is None:
        raise InvalidInput(f"No component {component_id}", f"Không có thành phần {component_id}")
    proposal = ReuseProposal(component_id)
    if not comp.reusable:
        return proposal
    found = [_candidate(ws, client, d, dossier_no, dossier.owner.id, comp.doc_type)[0]
             for d in client.search_documents(dossier.owner.id, comp.doc_type, dossier=dossier_no)]
    valid = [c for c in found if c.usable]
    proposal.refused = [c for c in found if not c.usable]
    refusals_en = "; ".join(f"{c.code}: {c.refusal_en}" for c in proposal.refused)
    refusals_vi = "; ".join(f"{c.code}: {c.refusal_vi}" for c in proposal.refused)
    if len(valid) == 1:
        attach(ws, client, dossier_no, component_id, valid[0].code)
        proposal.attached = valid[0]
        record_check(ws, dossier_no, component_id, CheckOutcome.ATTACHED, [valid[0].code], refusals_en,
                     refusals_vi)
    else:
        proposal.choices = valid
        record_check(ws, dossier_no, component_id, CheckOutcome.CHOOSE if valid else CheckOutcome.NONE,
                     [c.code for c in valid], refusals_en, refusals_vi)
    return proposal


PREVIEW_MAX_BYTES = 64 * 1024**2  # a warehouse file larger than this is not rendered for preview
PREVIEW_MAX_PAGES = 3


def preview(ws: Workspace, client: SyncClient, dossier_no: str, code: str, *, pages: int = PREVIEW_MAX_PAGES,
            dpi: int = 50, cancel: threading.Event | None = None) -> list[bytes]:
    """The first ``pages`` pages of a warehouse document as PNG images (poppler's ``pdftoppm``
    in a scratch folder of the workspace, bounded in size, pages, resolution and time), so the
    officer looks at the content before taking it (seed 000)."""
    data = client.fetch_document(code, dossier=dossier_no)
    if len(data) > PREVIEW_MAX_BYTES:
        raise InvalidInput(f"{code} is too large to preview ({len(data) // 1024**2} MB)",
                           f"Giấy tờ {code} quá lớn để xem trước ({len(data) // 1024**2} MB)")
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise OperationFailed("pdftoppm (poppler-utils) is not installed: no preview",
                              "Máy chưa cài poppler-utils (pdftoppm): không xem trước được")
    with tempfile.TemporaryDirectory(dir=ws.tmp_dir, prefix="preview-") as tmp:
        src = Path(tmp) / "doc.pdf"
        src.write_bytes(data)
        if cancel is not None and cancel.is_set():
            return []
        try:
            subprocess.run([exe, "-png", "-r", str(max(20, min(dpi, 150))), "-f", "1", "-l",
                            str(max(1, min(pages, PREVIEW_MAX_PAGES))), str(src), str(Path(tmp) / "p")],
                           check=True, capture_output=True, timeout=60)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise InvalidInput(f"{code} cannot be rendered: {type(exc).__name__}",
                               f"Không hiển thị được giấy tờ {code}") from exc
        return [f.read_bytes() for f in sorted(Path(tmp).glob("p*.png"))]


# --- warehouse first ---------------------------------------------------------------------------
def record_check(ws: Workspace, dossier_no: str, component_id: str, outcome: CheckOutcome,
                 codes: list[str] | None = None, note: str = "", note_vi: str = "") -> ComponentCheck:
    """Record (audited) what the warehouse check of a component found; replaces an earlier one."""
    check = ComponentCheck(dossier_no, component_id, outcome, tuple(codes or ()), note, note_vi, ws.actor,
                           vn_now().isoformat(timespec="seconds"))
    what = Msg(vi=f"kết quả kiểm tra kho của thành phần {component_id}",
               en=f"the warehouse check of component {component_id}")
    with ws.db.transaction(what) as conn:
        conn.execute("INSERT OR REPLACE INTO warehouse_checks(dossier_no, "
                     "component_id, outcome, codes, note, note_vi, "
                     "actor, checked_at) VALUES (?,?,?,?,?,?,?,?)",
                     (dossier_no, component_id, outcome.value, json.dumps(list(check.codes)), note, note_vi,
                      check.actor, check.checked_at))
        ws.audit.append(conn, "warehouse.check", actor=ws.actor, dossier=dossier_no,
                        details={"component": component_id, "outcome": outcome.value,
                                 "codes": list(check.codes),
                                 **({"note": note} if note else {})})
    return check


def checks(ws: Workspace, dossier_no: str) -> dict[str, ComponentCheck]:
    """The recorded warehouse check of each component of a dossier, by component id."""
    with ws.db.read() as conn:
        rows = conn.execute("SELECT * FROM warehouse_checks WHERE dossier_no = ?", (dossier_no,)).fetchall()
    return {r["component_id"]: ComponentCheck(r["dossier_no"], r["component_id"], CheckOutcome(r["outcome"]),
                                              tuple(json.loads(r["codes"])), r["note"], r["note_vi"],
                                              r["actor"],
                                              r["checked_at"]) for r in rows}


def require_checked(ws: Workspace, dossier_no: str, component_id: str) -> None:
    """Refuse to digitize a reusable component before its warehouse check (seed 000, point 4)."""
    comp = ws.dossiers.get(dossier_no).component(component_id)
    if comp is None:
        raise InvalidInput(f"Dossier {dossier_no} has no component '{component_id}'",
                           f"Hồ sơ {dossier_no} không có thành phần '{component_id}'")
    if comp.state is not ComponentState.PENDING and comp.state is not ComponentState.TO_SCAN:
        return  # already reused, scanned or built: the decision was taken
    scan_gate(component_id, comp.reusable, checks(ws, dossier_no).get(component_id))


def check_all(ws: Workspace, client: SyncClient, dossier_no: str, *,
              progress: Callable[[int, int, ComponentCheck], None] | None = None,
              cancel: threading.Event | None = None, again: bool = False) -> list[ComponentCheck]:
    """Warehouse first: check every reusable component still waiting for a decision, at once.

    One usable document is attached, several are offered, none sends the component to
    digitization. When the server cannot be reached the check is recorded as impossible
    (``offline``) for every component left, so the counter can go on scanning; a later call
    checks those again (``again``: every undecided one too, not the officer's own decisions).
    Returns the check of every reusable component."""
    dossier = ws.dossiers.get(dossier_no)
    done = checks(ws, dossier_no)
    redo = {CheckOutcome.OFFLINE} | ({CheckOutcome.NONE, CheckOutcome.CHOOSE} if again else set())
    todo = [c for c in dossier.components if c.reusable and c.state in (ComponentState.PENDING,
                                                                        ComponentState.TO_SCAN)
            and (c.component_id not in done or done[c.component_id].outcome in redo)]
    offline: OperationFailed | None = None
    for i, comp in enumerate(todo):
        if cancel is not None and cancel.is_set():
            break
        if offline is None:
            try:
                propose(ws, client, dossier_no, comp.component_id)
            except InvalidInput as exc:  # decided meanwhile (e.g. marked not provided): leave it
                log.info("Warehouse check of %s skipped: %s", comp.component_id, exc.message_en)
            except (ServerUnavailable, AuthFailed) as exc:
                offline = exc
                log.warning("Warehouse check of %s impossible: %s", comp.component_id, exc.message_en)
        if offline is not None:
            record_check(ws, dossier_no, comp.component_id, CheckOutcome.OFFLINE, [], offline.message_en,
                         offline.message_vi)
        if progress is not None and (recorded := checks(ws, dossier_no).get(comp.component_id)) is not None:
            progress(i + 1, len(todo), recorded)
    latest = checks(ws, dossier_no)
    return [latest[c.component_id] for c in dossier.components if c.component_id in latest]


def record_no_copy(ws: Workspace, dossier_no: str, component_id: str, note: str = "") -> ComponentCheck:
    """Checked with the citizen: they hold no electronic copy of this component (digitize the paper)."""
    comp = ws.dossiers.get(dossier_no).component(component_id)
    if comp is None:
        raise InvalidInput(f"Dossier {dossier_no} has no component '{component_id}'",
                           f"Hồ sơ {dossier_no} không có thành phần '{component_id}'")
    return record_check(ws, dossier_no, component_id, CheckOutcome.NO_COPY, [], note.strip(), note.strip())


def attach(ws: Workspace, client: SyncClient, dossier_no: str, component_id: str,
           code: str) -> DocumentRecord:
    """Verify again, store the file, record the document and the use (on the server too)."""
    dossier = ws.dossiers.get(dossier_no)
    comp = dossier.component(component_id)
    if comp is None:
        raise InvalidInput(f"No component {component_id}", f"Không có thành phần {component_id}")
    if comp.state not in (ComponentState.PENDING, ComponentState.TO_SCAN):
        raise InvalidInput(f"Component {component_id} is already {comp.state.value}: nothing is attached",
                           f"Thành phần {component_id} đã được xử lý ({comp.state.value}): không lấy thêm "
                           "từ kho")
    data = client.fetch_document(code, dossier=dossier_no)
    report = verify_pdf(data, trust_dir=trust_dir(ws), name=f"{code}.pdf")
    if report.status != VALID:
        raise InvalidInput(f"{code} cannot be reused: {report.message.en}",
                           f"Không thể lấy từ kho {code}: {report.message.vi}")
    wrong = document_mismatch(code, dossier.owner.id, comp.doc_type, _file_metadata(ws, data))
    if wrong is not None:
        raise InvalidInput(f"{code} cannot be reused: {wrong.message_en}",
                           f"Không thể lấy từ kho {code}: {wrong.message_vi}")
    blob = ws.blobs.put_bytes(data, "pdf")
    with ws.db.transaction() as conn:
        if conn.execute("SELECT 1 FROM documents WHERE dossier_no = ? AND component_id = ? AND source = "
                        "'warehouse'",
                        (dossier_no, component_id)).fetchone() is not None:  # a concurrent check attached one
            raise InvalidInput(f"Component {component_id} already has a warehouse document",
                               f"Thành phần {component_id} đã có giấy tờ lấy từ kho")
        doc = ws.documents.add(conn,
                               DocumentRecord(dossier_no, component_id, 0, DocumentSource.WAREHOUSE,
                                              blob.sha256, signed_sha256=blob.sha256, code=code,
                                              type_code=comp.doc_type,
                                              metadata={"signer": report.signatures[0].signer
                                                        if report.signatures else ""}))
        conn.execute("INSERT OR REPLACE INTO reuse_log(dossier_no, component_id, "
                     "code, officer, procedure_code, day, created_at) VALUES (?,?,?,?,?,?,?)",
                     (dossier_no, component_id, code, ws.actor, dossier.procedure_code,
                      vn_today().isoformat(), vn_now().isoformat(timespec="seconds")))
        ws.audit.append(conn, "warehouse.reuse", actor=ws.actor, dossier=dossier_no,
                        objects={"pdf": blob.sha256},
                        details={"component": component_id, "code": code})
        use_item = outbox.add_use(ws, conn, dossier_no, code, f"use-{dossier_no}-{component_id}-{code}")
    ws.dossiers.set_component_state(dossier_no, component_id, ComponentState.REUSED, actor=ws.actor,
                                    details={"code": code})
    outbox.deliver_use(ws, client, use_item)  # now if the server answers, else with the next outbox run
    return doc


def take_paper(ws: Workspace, dossier_no: str, component_id: str, reason: str) -> None:
    """The paper disagrees with the electronic data: scan the paper instead (seed 000, point 4)."""
    if len(reason.strip()) < 5:
        raise InvalidInput("Taking the paper instead needs a "
                           "reason", "Dùng bản giấy thay bản điện tử cần ghi lý do")
    comp = ws.dossiers.get(dossier_no).component(component_id)
    if comp is None:
        raise InvalidInput(f"Dossier {dossier_no} has no component '{component_id}'",
                           f"Hồ sơ {dossier_no} không có thành phần '{component_id}'")
    if comp.state not in (ComponentState.PENDING, ComponentState.TO_SCAN):
        raise InvalidInput(f"Component {component_id} is already {comp.state.value}: the paper can replace "
                           "the "
                           "electronic copy only before a document is attached or digitized",
                           f"Thành phần {component_id} đã được xử lý ({comp.state.value}): chỉ dùng bản "
                           "giấy thay "
                           "bản điện tử trước khi lấy giấy tờ từ kho hoặc số hóa")
    ws.dossiers.set_component_state(dossier_no, component_id, ComponentState.TO_SCAN, actor=ws.actor,
                                    details={"paper_instead": reason.strip()})
    record_check(ws, dossier_no, component_id, CheckOutcome.PAPER, [], reason.strip(), reason.strip())


FEEDBACK_REASONS = {  # the three reasons of the provincial system (seed 000)
    "wrong_citizen_info": ("Wrong citizen information", "Sai thông tin công dân"),
    "not_citizens_result": ("Not the citizen's result", "Không phải kết quả của công dân"),
    "not_gov_ca_signed": ("Not signed with a Government Cipher Committee certificate",
                          "Không ký số bằng chứng thư số của Ban Cơ yếu Chính phủ"),
}


def feedback(ws: Workspace, client: SyncClient | None, code: str, reason: str, note: str = "",
             dossier_no: str = "") -> dict[str, Any]:
    """Report a wrong warehouse document: queued in the outbox (audited) and sent now when the
    server answers, else with the next outbox run. ``queued`` says it is still waiting."""
    if reason not in FEEDBACK_REASONS:
        raise InvalidInput(f"Unknown feedback reason {reason!r} (one of {', '.join(FEEDBACK_REASONS)})",
                           f"Lý do phản ánh không hợp lệ: {reason}")
    item = outbox.add_message(ws, "warehouse_feedback", dossier_no,
                              {"code": code, "reason": reason, "note": note},
                              action="warehouse.feedback", details={"code": code, "reason": reason})
    reply = outbox.deliver_message(ws, client, item) if client is not None else None
    out: dict[str, Any] = {"code": code, "reason": reason, "reason_vi": FEEDBACK_REASONS[reason][1],
                           "outbox_item": item, "queued": reply is None}
    if reply is not None:
        out["id"] = reply.get("id")
    return out


def reuse_rate(ws: Workspace, day: str | None = None) -> dict[str, Any]:
    """Reused components / reusable components, per officer and per procedure, with dossiers
    that reused at least one document, against the 60% target."""
    cat = load_catalogue()
    day = day or vn_today().isoformat()
    dossiers = ws.dossiers.list(day=day, limit=100_000)
    with ws.db.read() as conn:
        reused = {(r["dossier_no"], r["component_id"]) for r in conn.execute("SELECT * FROM reuse_log WHERE "
                                                                             "day = ?", (day,))}
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
        "by_procedure": {k: {"reused": v[0], "reusable": v[1], "name": cat.get(k).name} for k,
                         v in by["procedure"].items()},
    }
