"""Printing results: JSON for machines (--json), plain text for people."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def emit(args: argparse.Namespace, data: Any, human: str | None = None) -> None:
    if getattr(args, "json", False) or human is None:
        sys.stdout.write(to_json(data) + "\n")
    else:
        sys.stdout.write(human.rstrip("\n") + "\n")
    sys.stdout.flush()


def progress(message: str) -> None:
    """Progress lines go to stderr so stdout stays clean for --json."""
    sys.stderr.write(message.rstrip("\n") + "\n")
    sys.stderr.flush()
