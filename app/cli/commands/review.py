"""``motcua review sample|approve|send-back|history``: the supervisor's quality control."""

from __future__ import annotations

import argparse
from datetime import date

from app.cli.context import open_workspace
from app.cli.output import emit


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = subparsers.add_parser("review", help="supervisor quality control (kiểm soát chất lượng)")
    sub = group.add_subparsers(dest="review_command", metavar="ACTION", required=True)
    sample = sub.add_parser("sample", help="draw a random sample of a day's digitized dossiers")
    sample.add_argument("--day", type=date.fromisoformat, help="yyyy-mm-dd (default today, Vietnam time)")
    sample.add_argument("--rate", type=float, default=0.1, help="fraction to check (default 0.1)")
    sample.add_argument("--seed", type=int)
    sample.set_defaults(func=_sample)
    approve = sub.add_parser("approve", help="approve a dossier's digitization")
    approve.add_argument("number")
    approve.add_argument("--sample")
    approve.set_defaults(func=_decide, approve=True, reason="")
    back = sub.add_parser("send-back", help="send a dossier back to the officer with a reason")
    back.add_argument("number")
    back.add_argument("--reason", required=True)
    back.add_argument("--sample")
    back.set_defaults(func=_decide, approve=False)
    hist = sub.add_parser("history", help="review decisions on a dossier")
    hist.add_argument("number")
    hist.set_defaults(func=_history)


def _sample(args: argparse.Namespace) -> int:
    from app.services.review import draw_sample

    with open_workspace(args) as ws:
        s = draw_sample(ws, day=args.day, rate=args.rate, seed=args.seed)
    data = {"sample": s.sample_id, "day": s.day.isoformat(), "rate": s.rate, "population": s.population,
            "dossiers": [d.number for d in s.dossiers]}
    human = f"Mẫu {s.sample_id}: {len(s.dossiers)}/{s.population} hồ sơ\n" + "\n".join(d.number for d in s.dossiers)
    emit(args, data, human)
    return 0


def _decide(args: argparse.Namespace) -> int:
    from app.services.review import decide

    with open_workspace(args) as ws:
        d = decide(ws, args.number, approve=args.approve, reason=args.reason, sample_id=args.sample)
    emit(args, d.__dict__, f"{d.dossier_no}: {'đã duyệt' if d.decision == 'approved' else 'đã trả lại'}")
    return 0


def _history(args: argparse.Namespace) -> int:
    from app.services.review import history

    with open_workspace(args) as ws:
        items = history(ws, args.number)
    emit(args, [d.__dict__ for d in items],
         "\n".join(f"{d.created_at} {d.reviewer} {d.decision} {d.reason}" for d in items) or "(chưa có)")
    return 0
