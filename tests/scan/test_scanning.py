import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.domain.errors import InvalidInput
from app.scan.driver import ScanSettings
from app.scan.session import SessionStore
from app.services.digitize import (
    component_pages,
    confirm_simplex,
    drop_blank_backs,
    scan_into,
    session_qc,
    start_session,
)
from app.services.reception import ReceptionRequest, open_dossier
from app.store.workspace import Workspace
from app.testing.pages import PageSpec
from tests.conftest import CliRunner, cli_env, cli_json
from tests.scan.conftest import save_pages


def _duplex_folder(folder: Path, sheets: int) -> Path:
    specs = []
    for i in range(sheets):
        specs += [PageSpec(seed=i, page_number=(i + 1, sheets)), PageSpec(blank=True, seed=100 + i)]
    save_pages(folder, specs)
    return folder


def test_jam_keeps_pages_names_the_sheet_and_resumes(workspace: Workspace, tmp_path: Path) -> None:
    folder = _duplex_folder(tmp_path / "feeder", 4)
    (folder / "scanner.json").write_text(json.dumps({"jam_after": 2, "once": True}))
    d = open_dossier(workspace, ReceptionRequest(owner="052090000495", procedure="1.001193"))
    s = start_session(workspace, device=f"folder:{folder}", settings=ScanSettings(duplex=True, dpi=200),
                      dossier_no=d.number, component_id="to_khai", declared_sheets=4)
    first = scan_into(workspace, s.id)
    assert first.fault_kind == "jam" and first.reload_sheet == 3
    assert "tờ 3" in first.fault_vi
    assert len(SessionStore(workspace).pages(s.id)) == 4
    second = scan_into(workspace, s.id)
    assert not second.fault_kind
    pages = SessionStore(workspace).pages(s.id)
    assert [(p.sheet, p.side) for p in pages] == [(i, side) for i in range(1, 5) for side in ("front",
                                                                                              "back")]
    report = session_qc(workspace, s.id)
    assert not any(f.rule == "sheet_count" and f.page is None for f in report.findings)
    assert drop_blank_backs(workspace, s.id) == 4
    assert len(SessionStore(workspace).pages(s.id)) == 4
    assert workspace.dossiers.get(d.number).component("to_khai").state.value == "scanned"
    assert workspace.audit.verify().ok


def test_cancel_stops_quickly(workspace: Workspace, tmp_path: Path) -> None:
    folder = _duplex_folder(tmp_path / "feeder", 6)
    s = start_session(workspace, device=f"folder:{folder}", settings=ScanSettings(duplex=True, dpi=200))
    cancel = threading.Event()
    stamps: list[float] = []

    def progress(_row: object) -> None:
        stamps.append(time.monotonic())
        if len(stamps) == 2:
            cancel.set()

    out = scan_into(workspace, s.id, progress=progress, cancel=cancel)
    assert out.cancelled and len(out.added) == 2
    assert time.monotonic() - stamps[-1] < 1.0


def test_rotation_is_a_derived_page_and_the_capture_stays(workspace: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "f"
    save_pages(folder, [PageSpec(seed=1), PageSpec(seed=2)])
    s = start_session(workspace, device=f"folder:{folder}", settings=ScanSettings(dpi=200))
    scan_into(workspace, s.id)
    store = SessionStore(workspace)
    first = store.pages(s.id)[0]
    rotated = store.rotate(s.id, first.id, 90)
    pages = store.pages(s.id)
    assert pages[0].id == rotated.id and rotated.derived_from == first.id
    assert (rotated.width, rotated.height) == (first.height, first.width)
    assert workspace.blobs.verify(first.sha256, "png")  # the original capture is still stored
    entry = [e for e in workspace.audit.entries() if e.action == "scan.page.derive"][-1]
    assert entry.objects == {"page": rotated.sha256, "original": first.sha256}
    store.reorder(s.id, [pages[1].id, pages[0].id])
    assert [p.id for p in store.pages(s.id)] == [pages[1].id, pages[0].id]


def test_sane_test_backend_through_the_cli(cli: CliRunner, sane_config: dict[str, str],
                                           tmp_path: Path) -> None:
    devices = cli_json(cli("devices", "--json", env=sane_config))
    assert "test:0" in [d["name"] for d in devices["devices"]]
    res = cli("scan", "--device", "test:0", "--dpi", "100", "--workspace", tmp_path / "ws", "--json",
              env=sane_config)
    assert res.returncode == 0, res.stderr
    data = cli_json(res)
    assert len(data["pages"]) == 10  # the test backend's feeder holds 10 sheets, then ends cleanly
    import hashlib

    for p in data["pages"]:
        assert hashlib.sha256(Path(p["path"]).read_bytes()).hexdigest() == p["sha256"]
        assert p["dpi"] == 100
        # An A4 sheet comes in whole, at 100% scale: 210 x 297 mm at 100 dpi.
        assert abs(p["width"] - 827) <= 1 and abs(p["height"] - 1169) <= 1, (p["width"], p["height"])


def test_killed_scanner_process_keeps_every_reported_page(tmp_path: Path) -> None:
    folder = tmp_path / "feeder"
    save_pages(folder, [PageSpec(seed=i, dpi=200) for i in range(12)])
    ws_dir = tmp_path / "ws"
    proc = subprocess.Popen([sys.executable, "-m", "app", "scan", "--device", f"folder:{folder}", "--dpi",
                             "200",
                             "--workspace", str(ws_dir)], stderr=subprocess.PIPE, text=True, env=cli_env())
    reported = []
    assert proc.stderr is not None
    while len(reported) < 4:
        line = proc.stderr.readline()
        if not line:
            break
        if "đã lưu" in line:
            reported.append(line.split()[-1])
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Workspace.open(ws_dir) as ws:
        pages = SessionStore(ws).pages(1)
        shas = [p.sha256 for p in pages]
        for prefix in reported:
            assert any(s.startswith(prefix) for s in shas)
        assert all(ws.blobs.verify(s, "png") for s in shas)
        assert ws.audit.verify().ok


def test_component_pages_feed_the_pdf_builder(workspace: Workspace, tmp_path: Path) -> None:
    from app.services.signing import build_component_pdf

    folder = tmp_path / "f"
    save_pages(folder, [PageSpec(seed=1), PageSpec(seed=2, page_number=(2, 2))])
    d = open_dossier(workspace, ReceptionRequest(owner="052090000495", procedure="1.001193"))
    s = start_session(workspace, device=f"folder:{folder}", settings=ScanSettings(dpi=200),
                      dossier_no=d.number,
                      component_id="giay_chung_sinh")
    scan_into(workspace, s.id)
    SessionStore(workspace).update(s.id, simplex_confirmed=True)
    doc, path = build_component_pdf(workspace, d.number, "giay_chung_sinh")
    import pikepdf

    with pikepdf.open(path) as pdf:
        assert len(pdf.pages) == 2
    assert workspace.dossiers.get(d.number).component("giay_chung_sinh").state.value == "built"


def test_changed_capture_is_caught_on_the_scan_screen_and_before_building(workspace: Workspace,
                                                                          tmp_path: Path) -> None:
    folder = tmp_path / "feeder"
    save_pages(folder, [PageSpec(seed=i, dpi=200) for i in range(3)])
    d = open_dossier(workspace, ReceptionRequest(owner="052090000495", procedure="1.001193"))
    s = start_session(workspace, device=f"folder:{folder}", settings=ScanSettings(dpi=200),
                      dossier_no=d.number, component_id="to_khai", declared_sheets=3)
    scan_into(workspace, s.id)
    confirm_simplex(workspace, s.id)
    pages = SessionStore(workspace).pages(s.id)

    def integrity_pages(thorough: bool) -> list[int | None]:
        report = session_qc(workspace, s.id, thorough_integrity=thorough)
        return [f.page for f in report.findings if f.rule == "integrity"]

    assert integrity_pages(False) == integrity_pages(True) == []
    # Page 2's file is rewritten (edited by some other program): the quick check the Scan screen
    # runs on every page arrival sees it.
    path = workspace.blobs.path(pages[1].sha256, "png")
    data = bytearray(path.read_bytes())
    data[-20] ^= 0xFF
    path.write_bytes(bytes(data))
    assert integrity_pages(False) == [2]
    # Page 3 is altered in place with its size and time put back: only a full re-hash sees it,
    # and building runs one.
    path3 = workspace.blobs.path(pages[2].sha256, "png")
    before = path3.stat()
    with open(path3, "r+b") as fh:
        fh.seek(before.st_size - 20)
        fh.write(b"\x00" * 4)
    os.utime(path3, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert integrity_pages(True) == [2, 3]
    with pytest.raises(InvalidInput):
        component_pages(workspace, d.number, "to_khai")


def test_scanner_unplugged_mid_batch_keeps_the_pages_and_says_where_to_resume(workspace_dir: Path,
                                                                              tmp_path: Path) -> None:
    folder = tmp_path / "feeder"
    save_pages(folder, [PageSpec(seed=i, dpi=200, page_number=(i + 1, 5)) for i in range(5)])
    (folder / "scanner.json").write_text(json.dumps({"disconnect_after": 3, "once": True}))
    ws = Workspace.open(workspace_dir)
    try:
        s = start_session(ws, device=f"folder:{folder}", settings=ScanSettings(dpi=200), declared_sheets=5)
        out = scan_into(ws, s.id)
        assert out.fault_kind == "disconnected" and out.reload_sheet == 4
        assert "tờ 4" in out.fault_vi and "vẫn được lưu" in out.fault_vi
        saved = [p.sha256 for p in SessionStore(ws).pages(s.id)]
        assert len(saved) == 3
    finally:
        ws.close()
    # The app is closed and opened again: the session still holds the three pages and says why
    # it stopped; scanning again continues at sheet 4 with the right numbering.
    ws = Workspace.open(workspace_dir)
    try:
        store = SessionStore(ws)
        rec = store.get(s.id)
        assert rec.state == "interrupted" and rec.last_fault == "disconnected" and rec.next_sheet == 4
        assert [p.sha256 for p in store.pages(s.id)] == saved
        assert all(ws.blobs.verify(sha, "png") for sha in saved)
        again = scan_into(ws, s.id)
        assert not again.fault_kind
        assert [p.sheet for p in store.pages(s.id)] == [1, 2, 3, 4, 5]
        assert not [f for f in session_qc(ws, s.id).findings if f.rule in ("sheet_count", "order")]
    finally:
        ws.close()


def _sigpipe_ignored() -> bool:
    with open("/proc/self/status", encoding="ascii") as fh:
        mask = next(line for line in fh if line.startswith("SigIgn:")).split()[1]
    return bool(int(mask, 16) & (1 << (signal.SIGPIPE - 1)))


def test_a_sane_scan_leaves_broken_pipes_harmless(sane_config: dict[str, str], tmp_path: Path) -> None:
    """libsane's reader sets SIGPIPE back to 'terminate' for the whole process; after a scan the
    application must still survive a write to a closed connection (the sync client, a server)."""
    import socket

    with Workspace.open(tmp_path / "ws") as ws:
        s = start_session(ws, device="test:0", settings=ScanSettings(dpi=75))
        out = scan_into(ws, s.id)
        assert out.added and _sigpipe_ignored()
    a, b = socket.socketpair()
    b.close()
    with pytest.raises(BrokenPipeError):  # an exception, not the process killed by a signal
        for _ in range(100):
            a.send(b"x" * 65536)
    a.close()


def test_the_deskew_fix_straightens_the_page_and_keeps_the_capture(workspace: Workspace,
                                                                   tmp_path: Path) -> None:
    """The skew finding proposes "deskew"; applying it (services.digitize.deskew_page) replaces
    the page by a straightened derived page and the finding goes away."""
    from app.services.digitize import FixAction, deskew_page, session_qc

    folder = tmp_path / "f"
    save_pages(folder, [PageSpec(seed=4, skew_deg=3.0, dpi=100)])
    s = start_session(workspace, device=f"folder:{folder}", settings=ScanSettings(dpi=100))
    scan_into(workspace, s.id)
    skew = [f for f in session_qc(workspace, s.id).findings if f.rule == "skew"]
    assert [(f.page, f.action) for f in skew] == [(1, FixAction.DESKEW)]
    first = SessionStore(workspace).pages(s.id)[0]
    straight = deskew_page(workspace, s.id, first.id)
    assert straight.derived_from == first.id and workspace.blobs.verify(first.sha256, "png")
    assert not [f for f in session_qc(workspace, s.id).findings if f.rule == "skew"]
