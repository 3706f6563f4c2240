"""Task bodies run in child processes by the worker tests (module-level so they pickle)."""

from __future__ import annotations

import time

from app.domain.errors import InvalidInput


def count_to(ctx, n: int, delay: float) -> int:  # type: ignore[no-untyped-def]
    for i in range(n):
        if ctx.cancelled:
            return i
        ctx.progress(i + 1, n, f"{i + 1}/{n}")
        ctx.emit(i)
        time.sleep(delay)
    return n


def refuse(ctx) -> None:  # type: ignore[no-untyped-def]
    raise InvalidInput("Sheet 3 jammed", "Kẹt giấy ở tờ 3")


def crash(ctx) -> None:  # type: ignore[no-untyped-def]
    raise ZeroDivisionError("boom")


def burn_cpu(ctx, seconds: float) -> int:  # type: ignore[no-untyped-def]
    """Holds the GIL in long C calls (big-integer arithmetic) like PDF or image libraries do."""
    end = time.monotonic() + seconds
    n = 0
    while time.monotonic() < end:
        _ = 7 ** 400_000  # a single C call of a few tens of ms holding the GIL
        n += 1
    return n
