import os
import sqlite3
import stat
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from app.domain.errors import OperationFailed
from app.domain.identifiers import parse_owner_id
from app.services.catalogue import load_catalogue
from app.store.workspace import Workspace


def test_database_is_wal_with_every_area_migrated(workspace: Workspace) -> None:
    conn = workspace.db.connection()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    areas = {r["area"]: r["version"] for r in conn.execute("SELECT * FROM schema_version")}
    assert areas["core"] >= 1


def test_reopening_applies_nothing_and_keeps_data(workspace_dir: Path,
                                                  registered: Callable[..., Path]) -> None:
    with Workspace.open(registered(workspace_dir)) as ws:
        d = ws.dossiers.create(parse_owner_id("052090000495"), load_catalogue().get("1.001193"),
                               agency="000.87.34.H08", actor="t")
    with Workspace.open(workspace_dir) as ws:
        assert ws.db.migrate() == []
        assert ws.dossiers.get(d.number).owner.id == "052090000495"


def test_newer_schema_is_refused_untouched(workspace_dir: Path) -> None:
    Workspace.open(workspace_dir).close()
    db = workspace_dir / "motcua.db"
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE schema_version SET version = 99 WHERE area = 'core'")
    before = db.read_bytes()
    with pytest.raises(OperationFailed) as info:
        Workspace.open(workspace_dir)
    assert "newer version" in info.value.message_en
    assert "phiên bản mới hơn" in info.value.message_vi
    assert db.read_bytes() == before


def test_corrupt_database_is_reported_not_recreated(workspace_dir: Path) -> None:
    workspace_dir.mkdir(parents=True)
    db = workspace_dir / "motcua.db"
    garbage = b"this is not sqlite at all" * 100
    db.write_bytes(garbage)
    with pytest.raises(OperationFailed) as info:
        Workspace.open(workspace_dir)
    assert "not a database" in info.value.message_en or "cannot be opened" in info.value.message_en
    assert db.read_bytes() == garbage


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_workspace(tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(stat.S_IRUSR | stat.S_IXUSR)
    with pytest.raises(OperationFailed):
        Workspace.open(ro / "ws")


def test_blobs_are_content_addressed_and_verified(workspace: Workspace) -> None:
    blob = workspace.blobs.put_bytes(b"page one", "png")
    assert blob.path.name == f"{blob.sha256}.png"
    assert workspace.blobs.verify(blob.sha256, "png")
    assert workspace.blobs.put_bytes(b"page one", "png").path == blob.path
    blob.path.write_bytes(b"page 0ne")  # bit rot
    assert not workspace.blobs.verify(blob.sha256, "png")
    assert not list(workspace.blobs.root.rglob(".tmp-*"))


def test_audit_chain_detects_edit_and_deletion(workspace: Workspace) -> None:
    cat = load_catalogue()
    for _ in range(3):
        workspace.dossiers.create(parse_owner_id("052090000495"), cat.get("1.001193"), agency="000.87.34.H08",
                                  actor="a")
    assert workspace.audit.verify().ok
    conn = workspace.db.connection()
    first = conn.execute("SELECT MIN(id) FROM audit_log WHERE actor = "
                         "'a'").fetchone()[0]  # after the registration's entries
    conn.execute("UPDATE audit_log SET actor = 'mallory' WHERE id = ?", (first,))
    check = workspace.audit.verify()
    assert (check.ok, check.first_broken) == (False, first)
    conn.execute("UPDATE audit_log SET actor = 'a' WHERE id = ?", (first,))
    assert workspace.audit.verify().ok
    conn.execute("DELETE FROM audit_log WHERE id = ?", (first,))
    check = workspace.audit.verify()
    assert (check.ok, check.first_broken) == (False, first)


def test_delegated_dossier_records_owner_and_submitter(workspace: Workspace) -> None:
    d = workspace.dossiers.create(parse_owner_id("052090000495"), load_catalogue().get("1.001193"),
                                  agency="000.87.34.H08", actor="a", submitter=parse_owner_id("079200000001"))
    assert d.delegated and d.owner.id == "052090000495" and d.submitter.id == "079200000001"


def test_opening_sweeps_what_a_crashed_process_left(workspace_dir: Path) -> None:
    Workspace.open(workspace_dir).close()
    old = time.time() - 2 * 3600
    stale_blob = workspace_dir / "blobs" / "ab" / ".tmp-123-456-x.png"
    stale_blob.parent.mkdir(parents=True, exist_ok=True)
    stale_blob.write_bytes(b"half")
    stale_dir = workspace_dir / "tmp" / "pages-deadbeef"
    stale_dir.mkdir()
    (stale_dir / "00000.png").write_bytes(b"copy of a page")
    fresh = workspace_dir / "tmp" / "build-live.pdf"
    fresh.write_bytes(b"being written right now")
    for p in (stale_blob, stale_dir / "00000.png", stale_dir):
        os.utime(p, (old, old))
    with Workspace.open(workspace_dir):
        pass
    assert not stale_blob.exists() and not stale_dir.exists()
    assert fresh.exists()  # a live writer's file stays
