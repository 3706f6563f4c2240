"""Scan profiles per document type, kept in the workspace: the type's own profile, else the
default one, else the workstation's scanner settings; wrong profiles are refused whole."""

from __future__ import annotations

import json

import pytest

from app.domain.errors import InvalidInput
from app.scan.driver import ColourMode, Source
from app.services.scan_profiles import ScanProfile, load_profiles, profile_for, save_profiles
from app.store.workspace import Workspace


def test_profiles_by_document_type(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ws = Workspace.open(tmp_path / "ws")
    ws.settings.scanner = "test:0"
    base = profile_for(ws, "GKS")
    assert (base.device, base.source, base.duplex, base.dpi) == ("test:0", Source.ADF, True, 300)
    save_profiles(ws, [ScanProfile("gcs", "folder:/srv/a", Source.FLATBED, False, 200, ColourMode.GRAY),
                       ScanProfile("", "", duplex=False, dpi=400)])
    gcs = profile_for(ws, "GCS")
    assert (gcs.doc_type, gcs.device, gcs.source, gcs.duplex, gcs.dpi, gcs.mode) == (
        "GCS", "folder:/srv/a", Source.FLATBED, False, 200, ColourMode.GRAY)
    other = profile_for(ws, "DON")  # the default profile, on the workstation's scanner
    assert (other.device, other.duplex, other.dpi) == ("test:0", False, 400)
    again = Workspace.open(tmp_path / "ws")  # kept in the workspace
    assert set(load_profiles(again)) == {"GCS", ""}
    assert "settings.scan_profiles" in [e.action for e in again.audit.entries()]


def test_wrong_profiles_are_refused_whole(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ws = Workspace.open(tmp_path / "ws")
    save_profiles(ws, [ScanProfile("GKS", "test:0")])
    with pytest.raises(InvalidInput) as bad_dpi:
        save_profiles(ws, [ScanProfile("DON", "test:0"), ScanProfile("GKS", "test:0", dpi=123)])
    assert "dpi" in bad_dpi.value.message_vi
    with pytest.raises(InvalidInput):
        save_profiles(ws, [ScanProfile("GKS"), ScanProfile("gks")])
    with pytest.raises(InvalidInput):
        save_profiles(ws, [ScanProfile("giấy khai sinh")])
    assert set(load_profiles(ws)) == {"GKS"}  # nothing of a refused list was written
    (tmp_path / "ws" / "scan_profiles.json").write_text(json.dumps([{"doc_type": "X", "dpi": "many"}]))
    assert load_profiles(ws) == {}  # an unreadable file: the defaults, logged
