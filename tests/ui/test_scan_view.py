"""The Scan screen's view on the real image-folder scanner: the first problem page shown at once,
a thumbnail grid with a size control, badges and counts that follow the findings, one line per
page with the fix on the button, "problems only", several pages deleted at once and the last
batch scanned again (audited)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.testing.pages import PageSpec, save
from tests.ui.conftest import save_screenshot
from tests.ui.test_scan_real import open_for_scan
from tests.ui.test_scan_screen import copies


def feeder(folder: Path, blurred: set[int], n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(1, n + 1):
        save(PageSpec(page_number=(i, n), blur_px=4.0 if i in blurred else 0.0, seed=i),
             folder / f"p{i:03d}.png")
    return folder


def scan_all(win, qtbot, folder: Path, sheets: int) -> None:  # type: ignore[no-untyped-def]
    open_for_scan(win, qtbot, f"folder:{folder}")
    scan = win.scan
    scan.sheets.setValue(sheets)
    scan.duplex.setChecked(False)
    qtbot.keyClick(scan, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: scan.task is None and scan.thumbs.count() == sheets, timeout=60000)


def lines(scan) -> list[str]:  # type: ignore[no-untyped-def]
    return [scan.findings.item(i).text() for i in range(scan.findings.count())]


@pytest.mark.timeout(120)
def test_first_problem_page_grid_lines_filter_and_badges(main_window, qtbot, tmp_path,
                                                         test_output_dir) -> None:
    win = main_window
    win.resize(1280, 800)
    scan = win.scan
    scan_all(win, qtbot, feeder(tmp_path / "feeder", {3}, 4), sheets=4)
    session = scan.session
    third = session.pages[2]
    # the first problem page is in the viewer at once, nobody clicked a thumbnail
    assert scan.thumbs.current_page_id() == third.page_id
    qtbot.waitUntil(lambda: scan.viewer._item is not None and scan.viewer._item.pixmap().height() > 1000,
                    timeout=10000)
    # a grid: the second thumbnail sits beside the first, not under it; the slider makes them bigger
    r0, r1 = scan.thumbs.visualItemRect(scan.thumbs.item(0)), scan.thumbs.visualItemRect(scan.thumbs.item(1))
    assert r1.top() == r0.top() and r1.left() > r0.left()
    small = scan.thumbs.iconSize().width()
    qtbot.keyClick(scan, Qt.Key.Key_Plus,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert (scan.thumbs.iconSize().width() > small
            and scan.ui.thumb_size.value() == scan.thumbs.iconSize().width())
    # one line per page: the blurred page's several findings are one line, its fix on the button
    texts = lines(scan)
    page_lines = [t for t in texts if "Trang 3" in t]
    assert len(page_lines) == 1 and "mờ" in page_lines[0], texts
    assert len(texts) == len({f.page_id for f in session.findings if f.page_id}) + sum(
        1 for f in session.findings if f.page_id is None)
    scan.findings.setCurrentRow(texts.index(page_lines[0]))
    assert scan.fix_btn.text() == "Quét lại trang 3 (Ctrl+J)"
    assert scan.thumbs.current_page_id() == third.page_id
    # the viewer fits the page again when the window changes size
    before = scan.viewer.transform().m11()
    win.resize(1024, 768)
    qtbot.waitUntil(lambda: abs(scan.viewer.transform().m11() - before) > 1e-4, timeout=5000)
    save_screenshot(win, test_output_dir, "scan_view_1024x768")
    win.resize(1280, 800)
    # problems only: the pages without a problem leave the grid
    scan.problems_only.setChecked(True)
    shown = [scan.thumbs.item(r).data(Qt.ItemDataRole.UserRole) for r in range(scan.thumbs.count())
             if not scan.thumbs.item(r).isHidden()]
    assert third.page_id in shown and session.pages[0].page_id not in shown
    save_screenshot(win, test_output_dir, "scan_view_problems_only_1280x800")
    scan.problems_only.setChecked(False)
    # accepting the page's worst finding: its badge is drawn again, title and status agree
    blur = next(f for f in session.blocking if f.page_id == third.page_id)
    scan.override_selected(reason="Bản gốc bị nhòe sẵn, đã đối chiếu")
    qtbot.waitUntil(lambda: blur.finding_id not in {f.finding_id for f in scan.session.blocking},
                    timeout=10000)
    drawn = Qt.ItemDataRole.UserRole + 3
    item = next(scan.thumbs.item(r) for r in range(scan.thumbs.count())
                if scan.thumbs.item(r).data(Qt.ItemDataRole.UserRole) == third.page_id)
    now = next(p for p in scan.session.pages if p.page_id == third.page_id)
    qtbot.waitUntil(lambda: item.data(drawn) == (3, now.severity, 0), timeout=10000)
    assert now.severity != "error" or any(f.page_id == third.page_id for f in scan.session.blocking)
    left = len(scan.session.blocking)
    assert f"{left} lỗi" in scan.findings_title.text() or (left == 0 and "0" in scan.findings_title.text())
    assert (f"Còn {left} lỗi" in scan.status.text()) if left else ("Còn" not in scan.status.text())
    save_screenshot(win, test_output_dir, "scan_view_1280x800")


@pytest.mark.timeout(120)
def test_several_pages_deleted_then_the_batch_scanned_again(main_window, qtbot, tmp_path,
                                                            test_output_dir) -> None:
    win = main_window
    win.resize(1280, 800)
    scan = win.scan
    scan_all(win, qtbot, copies(tmp_path / "feeder", 4, PageSpec(dpi=100, seed=8)),
             sheets=4)  # findings aside
    first_ids = [p.page_id for p in scan.session.pages]
    # Ctrl+click selects pages 2 and 3 besides the current one; Del takes them out
    scan.thumbs.clearSelection()
    scan.thumbs.setCurrentRow(1)
    rect = scan.thumbs.visualItemRect(scan.thumbs.item(2))
    qtbot.mouseClick(scan.thumbs.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     rect.center())
    assert [p.position for p in scan.pages.selected()] == [2, 3]
    qtbot.keyClick(scan, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: scan.thumbs.count() == 2 and len(scan.session.pages) == 2, timeout=10000)
    assert [p.page_id for p in scan.session.pages] == [first_ids[0], first_ids[3]]
    actions = [e.action for e in win.ctx.ws.audit.entries(dossier=scan.session.dossier_no)]
    assert actions.count("scan.page.delete") == 2
    # Ctrl+Z: the two pages come back at their places (the captures were never destroyed)
    qtbot.keyClick(scan, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: [p.page_id for p in scan.session.pages] == first_ids and scan.thumbs.count() == 4,
                    timeout=10000)
    actions = [e.action for e in win.ctx.ws.audit.entries(dossier=scan.session.dossier_no)]
    assert actions.count("scan.page.restore") == 2
    qtbot.keyClick(scan, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # only the last deletion
    assert "Không có thao tác" in scan.status.text()
    # scan this batch again: the batch's pages go (audited) and the same sheets come back
    scan.rescan_batch(confirmed=True)
    qtbot.waitUntil(lambda: scan.task is None and len(scan.session.pages) == 4 and scan.thumbs.count() == 4
                    and not set(first_ids) & {p.page_id for p in scan.session.pages}, timeout=60000)
    assert [p.sheet for p in scan.session.pages] == [1, 2, 3, 4]
    actions = [e.action for e in win.ctx.ws.audit.entries(dossier=scan.session.dossier_no)]
    assert "scan.batch.discard" in actions
    save_screenshot(win, test_output_dir, "scan_view_rescanned_batch")
