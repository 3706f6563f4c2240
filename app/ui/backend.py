"""Thin adapters between the screens and the services of the other areas.

The screens call only these functions (on worker threads); each one imports its service lazily
so the window opens even when an optional capability (scanner, token, server) is missing, and
says so in plain words instead of failing at import time.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from types import ModuleType

from app.domain.errors import OperationFailed
from app.store.workspace import Workspace

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


@dataclass(frozen=True)
class PortalStatus:
    state: str  # none | not_linked | linked | unknown
    name: str = ""
    guidance_vi: str = ""


def portal_status(ws: Workspace, owner_id: str) -> PortalStatus:
    """The owner's national-portal account status, from the provincial server when configured."""
    if not ws.settings.server_url:
        return PortalStatus("unknown")
    from app.services.reuse import portal_account
    from app.services.submit import client_from

    acc = portal_account(ws, client_from(ws), owner_id)
    return PortalStatus(str(acc.get("state", "unknown")), str(acc.get("name", "") or ""),
                        str(acc.get("guidance_vi", "") or ""))
