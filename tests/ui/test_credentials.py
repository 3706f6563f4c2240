"""The officer's server credentials live on the application context for the session only: no
module of the application keeps the password, and closing the window ends the session."""

from __future__ import annotations

import sys
from collections.abc import Iterator

PASSWORD = "mk-chi-trong-phien-7f3a"  # noqa: S105 - a test value


def _strings(value: object, depth: int = 0) -> Iterator[str]:
    """Strings reachable from a module global (containers and plain objects, a few levels deep)."""
    if depth > 3:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in list(value.items()):
            yield from _strings(k, depth + 1)
            yield from _strings(v, depth + 1)
    elif isinstance(value, list | tuple | set | frozenset):
        for v in list(value):
            yield from _strings(v, depth + 1)
    elif hasattr(value, "__dict__") and not isinstance(value,
                                                       type) and type(value).__module__.startswith("app."):
        yield from _strings(vars(value), depth + 1)


def _globals_holding(secret: str) -> list[str]:
    found = []
    for name, mod in list(sys.modules.items()):
        if not (name == "app" or name.startswith("app.")) or mod is None:
            continue
        for attr, value in list(vars(mod).items()):
            if any(secret in s for s in _strings(value)):
                found.append(f"{name}.{attr}")
    return found


def test_the_password_lives_on_the_context_only(qtbot, ui_ws) -> None:  # type: ignore[no-untyped-def]
    from app.ui.app import start

    _app, shell = start(ui_ws, lang="vi", demo_info={"server_password": PASSWORD}, show=True)
    win = shell.window
    qtbot.addWidget(win)
    ctx = win.ctx
    assert ctx.session is not None and ctx.session.password == PASSWORD
    assert "server_password" not in ctx.demo_info  # not kept beside the session
    assert _globals_holding(PASSWORD) == []
    win.close()
    assert ctx.session is None and ui_ws.session is None  # closing the window ends the session


def test_the_search_finds_a_password_held_by_a_module_global() -> None:
    """The check above can fail: a module global holding the password is reported."""
    import app.ui.backend as mod

    mod._leak = {"login": ("demo", PASSWORD)}  # type: ignore[attr-defined]
    try:
        assert "app.ui.backend._leak" in _globals_holding(PASSWORD)
    finally:
        del mod._leak  # type: ignore[attr-defined]
