"""The ``motcua`` command line: the same services as the UI, headless.

Commands live one group per module in ``app/cli/commands/``; every module there that defines
``register(subparsers)`` is picked up. Exit codes: 0 success, 1 operational failure, 2 bad input.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import pkgutil
import sys
from collections.abc import Sequence
from typing import Any

from app import __version__
from app.cli import commands
from app.domain.errors import MotcuaError
from app.logging_setup import setup_logging

log = logging.getLogger("app.cli")

_COMMON = (
    (("--workspace",), {"metavar": "DIR", "help": "workspace directory (default: $MOTCUA_WORKSPACE or the "
                                                  "user data dir)"}),
    (("--json",), {"action": "store_true", "help": "print machine-readable JSON"}),
    (("--lang",), {"choices": ("vi", "en"), "help": "language of messages (default vi)"}),
    (("-v", "--verbose"), {"action": "count", "help": "more log output on stderr"}),
)


def _add_common(parser: argparse.ArgumentParser, *, root: bool) -> None:
    for flags, kwargs in _COMMON:
        if any(flag in parser._option_string_actions for flag in flags):
            continue
        opts: dict[str, Any] = dict(kwargs)
        if not root:
            opts["default"] = argparse.SUPPRESS
        elif opts.get("action") == "count":
            opts["default"] = 0
        parser.add_argument(*flags, **opts)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _add_common(sub, root=False)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="motcua",
        description="Trạm Số hóa Một cửa: scan, check, build, sign and send one-stop dossiers.",
    )
    parser.add_argument("--version", action="version", version=f"motcua-station {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")

    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(subparsers)
    _add_common(parser, root=True)
    return parser


def _report(exc: MotcuaError, lang: str) -> None:
    first, second = (exc.message_vi, exc.message_en) if lang == "vi" else (exc.message_en, exc.message_vi)
    sys.stderr.write(f"Lỗi: {first}\n" if lang == "vi" else f"Error: {first}\n")
    if second != first:
        sys.stderr.write(f"  ({second})\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    lang = args.lang or os.environ.get("MOTCUA_LANG", "vi")
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2

    setup_logging(None, verbose=args.verbose or 0)
    try:
        return int(args.func(args) or 0)
    except MotcuaError as exc:
        log.error("%s: %s", type(exc).__name__, exc.message_en)
        _report(exc, lang)
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("Đã hủy (cancelled)\n")
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback for the user
        log.exception("Unexpected error in command %s", args.command)
        sys.stderr.write(
            f"Lỗi không mong đợi: {type(exc).__name__}: {exc}\n  "
            "(Unexpected error; details are in the workspace log)\n"
        )
        return 1
