"""Overlap scanning with processing: the driver's page stream runs in its own thread, a few
pages ahead of the consumer (QC, encoding, durable save). SANE reads, OpenCV and zlib release
the GIL, so on two cores the scanner is never kept waiting by the save of the previous page.
Faults raised by the driver are re-raised in the consumer, in order, after the pages before them."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator

from app.scan.driver import ScannedPage

_END = object()


def read_ahead(pages: Iterator[ScannedPage], depth: int = 3) -> Iterator[ScannedPage]:
    q: queue.Queue[object] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for page in pages:
                while not stop.is_set():
                    try:
                        q.put(page, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    break
            item: object = _END
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer
            item = exc
        finally:
            close = getattr(pages, "close", None)
            if close is not None and stop.is_set():
                close()
        while not stop.is_set():
            try:
                q.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    t = threading.Thread(target=produce, name="scan-read-ahead", daemon=True)
    t.start()
    try:
        while True:
            item = q.get()
            if item is _END:
                return
            if isinstance(item, BaseException):
                raise item
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        t.join(timeout=5)
