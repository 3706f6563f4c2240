"""``motcua import --dossier NO --component ID FILE... [--json]``: originals that are files (a PDF
or images from a USB stick or an e-mail, drawings scanned elsewhere)."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path

from app.cli.context import open_workspace
from app.cli.output import emit


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("import", help="import files (images, PDFs) as the originals of a component")
    p.add_argument("--dossier", required=True)
    p.add_argument("--component", required=True)
    p.add_argument("--dpi", type=int, default=None, help="resolution of images that record none")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.set_defaults(func=_import)


def _import(args: argparse.Namespace) -> int:
    from app.services.digitize import session_qc
    from app.services.originals import import_originals

    with open_workspace(args) as ws:
        res = import_originals(ws, args.dossier, args.component, list(args.files), default_dpi=args.dpi)
        findings = session_qc(ws, res.session_id).findings if res.session_id is not None else []
    data = {**asdict(res), "qc": [{"rule": f.rule, "severity": str(f.severity), "page": f.page,
                                   "message_vi": f.message_vi, "message_en": f.message_en} for f in findings]}
    lines = []
    for f in res.files:
        if f.kind == "signed_pdf":
            lines.append(f"{f.name}: PDF đã ký, giữ nguyên bản gốc [{f.signature_status}] {f.signature_vi}")
        else:
            lines.append(f"{f.name}: {f.pages} trang" + (f" ({f.lossless_pages} trang giữ nguyên ảnh gốc)"
                                                          if f.kind == "pdf" else ""))
    lines += [f"  QC trang {x['page']}: {x['message_vi']}" for x in data["qc"]]
    emit(args, data, "\n".join(lines))
    return 0
