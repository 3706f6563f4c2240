"""``motcua ui``: open the counter officer's window on a workspace."""

from __future__ import annotations

import argparse

from app.cli.context import open_workspace


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ui = subparsers.add_parser("ui", help="open the counter officer's application window")
    ui.set_defaults(func=_ui)


def _ui(args: argparse.Namespace) -> int:
    ws = open_workspace(args)
    try:
        from app.ui.app import run

        return run(ws, lang=getattr(args, "lang", None))
    finally:
        ws.close()
