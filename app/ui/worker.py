"""Running service calls off the GUI thread: the one way screens run work.

A :class:`Task` wraps one call (``fn(ctx, *args, **kwargs)``) and reports through Qt signals,
which Qt delivers on the GUI thread. ``ctx`` is a :class:`TaskContext` carrying the
``threading.Event`` the services poll for cancellation and callbacks for progress and partial
results (a page that arrived, a document signed). The GUI never waits on a task.

An operation is declared where it is submitted (:meth:`TaskRunner.run`): its body, what to do
on success, failure, progress, items and cancel, the serial ``queue`` it belongs to, and the
``changes`` it makes (``app.ui.events``), published to every screen once it succeeds.
"""

from __future__ import annotations

import logging
import multiprocessing
import pickle
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any, cast

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.domain.errors import MotcuaError, OperationFailed
from app.services.task import TaskContext as TaskContext  # re-exported: task bodies are typed with it
from app.ui.events import Change

log = logging.getLogger(__name__)

# What an operation changes: the changes, or a function of its result giving them (the number
# of a dossier the operation itself creates is only known then).
Changes = Iterable[Change] | Callable[[Any], Iterable[Change]]


class TaskSignals(QObject):
    progress = Signal(int, int, str)
    item = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)  # a MotcuaError (unexpected errors are wrapped in OperationFailed)
    cancelled = Signal()
    done = Signal()  # always, after succeeded / failed / cancelled


class Task(QRunnable):
    def __init__(self, name: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the runner keeps a reference until ``done``
        self.name = name
        self.signals = TaskSignals()
        self.cancel_event = threading.Event()
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self.finished = threading.Event()

    def cancel(self) -> None:
        self.cancel_event.set()

    def run(self) -> None:  # runs on a pool thread
        sig = self.signals
        ctx = TaskContext(self.cancel_event, sig.progress.emit, sig.item.emit)
        try:
            result = self._fn(ctx, *self._args, **self._kwargs)
        except MotcuaError as exc:
            log.warning("Task %s failed: %s", self.name, exc.message_en)
            if self.cancel_event.is_set():
                sig.cancelled.emit()
            else:
                sig.failed.emit(exc)
        except Exception as exc:  # noqa: BLE001 - reported to the officer, details to the log
            log.exception("Task %s crashed", self.name)
            sig.failed.emit(OperationFailed(
                f"Unexpected error in {self.name}: {type(exc).__name__}: {exc}",
                f"Lỗi không mong đợi khi {self.name}: {type(exc).__name__}: {exc}",
            ))
        else:
            if self.cancel_event.is_set():
                sig.cancelled.emit()
            else:
                sig.succeeded.emit(result)
        finally:
            self.finished.set()
            sig.done.emit()


def _child_main(conn: Any, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any],
                cancel: Any) -> None:
    """Body of a task run in a child process (spawned): report back through the pipe."""
    ctx = TaskContext(cancel, lambda d, t, m: conn.send(("progress", (d, t, m))),
                      lambda item: conn.send(("item", item)))
    try:
        result = fn(ctx, *args, **kwargs)
    except MotcuaError as exc:
        state = {k: v for k, v in exc.__dict__.items() if _picklable(v)}
        conn.send(("error", (type(exc), exc.message_en, state)))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which logs it
        conn.send(("crash", f"{type(exc).__name__}: {exc}"))
    else:
        conn.send(("ok", result))
    finally:
        conn.close()


def _picklable(value: object) -> bool:
    try:
        pickle.dumps(value)
    except Exception:  # noqa: BLE001 - anything unpicklable is simply left out
        return False
    return True


def _rebuild_error(cls: type[MotcuaError], message_en: str, state: dict[str, Any]) -> MotcuaError:
    try:
        exc = cls.__new__(cls)
        Exception.__init__(exc, message_en)
        exc.__dict__.update(state)
        if isinstance(exc, MotcuaError):
            return exc
    except Exception:  # noqa: BLE001 - fall back to a plain error with the same words
        pass
    return OperationFailed(message_en, state.get("message_vi", message_en))


class ProcessTask(Task):
    """A task whose body runs in a separate process, for CPU-heavy library calls that hold the
    GIL (PDF building, image processing, signing): the GUI thread then cannot be starved.

    ``fn`` must be a module-level function and its arguments and results picklable. Progress
    and items arrive as signals exactly like a :class:`Task`; cancel sets an event the child
    polls; if the child ignores it for ``kill_after`` seconds it is terminated.
    """

    kill_after = 20.0

    def run(self) -> None:
        sig = self.signals
        mp = multiprocessing.get_context("spawn")
        cancel = mp.Event()
        recv, send = mp.Pipe(duplex=False)
        proc = mp.Process(target=_child_main, args=(send, self._fn, self._args, self._kwargs, cancel),
                          daemon=True)
        outcome: tuple[str, Any] | None = None
        cancel_seen: float | None = None
        try:
            try:
                proc.start()
            except Exception as exc:  # noqa: BLE001 - reported like any failure
                log.exception("Task %s: cannot start the worker process", self.name)
                outcome = ("crash", f"cannot start a worker process: {exc}")
            send.close()
            while outcome is None:
                if self.cancel_event.is_set() and cancel_seen is None:
                    cancel.set()
                    cancel_seen = time.monotonic()
                if cancel_seen is not None and time.monotonic() - cancel_seen > self.kill_after:
                    proc.terminate()
                    outcome = ("cancelled", None)
                    break
                if recv.poll(0.05):
                    try:
                        kind, payload = recv.recv()
                    except EOFError:
                        outcome = ("crash", "worker process ended without an answer")
                        break
                    if kind == "progress":
                        sig.progress.emit(*payload)
                    elif kind == "item":
                        sig.item.emit(payload)
                    else:
                        outcome = (kind, payload)
                elif not proc.is_alive() and not recv.poll(0):
                    outcome = ("crash", f"worker process exited with code {proc.exitcode}")
            if proc.pid is not None:
                proc.join(10)
            assert outcome is not None
            end, answer = outcome
            if end == "ok" and not self.cancel_event.is_set():
                sig.succeeded.emit(answer)
            elif end == "error" and not self.cancel_event.is_set():
                err_type, err_en, err_state = cast(tuple[type[MotcuaError], str, dict[str, Any]], answer)
                err = _rebuild_error(err_type, err_en, err_state)
                log.warning("Task %s failed: %s", self.name, err.message_en)
                sig.failed.emit(err)
            elif end in ("ok", "error", "cancelled"):
                sig.cancelled.emit()
            else:
                log.error("Task %s crashed: %s", self.name, answer)
                sig.failed.emit(OperationFailed(f"Unexpected error in {self.name}: {answer}",
                                                f"Lỗi không mong đợi khi {self.name}: {answer}"))
        finally:
            recv.close()
            if proc.pid is not None and proc.is_alive():
                proc.terminate()
            self.finished.set()
            sig.done.emit()


class TaskRunner(QObject):
    """Starts tasks on a thread pool and keeps them alive until they finish.

    A task given a ``queue`` key runs after every earlier task of the same key has finished
    (one at a time, in the order submitted): the edits of one scan session (rotate, reorder,
    delete, override, fixes) apply in the order the officer made them. Tasks without a key, or
    of other keys, run side by side on the pool.

    A task given ``changes`` emits them on ``changed`` (a list of :class:`~app.ui.events.Change`)
    when it succeeds, after its ``on_success``; the application context publishes them to the
    screens (``AppContext.events``)."""

    busy_changed = Signal(bool)
    changed = Signal(object)  # list[Change], on the GUI thread

    def __init__(self, parent: QObject | None = None, max_threads: int = 8) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._running: set[Task] = set()
        self._queues: dict[str, deque[Task]] = {}  # key -> [running task, waiting tasks...]

    def start(self, task: Task) -> Task:
        self._running.add(task)
        task.signals.done.connect(lambda t=task: self._finished(t))
        if len(self._running) == 1:
            self.busy_changed.emit(True)
        self.pool.start(task)
        return task

    def run(self, name: str, fn: Callable[..., Any], *args: Any,
            queue: str | None = None,
            on_success: Callable[[Any], None] | None = None,
            on_error: Callable[[MotcuaError], None] | None = None,
            on_progress: Callable[[int, int, str], None] | None = None,
            on_item: Callable[[object], None] | None = None,
            on_cancel: Callable[[], None] | None = None,
            on_done: Callable[[], None] | None = None,
            changes: Changes | None = None, **kwargs: Any) -> Task:
        in_process = bool(kwargs.pop("in_process", False))
        task = (ProcessTask if in_process else Task)(name, fn, *args, **kwargs)
        s = task.signals
        for signal, slot in ((s.succeeded, on_success), (s.failed, on_error), (s.progress, on_progress),
                             (s.item, on_item), (s.cancelled, on_cancel), (s.done, on_done)):
            if slot is not None:
                signal.connect(slot)
        if changes is not None:  # connected last: the operation's own on_success runs first
            s.succeeded.connect(lambda result, c=changes: self._publish(c, result))
        if queue is not None:
            return self._enqueue(queue, task)
        return self.start(task)

    def _publish(self, changes: Changes, result: object) -> None:
        try:
            made = list(changes(result) if callable(changes) else changes)
        except Exception:  # noqa: BLE001 - the work is done; a bad declaration must not hide it
            log.exception("Cannot tell what the operation changed")
            return
        if made:
            self.changed.emit(made)

    def _enqueue(self, key: str, task: Task) -> Task:
        waiting = self._queues.setdefault(key, deque())
        waiting.append(task)
        task.signals.done.connect(lambda k=key: self._queue_next(k))
        if len(waiting) == 1:
            self.start(task)
        else:  # counted as busy while it waits its turn
            self._running.add(task)
            if len(self._running) == 1:
                self.busy_changed.emit(True)
        return task

    def _queue_next(self, key: str) -> None:
        waiting = self._queues.get(key)
        if not waiting:
            return
        waiting.popleft()
        if not waiting:
            del self._queues[key]
            return
        nxt = waiting[0]
        if nxt.cancel_event.is_set():  # cancelled while waiting: never started
            nxt.finished.set()
            nxt.signals.cancelled.emit()
            nxt.signals.done.emit()
            self._finished(nxt)
            return
        self._running.discard(nxt)
        self.start(nxt)

    def queued(self, key: str) -> int:
        """Tasks of this queue not finished yet (the running one included)."""
        return len(self._queues.get(key, ()))

    def _finished(self, task: Task) -> None:
        self._running.discard(task)
        if not self._running:
            self.busy_changed.emit(False)

    @property
    def running(self) -> list[Task]:
        return list(self._running)

    def cancel_all(self) -> None:
        for task in list(self._running):
            task.cancel()

    def wait(self, timeout_ms: int = 30000) -> bool:
        """Cancel nothing; wait for the pool (used at shutdown after ``cancel_all``)."""
        return self.pool.waitForDone(timeout_ms)
