"""Event-loop latency probe: a 10 ms timer that records how late each tick arrives. A tick late by
more than 100 ms means the GUI thread was blocked (the window froze) for that long."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer


class LatencyProbe(QObject):
    def __init__(self, interval_ms: int = 10, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval = interval_ms / 1000.0
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self._last = 0.0
        self.gaps: list[float] = []

    def start(self) -> None:
        self.gaps.clear()
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now

    @property
    def worst_ms(self) -> float:
        return max(self.gaps, default=0.0) * 1000.0

    def percentile_ms(self, q: float) -> float:
        if not self.gaps:
            return 0.0
        data = sorted(self.gaps)
        return data[min(len(data) - 1, int(q * len(data)))] * 1000.0
