"""``motcua procedures list``: the procedure catalogue."""

from __future__ import annotations

import argparse

from app.cli.output import emit
from app.domain.catalogue import ProcedureSpec


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = subparsers.add_parser("procedures", help="the administrative procedure catalogue")
    sub = group.add_subparsers(dest="procedures_command", metavar="ACTION", required=True)
    lst = sub.add_parser("list", help="list procedures with their dossier components")
    lst.add_argument("--search", metavar="TEXT", help="accent-insensitive search by code or name")
    lst.set_defaults(func=_list)


def procedure_json(proc: object) -> dict[str, object]:
    assert isinstance(proc, ProcedureSpec)
    return {
        "code": proc.code,
        "name": proc.name,
        "field": proc.field,
        "fee": proc.fee,
        "code_verified": proc.code_verified,
        "components": [
            {"id": c.id, "name": c.name, "doc_type": c.doc_type, "reusable": c.reusable,
             "category": c.category.value, "required": c.required}
            for c in proc.components
        ],
    }


def _list(args: argparse.Namespace) -> int:
    from app.services.catalogue import load_catalogue

    cat = load_catalogue()
    procs = cat.search(args.search) if args.search else list(cat.procedures)
    lines = [f"{p.code:10} {p.name}  [{p.field}; {p.fee:,} đ; {len(p.components)} TPHS]" for p in procs]
    emit(args, [procedure_json(p) for p in procs], "\n".join(lines) or "(không có thủ tục phù hợp)")
    return 0
