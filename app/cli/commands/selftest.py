"""``motcua selftest [--json] [--check ID]``: is this counter station ready (scanner, token,
certificate, trust anchors, server over TLS, login, clock, workspace, disk, fonts)? Exit code 0
only when every required check passes, 1 otherwise. The login check uses MOTCUA_USER /
MOTCUA_PASSWORD when they are set (never prompts, never stores them)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.context import open_workspace
from app.cli.output import emit
from app.domain.errors import MotcuaError
from app.store.settings import Settings, config_problems
from app.store.workspace import default_workspace_dir

if TYPE_CHECKING:
    from app.services.selftest import SelftestInput


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from app.services.selftest import CheckId

    p = subparsers.add_parser("selftest", help="check that this workstation is ready (for IT staff)")
    p.add_argument("--check", action="append", choices=[str(c) for c in CheckId], metavar="ID",
                   help="run only this check (repeatable): " + ", ".join(str(c) for c in CheckId))
    p.set_defaults(func=_selftest)


def selftest_input(args: argparse.Namespace) -> SelftestInput:
    """The self-test's input for the CLI's workspace; a workspace that cannot be opened is itself
    a failed check, not a crash."""
    from app.services.selftest import SelftestInput

    root: Path | None = Path(getattr(args, "workspace", None) or default_workspace_dir()).expanduser()
    try:
        with open_workspace(args) as ws:
            settings, root = ws.settings, ws.root
    except MotcuaError:
        assert root is not None
        settings, root = Settings.load(root), None
    return SelftestInput(settings=settings, workspace_root=root, username=os.environ.get("MOTCUA_USER", ""),
                         password=os.environ.get("MOTCUA_PASSWORD", ""),
                         config_problems=config_problems(settings))


def _selftest(args: argparse.Namespace) -> int:
    from app.services.selftest import CheckId, run_selftest

    inp = selftest_input(args)
    report = run_selftest(inp, [CheckId(c) for c in args.check] if args.check else None)
    lang = getattr(args, "lang", None) or os.environ.get("MOTCUA_LANG", "vi")
    lines = []
    for c in report.checks:
        mark = "✔" if c.ok else ("✖" if c.required else "!")
        lines.append(f"{mark} {c.id:14} {c.message_vi if lang == 'vi' else c.message_en}")
    lines.append("SẴN SÀNG (ready)" if report.ok else "CHƯA SẴN SÀNG (not ready)")
    emit(args, report.as_json(), "\n".join(lines))
    return 0 if report.ok else 1
