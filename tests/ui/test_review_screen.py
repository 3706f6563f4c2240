"""The supervisor's review screen: shown only to a supervisor; the agency's queue from the server
with its filters, a dossier's overrides, pages and trail, and a send-back with a reason per
component that reaches the officer's Today screen (screenshots saved and looked at)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from app.scan.driver import ScanSettings
from app.scan.session import SessionStore
from app.services import submit
from app.services.reception import ReceptionRequest, open_dossier
from app.services.signing import build_component_pdf
from app.store.workspace import Session, Workspace
from tests.conftest import register_workspace, sign_built
from tests.sign.conftest import page_image
from tests.ui.conftest import save_screenshot


def _officer_sends_a_dossier_with_an_override(ws: Workspace, url: str, token: Any) -> str:
    number = open_dossier(ws, ReceptionRequest(owner="052090000495", procedure="1.001193")).number
    for k, comp in enumerate(("to_khai", "giay_chung_sinh")):
        build_component_pdf(ws, number, comp, pages=[page_image(ws.tmp_dir / f"{comp}.png", dpi=60, seed=k)])
    store = SessionStore(ws)
    session = store.open(device="test:0", settings=ScanSettings(), dossier_no=number, component_id="to_khai")
    store.override(session.id, "blank_page:2", "Mặt sau để trắng theo mẫu")
    sign_built(ws, number, token)
    submit.enqueue(ws, number)
    assert not submit.run(ws, submit.client_from(ws, url, username="demo", password="demo")).rejected
    return number


def test_supervisor_reviews_and_sends_back_with_a_reason_per_component(
        qtbot: Any, ui_ws: Workspace, station_server: Any, tmp_path: Path, test_output_dir: Path,
        soft_token: Any) -> None:
    from app.ui.app import start

    number = _officer_sends_a_dossier_with_an_override(ui_ws, station_server.url, soft_token)
    # the officer's own window has no review screen
    ui_ws.session = Session("demo", ("officer",), "000.87.34.H08", "demo")
    _app, officer_shell = start(ui_ws, lang="vi", show=False)
    assert officer_shell.window.review is None
    assert all(s.objectName() != "review" for s, _k in officer_shell.window.screens)
    officer_shell.window.close()

    desk = Workspace.open(tmp_path / "desk")
    try:
        register_workspace(desk, station_server.url, name="Bàn giám sát")
        desk.settings.server_url = station_server.url
        desk.session = Session("giamsat", ("supervisor",), "000.87.34.H08", "giamsat")
        _app, shell = start(desk, lang="vi", show=True)
        win = shell.window
        qtbot.addWidget(win)
        qtbot.waitExposed(win)
        review = win.review
        assert review is not None and review.title() == "Kiểm tra hồ sơ"
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow, timeout=5000)
        qtbot.keyClick(win, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)  # Ctrl+8 opens the desk
        assert win.stack.currentWidget() is review

        def row_of(n: str) -> int:
            return next((r for r in range(review.queue.rowCount()) if review.queue.item(r, 0).text() == n),
                        -1)

        qtbot.waitUntil(lambda: row_of(number) >= 0, timeout=20000)
        assert "chấp nhận lỗi" in review.queue.item(row_of(number), 4).text()
        review.queue.setCurrentCell(row_of(number), 0)
        qtbot.waitUntil(lambda: review.current is not None and review.current["dossier_no"] == number,
                        timeout=20000)
        assert review.overrides.item(0, 3).text() == "Mặt sau để trắng theo mẫu"
        assert review.pages.rowCount() >= 2 and review.pages.item(0, 1).text() == "1"  # the form: one page
        assert review.audit.rowCount() >= 3
        assert review.tabs.tabText(1).endswith("(1)")
        review.pages.setCurrentCell(0, 0)  # the form's page, from the server, beside its findings
        qtbot.waitUntil(lambda: (review.page_view.pixmap() is not None
                                 and not review.page_view.pixmap().isNull()), timeout=20000)
        width = review.page_view.pixmap().width()
        qtbot.keyClick(review, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)  # zoom out
        assert review.page_view.pixmap().width() < width
        save_screenshot(win, test_output_dir, "review_dossier")
        review.tabs.setCurrentIndex(1)
        save_screenshot(win, test_output_dir, "review_overrides")

        # filters: another officer's name empties the list
        review.officer.setText("khong-co-ai")
        qtbot.keyClick(review.officer, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: review.queue.rowCount() == 0, timeout=20000)
        review.officer.clear()
        qtbot.keyClick(review.officer, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: row_of(number) >= 0, timeout=20000)
        review.queue.setCurrentCell(row_of(number), 0)
        qtbot.waitUntil(lambda: review.current is not None and review.current["dossier_no"] == number,
                        timeout=20000)

        # a reason for the form, then Ctrl+B
        rows = {review.reasons.item(r, 0).data(Qt.ItemDataRole.UserRole): r
                for r in range(review.reasons.rowCount())}
        review.reasons.item(rows["to_khai"], 1).setText("Trang 1 bị mờ, quét lại")
        qtbot.keyClick(review, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: "đã trả lại" in review.message.text(), timeout=20000)
        save_screenshot(win, test_output_dir, "review_sent_back")

        # the reports screen: the agency's figures by officer, with the chart and the 766 indicators
        dash = win.dashboard
        assert dash is not None and dash.title() == "Báo cáo"
        qtbot.keyClick(win, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
        assert win.stack.currentWidget() is dash
        officer = ui_ws.dossiers.get(number).created_by
        qtbot.waitUntil(lambda: any(dash.groups.item(r, 0).text() == officer
                                    for r in range(dash.groups.rowCount())),
                        timeout=20000)
        assert int(dash.figures["dossiers"].text()) >= 1 and dash.indicators.rowCount() == 4
        assert "60.0%" in dash.target.text()
        save_screenshot(win, test_output_dir, "dashboard_agency")
        win.ctx.runner.cancel_all()
        win.ctx.runner.wait(10000)
        win.close()
    finally:
        desk.close()

    # the officer's next sync reopens it, and the Today screen says why
    submit.run(ui_ws, submit.client_from(ui_ws, station_server.url, username="demo", password="demo"))
    _app, shell = start(ui_ws, lang="vi", show=True)
    today = shell.window.today
    qtbot.addWidget(shell.window)

    def state_text() -> str:
        return next((today.model.item(r, 3).text() for r in range(today.model.rowCount())
                     if today.model.item(r, 0).text() == number), "")

    qtbot.waitUntil(lambda: "Tờ khai đăng ký khai sinh: Trang 1 bị mờ, quét "
                            "lại" in state_text(), timeout=20000)
    assert "trả lại" in state_text().lower()
    save_screenshot(shell.window, test_output_dir, "today_sent_back")
    shell.window.ctx.runner.wait(10000)


def test_a_supervisor_cannot_approve_a_dossier_they_received_themselves(
        qtbot: Any, station_server: Any, tmp_path: Path, test_output_dir: Path, soft_token: Any) -> None:
    """A supervisor who also works the counter receives a dossier, picks it for review and tries to
    approve it: refused, with the reason in Vietnamese; nothing is recorded as approved."""
    from app.services import review_sync
    from app.ui.app import start

    desk = Workspace.open(tmp_path / "counter-and-desk")
    try:
        register_workspace(desk, station_server.url, name="Quầy của giám sát")
        desk.settings.server_url, desk.settings.server_user = station_server.url, "giamsat"
        desk.session = Session("giamsat", ("supervisor",), "000.87.34.H08", "giamsat")
        number = open_dossier(desk, ReceptionRequest(owner="052090000495", procedure="1.001193")).number
        for k, comp in enumerate(("to_khai", "giay_chung_sinh")):
            build_component_pdf(desk, number, comp,
                                pages=[page_image(desk.tmp_dir / f"{comp}.png", dpi=60, seed=7 + k)])
        sign_built(desk, number, soft_token)
        submit.enqueue(desk, number)
        client = submit.client_from(desk, station_server.url, username="giamsat", password="giamsat")
        assert not submit.run(desk, client).rejected
        review_sync.pick(desk, client, number, "Kiểm tra thêm hồ sơ của quầy")
        _app, shell = start(desk, lang="vi", show=True)
        win = shell.window
        qtbot.addWidget(win)
        qtbot.waitExposed(win)
        review = win.review
        win.go(review)

        def row_of(n: str) -> int:
            return next((r for r in range(review.queue.rowCount()) if review.queue.item(r, 0).text() == n),
                        -1)

        qtbot.waitUntil(lambda: row_of(number) >= 0, timeout=20000)
        review.queue.setCurrentCell(row_of(number), 0)
        qtbot.waitUntil(lambda: review.current is not None and review.current["dossier_no"] == number,
                        timeout=20000)
        qtbot.mouseClick(review.approve_btn, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "Không được tự kiểm tra" in review.message.text(), timeout=20000)
        save_screenshot(win, test_output_dir, "review_own_dossier_refused")
        win.ctx.runner.wait(10000)
        got = review_sync.dossier(client, number)
        assert not any(d.get("decision") == "approved" for d in got.get("decisions", []))
        win.close()
    finally:
        desk.close()
