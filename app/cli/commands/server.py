"""``motcua server``: run the reference provincial server (demo and tests). The server is its own
distribution (motcua-server, ``pip install motcua-station[server]``): on a counter PC without it
the command is still listed and says how to get it."""

from __future__ import annotations

import argparse
import importlib.util

from app.domain.errors import OperationFailed

NOT_INSTALLED = OperationFailed(
    "The reference server is not installed on this machine (install motcua-station[server], "
    "the motcua-server package)",
    "Máy này chưa cài máy chủ tham chiếu (cài gói motcua-server, tức motcua-station[server])",
)


def installed() -> bool:
    try:
        return importlib.util.find_spec("app.refserver.main") is not None
    except ModuleNotFoundError:
        return False


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    srv = subparsers.add_parser("server", help="run the reference provincial server on 127.0.0.1")
    if installed():
        from app.refserver.main import build_parser

        build_parser(srv)
        srv.set_defaults(func=_serve)
    else:  # any options are the server's: take them all, then say the server is missing
        srv.parse_known_args = _swallow  # type: ignore[method-assign,assignment]


def _swallow(args: object = None, namespace: object = None) -> tuple[argparse.Namespace, list[str]]:
    return argparse.Namespace(func=_serve), []


def _serve(args: argparse.Namespace) -> int:
    if not installed():
        raise NOT_INSTALLED
    from app.refserver.main import serve

    return serve(args)
