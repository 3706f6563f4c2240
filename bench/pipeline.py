"""Scan pipeline vs ``scanimage --batch`` on SANE's ``test`` backend, and memory over a batch.

    python -m bench.pipeline [--pages 100] [--paced-pages 50] [--dpi 200]

Both sides scan the same A4 colour pages from the test backend's ADF (10 sheets per feeder
load, so both reload it until the page count is done), in the same run. ``scanimage`` writes
uncompressed PNM files (the goal's reference) and, for comparison, PNG files; the pipeline does
scan + QC + lossless PNG encode + durable save (fsync) + SQLite row + audit entry for every page
(each page made unique by one pixel, or the workspace would store the repeated picture once).

Two runs:
- unpaced: the backend hands over pages as fast as it can draw them, so the ratio is our whole
  per-page processing against ``scanimage`` copying a frame to a file;
- paced: the backend pauses after each buffer (its ``read-delay``) so that it delivers pages at a
  document scanner's pace, at least 140 images/min (the fastest pace its 1 ms steps allow at or
  above that). This is the counter's situation: does the processing keep the scanner waiting?

Prints wall times, ratios (goal <= 1.15), pages/minute (goal: keep up with a 140 images/min
scanner) and resident memory sampled along the unpaced batch (goal: flat).
"""

from __future__ import annotations

import argparse
import itertools
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.scan import sane_driver
from app.scan.driver import ColourMode, ScanSettings, Source
from app.services.digitize import scan_into, start_session
from app.store.workspace import Workspace
from app.testing.sane import write_test_backend_config

PER_LOAD = 10  # sheets the test backend's feeder holds
TARGET_IPM = 140.0


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def run_scanimage(out: Path, pages: int, dpi: int, env: dict[str, str], fmt: str = "pnm") -> float:
    """Wall time of ``scanimage --batch`` over ``pages`` pages, one feeder load at a time. A load
    that hangs (the test backend's reader thread now and then never wakes up) is killed and
    scanned again; only the completed loads count."""
    out.mkdir()
    total = 0.0
    done = 0
    while done < pages:
        n = min(PER_LOAD, pages - done)
        cmd = ["scanimage", "-d", "test:0", "--source", "Automatic Document Feeder", "--mode", "Color",
               "--resolution", str(dpi), "-x", "210", "-y", "297", f"--batch={out}/p{done:04d}-%03d.{fmt}",
               f"--batch-count={n}", f"--format={fmt}"]
        t0 = time.perf_counter()
        try:
            subprocess.run(cmd, env={**os.environ, **env}, check=True, capture_output=True,
                           timeout=30 + 5 * n)
        except subprocess.TimeoutExpired:
            sys.stderr.write(f"scanimage hung on the load starting at page {done + 1}; scanning it again\n")
            continue
        total += time.perf_counter() - t0
        done += n
    return total


def run_pipeline(ws_dir: Path, pages: int, dpi: int, env: dict[str, str]) -> tuple[float,
                                                                                   list[tuple[int, float]]]:
    os.environ.update(env)  # before SANE starts: it reads its configuration once per process
    _make_pages_unique()
    rss: list[tuple[int, float]] = []
    ws = Workspace.open(ws_dir)
    try:
        s = start_session(ws, device="test:0",
                          settings=ScanSettings(source=Source.ADF, dpi=dpi, mode=ColourMode.COLOR))
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


def _make_pages_unique() -> None:
    """The test backend draws the same picture on every page, and the workspace stores equal
    pages once (content-addressed), so most saves would be skipped. Real scans never repeat: one
    pixel per page is set to the page's number, so every page is written and fsynced."""
    plain = sane_driver.SaneScanner.scan
    count = itertools.count(1)

    def unique(self: sane_driver.SaneScanner, *args: Any, **kwargs: Any) -> Iterator[Any]:
        for page in plain(self, *args, **kwargs):
            n = next(count)
            page.image[0, 0, :2] = (n & 0xFF, (n >> 8) & 0xFF)
            yield page

    sane_driver.SaneScanner.scan = unique  # type: ignore[method-assign]


def run_pipeline_fresh(ws_dir: Path, pages: int, dpi: int, env: dict[str, str]) -> tuple[float,
                                                                                         list[tuple[int,
                                                                                                    float]]]:
    """``run_pipeline`` in a new process, so SANE starts with ``env``'s configuration."""
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:
        return pool.apply(run_pipeline, (ws_dir, pages, dpi, env))


def paced_config(tmp: Path, dpi: int) -> tuple[dict[str, str], float]:
    """The backend configuration whose pace is the slowest at or above TARGET_IPM, and that pace
    (pages/min, measured with ``scanimage``)."""
    best: tuple[dict[str, str], float] | None = None
    for ms in range(1, 20):
        env = write_test_backend_config(tmp / f"sane-paced-{ms}.d", read_delay_us=ms * 1000)
        t = run_scanimage(tmp / f"calibrate-{ms}", 2, dpi, env)
        ipm = 60 * 2 / t
        if ipm < TARGET_IPM:
            break
        best = (env, ipm)
    if best is None:  # even 1 ms per buffer is slower than the target at this resolution
        return env, ipm
    return best


def _timing(label: str, seconds: float, pages: int) -> None:
    sys.stdout.write(f"  {label + ':':35s}{seconds:6.1f} s  {60 * pages / seconds:6.0f} pages/min\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--paced-pages", type=int, default=50)
    ap.add_argument("--dpi", type=int, default=200)
    a = ap.parse_args(argv)
    if shutil.which("scanimage") is None:
        sys.stdout.write("scanimage not installed (apt: sane-utils): skipped\n")
        return 0
    out = sys.stdout
    with tempfile.TemporaryDirectory(prefix="motcua-bench-") as tmp_s:
        tmp = Path(tmp_s)
        env = write_test_backend_config(tmp / "sane.d")
        n = a.pages
        t_ref = run_scanimage(tmp / "scanimage", n, a.dpi, env)
        t_png = run_scanimage(tmp / "scanimage-png", n, a.dpi, env, "png")
        t_ours, rss = run_pipeline_fresh(tmp / "ws", n, a.dpi, env)
        ratio = t_ours / t_ref
        out.write(f"Unpaced: {n} A4 colour pages at {a.dpi} dpi from the SANE test ADF, drawn as fast as it "
                  "can\n")
        _timing("scanimage --batch (PNM)", t_ref, n)
        _timing("scanimage --batch (PNG, lossless)", t_png, n)
        _timing("pipeline (scan+QC+PNG+fsync+db)", t_ours, n)
        out.write(f"  ratio pipeline / scanimage PNM: {ratio:.2f} (goal "
                  f"<= 1.15); vs scanimage PNG: {t_ours / t_png:.2f}; "
                  f"keeps up with {TARGET_IPM:.0f} images/min: "
                  f"{'yes' if 60 * n / t_ours >= TARGET_IPM else 'NO'}\n")
        if len(rss) >= 4:
            # Pages in flight (read-ahead, encode, QC) and the allocator's arenas make RSS swing by a
            # few page sizes; a leak shows as the second half's peak rising above the first half's.
            settled = [v for k, v in rss if k > 20] or [v for _k, v in rss]
            half = len(settled) // 2
            out.write("  RSS MB along the batch: " + ", ".join(f"{k}:{v:.0f}" for k,
                                                               v in rss[:: max(1, len(rss) // 10)])
                      + f"\n  after page 20: {min(settled):.0f}-{max(settled):.0f} "
                        "MB; peak of the second half minus "
                      f"peak of the first: {max(settled[half:]) - max(settled[:half]):+.1f} MB\n")
        if a.paced_pages > 0:
            m = a.paced_pages
            penv, pace = paced_config(tmp, a.dpi)
            t_ref_p = run_scanimage(tmp / "scanimage-paced", m, a.dpi, penv)
            t_ours_p, _ = run_pipeline_fresh(tmp / "ws-paced", m, a.dpi, penv)
            ratio_p = t_ours_p / t_ref_p
            out.write(f"Paced: {m} pages, the backend delivering at {pace:.0f} "
                      f"images/min (scanner pace >= {TARGET_IPM:.0f})\n")
            _timing("scanimage --batch (PNM)", t_ref_p, m)
            _timing("pipeline (scan+QC+PNG+fsync+db)", t_ours_p, m)
            out.write(f"  ratio pipeline / scanimage PNM: {ratio_p:.2f} (goal <= 1.15)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
