"""``motcua dossier new|list|queue|show|receipt|not-provided|submit``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.context import open_workspace
from app.cli.output import emit
from app.domain.codes import DossierNumber
from app.domain.errors import InvalidInput
from app.domain.records import Dossier

if TYPE_CHECKING:
    from app.store.workspace import Workspace


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = subparsers.add_parser("dossier", help="dossiers (hồ sơ)")
    sub = group.add_subparsers(dest="dossier_command", metavar="ACTION", required=True)

    new = sub.add_parser("new", help="receive a new dossier")
    new.add_argument("--owner", required=True, help="owner's personal ID, old ID, tax code or agency code")
    new.add_argument("--procedure", required=True, help="procedure code, e.g. 1.001193")
    new.add_argument("--submitter", help="ID of the person handing it in, when delegated (ủy quyền)")
    new.add_argument("--agency", help="receiving agency code (default: the workstation's registered agency)")
    new.add_argument("--owner-name", default="")
    new.set_defaults(func=_new)

    lst = sub.add_parser("list", help="list dossiers")
    lst.add_argument("--day", help="only dossiers received that day (yyyy-mm-dd)")
    lst.add_argument("--search", help="number, owner or procedure text")
    lst.set_defaults(func=_list)

    queue = sub.add_parser("queue", help="the work queue: dossiers in hand with state, progress and due date")
    queue.add_argument("--state", action="append", default=None,
                       help="only this queue state (repeatable): digitizing, to_sign, to_send, send_failed, "
                            "waiting_province, to_return, returned")
    queue.add_argument("--returned-days", type=int, default=30,
                       help="also list results returned within this many days (default 30)")
    queue.set_defaults(func=_queue)

    show = sub.add_parser("show", help="show one dossier with its components")
    show.add_argument("number")
    show.set_defaults(func=_show)

    receipt = sub.add_parser("receipt", help="the reception receipt and appointment slip (PDF)")
    receipt.add_argument("number")
    receipt.add_argument("-o", "--output", required=True, type=Path, help="PDF file to write")
    receipt.set_defaults(func=_receipt)

    absent = sub.add_parser("not-provided", help="record that the citizen does not provide a component "
                                                 "(audited)")
    absent.add_argument("number")
    absent.add_argument("component", help="the component's id (see `motcua dossier show`)")
    absent.add_argument("--reason", required=True, help="why it is not provided (recorded with who recorded "
                                                        "it)")
    absent.set_defaults(func=_not_provided)

    submit = sub.add_parser("submit", help="queue the dossier for sending to the provincial system")
    submit.add_argument("number")
    submit.add_argument("--reason", default="", help="what was corrected, when re-sending a dossier sent "
                                                     "back")
    submit.set_defaults(func=_submit)


def dossier_json(d: Dossier) -> dict[str, object]:
    return {
        "dossier_no": d.number,
        "owner": d.owner.id,
        "owner_kind": d.owner.kind,
        "submitter": d.submitter.id,
        "delegated": d.delegated,
        "procedure": d.procedure_code,
        "procedure_name": d.procedure_name,
        "agency": d.agency,
        "received_at": d.received_at.isoformat(),
        "state": d.state.value,
        "components": [
            {"id": c.component_id, "name": c.name, "doc_type": c.doc_type, "reusable": c.reusable,
             "category": c.category.value, "required": c.required, "state": c.state.value, "fee": c.fee}
            for c in d.components
        ],
    }


def _new(args: argparse.Namespace) -> int:
    from app.services.reception import ReceptionRequest, open_dossier

    with open_workspace(args) as ws:
        d = open_dossier(ws, ReceptionRequest(owner=args.owner, procedure=args.procedure,
                                              submitter=args.submitter, agency=args.agency,
                                              owner_name=args.owner_name))
        emit(args, dossier_json(d), d.number)
    return 0


def _list(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        items = ws.dossiers.list(day=args.day, query=args.search)
        lines = [f"{d.number}  {d.state.value:16} {d.procedure_code} {d.procedure_name}" for d in items]
        emit(args, [dossier_json(d) for d in items], "\n".join(lines) or "(chưa có hồ sơ)")
    return 0


def _queue(args: argparse.Namespace) -> int:
    from app.services.workqueue import QueueState, counts, work_queue

    valid = {s.value for s in QueueState}
    wanted = set(args.state or [])
    if wanted - valid:
        raise InvalidInput(f"Unknown queue state {', '.join(sorted(wanted - valid))}; one of "
                           f"{', '.join(valid)}",
                           f"Không có trạng thái {', '.join(sorted(wanted - valid))}; chọn một trong "
                           f"{', '.join(valid)}")
    with open_workspace(args) as ws:
        rows = work_queue(ws, returned_days=max(0, args.returned_days))
    shown = [r for r in rows if not wanted or r.state.value in wanted]
    lines = [f"{r.number}  {r.state.value:16} {r.done}/{r.total}  hẹn {r.due:%d/%m/%Y}" if r.due else
             f"{r.number}  {r.state.value:16} {r.done}/{r.total}" for r in shown]
    lines.append("  ".join(f"{s.value}: {n}" for s, n in counts(rows).items()))
    emit(args,
         {"counts": {s.value: n for s, n in counts(rows).items()}, "dossiers": [r.as_json() for r in shown]},
         "\n".join(lines))
    return 0


def _component_scans(ws: Workspace, d: Dossier) -> dict[str, dict[str, object]]:
    """Per component: the pages it holds now (its latest session) and every scan session."""
    from app.services.digitize import component_sessions

    out: dict[str, dict[str, object]] = {}
    for c in d.components:
        sessions = component_sessions(ws, d.number, c.component_id)
        out[c.component_id] = {
            "pages": sessions[-1][1] if sessions else 0,
            "sessions": [{"id": rec.id, "state": str(rec.state), "pages": n, "duplex": rec.duplex,
                          "dpi": rec.dpi,
                          "device": rec.device, "next_sheet": rec.next_sheet, "next_side": rec.next_side,
                          "resumable": rec.resumable, "last_fault": rec.last_fault} for rec, n in sessions],
        }
    return out


def _show(args: argparse.Namespace) -> int:
    DossierNumber.parse(args.number)
    from app.sync.outbox import province_status

    with open_workspace(args) as ws:
        d = ws.dossiers.get(args.number)
        st = province_status(ws, d.number)
        data = dossier_json(d) | {
            "province_status": ({"status": st.status, "status_name": st.status_name, "note": st.note,
                                 "version": st.version, "checked_at": st.checked_at} if st else None),
            "history": st.history if st else []}
        scans = _component_scans(ws, d)
        for comp in data["components"]:  # type: ignore[attr-defined]
            comp.update(scans[comp["id"]])
        lines = [f"Số hồ sơ: {d.number}", f"Thủ tục: {d.procedure_code} {d.procedure_name}",
                 "Chủ hồ sơ: "
                 f"{d.owner.id}" + (f"  Người nộp: {d.submitter.id} (ủy quyền)" if d.delegated else ""),
                 f"Trạng thái: {d.state.value}", "Thành phần hồ sơ:"]
        for c in d.components:
            sc = scans[c.component_id]
            lines.append(f"  - {c.component_id:20} {c.state.value:12} {c.category.value:22} {c.name}")
            for sess in sc["sessions"]:  # type: ignore[attr-defined]
                lines.append(f"      phiên quét {sess['id']}: {sess['pages']} trang, {sess['state']}"
                             + (f", quét tiếp từ tờ {sess['next_sheet']} "
                                "(--resume)" if sess["resumable"] else ""))
        if st:
            lines.append(f"Trạng thái tại tỉnh: {st.status} "
                         f"{st.status_name}" + (f" ({st.note})" if st.note else ""))
        emit(args, data, "\n".join(lines))
    return 0


def _submit(args: argparse.Namespace) -> int:
    from app.services import submit

    with open_workspace(args) as ws:
        result = submit.enqueue(ws, args.number, args.reason)
        emit(args, result if isinstance(result, dict) else {"dossier_no": args.number, "queued": True},
             f"Đã đưa hồ sơ {args.number} vào hàng đợi gửi")
    return 0


def _not_provided(args: argparse.Namespace) -> int:
    from app.services.reception import mark_not_provided

    with open_workspace(args) as ws:
        mark_not_provided(ws, args.number, args.component, args.reason)
        d = ws.dossiers.get(args.number)
        emit(args, dossier_json(d), f"Đã ghi nhận không nộp thành phần {args.component} của hồ sơ "
                                    f"{args.number}")
    return 0


def _receipt(args: argparse.Namespace) -> int:
    from app.services.receipt import write_receipt

    with open_workspace(args) as ws:
        r = write_receipt(ws, args.number, args.output)
    emit(args, {"dossier_no": r.dossier_no, "output": str(args.output), "due_date": r.due.isoformat(),
                "processing_days": r.processing_days, "components": len(r.lines)},
         f"Giấy tiếp nhận hồ sơ {r.dossier_no}: {args.output} (hẹn trả ngày {r.due:%d/%m/%Y})")
    return 0
