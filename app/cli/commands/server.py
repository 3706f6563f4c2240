"""``motcua server``: run the reference provincial server (demo and tests)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from app.refserver.main import build_parser

    srv = subparsers.add_parser("server", help="run the reference provincial server on 127.0.0.1")
    build_parser(srv)
    srv.set_defaults(func=_serve)


def _serve(args: argparse.Namespace) -> int:
    from app.refserver.main import serve

    return serve(args)
