"""A full disk mid-batch: the officer is told which page could not be saved and what to do, the
session is left resumable, and once space is back the scan resumes exactly (no page lost, none
twice). Once with SQLite's own "database or disk is full" (deterministic: the database is capped),
once for real on a small tmpfs (skipped where mounting is not allowed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.scan.driver import ScanSettings
from app.scan.session import SessionStore
from app.services.digitize import resumable_session, scan_into, start_session
from app.services.reception import ReceptionRequest, open_dossier
from app.store.workspace import Workspace
from app.testing.pages import PageSpec
from tests.conftest import cli_env
from tests.scan.conftest import save_pages


def _folder(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "feeder"
    save_pages(folder, [PageSpec(seed=i, dpi=100) for i in range(n)])
    return folder


def _reference(tmp_path: Path, folder: Path) -> list[tuple[int, str, str]]:
    with Workspace.open(tmp_path / "reference") as ws:
        s = start_session(ws, device=f"folder:{folder}", settings=ScanSettings(dpi=100))
        scan_into(ws, s.id)
        return [(p.sheet, p.side, p.sha256) for p in SessionStore(ws).pages(s.id)]


def test_database_full_mid_batch_names_the_page_and_resumes_exactly(workspace: Workspace,
                                                                    tmp_path: Path) -> None:
    folder = _folder(tmp_path, 6)
    expected = _reference(tmp_path, folder)
    d = open_dossier(workspace, ReceptionRequest(owner="052090000495", procedure="1.001193"))
    s = start_session(workspace, device=f"folder:{folder}", settings=ScanSettings(dpi=100),
                      dossier_no=d.number,
                      component_id="to_khai")
    conn = workspace.db.connection()

    def fill_after_three(row: object) -> None:
        if len(SessionStore(workspace).pages(s.id)) == 3:  # the database may not grow any more
            size = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {size}")

    out = scan_into(workspace, s.id, progress=fill_after_three)
    assert out.fault_kind == "disk_full" and out.reload_sheet == 4
    assert "Không lưu được trang tờ 4 (mặt trước) của phiên quét" in out.fault_vi
    assert "đã đầy" in out.fault_vi and "giải phóng dung lượng" in out.fault_vi and "từ tờ 4" in out.fault_vi
    assert "sheet 4" in out.fault_en and "--resume" in out.fault_en
    assert len(SessionStore(workspace).pages(s.id)) == 3
    assert resumable_session(workspace, d.number, "to_khai") is not None
    conn.execute("PRAGMA max_page_count = 1073741823")  # space is back
    again = scan_into(workspace, s.id)
    assert not again.fault_kind
    assert [(p.sheet, p.side, p.sha256) for p in SessionStore(workspace).pages(s.id)] == expected
    assert workspace.audit.verify().ok


def _mount_tmpfs(where: Path, size: str) -> str | None:
    where.mkdir(parents=True, exist_ok=True)
    res = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                         capture_output=True, text=True)
    return None if res.returncode == 0 else (res.stderr.strip() or "mount failed")


def test_real_full_disk_on_a_small_tmpfs(tmp_path: Path,
                                         station_server) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import register_workspace

    folder = _folder(tmp_path, 12)
    expected = _reference(tmp_path, folder)
    mnt = tmp_path / "small-disk"
    # Room for the database and a few pages, not for twelve (each page is ~100-200 KB).
    why = _mount_tmpfs(mnt, "1200k")
    if why is not None:
        pytest.skip(f"cannot mount a tmpfs here ({why}); the database-full test covers the logic")
    try:
        ws_dir = mnt / "ws"
        with Workspace.open(ws_dir) as ws:
            register_workspace(ws, station_server.url)
            number = open_dossier(ws, ReceptionRequest(owner="052090000495", procedure="1.001193")).number
        args = [sys.executable, "-m", "app", "scan", "--device", f"folder:{folder}", "--dpi", "100",
                "--dossier",
                number, "--component", "to_khai", "--resume", "--no-ocr", "--workspace", str(ws_dir),
                "--json"]
        first = subprocess.run(args, capture_output=True, text=True, env=cli_env(), timeout=120)
        assert first.returncode == 1, first.stderr[-3000:]
        assert "Traceback" not in first.stderr and "không mong đợi" not in first.stderr
        assert "đã đầy" in first.stderr and "giải phóng dung lượng" in first.stderr, first.stderr[-3000:]
        fault = json.loads(first.stdout)["fault"]
        assert fault["kind"] == "disk_full" and "Không lưu được" in fault["message_vi"]
        saved = len(json.loads(first.stdout)["pages"])
        assert 0 < saved < 12 and fault["reload_sheet"] == saved + 1
        subprocess.run(["mount", "-o", "remount,size=64m", str(mnt)], check=True)  # space is back
        second = subprocess.run(args, capture_output=True, text=True, env=cli_env(), timeout=120)
        assert second.returncode == 0, second.stderr[-3000:]
        assert f"quét tiếp từ tờ {saved + 1}" in second.stderr
        with Workspace.open(ws_dir) as ws:
            s = SessionStore(ws).latest_for(number, "to_khai")
            assert s is not None
            assert [(p.sheet, p.side, p.sha256) for p in SessionStore(ws).pages(s.id)] == expected
            assert ws.audit.verify().ok
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def test_a_full_database_names_what_was_not_saved(workspace: Workspace) -> None:
    from app.domain.errors import StorageError, StorageFault

    conn = workspace.db.connection()
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
    with pytest.raises(StorageError) as err:
        for _ in range(50):  # until the database needs one more page
            open_dossier(workspace, ReceptionRequest(owner="052090000495", procedure="1.001193"))
    assert err.value.kind is StorageFault.DISK_FULL
    assert err.value.msg.text("vi") == err.value.message_vi
    assert err.value.message_vi.startswith("Không lưu được hồ sơ mới: ổ đĩa chứa")
    assert "Could not save the new dossier" in err.value.message_en
    conn.execute("PRAGMA max_page_count = 1073741823")
    assert workspace.audit.verify().ok  # nothing half-written
