"""``motcua qc``: check page images (in capture order) against the scan-quality rules."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.output import emit


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    qc = subparsers.add_parser("qc", help="check images against the scan-quality rules")
    qc.add_argument("images", nargs="+", type=Path)
    qc.add_argument("--declared-sheets", type=int)
    qc.add_argument("--duplex", action="store_true", help="images alternate front / back")
    qc.add_argument("--simplex-confirmed", action="store_true",
                    help="the officer confirmed every sheet is blank on the back")
    qc.add_argument("--no-ocr", action="store_true",
                    help="do not read printed page numbers with Tesseract (order rule keeps feed order)")
    qc.set_defaults(func=_qc)


def _qc(args: argparse.Namespace) -> int:
    from app.scan.imageio import UnreadableImage, iter_pages
    from app.scan.qc import pagenum
    from app.scan.qc.measures import measure
    from app.scan.qc.rules import SessionFacts, evaluate, verdict

    measures = []
    files: list[str] = []
    errors = []
    numbers: dict[int, tuple[int, int | None]] = {}
    ocr = not args.no_ocr and len(args.images) > 1 and pagenum.available()
    for path in args.images:
        try:
            for loaded in iter_pages(path):  # one page in memory at a time
                m = measure(loaded.array, loaded.dpi)
                measures.append(m)
                files.append(str(path))
                if ocr and not m.blank:
                    found = pagenum.read_page_number(loaded.array, loaded.dpi)
                    if found:
                        numbers[len(measures)] = found
        except UnreadableImage as exc:
            errors.append({"file": str(path), "message": exc.message_en, "message_vi": exc.message_vi})
    facts = SessionFacts(duplex=args.duplex, declared_sheets=args.declared_sheets,
                         simplex_confirmed=args.simplex_confirmed, page_numbers=numbers)
    findings = evaluate(measures, facts)
    pages = []
    for i, m in enumerate(measures):
        pages.append({"index": i, "file": files[i], "blank": m.blank, "sticky_note": m.sticky_note,
                      "skew_deg": m.skew_deg, "blur": m.blurred, "sharpness": m.sharpness,
                      "cut_off": list(m.cut_off),
                      "dpi": m.dpi, "colour": m.colour, "too_dark": m.too_dark, "too_light": m.too_light,
                      "streaks": m.streaks,
                      "page_number": list(numbers[i + 1]) if i + 1 in numbers else None,
                      "findings": [f.as_dict() for f in findings if f.page == i + 1]})
    # A file that could not be read was not checked: the batch cannot pass (nor "pass" when
    # nothing at all could be read).
    result = "fail" if errors or not measures else verdict(findings)
    data = {"verdict": result, "pages": pages, "findings": [f.as_dict() for f in findings],
            "unreadable": errors}
    lines = [f"Kết quả: {result}"] + [f"  [{f.severity.value}] {f.message_vi}" for f in findings]
    lines += [f"  [không đọc được] {e['message_vi']}" for e in errors]
    emit(args, data, "\n".join(lines))
    if errors:
        for e in errors:
            sys.stderr.write(f"{e['message_vi']} ({e['message']})\n")
        return 2
    return 1 if result == "fail" else 0
