"""``motcua forward decide|agency|send|list|status|inbox|file|check|desk``: earlier results managed
by another agency (seed 002): routed to the certification desk or the managing agency, and that
agency's answer."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.context import open_workspace
from app.cli.login import server_client
from app.cli.output import emit
from app.domain.routing import CheckResult


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = subparsers.add_parser("forward", help="another agency's results: certification or the managing "
                                                  "agency's check")
    sub = group.add_subparsers(dest="forward_command", metavar="ACTION", required=True)
    d = sub.add_parser("decide", help="what the rule decides for each component of a dossier")
    d.add_argument("number")
    d.set_defaults(func=_decide)
    a = sub.add_parser("agency", help="name the agency that manages a component's earlier result")
    a.add_argument("number")
    a.add_argument("component")
    a.add_argument("agency", help="agency code, e.g. 000.87.35.H08")
    a.set_defaults(func=_agency)
    s = sub.add_parser("send", help="forward a component's document as the rule decides (queued in the "
                                    "outbox)")
    s.add_argument("number")
    s.add_argument("component")
    s.add_argument("--agency", default="", help="name the managing agency now (agency code)")
    s.add_argument("--note", default="")
    s.set_defaults(func=_send)
    ls = sub.add_parser("list", help="documents this workstation forwarded, with their state")
    ls.add_argument("number", nargs="?")
    ls.set_defaults(func=_list)
    st = sub.add_parser("status", help="read the answers from the provincial server now, then list")
    st.add_argument("number", nargs="?")
    st.add_argument("--server")
    st.set_defaults(func=_status)
    ib = sub.add_parser("inbox", help="documents forwarded to this agency (the managing agency's list)")
    ib.add_argument("--state", default="", choices=["", "waiting", "checked"])
    ib.add_argument("--server")
    ib.set_defaults(func=_inbox)
    f = sub.add_parser("file", help="save a document forwarded to this agency")
    f.add_argument("id", help="the forward's id on the server")
    f.add_argument("--out", type=Path, required=True)
    f.add_argument("--server")
    f.set_defaults(func=_file)
    c = sub.add_parser("check", help="answer on a document forwarded to this agency")
    c.add_argument("id", help="the forward's id on the server")
    grp = c.add_mutually_exclusive_group(required=True)
    grp.add_argument("--matches", action="store_true")
    grp.add_argument("--does-not-match", action="store_true")
    c.add_argument("--note", default="")
    c.add_argument("--server")
    c.set_defaults(func=_check)
    k = sub.add_parser("desk", help="the agency has a certification desk at the counter (on) or not (off)")
    k.add_argument("state", nargs="?", choices=["on", "off"], help="without it: show the setting")
    k.set_defaults(func=_desk)


def _decide(args: argparse.Namespace) -> int:
    from app.services import forwarding

    with open_workspace(args) as ws:
        out = []
        for comp in ws.dossiers.get(args.number).components:
            r = forwarding.decide(ws, args.number, comp.component_id)
            out.append({"component": comp.component_id, "category": comp.category.value,
                        "route": r.route.value,
                        "must_sign": r.must_sign, "file": r.file.value if r.file else None,
                        "target_agency": r.target_agency, "why_vi": r.why.vi, "why_en": r.why.en})
    emit(args, {"dossier_no": args.number, "components": out},
         "\n".join(f"{x['component']}: {x['route']} — {x['why_vi']}" for x in out))
    return 0


def _agency(args: argparse.Namespace) -> int:
    from app.services import forwarding

    with open_workspace(args) as ws:
        code = forwarding.set_managing_agency(ws, args.number, args.component, args.agency)
    emit(args, {"dossier_no": args.number, "component": args.component, "agency": code},
         f"{args.component}: cơ quan quản lý {code}")
    return 0


def _send(args: argparse.Namespace) -> int:
    from app.services import forwarding

    with open_workspace(args) as ws:
        f = forwarding.send(ws, args.number, args.component, agency=args.agency, note=args.note)
    emit(args, f.as_dict(), f"{f.component_id}: {f.label.vi} ({f.route.value} → {f.target_agency}, mục "
                            f"{f.outbox_id})")
    return 0


def _print_list(args: argparse.Namespace, items: list[dict[str, object]]) -> None:
    emit(args, {"forwards": items}, "\n".join(
        f"{x['id']}. {x['dossier_no']} {x['component']} → {x['target_agency']}: {x['label_vi']}"
        + (f" ({x['note']})" if x["note"] else "") for x in items) or "Chưa chuyển tài liệu nào")


def _list(args: argparse.Namespace) -> int:
    from app.services import forwarding

    with open_workspace(args) as ws:
        items = [f.as_dict() for f in forwarding.forwards(ws, args.number)]
    _print_list(args, items)
    return 0


def _status(args: argparse.Namespace) -> int:
    from app.services import forwarding

    with open_workspace(args) as ws:
        forwarding.pull_answers(ws, server_client(ws, args.server))
        items = [f.as_dict() for f in forwarding.forwards(ws, args.number)]
    _print_list(args, items)
    return 0


def _inbox(args: argparse.Namespace) -> int:
    from app.services import forwarding

    with open_workspace(args) as ws:
        items = forwarding.inbox(server_client(ws, args.server), state=args.state)
    emit(args, {"items": items}, "\n".join(
        f"{x['id']}  {x['from_agency']} {x['dossier_no']} {x['name']}: {x['result'] or 'chờ kiểm tra'}"
        for x in items) or "Không có tài liệu nào được chuyển đến")
    return 0


def _file(args: argparse.Namespace) -> int:
    from app.services import forwarding

    with open_workspace(args) as ws:
        data = forwarding.forwarded_file(server_client(ws, args.server), args.id)
    args.out.write_bytes(data)
    emit(args, {"id": args.id, "out": str(args.out), "bytes": len(data)}, f"Đã lưu {args.out}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from app.services import forwarding

    result = CheckResult.MATCHES if args.matches else CheckResult.DOES_NOT_MATCH
    with open_workspace(args) as ws:
        reply = forwarding.check(ws, server_client(ws, args.server), args.id, result, args.note)
    emit(args, reply, f"{args.id}: {reply['result']}")
    return 0


def _desk(args: argparse.Namespace) -> int:
    from app.services import forwarding

    with open_workspace(args) as ws:
        if args.state:
            forwarding.set_certification_desk(ws, args.state == "on")
        present = forwarding.certification_desk(ws)
    emit(args, {"certification_desk": present},
         "Có bộ phận chứng thực tại Bộ phận một "
         "cửa" if present else "Không có bộ phận chứng thực tại Bộ phận một cửa")
    return 0
