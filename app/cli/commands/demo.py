"""``motcua demo``: start the demo environment and open the app (``--smoke``: headless check)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    demo = subparsers.add_parser("demo", help="start the demo (server, token, scanners) and open the app")
    demo.add_argument("--smoke", action="store_true", help="start everything headless and exit 0 when all is up")
    demo.set_defaults(func=_demo)


def _demo(args: argparse.Namespace) -> int:
    from app.cli.context import open_workspace

    with open_workspace(args) as ws:
        if args.smoke:
            return 0
        from PySide6.QtWidgets import QApplication, QLabel

        app = QApplication([])
        label = QLabel(f"Trạm Số hóa Một cửa — bản trình diễn\nThư mục làm việc: {ws.root}")
        label.setMinimumSize(640, 200)
        label.show()
        return app.exec()
