"""The IT installer, run for real into a temporary prefix (no apt: the suite's machine has the
packages already)."""

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO_ROOT, cli_env


@pytest.mark.slow
def test_installer_puts_a_working_motcua_on_the_path(tmp_path: Path, station_server: Any) -> None:
    prefix, bin_dir, apps = tmp_path / "opt", tmp_path / "bin", tmp_path / "apps"
    env = cli_env()
    env.pop("PYTHONPATH", None)
    proc = subprocess.run(
        ["bash", str(REPO_ROOT / "installer/linux/install.sh"), "--prefix", str(prefix), "--bin-dir",
         str(bin_dir),
         "--apps-dir", str(apps), "--no-apt"],
        capture_output=True, text=True, timeout=600, env=env,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    desktop = (apps / "motcua-station.desktop").read_text(encoding="utf-8")
    assert "Trạm Số hóa Một cửa" in desktop
    reg = subprocess.run([str(bin_dir / "motcua"), "workstation", "register", "--server", station_server.url,
                          "--agency",
                          "000.87.34.H08", "--name", f"installer-{tmp_path.name}", "--json", "--workspace",
                          str(tmp_path / "ws")],
                         capture_output=True, text=True, timeout=120, env={**env, "MOTCUA_USER": "demo",
                                                                            "MOTCUA_PASSWORD": "demo"},
                                                                            cwd=tmp_path)
    assert reg.returncode == 0, reg.stderr
    first = json.loads(reg.stdout)["leases"][0]["first"]
    run = subprocess.run([str(bin_dir / "motcua"), "dossier", "new", "--owner", "052090000495", "--procedure",
                          "1.001193", "--workspace", str(tmp_path / "ws")],
                         capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().endswith(f"-{first:04d}")
