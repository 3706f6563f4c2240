"""Shared helpers for command handlers: opening the workspace with logging into it."""

from __future__ import annotations

import argparse

from app.logging_setup import setup_logging
from app.store.workspace import Workspace


def open_workspace(args: argparse.Namespace) -> Workspace:
    ws = Workspace.open(getattr(args, "workspace", None))
    setup_logging(ws.logs_dir, verbose=getattr(args, "verbose", 0) or 0)
    return ws
