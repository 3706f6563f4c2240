"""``motcua support-bundle -o FILE.zip``: logs, versions, configuration and the self-test for IT
support, with secrets removed and personal data masked (app.services.support_bundle)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.commands.selftest import selftest_input
from app.cli.output import emit, progress
from app.store import machine_config


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("support-bundle", help="write a support bundle (no personal data, no secrets)")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.zip", help="zip file to write")
    p.add_argument("--skip-selftest", action="store_true", help="leave the self-test out (faster, offline)")
    p.set_defaults(func=_bundle)


def _bundle(args: argparse.Namespace) -> int:
    from app.services.selftest import SelftestReport, run_selftest, versions
    from app.services.support_bundle import build_bundle

    inp = selftest_input(args)
    inp.username = inp.password = ""  # the bundle never tries a login
    if args.skip_selftest:
        report = SelftestReport([], versions()).as_json()
    else:
        progress("Đang tự kiểm tra… (running the self-test)")
        report = run_selftest(inp).as_json()
    summary = build_bundle(args.output, workspace_root=inp.workspace_root, settings=inp.settings,
                           selftest=report,
                           config_files=[machine_config.machine_config_path(),
                                         machine_config.user_config_path()])
    emit(args, {"path": str(summary.path), "files": summary.files, "masked": summary.masked_values},
         f"Đã tạo gói hỗ trợ {summary.path} ({len(summary.files)} tệp; không có dữ liệu cá nhân)")
    return 0
