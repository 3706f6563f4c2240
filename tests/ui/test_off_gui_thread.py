"""Long work never blocks the Qt event loop: the PKCS#11 module lookups (Settings, Sign) and the
report export run on a worker, while the window keeps answering. The slow service is held on an
event until the test has seen the GUI thread carry on (no sleeps)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer

from app.ui.screens import dashboard as dashboard_screen
from app.ui.screens import sign as sign_screen


def _held(real: Callable[..., Any], calls: list[threading.Thread], release: threading.Event) -> Callable[...,
                                                                                                         Any]:
    """``real``, made slow: each call records its thread and waits for ``release``."""
    def slow(*args: Any, **kwargs: Any) -> Any:
        calls.append(threading.current_thread())
        assert release.wait(20), "the test never released the slow call"
        return real(*args, **kwargs)
    return slow


def _gui_answers(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A timer set now fires: the event loop runs while the slow call is held."""
    fired: list[bool] = []
    QTimer.singleShot(0, lambda: fired.append(True))
    qtbot.waitUntil(lambda: bool(fired), timeout=5000)


def test_module_lookups_run_on_a_worker(main_window, qtbot, monkeypatch, tmp_path) -> None:
    win = main_window
    found = str(tmp_path / "libslow-token.so")
    calls: list[threading.Thread] = []
    release = threading.Event()
    lookup = _held(lambda configured=None: [found], calls, release)
    monkeypatch.setattr("app.services.diagnostics.installed_pkcs11_modules", lookup)
    monkeypatch.setattr(sign_screen, "installed_pkcs11_modules", lookup)
    win.ctx.ws.settings.pkcs11_module = configured = str(tmp_path / "configured.so")
    st = win.settings
    try:
        win.go(st)  # returns at once: the lookup is held on its worker
        qtbot.waitUntil(lambda: len(calls) == 1, timeout=5000)
        _gui_answers(qtbot)
        assert st.pkcs11.currentText() == configured  # the saved module shows meanwhile
        st.pkcs11.setCurrentText("/typed/by/the/officer.so")  # and the officer may type another
        sign = win.sign
        sign.module.clear()
        win.go(sign)
        qtbot.waitUntil(lambda: len(calls) == 2, timeout=5000)
        _gui_answers(qtbot)
        assert sign.module.count() == 0
    finally:
        release.set()
    assert all(t is not threading.main_thread() for t in calls)
    qtbot.waitUntil(lambda: [sign.module.itemText(i) for i in range(sign.module.count())] == [configured,
                                                                                              found],
                    timeout=5000)
    qtbot.waitUntil(lambda: st.pkcs11.findText(found) >= 0, timeout=5000)
    assert st.pkcs11.currentText() == "/typed/by/the/officer.so"  # what was typed is kept
    win.ctx.runner.wait(10000)


def test_report_export_runs_on_a_worker(main_window, qtbot, monkeypatch, tmp_path) -> None:
    win = main_window
    dash = dashboard_screen.DashboardScreen(win.ctx)
    qtbot.addWidget(dash)
    dash.scope.setCurrentIndex(dash.scope.findData("workstation"))
    dash.activated()
    qtbot.waitUntil(lambda: dash.data is not None, timeout=10000)
    out = tmp_path / "bao-cao.csv"
    monkeypatch.setattr(dashboard_screen.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    calls: list[threading.Thread] = []
    release = threading.Event()
    monkeypatch.setattr(dashboard_screen, "write_csv", _held(dashboard_screen.write_csv, calls, release))
    try:
        dash.export("csv")
        qtbot.waitUntil(lambda: len(calls) == 1, timeout=5000)
        _gui_answers(qtbot)
        assert not dash.csv_btn.isEnabled() and not dash.xlsx_btn.isEnabled()  # one export at a time
    finally:
        release.set()
    qtbot.waitUntil(lambda: str(out) in dash.message.text() and dash.csv_btn.isEnabled(), timeout=10000)
    assert calls[0] is not threading.main_thread()
    assert Path(out).read_text(encoding="utf-8-sig").splitlines()[0]  # the header row was written
