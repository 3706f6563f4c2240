"""The .deb packages, built by the documented command, installed with dpkg, run from the installed
copy, and removed cleanly with the workspaces left in place. Takes minutes (the wheelhouse and a
~180 MB package): marked ``deb``, which CI deselects (.ci/run); run it with
    .venv/bin/python -m pytest -p no:cacheprovider -m deb tests/installer/test_deb.py
It needs root (dpkg) and installs into /opt/motcua-station and /usr/bin for a few seconds."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

pytestmark = [pytest.mark.slow, pytest.mark.deb, pytest.mark.timeout(2400)]
PREFIX = Path("/opt/motcua-station")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "SOFTHSM2_CONF")}
    env["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin"
    return {**env, **extra}


def _run(*cmd: str | Path, timeout: float = 300, cwd: Path | None = None,
         **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=timeout, cwd=cwd,
                          env=_env(**env))


def _installed(pkg: str) -> bool:
    proc = _run("dpkg-query", "-W", "-f=${Status}", pkg)
    return "install ok installed" in proc.stdout


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("dpkg") is None, reason="needs root and dpkg")
def test_deb_builds_installs_runs_and_uninstalls_cleanly(tmp_path: Path) -> None:
    if _installed("motcua-station") or PREFIX.exists():
        pytest.skip("motcua-station is already installed on this machine: not touching it")
    out = tmp_path / "dist"
    build = _run("bash", REPO_ROOT / "installer/linux/build-deb.sh", "--out", out, timeout=1500,
                 cwd=REPO_ROOT)
    assert build.returncode == 0, build.stderr[-3000:]
    version = next(line.split('"')[1] for line in (REPO_ROOT / "pyproject.toml").read_text().splitlines()
                   if line.startswith("version = "))
    station = out / f"motcua-station_{version}_amd64.deb"
    demo = out / f"motcua-station-demo_{version}_amd64.deb"
    assert station.is_file() and demo.is_file()
    assert station.stat().st_size <= 200 * 1024 * 1024
    info = _run("dpkg-deb", "-I", station).stdout
    for dep in ("python3.11", "libsane1", "libxcb-cursor0", "libegl1"):
        assert dep in info
    listing = _run("dpkg-deb", "-c", station).stdout
    assert "./usr/bin/motcua" in listing and "./usr/share/applications/motcua-station.desktop" in listing
    assert "motcua-station.svg" in listing
    assert "/app/refserver/" not in listing and "/app/testing/" not in listing

    workspace, home = tmp_path / "ws", tmp_path / "home"
    home.mkdir()
    try:
        inst = _run("dpkg", "-i", station, timeout=600)
        assert inst.returncode == 0, inst.stderr[-3000:]
        desktop = Path("/usr/share/applications/motcua-station.desktop").read_text(encoding="utf-8")
        assert "Icon=motcua-station" in desktop and "Exec=/usr/bin/motcua ui" in desktop

        ver = _run("/usr/bin/motcua", "--version", cwd=tmp_path, HOME=str(home))
        assert ver.returncode == 0 and version in ver.stdout, ver.stderr
        where = _run(PREFIX / "venv/bin/python", "-c", "import app; print(app.__file__)", cwd=tmp_path)
        assert where.stdout.startswith(str(PREFIX)), where.stdout + where.stderr
        st = _run("/usr/bin/motcua", "selftest", "--json", "--workspace", workspace, cwd=tmp_path,
                  HOME=str(home))
        report = json.loads(st.stdout)
        assert st.returncode == (0 if report["ok"] else 1)
        checks = {c["id"]: c for c in report["checks"]}
        assert checks["fonts"]["ok"] and checks["workspace"]["ok"], checks
        assert not checks["scanner"]["ok"]  # nothing is configured on a fresh install: it says so
        srv = _run("/usr/bin/motcua", "server", cwd=tmp_path, HOME=str(home))
        assert srv.returncode == 1 and "motcua-server" in srv.stderr

        inst = _run("dpkg", "-i", demo, timeout=600)
        assert inst.returncode == 0, inst.stderr[-3000:]
        smoke = _run("/usr/bin/motcua", "demo", "--smoke", "--json", "--workspace", tmp_path / "demo",
                     cwd=tmp_path,
                     HOME=str(home), timeout=300)
        assert smoke.returncode == 0, smoke.stdout[-2000:] + smoke.stderr[-2000:]
        assert json.loads(smoke.stdout)["ok"]
    finally:
        rm = _run("dpkg", "-r", "motcua-station-demo", "motcua-station", timeout=300)
    assert rm.returncode == 0, rm.stderr
    assert not _installed("motcua-station") and not _installed("motcua-station-demo")
    assert not Path("/usr/bin/motcua").exists()
    assert not PREFIX.exists(), list(PREFIX.rglob("*"))[:20]
    assert (workspace / "motcua.db").is_file()  # the officer's workspace is left in place
