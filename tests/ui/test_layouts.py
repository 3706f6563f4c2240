"""Every screen at 1024x768 and 1920x1080: screenshots to look at, nothing clipped where that can
be checked (the window's minimum size fits the small screen; every table header's sections show
their whole title and, outside a pane the officer can widen, the columns fit without a horizontal
scroll bar); the navigation is not a
fixed width; F1 lists the current screen's keys and the global ones."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QHeaderView, QPushButton, QSplitter, QTabBar, QTableView

from tests.ui.conftest import save_screenshot

SIZES = [(1024, 768), (1920, 1080)]


def _in_splitter(widget: Any) -> bool:
    while widget is not None:
        if isinstance(widget, QSplitter):
            return True
        widget = widget.parentWidget()
    return False


def clipped_headers(screen: Any) -> list[str]:
    """Buttons narrower than their text, header sections narrower than their title, tables whose
    columns need a scroll bar, and tab bars whose tabs do not all show (outside a pane the
    officer can widen)."""
    out = []
    for button in screen.findChildren(QPushButton):
        if button.isVisibleTo(screen) and button.text() and button.width() < button.minimumSizeHint().width():
            out.append(f"{screen.objectName()}/button '{button.text()}': {button.width()} < "
                       f"{button.minimumSizeHint().width()}")
    for bar in screen.findChildren(QTabBar):
        if bar.isVisibleTo(screen) and not _in_splitter(bar) and bar.sizeHint().width() > bar.width():
            out.append(f"{screen.objectName()}/{bar.objectName()}: tabs {bar.sizeHint().width()} > "
                       f"{bar.width()}")
    for table in screen.findChildren(QTableView):
        if not table.isVisibleTo(screen) or table.model() is None or table.width() < 50:
            continue
        header: QHeaderView = table.horizontalHeader()
        if header.isHidden():
            continue
        fm = header.fontMetrics()
        in_splitter = _in_splitter(table)
        for col in range(header.count()):
            if header.isSectionHidden(col):
                continue
            if in_splitter and header.sectionResizeMode(col) is QHeaderView.ResizeMode.Stretch:
                continue  # what is left of a pane the officer can widen
            text = str(table.model().headerData(col, Qt.Orientation.Horizontal) or "")
            need = fm.horizontalAdvance(text) + 4
            if header.sectionSize(col) < need:
                out.append(f"{screen.objectName()}/{table.objectName()}: '{text}' {header.sectionSize(col)} "
                           f"< {need}")
        if header.length() > table.viewport().width() + 2 and not in_splitter:  # a pane the officer can widen
            out.append(f"{screen.objectName()}/{table.objectName()}: columns {header.length()} wider than "
                       f"{table.viewport().width()}")
    return out


@pytest.fixture
def supervisor_window(qtbot: Any, ui_ws: Any, request: Any) -> Any:
    """The main window of an officer who is also a supervisor: every screen, reports included,
    in the language the test asks for (Vietnamese by default)."""
    from app.store.workspace import Session
    from app.ui.app import start
    from app.ui.i18n import install_translator

    ui_ws.session = Session("demo", ("officer", "supervisor"), "000.87.34.H08", "demo")
    _app, shell = start(ui_ws, lang=getattr(request, "param", "vi"), show=True)
    win = shell.window
    qtbot.addWidget(win)
    qtbot.waitExposed(win)
    yield win
    win.ctx.runner.cancel_all()
    win.ctx.runner.wait(10000)
    install_translator(QApplication.instance(), "vi")


@pytest.mark.parametrize(("width", "height", "supervisor_window"), [(1024, 768, "vi"), (1920, 1080, "vi"),
                                                                   (1024, 768, "en")],
                         indirect=["supervisor_window"])
def test_every_screen_fits(supervisor_window: Any, qtbot: Any, test_output_dir: Any, width: int,
                           height: int) -> None:
    from app.services.reception import ReceptionRequest, open_dossier
    from app.ui.i18n import current_language

    win = supervisor_window
    lang = current_language()
    assert win.dashboard is not None and len(win.screens) == 9
    d = open_dossier(win.ctx.ws, ReceptionRequest(owner="052090000495", procedure="1.001193",
                                                  owner_name="Nguyễn Thị Bích Phương"))
    win.ctx.open_dossier(d.number)
    win.ctx.events.dossier_changed.emit(d.number)
    win.resize(width, height)
    qtbot.waitUntil(lambda: win.width() == width and win.height() == height)
    floor = win.minimumSizeHint()
    assert floor.width() <= 1024 and floor.height() <= 768, f"the window cannot shrink to 1024x768: {floor}"
    assert 160 <= win.nav.width() <= (220 if width == 1024 else 340)
    problems = []
    for i, (screen, _keys) in enumerate(win.screens):
        win.go(i)
        qtbot.waitUntil(lambda s=screen: win.stack.currentWidget() is s)
        for _round in range(2):  # the screen's load, then a refresh it queued (change notifications)
            win.ctx.runner.wait(10000)
            QApplication.processEvents()
        qtbot.wait(30)
        save_screenshot(win, test_output_dir, f"layout_{width}x{height}_{lang}_{i}_{screen.objectName()}")
        problems += clipped_headers(screen)
    assert not problems, "\n".join(problems)


def test_f1_shows_the_screens_keys_and_the_global_ones(main_window: Any, qtbot: Any,
                                                       test_output_dir: Any) -> None:
    win = main_window
    win.go(win.reception)
    win.activateWindow()
    qtbot.keyClick(win, Qt.Key.Key_F1)
    dlg = win.keys_dialog
    qtbot.waitExposed(dlg)
    here, everywhere = dlg.rows(0), dlg.rows(1)
    assert dlg.windowTitle() == "Phím tắt"
    assert ("Ctrl+Enter", "Tiếp nhận hồ sơ") in here
    assert any(k == "F2" and "Tiếp nhận mới" in w for k, w in here) and ("Ctrl+P", "Tìm thủ tục") in here
    assert ("Ctrl+1", "Chuyển đến: Hồ sơ hôm nay") in everywhere and any(k == "F1" for k, _w in everywhere)
    save_screenshot(dlg, test_output_dir, "help_keys_reception")
    dlg.close()
    win.go(win.today)
    win.activateWindow()
    qtbot.keyClick(win, Qt.Key.Key_F1)
    here = win.keys_dialog.rows(0)
    assert ("F5", "Làm mới") in here and any(k == "Ctrl+F" for k, _w in here)
    win.keys_dialog.close()
