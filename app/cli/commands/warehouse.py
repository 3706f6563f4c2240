"""``motcua warehouse search|attach|reuse|feedback|rate``: the owner's data warehouse."""

from __future__ import annotations

import argparse

from app.cli.context import open_workspace
from app.cli.output import emit


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = subparsers.add_parser("warehouse", help="the owner's data warehouse (kho dữ liệu)")
    sub = group.add_subparsers(dest="warehouse_command", metavar="ACTION", required=True)
    search = sub.add_parser("search", help="documents of an owner, with their signature status")
    search.add_argument("--owner", required=True)
    search.add_argument("--type", default="")
    search.add_argument("--dossier", default="", help="the dossier this read serves (default: the newest open dossier "
                                                      "of that owner at this workstation)")
    search.add_argument("--server")
    search.set_defaults(func=_search)
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
    fb.add_argument("--reason", required=True, choices=("wrong_citizen_info", "not_citizens_result", "not_gov_ca_signed"))
    fb.add_argument("--note", default="")
    fb.add_argument("--server")
    fb.set_defaults(func=_feedback)
    rate = sub.add_parser("rate", help="reuse rate of a day against the 60% target")
    rate.add_argument("--day")
    rate.set_defaults(func=_rate)


def _search(args: argparse.Namespace) -> int:
    from app.cli.login import server_client
    from app.domain.identifiers import parse_owner_id
    from app.services import reuse

    owner = parse_owner_id(args.owner)
    with open_workspace(args) as ws:
        found = reuse.search(ws, server_client(ws, args.server), owner.value, args.type, dossier=args.dossier)
    docs = [{"code": c.code, "type": c.type, "type_name": c.type_name, "issuer": c.issuer, "issued": c.issued,
             "use_count": c.use_count, "signature_status": c.signature_status, "signature": c.signature_message_vi}
            for c in found]
    emit(args, {"documents": docs}, "\n".join(
        f"{d['code']}  {d['type_name']}  {d['issuer']}  {d['issued']}  dùng {d['use_count']} lần  [{d['signature_status']}]"
        for d in docs) or "(không có giấy tờ)")
    return 0


def _reuse(args: argparse.Namespace) -> int:
    from app.cli.login import server_client
    from app.services import reuse

    with open_workspace(args) as ws:
        p = reuse.propose(ws, server_client(ws, args.server), args.number, args.component)
    choices = [c.code for c in p.choices]
    data = {"component": p.component_id, "outcome": p.outcome, "attached": p.attached.code if p.attached else None,
            "choices": [c.code for c in p.choices],
            "refused": [{"code": c.code, "status": c.signature_status, "reason": c.signature_message_en} for c in p.refused]}
    emit(args, data, {"attached": f"Đã tự động lấy từ kho: {data['attached']}",
                      "choose": "Có nhiều giấy tờ phù hợp, hãy chọn (Lấy từ kho):\n" + "\n".join(choices),
                      "scan": "Không có giấy tờ dùng được trong kho: cần số hóa"}[p.outcome])
    return 0


def _attach(args: argparse.Namespace) -> int:
    from app.cli.login import server_client
    from app.services import reuse

    with open_workspace(args) as ws:
        doc = reuse.attach(ws, server_client(ws, args.server), args.number, args.component, args.code)
    emit(args, {"document_id": doc.id, "code": doc.code, "sha256": doc.pdf_sha256}, f"Đã lấy từ kho {doc.code}")
    return 0


def _feedback(args: argparse.Namespace) -> int:
    from app.cli.login import server_client
    from app.services import reuse

    with open_workspace(args) as ws:
        out = reuse.feedback(server_client(ws, args.server), args.code, args.reason, args.note)
    emit(args, out, f"Đã gửi phản ánh về {args.code}")
    return 0


def _rate(args: argparse.Namespace) -> int:
    from app.services.reuse import reuse_rate

    with open_workspace(args) as ws:
        r = reuse_rate(ws, args.day)
    emit(args, r, f"Tỷ lệ khai thác, sử dụng lại ngày {r['day']}: {r['rate']:.0%} (mục tiêu {r['target']:.0%})")
    return 0
