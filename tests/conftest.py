"""Fixtures shared by the whole suite. Area-specific fixtures live in tests/<area>/conftest.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def cli_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("MOTCUA_PIN", None)
    if extra:
        env.update(extra)
    return env


CliRunner = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli() -> CliRunner:
    """Run ``motcua`` as a real subprocess: ``cli("dossier", "list", "--workspace", dir)``."""

    def run(*args: str | Path, env: dict[str, str] | None = None, input: str | None = None,
            timeout: float = 180, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app", *map(str, args)],
            capture_output=True, text=True, env=cli_env(env), input=input, timeout=timeout,
            cwd=cwd or REPO_ROOT,
        )

    return run


def cli_json(proc: subprocess.CompletedProcess[str]) -> Any:
    assert proc.stdout.strip(), f"no output; stderr: {proc.stderr}"
    return json.loads(proc.stdout)


@pytest.fixture
def workspace_dir(tmp_path: Path) -> Path:
    return tmp_path / "ws"


@pytest.fixture
def workspace(workspace_dir: Path) -> Iterator[Any]:
    from app.store.workspace import Workspace

    ws = Workspace.open(workspace_dir)
    try:
        yield ws
    finally:
        ws.close()


@pytest.fixture(scope="session")
def test_output_dir() -> Path:
    """Screenshots and rendered pages a person can look at after the run."""
    out = REPO_ROOT / "test-output"
    out.mkdir(exist_ok=True)
    return out
