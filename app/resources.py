"""Where shipped resources live (procedure catalogue, fonts, translations, seal templates)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """The ``resources/`` directory: next to the package in a checkout or an editable install,
    or the directory named by ``MOTCUA_RESOURCES`` (used by frozen installer builds)."""
    override = os.environ.get("MOTCUA_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)  # a PyInstaller build (installer/windows/motcua.spec)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
