"""``motcua check PART``: the same tests as the Settings screen's "Test" buttons
(``app.services.diagnostics``): scanner, pkcs11, server, trust, workspace. Exit 0 when the part
works (1 for a module that loads with no token inserted), else the error's exit code."""

from __future__ import annotations

import argparse
import os

from app.cli.context import open_workspace
from app.cli.output import emit


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    chk = subparsers.add_parser("check", help="test a part of the workstation (as Settings does)")
    chk.add_argument("part", choices=("scanner", "pkcs11", "server", "trust", "workspace"))
    chk.add_argument("value", nargs="?", default=None,
                     help="device / module path / server URL / trust folder (default: the workspace's "
                          "setting)")
    chk.add_argument("--ca", default=None, help="CA bundle for the server (default: the workspace's setting)")
    chk.set_defaults(func=_check)


def _check(args: argparse.Namespace) -> int:
    from app.services import diagnostics

    with open_workspace(args) as ws:
        st = ws.settings
        value = args.value
        if args.part == "scanner":
            res = diagnostics.check_scanner(value if value is not None else st.scanner)
        elif args.part == "pkcs11":
            res = diagnostics.check_pkcs11(value if value is not None else st.pkcs11_module)
        elif args.part == "server":
            ca = args.ca if args.ca is not None else st.server_ca_bundle
            res = diagnostics.check_server(value if value is not None else st.server_url, ca)
        elif args.part == "trust":
            res = diagnostics.check_trust_dir(value if value is not None else st.trust_dir)
        else:
            res = diagnostics.check_workspace(ws)
    lang = args.lang or os.environ.get("MOTCUA_LANG", "vi")
    emit(args, {"part": args.part, "ok": res.ok, "message_vi": res.message.vi, "message_en": res.message.en},
         ("✔ " if res.ok else "⚠ ") + res.message.text(lang))
    return 0 if res.ok else 1
