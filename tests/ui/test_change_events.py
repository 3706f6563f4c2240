"""Change notification between screens: an operation declares what it changes; when it succeeds
every screen showing that refreshes by itself (a visible one at once, a hidden one when it is
shown), without the officer pressing Refresh."""

from __future__ import annotations

from app.ui.context import AppContext
from app.ui.screens.components import ComponentsScreen
from app.ui.screens.reception import ReceptionScreen
from app.ui.screens.send import SendScreen
from app.ui.screens.today import TodayScreen


def _numbers(today: TodayScreen) -> list[str]:
    return [today.model.item(r, 0).text() for r in range(today.model.rowCount())]


def test_a_change_on_one_screen_appears_on_the_others(qtbot, ui_ws) -> None:  # type: ignore[no-untyped-def]
    ctx = AppContext(ui_ws)
    today, reception = TodayScreen(ctx), ReceptionScreen(ctx)
    components, send = ComponentsScreen(ctx), SendScreen(ctx)
    for w in (today, reception, components, send):
        qtbot.addWidget(w)
    try:
        today.show()
        qtbot.waitExposed(today)
        today.activate()
        qtbot.waitUntil(lambda: not ctx.runner.running, timeout=10000)
        assert _numbers(today) == [] and today.refreshes == 0

        # a dossier received on Reception (not shown) appears on Today (shown): nobody pressed F5
        qtbot.keyClicks(reception.owner_id, "052090000495")
        reception.owner_name.setText("Nguyễn Văn An")
        qtbot.keyClicks(reception.proc_search, "khai sinh")
        with qtbot.waitSignal(reception.dossier_opened, timeout=10000) as opened:
            reception.submit()
        number = opened.args[0]
        qtbot.waitUntil(lambda: _numbers(today) == [number], timeout=10000)
        assert today.refreshes >= 1

        # the province is away: a portal-account link request made on Components waits in the
        # outbox; the Send screen, hidden, is only marked stale, and shows it once it is shown
        ctx.ws.settings.server_url = ""
        ctx.open_dossier(number)
        qtbot.waitUntil(lambda: not ctx.runner.running, timeout=10000)
        components.portal_panel.request_link()
        qtbot.waitUntil(lambda: send.stale, timeout=10000)
        qtbot.waitUntil(lambda: not ctx.runner.running, timeout=10000)
        assert send.table.rowCount() == 0 and send.refreshes == 0  # nothing read while hidden
        send.show()
        qtbot.waitExposed(send)
        qtbot.waitUntil(lambda: send.table.rowCount() == 1, timeout=10000)
        assert send.table.item(0, 0).text() == number and send.refreshes == 1 and not send.stale
    finally:
        ctx.runner.cancel_all()
        ctx.runner.wait(10000)
