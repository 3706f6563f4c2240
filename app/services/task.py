"""What a long operation receives from whoever runs it (the UI's task runner, a CLI command, a
test): the ``threading.Event`` it polls for cancellation and callbacks for progress and partial
results (a page that arrived, a document signed). Qt-free: the UI's worker builds one per task
and turns the callbacks into signals."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class TaskContext:
    """What a task body gets: the cancel event and ways to report back."""

    cancel: threading.Event
    _progress: Callable[[int, int, str], None]
    _item: Callable[[object], None]
    started: float = field(default_factory=time.monotonic)

    def progress(self, done: int, total: int, message: str = "") -> None:
        self._progress(int(done), int(total), message)

    def emit(self, item: object) -> None:
        self._item(item)

    @property
    def cancelled(self) -> bool:
        return self.cancel.is_set()
