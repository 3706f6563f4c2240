"""Cold start to an interactive main window (goal <= 1.5 s on this machine).

Starts a fresh Python process that opens the app on a new workspace; the child reports when the
window is shown and its event loop has processed the first queued call (the window answers input
from then on). Run: ``python -m bench.ui_startup [runs]``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from app.ui.i18n_build import build

GOAL_S = 1.5
ROOT = Path(__file__).resolve().parent.parent
CHILD = r"""
import sys, time
from pathlib import Path
from app.store.workspace import Workspace
from app.ui.app import start
from PySide6.QtCore import QTimer
ws = Workspace.open(Path(sys.argv[1]))
app, shell = start(ws, lang="vi")
def ready():
    sys.stdout.write("READY\n"); sys.stdout.flush()
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""


def one_run(tmp: Path) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT),
               QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(tmp)], stdout=subprocess.PIPE, env=env,
                            cwd=ROOT)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - t0
    proc.wait(timeout=30)
    if b"READY" not in line:
        raise SystemExit(f"child did not start: {line!r}")
    return elapsed


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5

    build()
    times = []
    with tempfile.TemporaryDirectory() as d:
        for i in range(runs):
            times.append(one_run(Path(d) / f"ws{i}"))
    times.sort()
    median = times[len(times) // 2]
    print(f"ui cold start to interactive window: median {median:.2f} s, best {times[0]:.2f} s, "
          f"worst {times[-1]:.2f} s over {runs} runs; goal {GOAL_S:.1f} s; ratio {median / GOAL_S:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
