"""``motcua audit verify|log``: the hash-chained audit log."""

from __future__ import annotations

import argparse

from app.cli.context import open_workspace
from app.cli.output import emit


def register(subparsers: argparse._SubParsersAction) -> None:
    group = subparsers.add_parser("audit", help="the audit log (nhật ký)")
    sub = group.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = sub.add_parser("verify", help="check the hash chain; exit 1 at the first broken entry")
    verify.set_defaults(func=_verify)
    log = sub.add_parser("log", help="print audit entries")
    log.add_argument("--dossier")
    log.add_argument("--limit", type=int, default=200)
    log.set_defaults(func=_log)


def _verify(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        check = ws.audit.verify()
    data = {"ok": check.ok, "entries": check.entries, "first_broken": check.first_broken, "reason": check.reason}
    if check.ok:
        human = f"Nhật ký toàn vẹn: {check.entries} mục (audit chain intact: {check.entries} entries)"
    else:
        human = (f"Nhật ký bị thay đổi tại mục {check.first_broken}: {check.reason} "
                 f"(audit chain broken at entry {check.first_broken})")
    emit(args, data, human)
    return 0 if check.ok else 1


def _log(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        entries = ws.audit.entries(dossier=args.dossier, limit=args.limit)
    data = [e.__dict__ for e in entries]
    emit(args, data, "\n".join(f"{e.id:6} {e.ts} {e.actor:12} {e.action:20} {e.dossier or ''}" for e in entries))
    return 0
