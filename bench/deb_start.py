"""Start of the installed .deb against the checkout's virtualenv, side by side (goal: installed
<= 2x the virtualenv). Each run is a fresh process that opens the app (offscreen) on a new
workspace and reports when the main window's event loop answers; the command line's
``--version`` is timed the same way.

    bash installer/linux/build-deb.sh && sudo apt install ./dist/motcua-station_*_amd64.deb
    python -m bench.deb_start [runs]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.ui_startup import CHILD

GOAL_RATIO = 2.0
ROOT = Path(__file__).resolve().parent.parent
PREFIX = Path("/opt/motcua-station")


def _time(cmd: list[str], env: dict[str, str], cwd: Path, until: bytes | None) -> float:
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - t0
    proc.wait(timeout=60)
    if until is not None and until not in line:
        raise SystemExit(f"{cmd[0]} did not start: {line!r}")
    return elapsed


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    installed_py = PREFIX / "venv" / "bin" / "python"
    if not installed_py.exists():
        sys.stderr.write("motcua-station is not installed: build and install the .deb first (see the "
                         "docstring)\n")
        return 2
    base = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    base["QT_QPA_PLATFORM"] = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    sides = {
        "installed": ([str(installed_py)], {**base, "MOTCUA_RESOURCES": str(PREFIX / "resources")}),
        "virtualenv": ([sys.executable], {**base, "PYTHONPATH": str(ROOT)}),
    }
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for name, (py, env) in sides.items():
            ui, cli = [], []
            for i in range(runs):
                ui.append(_time([*py, "-c", CHILD, str(tmp / f"{name}{i}")], env, tmp, b"READY"))
                cli.append(_time([*py, "-m", "app", "--version"], env, tmp, b"motcua-station"))
            results[name] = {"ui": sorted(ui)[runs // 2], "cli": sorted(cli)[runs // 2]}
    for what in ("ui", "cli"):
        inst, venv = results["installed"][what], results["virtualenv"][what]
        label = "window ready" if what == "ui" else "motcua --version"
        print(f"{label:17} installed {inst:.2f} s | virtualenv {venv:.2f} s | ratio {inst / venv:.2f} "
              f"(goal <= {GOAL_RATIO:.1f}); median of {runs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
