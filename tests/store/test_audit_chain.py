"""The keyed, anchored audit chain: deleting the newest entries or all of them, rewriting with
recomputed hashes, and table rows no entry accounts for are all reported; old workspaces are
re-keyed once; the key lives outside the database."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

import pikepdf
import pytest

from app.domain.errors import OperationFailed
from app.scan.driver import ScanSettings
from app.services.audit_check import verify_workspace
from app.services.digitize import confirm_simplex, scan_into, start_session
from app.services.reception import ReceptionRequest, open_dossier
from app.services.signing import build_component_pdf
from app.store.audit import GENESIS, entry_hash, entry_mac
from app.store.workspace import Workspace
from app.testing.pages import PageSpec
from tests.conftest import CliRunner, cli_json
from tests.scan.conftest import save_pages


def _dossiers(ws: Workspace, n: int) -> list[str]:
    return [open_dossier(ws,
                         ReceptionRequest(owner="052090000495",
                                          procedure="1.001193")).number for _ in range(n)]


def _rewrite(db: Path, mac: object, edit: tuple[str, int] | None = None) -> None:
    """What someone with the database (and the app's code) would do: edit, then recompute."""
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        if edit:
            conn.execute(f"UPDATE audit_log SET actor = ? WHERE id = {edit[1]}", (edit[0],))
        prev = GENESIS
        for r in conn.execute("SELECT * FROM audit_log ORDER BY id").fetchall():
            h = mac(r["id"], r["ts"], r["actor"], r["action"], r["dossier"], r["objects"], r["details"],
                    prev)  # type: ignore[operator]
            conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", (prev, h, r["id"]))
            prev = h


def test_key_is_outside_the_database_and_private(workspace: Workspace) -> None:
    _dossiers(workspace, 1)
    key_file = workspace.root / "keys" / "audit.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_file.parent.stat().st_mode) == 0o700
    key_hex = key_file.read_text().strip()
    assert len(key_hex) == 64 and key_hex.encode() not in (workspace.root / "motcua.db").read_bytes()
    assert workspace.audit.verify().ok


def test_deleting_the_newest_entries_or_all_of_them_is_truncation(workspace: Workspace) -> None:
    _dossiers(workspace, 3)
    assert workspace.audit.verify().ok
    with workspace.db.transaction() as conn:  # the newest entry and the dossier row it records
        last = conn.execute("SELECT MAX(id) FROM audit_log").fetchone()[0]
        conn.execute("DELETE FROM audit_log WHERE id = ?", (last,))
    check = workspace.audit.verify()
    assert not check.ok and check.truncated and "truncated" in check.reason
    with workspace.db.transaction() as conn:
        conn.execute("DELETE FROM audit_log")
    check = workspace.audit.verify()
    assert not check.ok and check.truncated and check.entries == 0


def test_rewritten_chain_does_not_verify_without_the_key(workspace: Workspace) -> None:
    _dossiers(workspace, 3)
    db = workspace.root / "motcua.db"
    _rewrite(db, entry_hash, edit=("mallory", 2))  # the old, unkeyed function of the app
    check = workspace.audit.verify()
    assert not check.ok and check.first_broken == 1 and "MAC" in check.reason
    _rewrite(db, lambda *a: entry_mac(os.urandom(32), *a), edit=("mallory", 2))  # a guessed key
    assert not workspace.audit.verify().ok
    # With the real key the chain verifies again, but the anchor still knows the old head.
    key = bytes.fromhex((workspace.root / "keys" / "audit.key").read_text().strip())
    _rewrite(db, lambda *a: entry_mac(key, *a), edit=("mallory", 2))
    check = workspace.audit.verify()
    assert not check.ok and any(p.startswith("rewritten") for p in check.problems)


def test_rows_no_entry_accounts_for(workspace: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "feeder"
    save_pages(folder, [PageSpec(seed=i, dpi=100) for i in range(3)])
    (number,) = _dossiers(workspace, 1)
    s = start_session(workspace, device=f"folder:{folder}", settings=ScanSettings(dpi=100), dossier_no=number,
                      component_id="to_khai")
    scan_into(workspace, s.id)
    assert workspace.audit.verify().ok
    with workspace.db.transaction() as conn:
        conn.execute("DELETE FROM scan_pages WHERE id = (SELECT MAX(id) FROM scan_pages)")
    check = workspace.audit.verify()
    assert not check.ok and len(check.unaccounted) == 1 and "missing from the table" in check.unaccounted[0]
    with workspace.db.transaction() as conn:
        conn.execute("INSERT INTO scan_pages(session_id, position, "
                     "sha256, width, height, dpi, sheet, side, created_at) "
                     "VALUES (?, 9, ?, 1, 1, 100, 9, 'front', 'x')", (s.id, "ab" * 32))
    check = workspace.audit.verify()
    assert any("no audit entry" in u for u in check.unaccounted)


def test_the_head_in_a_built_document_anchors_the_chain(workspace: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "feeder"
    save_pages(folder, [PageSpec(seed=1, dpi=200, page_number=(1, 1))])
    (number,) = _dossiers(workspace, 1)
    s = start_session(workspace, device=f"folder:{folder}", settings=ScanSettings(dpi=200), dossier_no=number,
                      component_id="to_khai", declared_sheets=1)
    scan_into(workspace, s.id)
    confirm_simplex(workspace, s.id)
    head = workspace.audit.head()
    doc, path = build_component_pdf(workspace, number, "to_khai")
    with pikepdf.open(path) as pdf:
        assert str(pdf.docinfo["/AuditHead"]) == head.text()
    assert verify_workspace(workspace).ok
    # Everything after the scan is cut, and the local anchor with it: the document still knows.
    with workspace.db.transaction() as conn:
        conn.execute("DELETE FROM audit_log WHERE id > ?", (head.entries - 2,))
        conn.execute("DELETE FROM documents")
    workspace.audit.anchor_path.unlink()
    with workspace.db.transaction() as conn:  # the document row back, as if never touched
        conn.execute("INSERT INTO documents(dossier_no, component_id, ordinal, source, pdf_sha256, "
                     "created_at) "
                     "VALUES (?, 'to_khai', 1, 'scan', ?, 'x')", (number, doc.pdf_sha256))
    check = verify_workspace(workspace)
    assert not check.ok and check.truncated
    assert any("document" in p and "truncated" in p for p in check.problems)


def test_existing_workspace_is_rekeyed_once(workspace_dir: Path,
                                            registered) -> None:  # type: ignore[no-untyped-def]
    registered(workspace_dir)
    with Workspace.open(workspace_dir) as ws:
        _dossiers(ws, 2)
    # Make it look like a workspace of the previous version: unkeyed chain, no key, no anchor.
    db = workspace_dir / "motcua.db"
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE audit_meta")
        conn.execute("DELETE FROM schema_version WHERE area = 'audit'")
    _rewrite(db, entry_hash)
    (workspace_dir / "keys" / "audit.key").unlink()
    (workspace_dir / "audit.anchor").unlink()
    with Workspace.open(workspace_dir) as ws:
        check = ws.audit.verify()
        assert check.ok, check.problems
        last = ws.audit.entries()[-1]
        assert last.action == "audit.chain.keyed" and last.details["legacy_intact"] is True
        assert last.details["legacy_entries"] == check.entries - 1
    with Workspace.open(workspace_dir) as ws:  # not twice
        assert [e.action for e in ws.audit.entries()].count("audit.chain.keyed") == 1


def test_missing_key_is_said_plainly(workspace: Workspace) -> None:
    _dossiers(workspace, 1)
    (workspace.root / "keys" / "audit.key").unlink()
    fresh = Workspace(workspace.root)
    with pytest.raises(OperationFailed) as err:
        fresh.audit.verify()
    assert "khóa nhật ký" in err.value.message_vi
    fresh.close()


def test_audit_verify_cli_reports_truncation(cli: CliRunner, tmp_path: Path,
                                             registered) -> None:  # type: ignore[no-untyped-def]
    ws = registered(tmp_path / "ws")
    for _ in range(2):
        assert cli("dossier", "new", "--owner", "052090000495", "--procedure", "1.001193", "--workspace",
                   ws).returncode == 0
    good = cli_json(cli("audit", "verify", "--json", "--workspace", ws))
    assert good["ok"] and good["head"].startswith(f"{good['entries']}:")
    with sqlite3.connect(ws / "motcua.db") as conn:
        conn.execute("DELETE FROM audit_log")
    res = cli("audit", "verify", "--workspace", ws)
    assert res.returncode == 1 and "cắt bớt" in res.stdout and "truncated" in res.stdout
    data = json.loads(cli("audit", "verify", "--json", "--workspace", ws).stdout)
    assert data["truncated"] and data["unaccounted"]  # the dossiers no longer have their entries
