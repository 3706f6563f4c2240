"""A capture whose bytes changed after scanning cannot be waived: no reason lets it into a PDF;
only rescan or delete move on (both audited). Building and signing re-hash what they read."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.errors import IntegrityError, InvalidInput
from app.scan.driver import ScanSettings
from app.scan.session import SessionStore
from app.services.digitize import (
    confirm_simplex,
    delete_page,
    override_finding,
    rescan_page,
    scan_into,
    session_qc,
    start_session,
)
from app.services.reception import ReceptionRequest, open_dossier
from app.services.signing import build_component_pdf, sign_dossier
from app.store.workspace import Workspace
from app.testing.pages import PageSpec
from tests.scan.conftest import save_pages


def _tamper(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-20] ^= 0xFF
    path.write_bytes(bytes(data))


def _scanned(ws: Workspace, tmp_path: Path, n: int = 3) -> tuple[str, int]:
    folder = tmp_path / "feeder"
    save_pages(folder, [PageSpec(seed=i, dpi=200, page_number=(i + 1, n)) for i in range(n)])
    d = open_dossier(ws, ReceptionRequest(owner="052090000495", procedure="1.001193"))
    s = start_session(ws, device=f"folder:{folder}", settings=ScanSettings(dpi=200), dossier_no=d.number,
                      component_id="to_khai", declared_sheets=n)
    scan_into(ws, s.id)
    confirm_simplex(ws, s.id)
    return d.number, s.id


def test_changed_capture_cannot_be_overridden_only_rescanned_or_deleted(workspace: Workspace,
                                                                       tmp_path: Path) -> None:
    dossier, sid = _scanned(workspace, tmp_path)
    store = SessionStore(workspace)
    pages = store.pages(sid)
    _tamper(workspace.blobs.path(pages[1].sha256, "png"))
    report = session_qc(workspace, sid)
    finding = next(f for f in report.findings if f.rule == "integrity")
    assert finding.page == 2 and not finding.waivable
    # The service refuses the override, and the attempt is audited.
    with pytest.raises(InvalidInput) as refused:
        override_finding(workspace, sid, finding.key, "Trang này vẫn đúng, tôi đã kiểm tra")
    assert "quét lại hoặc xóa" in refused.value.message_vi
    assert [e.action for e in workspace.audit.entries()][-1] == "qc.override.refused"
    # Even an override row written straight into the database does not let it through.
    with workspace.db.transaction() as conn:
        conn.execute("INSERT INTO scan_overrides(session_id, finding_key, reason, actor, created_at) "
                     "VALUES (?, ?, 'forced', 'x', '2026-01-01')", (sid, finding.key))
    report = session_qc(workspace, sid)
    assert report.verdict == "fail" and [f.key for f in report.blocking] == [finding.key]
    with pytest.raises(InvalidInput):
        build_component_pdf(workspace, dossier, "to_khai")
    # Rescan: the new capture takes the changed one's place (audited), and the build goes through.
    row = rescan_page(workspace, sid, pages[1].id)
    assert [p.id for p in store.pages(sid)][1] == row.id
    assert not [f for f in session_qc(workspace, sid).findings if f.rule == "integrity"]
    save = [e for e in workspace.audit.entries() if e.action == "scan.page.save"][-1]
    assert save.details["replaces"] == pages[1].id
    doc, _ = build_component_pdf(workspace, dossier, "to_khai")
    assert doc.id
    # Delete is the other way forward (audited).
    _tamper(workspace.blobs.path(pages[2].sha256, "png"))
    assert session_qc(workspace, sid).verdict == "fail"
    delete_page(workspace, sid, pages[2].id, reason="changed after capture")
    assert "integrity" not in {f.rule for f in session_qc(workspace, sid).findings}
    assert [e.action for e in workspace.audit.entries()][-1] == "scan.page.delete"


def test_build_rehashes_the_bytes_it_reads(workspace: Workspace, tmp_path: Path) -> None:
    """A capture swapped after the quality check (here: handed over by path) is caught by the
    builder itself, which only reads bytes whose hash it has just checked."""
    dossier, sid = _scanned(workspace, tmp_path, 2)
    pages = SessionStore(workspace).pages(sid)
    paths = [workspace.blobs.path(p.sha256, "png") for p in pages]
    _tamper(paths[0])
    with pytest.raises(IntegrityError) as err:
        build_component_pdf(workspace, dossier, "to_khai", pages=paths)
    assert "Trang 1" in err.value.message_vi and "bị thay đổi" in err.value.message_vi
    assert not workspace.documents.for_dossier(dossier)
    assert not list(workspace.tmp_dir.iterdir())  # no page copy left behind


def test_signing_checks_the_built_pdf_against_its_record(workspace: Workspace, tmp_path: Path) -> None:
    dossier, _sid = _scanned(workspace, tmp_path, 2)
    doc, _ = build_component_pdf(workspace, dossier, "to_khai")
    pdf = workspace.blobs.path(doc.pdf_sha256, "pdf")
    _tamper(pdf)
    # Refused before any token is touched (the module path does not even exist).
    with pytest.raises(IntegrityError) as err:
        sign_dossier(workspace, dossier, module=str(tmp_path / "no-such-module.so"), pin="0000",
                     key_label="officer")
    assert "bị thay đổi" in err.value.message_vi and "to_khai" in err.value.message_en
    pdf.unlink()
    with pytest.raises(IntegrityError) as missing:
        sign_dossier(workspace, dossier, module=str(tmp_path / "no-such-module.so"), pin="0000",
                     key_label="officer")
    assert "Không tìm thấy" in missing.value.message_vi


def test_the_same_capture_twice_is_a_blocking_finding(workspace: Workspace, tmp_path: Path) -> None:
    from app.scan.driver import ScannedPage

    dossier, sid = _scanned(workspace, tmp_path, 2)
    store = SessionStore(workspace)
    first = store.pages(sid)[0]
    twin = store.add_page(sid, ScannedPage(store.image(first), first.dpi, first.sheet, first.side),
                          after_index=1)
    assert twin.sha256 == first.sha256
    report = session_qc(workspace, sid)
    dup = [f for f in report.findings if f.rule == "duplicate"]
    assert [(f.page, f.severity.value) for f in dup] == [(3,
                                                          "error")] and "trùng hoàn toàn" in dup[0].message_vi
    with pytest.raises(InvalidInput):
        build_component_pdf(workspace, dossier, "to_khai")
    delete_page(workspace, sid, twin.id, reason="the same capture twice")
    assert not [f for f in session_qc(workspace, sid).findings if f.rule == "duplicate"]
