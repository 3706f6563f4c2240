"""``motcua audit verify|log``: the hash-chained audit log."""

from __future__ import annotations

import argparse

from app.cli.context import open_workspace
from app.cli.output import emit


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = subparsers.add_parser("audit", help="the audit log (nhật ký)")
    sub = group.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = sub.add_parser("verify", help="check the keyed chain, its anchors and the tables; exit 1 on "
                                           "any problem")
    verify.set_defaults(func=_verify)
    log = sub.add_parser("log", help="print audit entries")
    log.add_argument("--dossier")
    log.add_argument("--limit", type=int, default=200)
    log.set_defaults(func=_log)


def _verify(args: argparse.Namespace) -> int:
    from app.services.audit_check import verify_workspace

    with open_workspace(args) as ws:
        check = verify_workspace(ws)
        head = ws.audit.head()
    data = {"ok": check.ok, "entries": check.entries, "first_broken": check.first_broken,
            "reason": check.reason,
            "truncated": check.truncated, "problems": list(check.problems),
            "unaccounted": list(check.unaccounted),
            "head": head.text()}
    if check.ok:
        human = f"Nhật ký toàn vẹn: {check.entries} mục (audit chain intact: {check.entries} entries)"
    else:
        what = ("bị cắt bớt" if check.truncated else
                "bị thay đổi tại mục "
                f"{check.first_broken}" if check.first_broken else "không khớp với dữ liệu")
        human = "\n".join([f"Nhật ký kiểm toán {what} (audit chain check failed):"]
                          + [f"  - {p}" for p in check.problems])
    emit(args, data, human)
    return 0 if check.ok else 1


def _log(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        entries = ws.audit.entries(dossier=args.dossier, limit=args.limit)
    data = [e.__dict__ for e in entries]
    emit(args, data, "\n".join(f"{e.id:6} {e.ts} {e.actor:12} {e.action:20} "
                               f"{e.dossier or ''}" for e in entries))
    return 0
