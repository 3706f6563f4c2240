"""``motcua sync run|status|retry|cancel|return-result``: the outbox to the provincial system."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from app.cli.context import open_workspace
from app.cli.login import server_client
from app.cli.output import emit, progress


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = subparsers.add_parser("sync", help="send queued dossiers to the provincial system")
    sub = group.add_subparsers(dest="sync_command", metavar="ACTION", required=True)
    run = sub.add_parser("run", help="send what is waiting (login from MOTCUA_USER / MOTCUA_PASSWORD)")
    run.add_argument("--server", help="server URL (default: settings)")
    run.add_argument("--once", action="store_true", help="one round, then exit")
    run.add_argument("--interval", type=float, default=30.0, help="seconds between rounds without --once")
    run.set_defaults(func=_run)
    status = sub.add_parser("status", help="each queued item's state")
    status.set_defaults(func=_status)
    for name, helptext in (("retry", "send a rejected item "
                                     "again"), ("cancel", "cancel a waiting or rejected item")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("item", type=int)
        p.set_defaults(func=_change, action=name)
    ret = sub.add_parser("return-result", help="mark the result handed back to the citizen (status 10)")
    ret.add_argument("number")
    ret.add_argument("--note", default="")
    ret.add_argument("--result", type=Path, help="the result document (signed PDF) handed back; stored in "
                                                 "the owner's warehouse")
    ret.add_argument("--result-type", default="KQ", help="document type code of the result (e.g. GKS)")
    ret.add_argument("--result-name", default="Kết quả giải quyết TTHC", help="name of the result document")
    ret.add_argument("--override", default="", metavar="REASON",
                     help="return before the province's status 9, for this reason (audited)")
    ret.set_defaults(func=_return)
    poll = sub.add_parser("poll", help="read the province's status of every open dossier now")
    poll.add_argument("--server", help="server URL (default: settings)")
    poll.set_defaults(func=_poll)


def _item_json(i: object) -> dict[str, object]:
    return dict(i.__dict__)


def _run(args: argparse.Namespace) -> int:
    from app.services.submit import run

    with open_workspace(args) as ws:
        client = server_client(ws, args.server)
        while True:
            report = run(ws, client, progress=lambda item, done, total: progress(f"mục {item}: "
                                                                                 f"{done}/{total}"))
            if report.offline:
                progress(f"Ngoại tuyến: {report.error_vi}")
            if args.once:
                break
            time.sleep(args.interval)
        emit(args, {"sent": report.sent, "rejected": report.rejected, "waiting": report.waiting,
                    "offline": report.offline, "error": report.error_en},
             f"Đã gửi {len(report.sent)}, bị từ chối {len(report.rejected)}, đang chờ {len(report.waiting)}")
    return 1 if report.offline or report.rejected else 0


def _status(args: argparse.Namespace) -> int:
    from app.sync.outbox import items, province_status

    with open_workspace(args) as ws:
        data = []
        for i in items(ws):
            st = province_status(ws, i.dossier_no)
            data.append({**_item_json(i), "status": st.status if st else None,
                         "status_name": st.status_name if st else "",
                         "status_note": st.note if st else ""})
    labels = {"waiting": "chờ "
                         "gửi", "sending": "đang "
                                           "gửi", "sent": "đã "
                                                          "gửi", "rejected": "bị từ "
                                                                             "chối", "cancelled": "đã hủy"}
    lines = [f"{d['id']:4} {d['dossier_no']} {d['kind']:8} "
             f"v{d['version']} {labels.get(str(d['state']), d['state'])} "
             f"{d['done_steps']}/{d['total_steps']} {d['last_error_vi']}"
             + (f"  [tỉnh: {d['status']} {d['status_name']}]" if d["status"] else "") for d in data]
    emit(args, {"items": data}, "\n".join(lines) or "(hàng đợi trống)")
    return 0


def _change(args: argparse.Namespace) -> int:
    from app.sync import outbox

    with open_workspace(args) as ws:
        (outbox.retry if args.action == "retry" else outbox.cancel)(ws, args.item)
    emit(args, {"item": args.item, "action": args.action}, f"{args.action}: {args.item}")
    return 0


def _return(args: argparse.Namespace) -> int:
    from app.services.submit import return_result

    with open_workspace(args) as ws:
        out = return_result(ws, args.number, args.note, result_pdf=args.result, result_type=args.result_type,
                            result_name=args.result_name, override=args.override)
    emit(args, out, f"Đã trả kết quả hồ sơ {args.number} (trạng thái 10, chờ gửi)")
    return 0


def _poll(args: argparse.Namespace) -> int:
    from app.services.submit import poll

    with open_workspace(args) as ws:
        statuses = poll(ws, server_client(ws, args.server))
    emit(args, {"dossiers": [{"dossier_no": s.dossier_no, "status": s.status, "status_name": s.status_name,
                              "note": s.note, "changed": s.changed} for s in statuses]},
         "\n".join(f"{s.dossier_no}  {s.status} {s.status_name} "
                   f"{s.note}" for s in statuses) or "(không có hồ sơ đang mở)")
    return 0
