"""``motcua verify``: who signed, when, and whether the file changed after signing."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.output import emit


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ver = subparsers.add_parser("verify", help="verify signed PDFs")
    ver.add_argument("files", nargs="+", type=Path, metavar="FILE.pdf")
    ver.add_argument("--trust", type=Path, help="directory of trust anchors (and CRLs)")
    ver.add_argument("--revocation", choices=["hard-fail", "require", "soft-fail"], default="hard-fail",
                     help="when no revocation info can be found: hard-fail (default: INDETERMINATE when the "
                          "signer's "
                          "certificate has none, or a CA's named CRL/OCSP is unreachable), require (every "
                          "certificate below the trust anchor needs it) or soft-fail (VALID, noted)")
    ver.add_argument("--offline", action="store_true", help="do not fetch CRLs / OCSP responses online")
    ver.set_defaults(func=_verify)


def _verify(args: argparse.Namespace) -> int:
    from app.sign.verify import VALID, RevocationPolicy, verify_pdf

    policy = RevocationPolicy(args.revocation)
    reports = [verify_pdf(f, trust_dir=args.trust, revocation=policy,
                          fetch=not args.offline) for f in args.files]
    lang = getattr(args, "lang", None) or "vi"
    lines = []
    for r in reports:
        lines.append(f"{r.file}: {r.status} — {r.message.text(lang)}")
        for s in r.signatures:
            lines.append(f"   [{s.field}] {s.status}: {s.message.text(lang)}")
    data = [r.as_dict() for r in reports]
    emit(args, data[0] if len(data) == 1 else data, "\n".join(lines))
    return 0 if all(r.status == VALID for r in reports) else 1
