"""``motcua review sample|verify-sample|approve|send-back|history|plan``: the supervisor's quality
control (``plan``: the ISO 2859-1 acceptance-sampling plan of a bulk digitization lot)."""

from __future__ import annotations

import argparse
import os
from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING

from app.cli.context import open_workspace
from app.cli.output import emit
from app.domain.acceptance import single_normal_plan
from app.domain.codes import vn_today
from app.domain.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from app.store.workspace import Workspace
    from app.sync.client import SyncClient


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = subparsers.add_parser("review", help="supervisor quality control (kiểm soát chất lượng)")
    sub = group.add_subparsers(dest="review_command", metavar="ACTION", required=True)
    sample = sub.add_parser("sample", help="draw a random sample of a day's digitized dossiers (plus every "
                                           "override)")
    sample.add_argument("--day", type=date.fromisoformat, help="yyyy-mm-dd (default today, Vietnam time)")
    sample.add_argument("--rate", type=float, help="fraction to check (default: settings review_rate, else "
                                                   "0.1)")
    sample.add_argument("--minimum", type=int, help="at least this many (default: settings review_minimum, "
                                                    "else 1)")
    sample.add_argument("--pick", action="append", default=[], metavar="NUMBER", help="add a dossier "
                                                                                      "(repeatable)")
    sample.set_defaults(func=_sample)
    check = sub.add_parser("verify-sample", help="redo a recorded draw from the audit log and compare")
    check.add_argument("sample_id")
    check.set_defaults(func=_verify_sample)
    plan = sub.add_parser("plan", help="ISO 2859-1 single sampling plan (normal inspection) of a bulk lot")
    plan.add_argument("--lot-size", type=int, required=True)
    plan.add_argument("--aql", required=True, help="acceptance quality limit, e.g. 1.0, 2.5, 4.0")
    plan.add_argument("--level", default="II", help="inspection level: I, II (default), III, S-1..S-4")
    plan.set_defaults(func=_plan)
    lot = sub.add_parser("lot", help="bulk digitization lots inspected by the ISO 2859-1 plan")
    lots = lot.add_subparsers(dest="lot_command", metavar="STEP", required=True)
    lo = lots.add_parser("open", help="open a lot: its plan is fixed now")
    lo.add_argument("--name", required=True)
    lo.add_argument("--size", type=int, required=True, help="documents in the lot")
    lo.add_argument("--aql", required=True)
    lo.add_argument("--level", default="II")
    lo.set_defaults(func=_lot, step="open")
    for step, text in (("sample", "draw the inspection sample of an open "
                                  "lot"), ("show", "the lot, its sample and results")):
        x = lots.add_parser(step, help=text)
        x.add_argument("lot_id", type=int)
        x.set_defaults(func=_lot, step=step)
    li = lots.add_parser("inspect", help="record a sampled item: conforming, or --defect NOTE")
    li.add_argument("lot_id", type=int)
    li.add_argument("item", type=int)
    li.add_argument("--defect", default=None, metavar="NOTE")
    li.set_defaults(func=_lot, step="inspect")
    lr = lots.add_parser("rework", help="a rejected lot is back from rework: open it for a new round")
    lr.add_argument("lot_id", type=int)
    lr.add_argument("--note", required=True)
    lr.set_defaults(func=_lot, step="rework")
    approve = sub.add_parser("approve", help="approve a dossier's digitization")
    approve.add_argument("number")
    approve.add_argument("--sample")
    approve.set_defaults(func=_decide, approve=True, reason="")
    back = sub.add_parser("send-back", help="send a dossier back to the officer with a reason")
    back.add_argument("number")
    back.add_argument("--reason", default="", help="overall reason (or give --component)")
    back.add_argument("--component", action="append", default=[], metavar="ID=REASON",
                      help="a reason for one component (repeatable)")
    back.add_argument("--sample")
    back.set_defaults(func=_decide, approve=False)
    for p in (approve, back):
        p.add_argument("--server", help="provincial server URL (default: the configured one)")
    queue = sub.add_parser("queue", help="the agency's review queue on the provincial server (supervisors)")
    queue.add_argument("--day", type=date.fromisoformat)
    queue.add_argument("--officer", default="")
    queue.add_argument("--procedure", default="")
    queue.add_argument("--state", default="", choices=["", "waiting", "approved", "sent_back"])
    queue.add_argument("--server")
    queue.set_defaults(func=_queue)
    show = sub.add_parser("show", help="a dossier as the supervisor checks it (from the provincial server)")
    show.add_argument("number")
    show.add_argument("--server")
    show.set_defaults(func=_show)
    drawp = sub.add_parser("draw", help="draw the agency's sample of a day on the provincial server")
    drawp.add_argument("--day", type=date.fromisoformat)
    drawp.add_argument("--rate", type=float)
    drawp.add_argument("--minimum", type=int)
    drawp.add_argument("--server")
    drawp.set_defaults(func=_draw)
    pickp = sub.add_parser("pick", help="add a dossier of the agency to the review queue")
    pickp.add_argument("number")
    pickp.add_argument("--reason", required=True)
    pickp.add_argument("--server")
    pickp.set_defaults(func=_pick)
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
    human = (f"Mẫu {c.sample_id}: {'khớp' if c.ok else 'KHÔNG KHỚP'}; {c.draws_that_day} lần rút mẫu trong "
             "ngày"
             + ("".join(f"\n- {p}" for p in c.problems)))
    emit(args, c.__dict__, human)
    return 0 if c.ok else 1


def _plan(args: argparse.Namespace) -> int:
    p = single_normal_plan(args.lot_size, args.aql, args.level)
    data = {"code_letter": p.code_letter, "sample_size": p.sample_size, "accept": p.accept,
            "reject": p.reject,
            "lot_size": p.lot_size, "aql": p.aql, "level": p.level.value, "plan_letter": p.plan_letter,
            "full_inspection": p.full_inspection}
    human = (f"Lô {p.lot_size} tài liệu, mức {p.level.value}, AQL {p.aql}: chữ mã {p.code_letter}, "
             + (f"(theo mũi tên: phương án dòng {p.plan_letter}), " if p.plan_letter != p.code_letter else "")
             + f"cỡ mẫu {p.sample_size}{' (kiểm tra toàn bộ lô)' if p.full_inspection else ''}, "
             f"chấp nhận nếu ≤ {p.accept} lỗi (Ac), loại nếu ≥ {p.reject} (Re)")
    emit(args, data, human)
    return 0


def _client(ws: Workspace, args: argparse.Namespace) -> SyncClient:
    from app.services.submit import client_from

    return client_from(ws, getattr(args, "server", None))


def _decide(args: argparse.Namespace) -> int:
    """A dossier of this workspace is decided here (and on the server when a login is at hand);
    any other dossier of the agency only on the server."""
    from app.services import review_sync
    from app.services.review import decide

    comps = []
    for item in getattr(args, "component", []):
        cid, sep, why = item.partition("=")
        if not sep or not cid.strip():
            raise InvalidInput(f"--component {item}: expected "
                               "ID=REASON", f"--component {item}: cần dạng MÃ=LÝ DO")
        comps.append(review_sync.ComponentReason(cid.strip(), why.strip()))
    reason = args.reason
    overall = "; ".join(([reason.strip()] if reason.strip() else []) + [f"{c.component}: "
                                                                        f"{c.reason}" for c in comps])
    with open_workspace(args) as ws:
        try:
            ws.dossiers.get(args.number)
            local = True
        except NotFound:
            local = False
        data: dict[str, object] = {}
        if local:
            d = decide(ws, args.number, approve=args.approve, reason=overall, sample_id=args.sample)
            data.update(d.__dict__)
        login = bool(os.environ.get("MOTCUA_USER") or (ws.session and ws.session.password))
        if not local or (login and (args.server or ws.settings.server_url)):
            r = review_sync.decide(ws, _client(ws, args), args.number, approve=args.approve,
                                   reason=reason, components=comps)
            data.update({"dossier_no": args.number, "decision": r["decision"], "server": r.get("server"),
                         "delivered": r["delivered"], "outbox_item": r["outbox_item"]})
    done = "đã duyệt" if data.get("decision") == "approved" else "đã trả lại"
    emit(args, data, f"{args.number}: "
                     f"{done}" + ("" if data.get("delivered", True) else " (chờ gửi lên hệ thống tỉnh)"))
    return 0


def _queue(args: argparse.Namespace) -> int:
    from app.services import review_sync

    with open_workspace(args) as ws:
        items = review_sync.queue(_client(ws, args), day=args.day, officer=args.officer,
                                  procedure=args.procedure, state=args.state)
    why_vi = {"sampled": "ngẫu nhiên", "override": "chấp nhận lỗi", "picked": "giám sát chọn"}
    state_vi = {"waiting": "chờ kiểm tra", "approved": "đã duyệt", "sent_back": "đã trả lại"}
    human = "\n".join(f"{i['dossier_no']}  {i['officer']:<10} {i['procedure']:<10} "
                      f"{state_vi.get(i['state'], i['state']):<13} "
                      f"{', '.join(why_vi.get(w, w) for w in i['why'])}"
                      for i in items) or "(hàng đợi trống)"
    emit(args, {"items": items}, human)
    return 0


def _show(args: argparse.Namespace) -> int:
    from app.services import review_sync

    with open_workspace(args) as ws:
        d = review_sync.dossier(_client(ws, args), args.number)
    p = d.get("packet") or {}
    lines = [f"{d['dossier_no']} — {d['dossier'].get('TenTTHC', '')} — cán bộ {d['officer']} — {d['state']}"]
    for o in p.get("overrides", []):
        lines.append(f"  Chấp nhận lỗi {o['finding']} bởi {o['actor']}: {o['reason']}")
    for m in p.get("metadata_problems", []):
        lines.append(f"  Siêu dữ liệu {m['component']}: {m['label_vi']} ({m['problem']})")
    for s in p.get("signatures", []):
        lines.append(f"  Chữ ký {s['component']}: {s['status']} — {s['message_vi']}")
    for r in p.get("reused", []):
        lines.append(f"  Tái sử dụng {r['component']}: {r['code']}")
    for x in d.get("decisions", []):
        lines.append(f"  {x['reviewer']}: {x['decision']} {x['reason']}")
    emit(args, d, "\n".join(lines))
    return 0


def _draw(args: argparse.Namespace) -> int:
    from app.services import review_sync
    from app.services.review import configured_plan

    with open_workspace(args) as ws:
        rate, minimum = configured_plan(ws)
        s = review_sync.draw(ws, _client(ws, args), args.day or vn_today(),
                             rate=args.rate if args.rate is not None else rate,
                             minimum=args.minimum if args.minimum is not None else minimum)
    emit(args, s, f"Mẫu {s['sample']}: {len(s['dossiers'])}/{len(s['population'])} hồ "
                  "sơ\n" + "\n".join(s["dossiers"]))
    return 0


def _pick(args: argparse.Namespace) -> int:
    from app.services import review_sync

    with open_workspace(args) as ws:
        review_sync.pick(ws, _client(ws, args), args.number, args.reason)
    emit(args, {"dossier_no": args.number, "picked": True}, f"{args.number}: đã thêm vào hàng đợi kiểm tra")
    return 0


def _history(args: argparse.Namespace) -> int:
    from app.services.review import history

    with open_workspace(args) as ws:
        items = history(ws, args.number)
    emit(args, [d.__dict__ for d in items],
         "\n".join(f"{d.created_at} {d.reviewer} {d.decision} {d.reason}" for d in items) or "(chưa có)")
    return 0


def _lot(args: argparse.Namespace) -> int:
    from app.services import lots

    with open_workspace(args) as ws:
        if args.step == "open":
            lot = lots.open_lot(ws, args.name, args.size, args.aql, args.level)
        elif args.step == "sample":
            lot = lots.draw(ws, args.lot_id)
        elif args.step == "inspect":
            lot = lots.inspect(ws, args.lot_id, args.item, conforming=args.defect is None,
                               note=args.defect or "")
        elif args.step == "rework":
            lot = lots.reworked(ws, args.lot_id, args.note)
        else:
            lot = lots.get(ws, args.lot_id)
    data = {**asdict(lot),
            "results": {str(k): {"conforming": v[0], "note": v[1]} for k, v in lot.results.items()},
            "nonconforming": lot.nonconforming, "remaining": lot.remaining}
    state_vi = {"open": "đang mở", "inspecting": "đang kiểm tra mẫu", "accepted": "ĐẠT (chấp nhận lô)",
                "rejected": "KHÔNG ĐẠT (trả lại làm lại)"}
    human = (f"Lô {lot.id} '{lot.name}': {lot.size} tài liệu, AQL "
             f"{lot.aql}, mức {lot.level}, chữ mã {lot.code_letter}, "
             f"cỡ mẫu {lot.sample_size}, Ac {lot.accept} / Re {lot.reject}\n"
             f"Vòng {lot.round}: {state_vi[lot.state.value]}; đã kiểm {len(lot.results)}/{len(lot.sample)}, "
             f"không đạt {lot.nonconforming}"
             + (f"\nMẫu: {' '.join(str(i) for i in lot.sample)}" if lot.sample else ""))
    emit(args, data, human)
    return 0
