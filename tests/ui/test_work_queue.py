"""Today's dossiers as a work queue, with real dossiers made through the services and one sent to
the session's provincial server and processed there: tabs by state with counts, an old dossier
still listed and marked overdue, Enter takes the row's next step, the context menu offers the
row's actions, and the result is returned from the queue."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.conftest import sign_built
from tests.ui.conftest import save_screenshot


def _tab(today: Any, state: str) -> int:
    return today.tab_states.index(state)


def _row_of(today: Any, number: str) -> int:
    return next(r for r in range(today.model.rowCount()) if today.model.item(r, 0).text() == number)


def test_work_queue(main_window: Any, qtbot: Any, station_server: Any, test_output_dir: Any,
                    token: Any) -> None:
    from app.domain.codes import vn_now
    from app.domain.records import DossierState
    from app.services import submit
    from app.services.receipt import appointment_date
    from app.services.reception import ReceptionRequest, open_dossier
    from app.ui.screens.today import COL_DUE, COL_PROGRESS, COL_SEND, COL_STATE
    from tests.services.test_workqueue import _ready
    from tests.ui.conftest import province_moves

    win = main_window
    ws = win.ctx.ws
    today = win.today
    fresh = open_dossier(ws, ReceptionRequest(owner="052090000495", procedure="1.001193",
                                              owner_name="Nguyễn Thị Bích Phương"))
    old = _ready(ws, "001185000123", vn_now().replace(year=vn_now().year - 1))
    done = _ready(ws, "079199001234")
    sign_built(ws, done, token)  # on the real test token: a dossier is sent only signed
    submit.enqueue(ws, done)
    client = submit.client_from(ws, station_server.url, username="demo", password="demo")
    submit.run(ws, client)
    province_moves(station_server.url, done, 4, 9, note="Đã ký giấy khai sinh")
    submit.poll(ws, client)

    win.resize(1280, 800)
    win.go(win.today)
    win.ctx.events.dossier_changed.emit(done)
    qtbot.waitUntil(lambda: today.model.rowCount() == 3, timeout=10000)
    # every dossier in hand, whatever its day; counts on the tabs
    assert today.tabs.tabText(0) == "Tất cả (3)"
    assert today.tabs.tabText(_tab(today, "digitizing")) == "Đang số hóa (1)"
    assert today.tabs.tabText(_tab(today, "to_sign")) == "Chờ ký số (1)"
    assert today.tabs.tabText(_tab(today, "to_return")) == "Chờ trả kết quả (1)"
    assert today.tabs.tabText(_tab(today, "send_failed")) == "Gửi lỗi (0)"
    r_old = _row_of(today, old)
    due_old = appointment_date(ws.dossiers.get(old))
    due_item = today.model.item(r_old, COL_DUE)
    assert due_item.text() == f"{due_old:%d/%m/%Y}" and due_item.toolTip() == "Quá hạn trả kết quả"
    assert due_item.background().color().name() == "#fde7e9" and due_item.font().bold()
    assert today.model.item(r_old, COL_PROGRESS).text() == "1/3"
    assert today.model.item(r_old, COL_STATE).text() == "Chờ ký số"
    r_done = _row_of(today, done)
    assert today.model.item(r_done, COL_SEND).text() == "Đã gửi · 9 Đã xử lý xong"
    # sorted by due date: the overdue dossier first
    assert today.proxy.index(0, 0).data() == old
    save_screenshot(win, test_output_dir, "queue_all")

    # a tab shows its state only; the search works within it
    today.tabs.setCurrentIndex(_tab(today, "to_sign"))
    assert today.proxy.rowCount() == 1 and today.count.text() == "Hiển thị 1 hồ sơ"
    # Enter takes the row's next step: sign it
    today.table.setFocus()
    today.table.setCurrentIndex(today.proxy.index(0, 0))
    assert today.next_btn.text() == "Ký số (Enter)"
    qtbot.keyClick(today.table, Qt.Key.Key_Return)
    assert win.stack.currentWidget() is win.sign and win.ctx.dossier.number == old

    win.go(win.today)
    today.tabs.setCurrentIndex(_tab(today, "digitizing"))
    assert today.proxy.rowCount() == 1
    today.table.setCurrentIndex(today.proxy.index(0, 0))
    assert today.next_btn.text() == "Tiếp tục số hóa (Enter)"
    qtbot.keyClick(today.table, Qt.Key.Key_Enter)
    assert win.stack.currentWidget() is win.scan and win.ctx.dossier.number == fresh.number
    assert win.scan.component_id == fresh.components[0].component_id

    # the context menu of a dossier processed by the province: returning its result is the default
    win.go(win.today)
    today.tabs.setCurrentIndex(_tab(today, "to_return"))
    today.table.setCurrentIndex(today.proxy.index(0, 0))
    seen: dict[str, Any] = {}

    def look_and_close() -> None:
        menu = today.menu
        seen.update({a.text(): a.isEnabled() for a in menu.actions()})
        seen["default"] = menu.defaultAction().text() if menu.defaultAction() else ""
        menu.close()

    QTimer.singleShot(100, look_and_close)
    today._menu(today.table.visualRect(today.proxy.index(0, 0)).center())
    assert seen["default"] == "Trả kết quả…" and seen["Trả kết quả…"] and seen["Mở hồ sơ"]
    assert not seen["Ký số"] and not seen["Tiếp tục số hóa"] and not seen["Gửi hồ sơ"]

    # returning the result from the queue: asked first (the safe answer is the default), then done
    def answer(proceed: bool) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox) and box.objectName() == "queue_return_confirm"
        assert done in box.text() and box.defaultButton().text() == "Chưa"
        target = next(b for b in box.buttons() if b.text() == ("Đã trao kết quả" if proceed else "Chưa"))
        target.click()

    QTimer.singleShot(100, lambda: answer(False))
    qtbot.keyClick(today.table, Qt.Key.Key_Return)
    assert ws.dossiers.get(done).state is DossierState.SENT
    QTimer.singleShot(100, lambda: answer(True))
    qtbot.keyClick(today.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: today.tabs.tabText(_tab(today, "returned")) == "Đã trả (1)", timeout=10000)
    assert ws.dossiers.get(done).state is DossierState.RESULT_RETURNED
    assert any(i.kind == "status" and i.dossier_no == done for i in submit.outbox_items(ws))
    assert today.tabs.tabText(_tab(today,
                                   "to_return")) == "Chờ trả kết quả (0)" and today.proxy.rowCount() == 0
    today.tabs.setCurrentIndex(_tab(today, "returned"))
    assert today.proxy.rowCount() == 1 and today.model.item(_row_of(today, done),
                                                            COL_DUE).toolTip() != "Quá hạn trả kết quả"
    today.tabs.setCurrentIndex(0)
    assert today.next_btn.isEnabled() and today.next_btn.text().endswith("(Enter)")
    qtbot.wait(50)
    # after the filters, the number and the date are whole again (not elided)
    fm = today.table.fontMetrics()
    assert today.table.columnWidth(0) >= fm.horizontalAdvance(done)
    assert today.table.columnWidth(COL_DUE) >= fm.horizontalAdvance("00/00/0000")
    save_screenshot(win, test_output_dir, "queue_after_return")


def test_queue_in_english(main_window: Any, qtbot: Any) -> None:
    from app.services.reception import ReceptionRequest, open_dossier
    from app.ui.i18n import install_translator

    win = main_window
    try:
        install_translator(QApplication.instance(), "en")
        from app.ui.screens.today import TodayScreen

        today = TodayScreen(win.ctx)
        qtbot.addWidget(today)
        open_dossier(win.ctx.ws, ReceptionRequest(owner="052090000495", procedure="1.001193"))
        today.activated()
        qtbot.waitUntil(lambda: today.model.rowCount() == 1, timeout=10000)
        assert today.tabs.tabText(1) == "Digitizing (1)" and today.tabs.tabText(2) == "To sign (0)"
        assert today.model.headerData(6, Qt.Orientation.Horizontal) == "Due date"
    finally:
        install_translator(QApplication.instance(), "vi")
