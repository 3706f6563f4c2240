"""``motcua pdf build``: archival PDF from images, or from a scanned component in the workspace."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.context import open_workspace
from app.cli.output import emit
from app.domain.errors import InvalidInput


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = subparsers.add_parser("pdf", help="archival PDFs")
    sub = group.add_subparsers(dest="pdf_command", metavar="ACTION", required=True)
    build = sub.add_parser("build", help="build one PDF from page images (in order)")
    build.add_argument("images", nargs="*", type=Path)
    build.add_argument("-o", "--output", type=Path, help="output PDF (default: <dossier>.<ordinal>.pdf)")
    build.add_argument("--profile", choices=("lossless", "compact", "mrc"), default="lossless",
                       help="lossless (archival master), compact (JPEG) or mrc (G4 text over a JPEG "
                            "background, "
                            "about 50 KiB a page, for portal uploads)")
    build.add_argument("--quality", type=int, default=80, help="JPEG quality of the compact profile")
    build.add_argument("--meta", action="append", default=[], metavar="KEY=VALUE", help="metadata (ND30 "
                                                                                        "fields)")
    build.add_argument("--dpi", type=int, help="resolution to assume for images that record none")
    build.add_argument("--pdfa", action="store_true", help="PDF/A-2b output")
    build.add_argument("--ocr", action="store_true", help="add an invisible Vietnamese text layer "
                                                          "(Tesseract)")
    build.add_argument("--dossier", help="build from the stored pages of this dossier's component")
    build.add_argument("--component")
    build.set_defaults(func=_build)
    meta = sub.add_parser("meta", help="the ND30 (Decree 30/2020, Appendix VI) fields of a PDF's XMP, "
                                       "with the missing and malformed ones")
    meta.add_argument("file", type=Path, metavar="FILE.pdf")
    meta.set_defaults(func=_meta_show)


def _meta(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InvalidInput("--meta needs KEY=VALUE, got "
                               f"'{item}'", f"--meta cần dạng KHÓA=GIÁ_TRỊ, nhận '{item}'")
        out[key.strip()] = value
    return out


def _build(args: argparse.Namespace) -> int:
    from app.sign.pdf import PdfOptions, Profile, build_pdf

    options = PdfOptions(profile=Profile(args.profile), jpeg_quality=args.quality, metadata=_meta(args.meta),
                         title=_meta(args.meta).get("Title", ""), default_dpi=args.dpi, pdfa=args.pdfa,
                         ocr=args.ocr)
    if args.dossier:
        from app.services.signing import build_component_pdf

        if not args.component:
            raise InvalidInput("--dossier needs --component", "--dossier cần --component")
        with open_workspace(args) as ws:
            doc, path = build_component_pdf(ws, args.dossier, args.component, options=options,
                                            out=args.output)
        emit(args,
             {"output": str(path), "document_id": doc.id, "ordinal": doc.ordinal, "sha256": doc.pdf_sha256},
             str(path))
        return 0
    if not args.images or not args.output:
        raise InvalidInput("Give page images and -o OUT.pdf (or --dossier/--component)",
                           "Cần danh sách ảnh và -o TỆP.pdf (hoặc --dossier/--component)")
    built = build_pdf(args.images, args.output, options)
    emit(args, {"output": str(built.path), "pages": built.pages, "bytes": built.size,
                "page_sizes_mm": [list(s) for s in built.page_sizes_mm]},
         f"{built.path} ({built.pages} trang, {built.size:,} byte)")
    return 0


def _meta_show(args: argparse.Namespace) -> int:
    """``motcua pdf meta FILE.pdf [--json]``: exit 0 when every field is present and well formed,
    1 otherwise."""
    from app.services.metadata import check_pdf

    check = check_pdf(args.file)
    lang = getattr(args, "lang", None) or "vi"
    lines = [f"{args.file}: "
             f"{'đủ và đúng dạng' if lang == 'vi' else 'complete'}" if check.complete else str(args.file)]
    lines += [f"  - {p.message_vi if lang == 'vi' else p.message_en}" for p in check.problems]
    emit(args, check.as_dict(), "\n".join(lines))
    return 0 if check.complete else 1
