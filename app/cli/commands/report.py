"""``motcua report --from DATE --to DATE [--by officer|procedure] [--csv FILE] [--xlsx FILE] [--json]
[--agency]``: this workstation's figures over a period, or with ``--agency`` the whole agency's
from the provincial server (reuse rate year to date against the 60% target, QC first-pass rate,
the Decision 766 indicators)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from app.cli.context import open_workspace
from app.cli.output import emit


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("report", help="figures of a period: dossiers, pages, reuse rate, QC first "
                                             "pass...")
    p.add_argument("--from", dest="start", type=date.fromisoformat, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", type=date.fromisoformat, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--by", choices=["officer", "procedure"], default="")
    p.add_argument("--csv", type=Path, metavar="FILE")
    p.add_argument("--xlsx", type=Path, metavar="FILE")
    p.add_argument("--agency", action="store_true",
                   help="the whole agency's figures from the provincial server (supervisor, agency "
                        "administrator)")
    p.add_argument("--server", help="provincial server URL (default: the configured one)")
    p.set_defaults(func=_report)


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:.1f}%"


def _report(args: argparse.Namespace) -> int:
    from app.services.report import report, write_csv, write_xlsx

    with open_workspace(args) as ws:
        if args.agency:
            from app.services.submit import client_from

            data = client_from(ws, args.server).json("GET", "/api/v1/review/report", params={
                "from": args.start.isoformat(), "to": args.end.isoformat(), "by": args.by})
        else:
            data = report(ws, args.start, args.end, args.by)
    if args.csv:
        write_csv(data, args.csv)
    if args.xlsx:
        write_xlsx(data, args.xlsx)
    scope = f"cơ quan {data.get('agency')}" if data.get("scope") == "agency" else "máy trạm này"
    lines = [f"Báo cáo {data['from']} — {data['to']} ({scope})",
             f"Hồ sơ tiếp nhận: {data['dossiers']}; thành phần số hóa: "
             f"{data['digitized']}, tái sử dụng: {data['reused']}; "
             f"số trang: {data['pages']}",
             f"Tỷ lệ tái sử dụng: {_pct(data['reuse_rate'])} (từ đầu năm {_pct(data['reuse_rate_ytd'])}, "
             f"chỉ tiêu {_pct(data['reuse_target'])})",
             "Đạt kiểm tra chất lượng ngay lần đầu: "
             f"{_pct(data['first_pass_rate'])}; chấp nhận lỗi: {data['overrides']}; "
             f"bị trả lại: {data['sent_back']}; đã trả kết quả: {data['results_returned']}"]
    lines += [f"  {i['name_vi']}: {_pct(i['value'])} (ngưỡng "
              f"{_pct(i['threshold'])})" for i in data["indicators"]]
    for g in data.get("groups") or []:
        lines.append(f"  [{g['key']}] hồ sơ {g['dossiers']}, trang {g['pages']}, tái sử dụng "
                     f"{_pct(g['reuse_rate'])}, "
                     f"đạt lần đầu {_pct(g['first_pass_rate'])}")
    emit(args, data, "\n".join(lines))
    return 0
