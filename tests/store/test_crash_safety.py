"""Kill a writer with SIGKILL at random moments; every page it reported saved must survive."""

import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from app.store.workspace import Workspace
from tests.conftest import cli_env


def _run_and_kill(ws_dir: Path, after_s: float) -> list[tuple[str, int]]:
    proc = subprocess.Popen([sys.executable, str(Path(__file__).with_name("writer_process.py")), str(ws_dir)],
                            stdout=subprocess.PIPE, text=True, env=cli_env())
    reported: list[tuple[str, int]] = []
    deadline = time.monotonic() + after_s
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.startswith("SAVED"):
            _, sha, doc_id = line.split()
            reported.append((sha, int(doc_id)))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    # lines already written by the writer before the kill were reported to the "user" too
    for line in proc.stdout:
        if line.startswith("SAVED"):
            _, sha, doc_id = line.split()
            reported.append((sha, int(doc_id)))
    return reported


def test_sigkill_loses_no_reported_page(tmp_path: Path, registered: Callable[..., Path]) -> None:
    rng = random.Random(1234)
    ws_dir = registered(tmp_path / "ws")
    all_reported: list[tuple[str, int]] = []
    for _ in range(4):
        all_reported += _run_and_kill(ws_dir, 0.8 + rng.random() * 1.2)
    assert len(all_reported) > 20
    with Workspace.open(ws_dir) as ws:
        with ws.db.read() as conn:
            rows = {r["id"]: r["pdf_sha256"] for r in conn.execute("SELECT id, pdf_sha256 FROM documents")}
        for sha, doc_id in all_reported:
            assert rows.get(doc_id) == sha
            assert ws.blobs.verify(sha, "png"), f"page {sha} damaged"
        check = ws.audit.verify()
        assert check.ok, check.reason
