"""Optional modules (the demo's server, token and scanners): imported when present, named in
plain words when not, so the window opens even when an optional part is missing."""

from __future__ import annotations

import importlib
import logging
from types import ModuleType

from app.domain.errors import OperationFailed

log = logging.getLogger(__name__)


def optional_module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        log.info("Optional module %s not available: %s", name, exc)
        return None


def require_module(name: str, what_en: str, what_vi: str) -> ModuleType:
    mod = optional_module(name)
    if mod is None:
        raise OperationFailed(f"{what_en} is not installed in this build ({name})",
                              f"Bản cài đặt này chưa có chức năng {what_vi} ({name})")
    return mod
