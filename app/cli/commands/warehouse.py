"""``motcua warehouse search|check|attach|reuse|no-copy|paper|feedback|rate``: the owner's data
warehouse, checked first (seed 000, point 4)."""

from __future__ import annotations

import argparse

from app.cli.context import open_workspace
from app.cli.login import server_client
from app.cli.output import emit
from app.domain.errors import InvalidInput
from app.domain.identifiers import parse_owner_id
from app.domain.warehouse import ComponentCheck


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = subparsers.add_parser("warehouse", help="the owner's data warehouse (kho dữ liệu)")
    sub = group.add_subparsers(dest="warehouse_command", metavar="ACTION", required=True)
    search = sub.add_parser("search", help="documents of an owner, with their signature status")
    search.add_argument("--owner", required=True)
    search.add_argument("--type", default="")
    search.add_argument("--query", default="", help="words of the document's name, code, decision number, "
                                                    "issuing "
                                                    "agency or abstract (accent-insensitive)")
    search.add_argument("--dossier", default="", help="the dossier this read serves (default: the newest "
                                                      "open dossier "
                                                      "of that owner at this workstation)")
    search.add_argument("--server")
    search.set_defaults(func=_search)
    check = sub.add_parser("check", help="warehouse first: check every reusable component of a dossier at "
                                         "once")
    check.add_argument("number")
    check.add_argument("--server")
    check.set_defaults(func=_check)
    no_copy = sub.add_parser("no-copy", help="record that the citizen has no electronic copy of a component")
    no_copy.add_argument("number")
    no_copy.add_argument("component")
    no_copy.add_argument("--note", default="")
    no_copy.set_defaults(func=_no_copy)
    paper = sub.add_parser("paper", help="the paper disagrees with the electronic copy: digitize the paper "
                                         "instead")
    paper.add_argument("number")
    paper.add_argument("component")
    paper.add_argument("--reason", required=True)
    paper.set_defaults(func=_paper)
    reuse = sub.add_parser("reuse", help="look up a component in the warehouse: attach one, or list choices")
    reuse.add_argument("number")
    reuse.add_argument("component")
    reuse.add_argument("--server")
    reuse.set_defaults(func=_reuse)
    attach = sub.add_parser("attach", help="attach a chosen document to a component (Lấy từ kho)")
    attach.add_argument("number")
    attach.add_argument("component")
    attach.add_argument("code")
    attach.add_argument("--server")
    attach.set_defaults(func=_attach)
    fb = sub.add_parser("feedback", help="report a wrong electronic document")
    fb.add_argument("code")
    fb.add_argument("--reason", required=True,
                    choices=("wrong_citizen_info", "not_citizens_result", "not_gov_ca_signed"))
    fb.add_argument("--note", default="")
    fb.add_argument("--dossier", default="", help="the dossier in which the document was found wrong")
    fb.add_argument("--server")
    fb.set_defaults(func=_feedback)
    rate = sub.add_parser("rate", help="reuse rate of a day against the 60% target")
    rate.add_argument("--day")
    rate.set_defaults(func=_rate)


def _search(args: argparse.Namespace) -> int:
    from app.services import reuse

    owner = parse_owner_id(args.owner)
    with open_workspace(args) as ws:
        found = reuse.search(ws, server_client(ws, args.server), owner.value, args.type, dossier=args.dossier,
                             query=args.query)
    docs = [{"code": c.code, "type": c.type, "type_name": c.type_name, "issuer": c.issuer, "issued": c.issued,
             "use_count": c.use_count, "signature_status": c.signature_status,
             "signature": c.signature_message_vi,
             "title": c.title, "decision_no": c.decision_no, "abstract": c.abstract, "usable": c.usable,
             "mismatch": c.mismatch_vi} for c in found]
    emit(args, {"documents": docs}, "\n".join(
        f"{d['code']}  {d['type_name']}  {d['issuer']}  {d['issued']} "
        f" dùng {d['use_count']} lần  [{d['signature_status']}]"
        for d in docs) or "(không có giấy tờ)")
    return 0


def _check_json(c: ComponentCheck) -> dict[str, object]:
    return {"component": c.component_id, "outcome": c.outcome.value, "codes": list(c.codes),
            "note": c.note_vi,
            "checked_at": c.checked_at}


_OUTCOME_VI = {"attached": "đã lấy từ "
                           "kho", "choose": "có nhiều giấy tờ, cần "
                                            "chọn", "none": "không có trong kho, cần số hóa",
               "no_copy": "công dân không có bản điện tử, cần số hóa", "paper": "dùng bản giấy",
               "offline": "không kiểm tra được (mất kết nối), được số hóa"}


def _check(args: argparse.Namespace) -> int:
    from app.services import reuse

    with open_workspace(args) as ws:
        found = reuse.check_all(ws, server_client(ws, args.server), args.number)
    data = {"dossier": args.number, "components": [_check_json(c) for c in found]}
    emit(args, data, "\n".join(f"{c.component_id}: {_OUTCOME_VI[c.outcome.value]} "
                               f"{' '.join(c.codes)}".rstrip()
                               for c in found) or "(không có thành phần có thể lấy từ kho)")
    return 0


def _no_copy(args: argparse.Namespace) -> int:
    from app.services import reuse

    with open_workspace(args) as ws:
        c = reuse.record_no_copy(ws, args.number, args.component, args.note)
    emit(args, _check_json(c), f"Đã ghi nhận: công dân không có bản điện tử của {args.component}")
    return 0


def _paper(args: argparse.Namespace) -> int:
    from app.services import reuse

    with open_workspace(args) as ws:
        reuse.take_paper(ws, args.number, args.component, args.reason)
        c = reuse.checks(ws, args.number)[args.component]
    emit(args, _check_json(c), f"Dùng bản giấy cho {args.component}: cần số hóa")
    return 0


def _reuse(args: argparse.Namespace) -> int:
    from app.services import reuse

    with open_workspace(args) as ws:
        p = reuse.propose(ws, server_client(ws, args.server), args.number, args.component)
    choices = [c.code for c in p.choices]
    data = {"component": p.component_id, "outcome": p.outcome,
            "attached": p.attached.code if p.attached else None,
            "choices": [c.code for c in p.choices],
            "refused": [{"code": c.code, "status": c.signature_status, "reason": c.refusal_en,
                         "reason_vi": c.refusal_vi}
                        for c in p.refused]}
    emit(args, data, {"attached": f"Đã tự động lấy từ kho: {data['attached']}",
                      "choose": "Có nhiều giấy tờ phù hợp, hãy chọn (Lấy từ kho):\n" + "\n".join(choices),
                      "scan": "Không có giấy tờ dùng được trong kho: cần số hóa"}[p.outcome])
    return 0


def _attach(args: argparse.Namespace) -> int:
    from app.services import reuse

    with open_workspace(args) as ws:
        doc = reuse.attach(ws, server_client(ws, args.server), args.number, args.component, args.code)
    emit(args, {"document_id": doc.id, "code": doc.code, "sha256": doc.pdf_sha256}, "Đã lấy từ kho "
                                                                                    f"{doc.code}")
    return 0


def _feedback(args: argparse.Namespace) -> int:
    from app.services import reuse

    with open_workspace(args) as ws:
        try:
            client = server_client(ws, args.server, quick=True)  # one short try: the outbox keeps it anyway
        except InvalidInput:  # no server configured: the outbox keeps it until one is
            client = None
        out = reuse.feedback(ws, client, args.code, args.reason, args.note, args.dossier)
    emit(args, out, f"Phản ánh về {args.code} " + ("đã vào hàng đợi gửi (máy chủ chưa trả "
                                                   "lời)" if out["queued"]
                                                   else "đã gửi"))
    return 0


def _rate(args: argparse.Namespace) -> int:
    from app.services.reuse import reuse_rate

    with open_workspace(args) as ws:
        r = reuse_rate(ws, args.day)
    emit(args, r, f"Tỷ lệ khai thác, sử dụng lại ngày {r['day']}: {r['rate']:.0%} (mục tiêu "
                  f"{r['target']:.0%})")
    return 0
