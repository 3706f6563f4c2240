"""The reference server as a real separate process on 127.0.0.1, for the sync tests."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.conftest import cli_env, prepare_server_data


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RefServer:
    def __init__(self, data: Path, port: int, *, token_lifetime: int = 600,
                 tls: tuple[Path, Path, Path] | None = None, database: str | None = None, workers: int = 1,
                 extra: tuple[str, ...] = ()) -> None:
        """``tls``: (certificate chain, key, CA certificate the tests trust) to serve HTTPS;
        ``database``: a postgresql:// URL (default SQLite in ``data``); ``workers``: processes."""
        self.data, self.port, self.token_lifetime, self.tls = data, port, token_lifetime, tls
        self.database, self.workers, self.extra = database, workers, extra
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    @property
    def trust_dir(self) -> Path:
        return self.data / "pki" / "trust"

    def start(self) -> None:
        prepare_server_data(self.data)
        log_path = self.data.parent / f"server-{self.port}.log"
        log = open(log_path, "ab")  # noqa: SIM115 - kept for the process' life
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "app.refserver", "--port", str(self.port), "--data", str(self.data),
             "--seed-demo",
             "--enable-test-faults", "--fast-password-hashes", "--token-lifetime", str(self.token_lifetime),
             *(["--tls-cert", str(self.tls[0]), "--tls-key", str(self.tls[1])] if self.tls else []),
             *(["--database", self.database] if self.database else []), "--workers", str(self.workers),
             *self.extra],
            stdout=log, stderr=subprocess.STDOUT, env=cli_env())
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                verify = str(self.tls[2]) if self.tls else True
                if requests.get(self.url + "/health", timeout=1, verify=verify).status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.2)
            if self.proc.poll() is not None:
                raise RuntimeError("reference server exited at start")
        raise RuntimeError("reference server did not start")

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()
        for pid in self._orphans():  # uvicorn's worker processes die with their parent
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)

    def _orphans(self) -> list[int]:
        """Worker processes still serving this data directory (after a SIGKILL of their parent)."""
        if self.workers <= 1:
            return []
        found = []
        for proc in Path("/proc").iterdir():
            if proc.name.isdigit():
                try:
                    env = (proc / "environ").read_bytes()
                except OSError:
                    continue
                if f'"data": "{self.data.resolve()}"'.encode() in env:
                    found.append(int(proc.name))
        return found

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    def faults(self, **faults: Any) -> None:
        requests.post(self.url + "/_test/faults", json=faults, timeout=5).raise_for_status()

    def dossiers(self) -> list[dict[str, Any]]:
        return list(requests.get(self.url + "/_test/dossiers", timeout=5).json()["dossiers"])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[RefServer]:
    srv = RefServer(tmp_path / "srv", free_port())
    srv.data.mkdir()
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def postgres() -> Iterator[Any]:
    from app.testing.postgres import Postgres, available

    reason = available()
    if reason:
        pytest.skip(f"PostgreSQL cannot run here: {reason}")
    pg = Postgres()
    pg.start()
    yield pg
    pg.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RefServer]:
    """The reference server on each back end: SQLite with one process, PostgreSQL with two."""
    database, workers = None, 1
    if request.param == "postgresql":
        database, workers = request.getfixturevalue("postgres").new_database(), 2
    srv = RefServer(tmp_path / "srv", free_port(), database=database, workers=workers)
    srv.data.mkdir()
    srv.start()
    yield srv
    srv.stop()
