"""``motcua review sample|verify-sample|approve|send-back|history|plan``: the supervisor's quality
control (``plan``: the ISO 2859-1 acceptance-sampling plan of a bulk digitization lot)."""

from __future__ import annotations

import argparse
from datetime import date

from app.cli.context import open_workspace
from app.cli.output import emit


def register(subparsers: argparse._SubParsersAction) -> None:
    group = subparsers.add_parser("review", help="supervisor quality control (kiểm soát chất lượng)")
    sub = group.add_subparsers(dest="review_command", metavar="ACTION", required=True)
    sample = sub.add_parser("sample", help="draw a random sample of a day's digitized dossiers (plus every override)")
    sample.add_argument("--day", type=date.fromisoformat, help="yyyy-mm-dd (default today, Vietnam time)")
    sample.add_argument("--rate", type=float, help="fraction to check (default: settings review_rate, else 0.1)")
    sample.add_argument("--minimum", type=int, help="at least this many (default: settings review_minimum, else 1)")
    sample.add_argument("--pick", action="append", default=[], metavar="NUMBER", help="add a dossier (repeatable)")
    sample.set_defaults(func=_sample)
    check = sub.add_parser("verify-sample", help="redo a recorded draw from the audit log and compare")
    check.add_argument("sample_id")
    check.set_defaults(func=_verify_sample)
    plan = sub.add_parser("plan", help="ISO 2859-1 single sampling plan (normal inspection) of a bulk lot")
    plan.add_argument("--lot-size", type=int, required=True)
    plan.add_argument("--aql", required=True, help="acceptance quality limit, e.g. 1.0, 2.5, 4.0")
    plan.add_argument("--level", default="II", help="inspection level: I, II (default), III, S-1..S-4")
    plan.set_defaults(func=_plan)
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
        s = draw_sample(ws, day=args.day, rate=args.rate, minimum=args.minimum, picks=args.pick)
    data = {"sample": s.sample_id, "day": s.day.isoformat(), "rate": s.rate, "minimum": s.minimum,
            "population": s.population, "nonce": s.nonce, "dossiers": [d.number for d in s.dossiers],
            "overrides": s.overrides, "picked": s.picked,
            "queue": [{"dossier_no": n, "why": why.value} for n, why in s.queue]}
    why_vi = {"sampled": "chọn ngẫu nhiên", "override": "có chấp nhận lỗi", "picked": "giám sát chọn"}
    human = (f"Mẫu {s.sample_id}: {len(s.dossiers)}/{s.population} hồ sơ chọn ngẫu nhiên\n"
             + "\n".join(f"{n}  ({why_vi[why.value]})" for n, why in s.queue))
    emit(args, data, human)
    return 0


def _verify_sample(args: argparse.Namespace) -> int:
    from app.services.review import verify_sample

    with open_workspace(args) as ws:
        c = verify_sample(ws, args.sample_id)
    human = (f"Mẫu {c.sample_id}: {'khớp' if c.ok else 'KHÔNG KHỚP'}; {c.draws_that_day} lần rút mẫu trong ngày"
             + ("".join(f"\n- {p}" for p in c.problems)))
    emit(args, c.__dict__, human)
    return 0 if c.ok else 1


def _plan(args: argparse.Namespace) -> int:
    from app.domain.acceptance import single_normal_plan

    p = single_normal_plan(args.lot_size, args.aql, args.level)
    data = {"code_letter": p.code_letter, "sample_size": p.sample_size, "accept": p.accept, "reject": p.reject,
            "lot_size": p.lot_size, "aql": p.aql, "level": p.level.value, "plan_letter": p.plan_letter,
            "full_inspection": p.full_inspection}
    human = (f"Lô {p.lot_size} tài liệu, mức {p.level.value}, AQL {p.aql}: chữ mã {p.code_letter}, "
             f"{f'(theo mũi tên: phương án dòng {p.plan_letter}), ' if p.plan_letter != p.code_letter else ''}"
             f"cỡ mẫu {p.sample_size}{' (kiểm tra toàn bộ lô)' if p.full_inspection else ''}, "
             f"chấp nhận nếu ≤ {p.accept} lỗi (Ac), loại nếu ≥ {p.reject} (Re)")
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
