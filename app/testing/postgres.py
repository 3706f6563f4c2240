"""A real PostgreSQL for the tests and benches, started with initdb / pg_ctl in a temporary directory (as the
``postgres`` account when the tests run as root, since PostgreSQL refuses to run as root)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path


def tool(name: str) -> str | None:
    """initdb / pg_ctl: on the PATH, or where Debian's postgresql package keeps them."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parts[-3]))
    return str(candidates[-1]) if candidates else None


class Postgres:
    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="motcua-pg-"))
        self.data = self.root / "data"
        self.port = 0
        self._as: list[str] = []

    def _run(self, *cmd: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*self._as, *cmd], capture_output=True, text=True, timeout=120, check=True)

    def start(self) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            free = int(s.getsockname()[1])

        if os.geteuid() == 0:
            import pwd  # noqa: PLC0415 - Unix only (this module is imported on Windows too)

            pw = pwd.getpwnam("postgres")
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]
        self.port = free
        self._run(tool("initdb") or "initdb", "-D", str(self.data), "-A", "trust", "-U", "motcua", "-E",
                  "UTF8", "--no-sync")
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(f"\nport = {self.port}\nlisten_addresses = "
                       f"'127.0.0.1'\nunix_socket_directories = '{self.root}'\n"
                       "max_connections = 300\nfsync = on\n")
        self._run(tool("pg_ctl") or "pg_ctl", "-D", str(self.data), "-l", str(self.root / "pg.log"), "-w",
                  "-t", "60", "start")

    def new_database(self) -> str:
        """A fresh database; returns its URL."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(f"postgresql://motcua@127.0.0.1:{self.port}/postgres", autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return f"postgresql://motcua@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            self._run(tool("pg_ctl") or "pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        time.sleep(0.2)
        shutil.rmtree(self.root, ignore_errors=True)


def available() -> str:
    """Empty when PostgreSQL can run here, else the reason it cannot."""
    for name in ("initdb", "pg_ctl"):
        if tool(name) is None:
            return f"{name} not found (install the postgresql package)"
    try:
        import psycopg  # noqa: F401
        import sqlalchemy  # noqa: F401
    except ImportError as exc:
        return f"{exc.name} not installed"
    return ""
