"""``motcua calibration chart -o CHART.pdf | check IMAGE [--dpi N] [--scanner NAME] | status``:
the scanner test chart and the measurement of a scan of it."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.context import open_workspace
from app.cli.output import emit


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = subparsers.add_parser("calibration", help="scanner calibration: test chart and check of its scan")
    sub = group.add_subparsers(dest="calibration_command", metavar="ACTION", required=True)
    chart = sub.add_parser("chart", help="write the test chart (A4 PDF; print at 100%%)")
    chart.add_argument("-o", "--output", type=Path, required=True)
    chart.set_defaults(func=_chart)
    check = sub.add_parser("check", help="measure a scan of the chart: scale, skew, resolution, grey and "
                                         "colour")
    check.add_argument("image", type=Path)
    check.add_argument("--dpi", type=float, help="when the image file records none")
    check.add_argument("--scanner", default="", help="record the result for this scanner (e.g. test:0)")
    check.set_defaults(func=_check)
    status = sub.add_parser("status", help="the latest check of every scanner")
    status.set_defaults(func=_status)


def _chart(args: argparse.Namespace) -> int:
    from app.scan.calibration import draw_chart

    out = draw_chart(args.output)
    emit(args, {"chart": str(out)}, f"Đã tạo bảng hiệu chuẩn: {out} (in đúng tỷ lệ 100%)")
    return 0


def _check(args: argparse.Namespace) -> int:
    if args.scanner:
        from app.services.calibration import check_and_record

        with open_workspace(args) as ws:
            r = check_and_record(ws, args.image, args.scanner, dpi=args.dpi)
    else:
        from app.scan.calibration import check_image

        r = check_image(args.image, dpi=args.dpi)
    human = (f"Tỷ lệ ngang {r.scale_x:.4f}, dọc {r.scale_y:.4f}; nghiêng {r.skew_deg:+.2f}°; "
             f"độ phân giải {r.resolution_lpmm:g} cặp vạch/mm; ΔE "
             f"xám {r.grey_delta_e:.1f}, màu {r.colour_delta_e:.1f}\n"
             + ("ĐẠT" if r.verdict == "pass" else "KHÔNG ĐẠT: " + "; ".join(r.problems)))
    emit(args, r.as_dict(), human)
    return 0


def _status(args: argparse.Namespace) -> int:
    from app.services.calibration import latest

    with open_workspace(args) as ws:
        items = latest(ws)
    emit(args, [i.__dict__ for i in items],
         "\n".join(f"{i.scanner}: {i.verdict} ({i.day})" for i in items) or "(chưa có lần hiệu chuẩn nào)")
    return 0
