"""Settings: every "test" button reports in plain Vietnamese; translations are complete."""

from __future__ import annotations

import socket
import xml.etree.ElementTree as ET

from PySide6.QtCore import Qt

from app.resources import resource
from tests.ui.conftest import save_screenshot


def _click_and_wait(qtbot, screen, key: str) -> str:  # type: ignore[no-untyped-def]
    label = screen.results[key]
    label.setText("")
    qtbot.mouseClick(screen.test_buttons[key], Qt.MouseButton.LeftButton)
    # the result shows, then the button comes back (two signals): the next click needs both
    qtbot.waitUntil(lambda: label.text()[:1] in ("✔", "✖", "⚠") and screen.test_buttons[key].isEnabled(),
                    timeout=40000)
    return label.text()


def test_settings_test_buttons(main_window, qtbot, tmp_path, test_output_dir) -> None:
    win = main_window
    st = win.settings
    win.go(st)
    assert _click_and_wait(qtbot, st, "workspace").startswith("✔")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    st.server.setText(f"http://127.0.0.1:{port}")
    assert "Không kết nối được máy chủ" in _click_and_wait(qtbot, st, "server")
    st.server.setText("ftp://example")
    assert "phải bắt đầu bằng https://" in _click_and_wait(qtbot, st, "server")
    st.trust.setText(str(tmp_path))
    assert "không có chứng thư số nào" in _click_and_wait(qtbot, st, "trust")
    (tmp_path / "bad.pem").write_text("not a certificate")
    assert "không phải chứng thư số" in _click_and_wait(qtbot, st, "trust")
    st.scanner.setCurrentText(f"folder:{tmp_path / 'none'}")
    assert "Không có thư mục" in _click_and_wait(qtbot, st, "scanner")
    st.pkcs11.setCurrentText(str(tmp_path / "nothing.so"))
    assert "Không tìm thấy thư viện PKCS#11" in _click_and_wait(qtbot, st, "pkcs11")
    save_screenshot(win, test_output_dir, "settings_tested")


def test_settings_never_store_a_pin(main_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    import json

    st = main_window.settings
    with qtbot.waitSignal(main_window.ctx.events.settings_changed, timeout=10000):
        st.save()
    data = json.loads((main_window.ctx.ws.root / "settings.json").read_text(encoding="utf-8"))
    assert not any("pin" in k.lower() for k in data)


def test_translation_sources_are_complete() -> None:
    for lang in ("vi", "en"):
        tree = ET.parse(resource("translations", f"motcua_{lang}.ts"))
        unfinished = [m.find("source").text for m in tree.iter("message")
                      if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
                      or not ("".join(m.find("translation").itertext()).strip())]
        assert not unfinished, f"{lang}: untranslated {unfinished[:5]}"
    vi = ET.parse(resource("translations", "motcua_vi.ts"))
    texts = ["".join(m.find("translation").itertext()) for m in vi.iter("message")]
    # Vietnamese with its diacritics, not ASCII transliteration
    assert sum(any(ord(ch) > 127 for ch in t) for t in texts) > 0.8 * len(texts)


def test_qt_own_buttons_speak_vietnamese(main_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Qt's standard buttons (OK/Cancel, Yes/No) and the line-edit menu follow the UI language."""
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

    from app.services import sign_view as sg
    from app.ui.screens.sign import PinDialog

    dlg = PinDialog(sg.CertChoice("MOTCUA-DEMO", "officer", "Nguyễn Văn "
                                                            "An", "officer", "31/12/2027"), 1, main_window)
    qtbot.addWidget(dlg)
    box = dlg.findChild(QDialogButtonBox)
    assert sorted(b.text() for b in box.buttons()) == ["Hủy", "Đồng ý"]
    question = QMessageBox(main_window)
    question.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    assert sorted(b.text().replace("&", "") for b in question.buttons()) == ["Có", "Không"]
    menu = dlg.pin.createStandardContextMenu()
    assert "Dán" in [a.text().replace("&", "").split("\t")[0] for a in menu.actions()]
