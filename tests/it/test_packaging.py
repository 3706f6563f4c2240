"""The slim workstation package: the wheel a counter PC installs holds neither the reference server
nor the demo/test helpers (test keys); those are the sibling wheels motcua-server and motcua-demo.
The commands that need them say so clearly, and work once the sibling is installed beside it.
Declared dependencies match what the workstation's code imports (deptry)."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("wheels")
    proc = subprocess.run([sys.executable, str(REPO_ROOT / "installer" / "build_wheels.py"), "-o", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    built = [Path(line) for line in proc.stdout.split()]
    return {w.name.split("-")[0]: w for w in built}


def _names(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as zf:
        return zf.namelist()


def _metadata(wheel: Path) -> str:
    with zipfile.ZipFile(wheel) as zf:
        return zf.read(next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))).decode()


def test_the_workstation_wheel_has_no_server_and_no_test_keys(wheels: dict[str, Path]) -> None:
    names = _names(wheels["motcua_station"])
    for needed in ("app/__init__.py", "app/cli/__init__.py", "app/ui/main_window.py", "app/sign/signer.py",
                   "app/sync/client.py", "app/services/selftest.py",
                   "app/store/migrations/core_001_init.sql"):
        assert needed in names
    assert not [n for n in names if n.startswith(("app/refserver/", "app/testing/"))]
    meta = _metadata(wheels["motcua_station"])
    requires = [line.split(":", 1)[1].strip().lower() for line in meta.splitlines()
                if line.startswith("Requires-Dist:")]
    base = [r for r in requires if "extra ==" not in r]
    for server_only in ("fastapi", "uvicorn", "sqlalchemy", "alembic", "psycopg", "joserfc",
                        "python-multipart",
                        "certomancer", "pyyaml"):
        assert not [r for r in base if r.startswith(server_only)], server_only
    assert any(r.startswith("motcua-server") and "extra == \"server\"" in r for r in requires)
    assert any(r.startswith("motcua-demo") and "extra == \"demo\"" in r for r in requires)

    server, demo = _names(wheels["motcua_server"]), _names(wheels["motcua_demo"])
    assert "app/refserver/main.py" in server and "app/refserver/migrations/script.py.mako" in server
    assert "app/testing/softhsm.py" in demo and "app/testing/pki.py" in demo
    for sibling in (server, demo):  # they add to the workstation's app package, never replace it
        assert "app/__init__.py" not in sibling
        assert not [n for n in sibling if n.startswith("app/") and not n.startswith(("app/refserver/",
                                                                                     "app/testing/"))]
    assert "fastapi" in _metadata(wheels["motcua_server"]).lower()


def _motcua(site: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``motcua`` from the unpacked wheel(s) in ``site`` with this environment's third-party
    libraries, without the checkout (no PYTHONPATH, no editable install: ``-S`` skips .pth files)."""
    libs = sysconfig.get_paths()["purelib"]
    code = ("import sys; sys.path[:0] = [sys.argv[1], sys.argv[2]]; from app.cli import main; "
            "raise SystemExit(main(sys.argv[3:]))")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([sys.executable, "-S", "-c", code, str(site), libs, *args], capture_output=True,
                          text=True,
                          timeout=120, cwd=cwd, env={**env, "MOTCUA_LANG": "en"})


def test_server_and_demo_commands_need_their_parts_and_say_so(wheels: dict[str, Path],
                                                              tmp_path: Path) -> None:
    site = tmp_path / "site"
    with zipfile.ZipFile(wheels["motcua_station"]) as zf:
        zf.extractall(site)
    probe = _motcua(site, "--version", cwd=tmp_path)
    assert probe.returncode == 0 and "motcua-station" in probe.stdout, probe.stderr
    where = _motcua(site, "selftest", "--check", "versions", "--json", "--workspace", str(tmp_path / "ws"),
                    cwd=tmp_path)
    assert where.returncode == 0, where.stderr

    srv = _motcua(site, "server", "--port", "0", cwd=tmp_path)
    assert srv.returncode == 1
    assert "motcua-server" in srv.stderr and "not installed" in srv.stderr and "Traceback" not in srv.stderr
    demo = _motcua(site, "demo", "--smoke", "--workspace", str(tmp_path / "demo"), cwd=tmp_path)
    assert demo.returncode == 1 and "motcua-demo" in demo.stderr and "Traceback" not in demo.stderr

    with zipfile.ZipFile(wheels["motcua_server"]) as zf:  # "pip install motcua-station[server]"
        zf.extractall(site)
    helped = _motcua(site, "server", "--help", cwd=tmp_path)
    assert helped.returncode == 0 and "--port" in helped.stdout, helped.stderr


def test_declared_dependencies_match_the_imports() -> None:
    deptry = Path(sys.executable).with_name("deptry")
    if not deptry.exists():
        pytest.skip("deptry is in the dev extra; not installed here")
    proc = subprocess.run([str(deptry), "."], capture_output=True, text=True, timeout=120, cwd=REPO_ROOT)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
