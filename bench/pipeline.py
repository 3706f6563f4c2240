"""Scan pipeline vs ``scanimage --batch`` on SANE's ``test`` backend, and memory over a batch.

    python -m bench.pipeline [--pages 100] [--dpi 200]

Both sides scan the same A4 colour pages from the test backend's ADF (10 sheets per feeder
load, so both reload it until --pages pages are done), in the same run. ``scanimage`` writes
uncompressed PNM files (the goal's reference) and, for comparison, PNG files; the pipeline does scan + QC + lossless PNG encode + durable save
(fsync) + SQLite row + audit entry for every page. Prints both wall times, the ratio
(goal <= 1.15), pages/minute (goal: keep up with a 140 images/min scanner) and resident memory
sampled along the batch (goal: flat).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PER_LOAD = 10  # sheets the test backend's feeder holds


def _sane_env(tmp: Path) -> dict[str, str]:
    conf = tmp / "sane.d"
    conf.mkdir()
    (conf / "dll.conf").write_text("test\n")
    (conf / "test.conf").write_text("number_of_devices 1\n")
    return {**os.environ, "SANE_CONFIG_DIR": str(conf)}


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def run_scanimage(out: Path, pages: int, dpi: int, env: dict[str, str], fmt: str = "pnm") -> float:
    out.mkdir()
    t0 = time.perf_counter()
    done = 0
    while done < pages:
        n = min(PER_LOAD, pages - done)
        subprocess.run(["scanimage", "-d", "test:0", "--source", "Automatic Document Feeder", "--mode", "Color",
                        "--resolution", str(dpi), "-x", "210", "-y", "297", f"--batch={out}/p{done:04d}-%03d.{fmt}",
                        f"--batch-count={n}", f"--format={fmt}"], env=env, check=True, capture_output=True)
        done += n
    return time.perf_counter() - t0


def run_pipeline(ws_dir: Path, pages: int, dpi: int) -> tuple[float, list[tuple[int, float]]]:
    from app.scan.driver import ColourMode, ScanSettings, Source
    from app.services.digitize import scan_into, start_session
    from app.store.workspace import Workspace

    rss: list[tuple[int, float]] = []
    ws = Workspace.open(ws_dir)
    try:
        s = start_session(ws, device="test:0", settings=ScanSettings(source=Source.ADF, dpi=dpi, mode=ColourMode.COLOR))
        count = 0

        def progress(_row: object) -> None:
            nonlocal count
            count += 1
            if count % 10 == 0:
                rss.append((count, _rss_mb()))

        t0 = time.perf_counter()
        while count < pages:
            out = scan_into(ws, s.id, progress=progress)
            if not out.added:
                break
        return time.perf_counter() - t0, rss
    finally:
        ws.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--dpi", type=int, default=200)
    a = ap.parse_args(argv)
    if shutil.which("scanimage") is None:
        sys.stdout.write("scanimage not installed (apt: sane-utils): skipped\n")
        return 0
    with tempfile.TemporaryDirectory(prefix="motcua-bench-") as tmp_s:
        tmp = Path(tmp_s)
        env = _sane_env(tmp)
        os.environ["SANE_CONFIG_DIR"] = env["SANE_CONFIG_DIR"]
        t_ref = run_scanimage(tmp / "scanimage", a.pages, a.dpi, env)
        t_png = run_scanimage(tmp / "scanimage-png", a.pages, a.dpi, env, "png")
        t_ours, rss = run_pipeline(tmp / "ws", a.pages, a.dpi)
        n = a.pages
        ratio = t_ours / t_ref
        out = sys.stdout
        out.write(f"{n} A4 colour pages at {a.dpi} dpi from SANE test ADF\n")
        out.write(f"  scanimage --batch (PNM):          {t_ref:7.1f} s  {60 * n / t_ref:6.0f} pages/min\n")
        out.write(f"  scanimage --batch (PNG, lossless): {t_png:6.1f} s  {60 * n / t_png:6.0f} pages/min\n")
        out.write(f"  pipeline (scan+QC+PNG+fsync+db):  {t_ours:7.1f} s  {60 * n / t_ours:6.0f} pages/min\n")
        out.write(f"  ratio pipeline / scanimage PNM: {ratio:.2f} (goal <= 1.15); vs scanimage PNG: {t_ours / t_png:.2f}; "
                  f"keeps up with 140 images/min: {'yes' if 60 * n / t_ours >= 140 else 'NO'}\n")
        if rss:
            first = rss[min(1, len(rss) - 1)][1]
            out.write("  RSS MB along the batch: " + ", ".join(f"{k}:{v:.0f}" for k, v in rss[:: max(1, len(rss) // 10)])
                      + f"\n  growth after page {rss[min(1, len(rss) - 1)][0]}: {rss[-1][1] - first:+.1f} MB\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
