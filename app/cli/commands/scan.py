"""``motcua scan``: scan a batch into a durable session (of a dossier component, or standalone)."""

from __future__ import annotations

import argparse

from app.cli.output import emit, progress


def register(subparsers: argparse._SubParsersAction) -> None:
    scan = subparsers.add_parser("scan", help="scan pages (each page is saved as it arrives)")
    scan.add_argument("--device", required=True, help="SANE name (test:0) or folder:PATH")
    scan.add_argument("--source", choices=("adf", "flatbed"), default="adf")
    scan.add_argument("--duplex", action="store_true")
    scan.add_argument("--dpi", type=int, default=300)
    scan.add_argument("--mode", choices=("color", "gray"), default="color")
    scan.add_argument("--dossier")
    scan.add_argument("--component")
    scan.add_argument("--declared-sheets", type=int)
    scan.add_argument("--session", type=int, help="resume this session (after a jam or a crash)")
    scan.add_argument("--no-ocr", action="store_true", help="do not read printed page numbers (Tesseract)")
    scan.set_defaults(func=_scan)


def _scan(args: argparse.Namespace) -> int:
    from app.cli.context import open_workspace
    from app.domain.errors import InvalidInput
    from app.scan.driver import ColourMode, ScanSettings, Source
    from app.services.digitize import scan_into, start_session

    if bool(args.dossier) != bool(args.component):
        raise InvalidInput("--dossier and --component go together", "--dossier và --component phải đi cùng nhau")
    settings = ScanSettings(source=Source(args.source), duplex=args.duplex, dpi=args.dpi, mode=ColourMode(args.mode))
    with open_workspace(args) as ws:
        if args.session:
            session_id = args.session
        else:
            session_id = start_session(ws, device=args.device, settings=settings, dossier_no=args.dossier,
                                       component_id=args.component, declared_sheets=args.declared_sheets).id
        outcome = scan_into(ws, session_id, settings=settings,
                            progress=lambda row: progress(f"trang {row.index + 1} (tờ {row.sheet}, {row.side}) đã lưu {row.sha256[:12]}"))
        from app.services.digitize import page_numbers, read_page_numbers, session_pages

        if not args.no_ocr and not outcome.fault_kind:
            read_page_numbers(ws, session_id, progress=lambda done, n: progress(f"đọc số trang {done}/{n}"))
        pages = session_pages(ws, session_id)
        numbers = page_numbers(ws, pages)
        data = {"session": session_id, "pages": [
            {"index": p.index, "sha256": p.sha256, "path": str(ws.blobs.path(p.sha256, "png")), "width": p.width,
             "height": p.height, "dpi": p.dpi, "sheet": p.sheet, "side": p.side,
             "page_number": list(found) if (found := numbers.get(p.sha256)) else None} for p in pages]}
        if outcome.fault_kind:
            data["fault"] = {"kind": outcome.fault_kind, "message": outcome.fault_en, "message_vi": outcome.fault_vi,
                             "reload_sheet": outcome.reload_sheet}
            progress(f"Lỗi: {outcome.fault_vi}  (--session {session_id} để quét tiếp)")
        emit(args, data, f"Phiên quét {session_id}: {len(pages)} trang")
    return 1 if outcome.fault_kind else 0
