"""``motcua original glossy|fragile|audio-visual NUMBER COMPONENT [--reason R]`` and ``motcua original
enhance SESSION PAGE``: originals that are not ordinary sheets of paper (seed 002)."""

from __future__ import annotations

import argparse

from app.cli.context import open_workspace
from app.cli.output import emit

_KINDS = {"glossy": "glossy", "fragile": "fragile", "audio-visual": "audio_visual"}
_DONE_VI = {"glossy": "Ảnh bóng: quét rồi dùng chế độ tăng cường ảnh (motcua original enhance)",
            "fragile": "Bản gốc dễ hư hỏng: không số hóa, lý do in trên giấy tiếp nhận",
            "audio_visual": "Tài liệu nghe nhìn: ghi nhận đã nhận, không số hóa"}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = subparsers.add_parser("original", help="special originals: glossy photos, fragile, audio-visual")
    sub = group.add_subparsers(dest="original_command", metavar="KIND", required=True)
    for name in _KINDS:
        p = sub.add_parser(name, help=f"record a {name} original")
        p.add_argument("number")
        p.add_argument("component")
        p.add_argument("--reason", default="", help="required for fragile originals (shown on the receipt)")
        p.set_defaults(func=_record, kind=_KINDS[name])
    enh = sub.add_parser("enhance", help="apply the glossy-photo enhancement to a page (the capture is kept)")
    enh.add_argument("session", type=int)
    enh.add_argument("page", type=int)
    enh.set_defaults(func=_enhance)


def _record(args: argparse.Namespace) -> int:
    from app.services.originals import SpecialKind, record_special

    with open_workspace(args) as ws:
        record_special(ws, args.number, args.component, SpecialKind(args.kind), args.reason)
    emit(args,
         {"dossier": args.number, "component": args.component, "kind": args.kind, "reason": args.reason},
         _DONE_VI[args.kind])
    return 0


def _enhance(args: argparse.Namespace) -> int:
    from app.services.originals import enhance_glossy

    with open_workspace(args) as ws:
        new_id = enhance_glossy(ws, args.session, args.page)
    emit(args, {"session": args.session, "page": new_id, "replaces": args.page},
         f"Đã tăng cường ảnh: trang mới {new_id} thay trang {args.page} (giữ bản quét gốc)")
    return 0
