"""A broken machine configuration file: the app still opens, on the Settings screen, with a banner
naming the file, the key and the problem (in Vietnamese), and the file's valid keys applied."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.conftest import save_screenshot


def test_a_bad_machine_file_opens_settings_with_the_problem(qtbot, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            test_output_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from app.store.workspace import Workspace
    from app.ui.app import start

    machine = tmp_path / "config.toml"
    machine.write_text('scan_dpi = 5\nagency_name = "UBND xã Tân Phú"\n', encoding="utf-8")
    monkeypatch.setenv("MOTCUA_MACHINE_CONFIG", str(machine))
    ws = Workspace.open(tmp_path / "ws")
    try:
        _app, shell = start(ws, lang="vi", show=True)
        win = shell.window
        qtbot.addWidget(win)
        qtbot.waitExposed(win)
        assert win.stack.currentWidget() is win.settings
        text = win.banner.text()
        assert win.banner.isVisible() and "Tệp cấu hình có lỗi" in text
        assert str(machine) in text and "scan_dpi" in text
        assert ws.settings.agency_name == "UBND xã Tân Phú" and ws.settings.scan_dpi == 300
        save_screenshot(win, test_output_dir, "config-problem-banner")
        win.ctx.runner.cancel_all()
        win.ctx.runner.wait(10000)
    finally:
        ws.close()
