"""``motcua scan``: scan a batch into a durable session (of a dossier component, or standalone)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from app.cli.context import open_workspace
from app.cli.output import emit, progress
from app.domain.errors import InvalidInput

if TYPE_CHECKING:
    from app.scan.session import PageRow
    from app.store.workspace import Workspace


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    scan = subparsers.add_parser("scan", help="scan pages (each page is saved as it arrives)")
    scan.add_argument("--device", help="SANE name (test:0) or folder:PATH (a resumed session keeps its own)")
    scan.add_argument("--source", choices=("adf", "flatbed"), default="adf")
    scan.add_argument("--duplex", action="store_true")
    scan.add_argument("--dpi", type=int, default=300)
    scan.add_argument("--mode", choices=("color", "gray"), default="color")
    scan.add_argument("--dossier")
    scan.add_argument("--component")
    scan.add_argument("--declared-sheets", type=int)
    scan.add_argument("--session", type=int, help="resume this session (after a jam or a crash)")
    scan.add_argument("--resume", action="store_true",
                      help="continue the component's interrupted session (or start one when there is none)")
    scan.add_argument("--no-ocr", action="store_true", help="do not read printed page numbers (Tesseract)")
    scan.add_argument("--confirm-simplex", action="store_true",
                      help="confirm every sheet of the session (--session, or the component's latest) is "
                           "blank "
                           "on the back; scans nothing (audited)")
    scan.set_defaults(func=_scan)


def _scan(args: argparse.Namespace) -> int:
    from app.scan.driver import ColourMode, ScanSettings, Source
    from app.services.digitize import (
        get_session,
        latest_session,
        read_page_numbers,
        scan_into,
        session_pages,
        start_session,
    )

    if bool(args.dossier) != bool(args.component):
        raise InvalidInput("--dossier and --component go "
                           "together", "--dossier và --component phải đi cùng nhau")
    if args.resume and not args.dossier:
        raise InvalidInput("--resume needs --dossier and --component (or give --session ID)",
                           "--resume cần --dossier và --component (hoặc --session ID)")
    settings = ScanSettings(source=Source(args.source), duplex=args.duplex, dpi=args.dpi,
                            mode=ColourMode(args.mode))
    if args.confirm_simplex:
        return _confirm_simplex(args)
    with open_workspace(args) as ws:
        latest = latest_session(ws, args.dossier,
                                args.component) if args.resume and not args.session else None
        if latest is not None and not latest.resumable and session_pages(ws, latest.id):
            # The component's last batch ended with the feeder: nothing to resume, and scanning the
            # sheets again would put every page in twice. A new scan is `motcua scan` without --resume.
            pages = session_pages(ws, latest.id)
            progress(f"Phiên quét {latest.id} đã quét xong ({len(pages)} trang); không có gì để quét tiếp. "
                     f"Quét lại từ đầu: bỏ --resume  [session {latest.id} is complete; nothing to resume]")
            emit(args, _session_json(ws, latest.id, pages, complete=True), f"Phiên quét {latest.id}: "
                                                                           f"{len(pages)} trang")
            return 0
        found = latest if latest is not None and latest.resumable else None
        if args.session or found is not None:
            rec = get_session(ws, args.session) if args.session else found
            assert rec is not None
            session_id = rec.id
            progress(f"Phiên quét {session_id}: quét tiếp từ tờ {rec.next_sheet}"
                     + (f" (tờ {rec.next_sheet} mới có mặt trước: quét lại cả "
                        "tờ)" if rec.next_side == "back" else "")
                     + f"  [session {session_id}, resuming at sheet {rec.next_sheet}]")
        else:
            if not args.device:
                raise InvalidInput("--device is needed to start a scan session",
                                   "Cần --device (tên máy quét) để bắt đầu phiên quét")
            session_id = start_session(ws, device=args.device, settings=settings, dossier_no=args.dossier,
                                       component_id=args.component, declared_sheets=args.declared_sheets).id
            progress(f"Phiên quét {session_id} [session {session_id}]")
        outcome = scan_into(ws, session_id, settings=settings,
                            progress=lambda row: progress(f"trang {row.index + 1} (tờ {row.sheet}, "
                                                          f"{row.side}) đã lưu {row.sha256[:12]}"))
        if not args.no_ocr and not outcome.fault_kind:
            read_page_numbers(ws, session_id, progress=lambda done, n: progress(f"đọc số trang {done}/{n}"))
        pages = session_pages(ws, session_id)
        data = _session_json(ws, session_id, pages, complete=not outcome.fault_kind and not outcome.cancelled)
        if outcome.fault_kind:
            data["fault"] = {"kind": outcome.fault_kind, "message": outcome.fault_en,
                             "message_vi": outcome.fault_vi,
                             "reload_sheet": outcome.reload_sheet}
            hint = "--resume" if args.dossier else f"--session {session_id}"
            progress(f"Lỗi: {outcome.fault_vi}  ({hint} để quét tiếp từ tờ {outcome.reload_sheet})")
        emit(args, data, f"Phiên quét {session_id}: {len(pages)} trang")
    return 1 if outcome.fault_kind else 0


def _session_json(ws: Workspace, session_id: int, pages: list[PageRow], *, complete: bool) -> dict[str, Any]:
    from app.services.digitize import page_numbers

    numbers = page_numbers(ws, pages)
    return {"session": session_id, "complete": complete, "pages": [
        {"index": p.index, "sha256": p.sha256, "path": str(ws.blobs.path(p.sha256, "png")), "width": p.width,
         "height": p.height, "dpi": p.dpi, "sheet": p.sheet, "side": p.side,
         "page_number": list(found) if (found := numbers.get(p.sha256)) else None} for p in pages]}


def _confirm_simplex(args: argparse.Namespace) -> int:
    from app.services.digitize import confirm_simplex, get_session, latest_session, session_qc

    with open_workspace(args) as ws:
        rec = get_session(ws, args.session) if args.session else (
            latest_session(ws, args.dossier, args.component) if args.dossier else None)
        if rec is None:
            raise InvalidInput("--confirm-simplex needs --session ID, or --dossier and --component with a "
                               "session",
                               "--confirm-simplex cần --session ID, hoặc --dossier và --component đã có "
                               "phiên quét")
        if rec.duplex:
            raise InvalidInput(f"Session {rec.id} was scanned duplex: there is no simplex scan to confirm",
                               f"Phiên quét {rec.id} đã quét hai mặt; không có gì để xác nhận quét một mặt")
        confirm_simplex(ws, rec.id)
        report = session_qc(ws, rec.id)
        emit(args, {"session": rec.id, "simplex_confirmed": True, "verdict": report.verdict,
                    "blocking": [f.as_dict() for f in report.blocking]},
             f"Phiên quét {rec.id}: đã xác nhận mọi tờ đều trắng "
             f"ở mặt sau (kết quả kiểm tra: {report.verdict})")
    return 0
