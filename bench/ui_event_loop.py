"""Event-loop latency of the main window during long work (goal: no stall > 100 ms).

Opens the real main window, starts a 10 ms timer probe, and runs a 50-page workload on the
window's task runner: each page is written, hashed, stored in the workspace blobs, thumbnailed
with its badge and shown; then the pages are built into one PDF (img2pdf). The GUI thread only
receives signals. Prints the worst and 99th-percentile tick delay.
Run: ``python -m bench.ui_event_loop [pages]``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import img2pdf
from PySide6.QtWidgets import QApplication

from app.services.scan_view import PageInfo
from app.store.workspace import Workspace
from app.ui.app import start
from app.ui.latency import LatencyProbe
from app.ui.thumbs import badge_thumbnail
from app.ui.worker import TaskContext
from bench.ui_thumbnail import make_page

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
GOAL_MS = 100.0


def workload(ws, files: list[Path], pages: int):  # type: ignore[no-untyped-def]

    def run(ctx: TaskContext) -> int:
        stored = []
        for i in range(pages):
            if ctx.cancelled:
                break
            blob = ws.blobs.put_file(files[i % len(files)], "png")
            stored.append(blob.path)
            info = PageInfo(f"p{i}", i + 1, blob.path, severity="warning" if i % 7 == 0 else "ok")
            ctx.emit((info, badge_thumbnail(blob.path, i + 1, info.severity)))
            ctx.progress(i + 1, pages, "")
        return [str(p) for p in stored]

    return run


def build_pdf(ctx, ws_root: str, paths: list[str]) -> str:  # type: ignore[no-untyped-def]
    """Runs in a child process (CPU-heavy, holds the GIL in places)."""


    ws = Workspace.open(ws_root)
    try:
        ctx.progress(0, 1, "")
        blob = ws.blobs.put_bytes(img2pdf.convert(paths), "pdf")
        return blob.sha256
    finally:
        ws.close()


def measure(pages: int = 50) -> tuple[float, float, float]:


    with tempfile.TemporaryDirectory() as d:
        ws = Workspace.open(Path(d) / "ws")
        files = [make_page(Path(d) / f"p{i}.png", i) for i in range(4)]
        app, shell = start(ws, lang="vi")
        win = shell.window
        win.go(win.scan)
        probe = LatencyProbe()
        t0 = time.perf_counter()
        probe.start()
        def then_build(paths: list[str]) -> None:
            win.ctx.runner.run("bench build", build_pdf, str(ws.root), paths, in_process=True,
                               on_done=app.quit, on_error=lambda e: print("build failed:", e))

        win.ctx.runner.run("bench", workload(ws, files, pages), on_item=win.scan._page_arrived,
                           on_success=then_build, on_error=lambda e: (print("failed:", e), app.quit()))
        app.exec()
        probe.stop()
        elapsed = time.perf_counter() - t0
        win.close()
        ws.close()
        QApplication.processEvents()
    return probe.worst_ms, probe.percentile_ms(0.99), elapsed


def main() -> int:
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    worst, p99, elapsed = measure(pages)
    print(f"event-loop latency during a {pages}-page store+thumbnail+PDF build: worst {worst:.0f} ms, "
          f"p99 {p99:.0f} ms (work took {elapsed:.1f} s); goal {GOAL_MS:.0f} ms; ratio {worst / GOAL_MS:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
