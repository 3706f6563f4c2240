"""Scan profiles: how each document type is scanned at this workstation (device, flatbed or
feeder, duplex, dpi, colour), kept in the workspace (``scan_profiles.json``) and chosen from a
component's document type when the officer starts digitizing it. A type without a profile of
its own uses the default profile (document type ""), and without that the workstation's
scanner settings."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from app.domain.errors import InvalidInput
from app.scan.driver import ColourMode as ColourMode  # re-exported: the screens' choices
from app.scan.driver import Source as Source
from app.store.blobs import write_durably
from app.store.workspace import Workspace

log = logging.getLogger(__name__)

PROFILES_FILE = "scan_profiles.json"
DPI_CHOICES = (150, 200, 300, 400, 600)
DEFAULT = ""  # the document type of the default profile


@dataclass(frozen=True)
class ScanProfile:
    doc_type: str = DEFAULT
    device: str = ""  # "": the workstation's scanner (settings.scanner)
    source: Source = Source.ADF
    duplex: bool = True
    dpi: int = 300
    mode: ColourMode = ColourMode.COLOR

    def checked(self) -> ScanProfile:
        doc_type = self.doc_type.strip().upper()
        if doc_type and not (doc_type.isalnum() and len(doc_type) <= 8):
            raise InvalidInput(f"'{self.doc_type}' is not a document type code (e.g. GKS, DON)",
                               f"'{self.doc_type}' không phải mã loại giấy tờ (vd. GKS, DON)")
        if self.dpi not in DPI_CHOICES:
            raise InvalidInput(f"Resolution {self.dpi} dpi is not one of {DPI_CHOICES}",
                               f"Độ phân giải {self.dpi} dpi không nằm trong {DPI_CHOICES}")
        return replace(self, doc_type=doc_type, device=self.device.strip(), source=Source(self.source),
                       mode=ColourMode(self.mode))


def _path(ws: Workspace) -> Path:
    return ws.root / PROFILES_FILE


def load_profiles(ws: Workspace) -> dict[str, ScanProfile]:
    """The saved profiles by document type (an unreadable file is logged and ignored)."""
    path = _path(ws)
    if not path.is_file():
        return {}
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        found = [ScanProfile(**row).checked() for row in rows]
    except (OSError, ValueError, TypeError, InvalidInput) as exc:
        log.warning("Scan profiles file %s unreadable (%s); using the default profile", path, exc)
        return {}
    return {p.doc_type: p for p in found}


def save_profiles(ws: Workspace, profiles: list[ScanProfile]) -> dict[str, ScanProfile]:
    """Replace the saved profiles (checked first: nothing is written when one is wrong); audited."""
    checked = [p.checked() for p in profiles]
    by_type = {p.doc_type: p for p in checked}
    if len(by_type) != len(checked):
        raise InvalidInput("Two profiles for the same document type",
                           "Có hai cấu hình cho cùng một loại giấy tờ")
    rows = [{**asdict(p), "source": p.source.value, "mode": p.mode.value}
            for p in sorted(checked, key=lambda p: p.doc_type)]
    write_durably(_path(ws), json.dumps(rows, ensure_ascii=False, indent=2).encode("utf-8"))
    with ws.db.transaction() as conn:
        ws.audit.append(conn, "settings.scan_profiles", actor=ws.actor,
                        details={"profiles": [p.doc_type or "default" for p in checked]})
    return by_type


def profile_for(ws: Workspace, doc_type: str) -> ScanProfile:
    """The profile a component of this document type is scanned with."""
    saved = load_profiles(ws)
    s = ws.settings
    base = ScanProfile(DEFAULT, s.scanner, Source.ADF, True, s.scan_dpi if s.scan_dpi in DPI_CHOICES else 300,
                       (ColourMode(s.scan_mode) if s.scan_mode in ColourMode._value2member_map_
                        else ColourMode.COLOR))
    found = saved.get(doc_type.strip().upper()) or saved.get(DEFAULT) or base
    return found if found.device else replace(found, device=s.scanner)
