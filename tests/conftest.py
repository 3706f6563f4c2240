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
# The machine's and the user's configuration files (app.store.machine_config) stay out of the
# tests; a test that wants one names its own file.
os.environ.setdefault("MOTCUA_MACHINE_CONFIG", str(REPO_ROOT / "tests" / "no-machine-config.toml"))
os.environ.setdefault("MOTCUA_USER_CONFIG", str(REPO_ROOT / "tests" / "no-user-config.toml"))


def cli_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("MOTCUA_PIN", None)
    if extra:
        env.update(extra)
    return env


_SERVER_TEMPLATE: Path | None = None


def prepare_server_data(data: Path) -> None:
    """Give a reference server's data directory the demo PKI and the signed demo documents made
    once per test process, so each server start seeds accounts and rows only (the PKI's RSA keys
    and four signatures took most of a start). A directory that already has a PKI keeps it."""
    import atexit
    import shutil
    import tempfile

    global _SERVER_TEMPLATE
    if _SERVER_TEMPLATE is None:
        from app.refserver.seed import signed_demo_documents

        template = Path(tempfile.mkdtemp(prefix="motcua-server-template-"))
        atexit.register(shutil.rmtree, template, True)
        signed_demo_documents(template)
        _SERVER_TEMPLATE = template
    data.mkdir(parents=True, exist_ok=True)
    for part in ("pki", "seed-cache"):
        if not (data / part).exists():
            shutil.copytree(_SERVER_TEMPLATE / part, data / part)


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


@pytest.fixture(scope="session")
def station_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One reference server for the session: the provincial system every test workspace is
    registered with (the authority for dossier numbers). Sync tests start their own."""
    from tests.sync.conftest import RefServer, free_port

    data = tmp_path_factory.mktemp("station-server") / "srv"
    data.mkdir()
    srv = RefServer(data, free_port())
    srv.start()
    yield srv
    srv.stop()


def register_workspace(ws: Any, server_url: str, *, agency: str = "000.87.34.H08",
                       name: str = "") -> dict[str, Any]:
    """Register a workspace as a workstation (demo login), as `motcua workstation register` does."""
    import uuid

    from app.services import workstation
    from app.sync.client import ClientConfig, SyncClient

    client = SyncClient(ClientConfig(base_url=server_url, timeout_s=10), username="demo", password="demo")
    return workstation.register(ws, client, agency=agency, name=name or f"test-{uuid.uuid4().hex[:8]}")


@pytest.fixture
def registered(station_server: Any) -> Callable[..., Path]:
    """Register a workspace directory with the session's server; returns the directory."""
    def reg(ws_dir: Path, **kw: Any) -> Path:
        from app.store.workspace import Workspace

        with Workspace.open(ws_dir) as ws:
            register_workspace(ws, station_server.url, **kw)
        return ws_dir

    return reg


@pytest.fixture
def workspace(workspace_dir: Path, station_server: Any) -> Iterator[Any]:
    from app.store.workspace import Workspace

    ws = Workspace.open(workspace_dir)
    register_workspace(ws, station_server.url)
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


TOKEN_PIN = "246810"


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from app.testing.pki import build_test_pki

    return build_test_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="session")
def token(tmp_path_factory: pytest.TempPathFactory, pki: Any) -> Any:
    """A SoftHSM2 token with the test PKI's officer, agency and expired identities. SoftHSM reads
    its configuration once per process: one token serves the signing tests and every test that
    must sign a dossier before sending it."""
    from app.testing.softhsm import demo_token

    tok = demo_token(tmp_path_factory.mktemp("softhsm"), pin=TOKEN_PIN, label="MOTCUA-TEST", pki=pki,
                     identities={"officer": pki.officer, "agency": pki.agency, "expired": pki.expired})
    tok.apply_env()
    from app.sign import tokens

    if str(tok.module) in tokens._LIBS:  # loaded earlier in this process with another configuration
        tokens._LIBS[str(tok.module)].reinitialize()  # type: ignore[attr-defined]
    return tok


def sign_built(ws: Any, number: str, token: Any) -> list[str]:
    """Sign the dossier's built documents on the real test token as the counter must before
    sending (the officer's key, and the agency's key, confirmed, for what it must sign); the
    signed files' SHA-256, in the documents' order."""
    from app.services.signing import roles_needed, sign_dossier

    if os.environ.get("SOFTHSM2_CONF") != token.env.get("SOFTHSM2_CONF"):
        # SoftHSM reads its configuration when the module is initialised: another session token
        # (the UI's) may be the one loaded now
        token.apply_env()
        from app.sign import tokens

        if str(token.module) in tokens._LIBS:
            tokens._LIBS[str(token.module)].reinitialize()  # type: ignore[attr-defined]
    for role in roles_needed(ws, number):
        done = sign_dossier(ws, number, module=str(token.module), pin=token.pin, key_label=role.value,
                            token_label=token.label, confirm_agency=True)
        assert all(s.result.ok for s in done), [s.result for s in done]
    return [d.signed_sha256 or "" for d in ws.documents.for_dossier(number)]
