"""The components list shows where another agency's earlier result stands (seed 002): queued
for the managing agency or its certification desk, then the agency's answer, in Vietnamese."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.domain.routing import ForwardState
from app.services import forwarding
from app.services.reception import ReceptionRequest, open_dossier
from tests.ui.conftest import built_document


def test_a_forwarded_result_shows_its_state_on_the_component(main_window,
                                                             qtbot) -> None:  # type: ignore[no-untyped-def]
    win = main_window
    ws = win.ctx.ws
    number = open_dossier(ws, ReceptionRequest(owner="052090000495", procedure="1.000656")).number
    built_document(ws, number, "giay_bao_tu", pages=1)
    forwarding.set_certification_desk(ws, True)
    sent = forwarding.send(ws, number, "giay_bao_tu", agency="000.87.35.H08")
    assert sent.state is ForwardState.QUEUED
    win.open_dossier(number)
    comp = win.components
    win.go(comp)

    def source_text() -> str:
        for row in range(comp.table.rowCount()):
            item = comp.table.item(row, 2)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == "giay_bao_tu":
                return str(item.text())
        return ""

    qtbot.waitUntil(lambda: "Chờ chuyển cơ quan quản lý" in source_text(), timeout=10000)
    with ws.db.transaction() as conn:  # the desk's answer, as the sync loop records it
        conn.execute("UPDATE forwards SET state = 'does_not_match' WHERE id = ?", (sent.id,))
    win.open_dossier(number)
    qtbot.waitUntil(lambda: "báo không khớp" in source_text(), timeout=10000)
    assert "Chờ chuyển" not in source_text()
    win.go(win.send)  # the outbox lists the forward under its own kind

    def kinds() -> set[str]:
        t = win.send.table
        return {t.item(r, 1).text() for r in range(t.rowCount()) if t.item(r, 1) is not None}

    qtbot.waitUntil(lambda: "Giấy tờ chuyển cơ quan quản lý / chứng thực" in kinds(), timeout=10000)
