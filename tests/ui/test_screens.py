"""The main window: every screen renders (screenshots saved and checked), Vietnamese by default,
English selectable, keyboard navigation."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import save_screenshot


def test_vietnamese_by_default_and_every_screen_renders(main_window, qtbot, test_output_dir) -> None:
    win = main_window
    assert win.windowTitle() == "Trạm Số hóa Một cửa"
    titles = [win.nav.item(i).text() for i in range(win.nav.count())]
    assert titles[0].startswith("Hồ sơ hôm nay")
    assert titles[1].startswith("Tiếp nhận")
    assert any(t.startswith("Cài đặt") for t in titles)
    for i, (screen, _keys) in enumerate(win.screens):
        win.go(i)
        qtbot.waitUntil(lambda s=screen: win.stack.currentWidget() is s)
        qtbot.wait(50)
        save_screenshot(win, test_output_dir, f"screen_{i}_{screen.objectName()}")


def test_shortcuts_switch_screens(main_window, qtbot) -> None:
    win = main_window
    win.activateWindow()
    qtbot.keyClick(win, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert win.stack.currentWidget() is win.reception
    qtbot.keyClick(win, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert win.stack.currentWidget() is win.settings
    qtbot.keyClick(win, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert win.stack.currentWidget() is win.today


def test_english_selectable_from_settings(main_window, qtbot, test_output_dir) -> None:
    from PySide6.QtWidgets import QApplication

    from app.ui.i18n import current_language, install_translator

    win = main_window
    win.go(win.settings)
    shells = []
    win.language_requested.connect(lambda lang: shells.append(lang))
    win.settings.language.setCurrentIndex(1)
    qtbot.mouseClick(win.settings.save_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shells == ["en"], timeout=10000)
    assert win.ctx.ws.settings.language == "en"
    try:
        assert current_language() == "en"
        # the shell rebuilt the window in English
        new = [w for w in QApplication.topLevelWidgets() if w.objectName() == "main_window" and w.isVisible()]
        assert new and new[-1].windowTitle() == "One-stop Digitization Station"
        save_screenshot(new[-1], test_output_dir, "settings_english")
        new[-1].close()
    finally:
        install_translator(QApplication.instance(), "vi")
