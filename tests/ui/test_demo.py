"""``motcua demo --smoke``: the demo starts headless, reports each part, exits 0 only when all
are up, and leaves no child process behind."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

PART_MODULES = {"server": "app.refserver", "token": "app.testing.softhsm", "folder": "app.testing.pages"}


def _processes_mentioning(text: str) -> list[str]:
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in cmd and "pytest" not in cmd:
            found.append(cmd)
    return found


@pytest.mark.timeout(120)
def test_demo_smoke(cli, tmp_path) -> None:
    root = tmp_path / "demo-ws"
    proc = cli("demo", "--smoke", "--json", "--workspace", root, timeout=110)
    data = json.loads(proc.stdout)
    parts = {p["name"]: p for p in data["parts"]}
    assert {"sane", "workspace", "server", "token", "folder"} <= set(parts)
    assert parts["sane"]["ok"], parts["sane"]
    if parts["server"]["ok"]:  # the demo workspace is a registered workstation, numbered by the demo server
        assert parts["workstation"]["ok"], parts["workstation"]
    for name, module in PART_MODULES.items():
        if importlib.util.find_spec(module) is not None:
            assert parts[name]["ok"], parts[name]
        else:
            assert not parts[name]["ok"]
    assert (proc.returncode == 0) == all(p["ok"] for p in parts.values()), proc.stderr
    assert proc.returncode in (0, 1)
    if proc.returncode:
        assert "chưa chạy" in proc.stderr  # says which parts, in Vietnamese
    # the demo workspace is configured for the parts that came up
    settings = json.loads((root / "settings.json").read_text(encoding="utf-8"))
    assert settings["officer"] == "demo"
    assert settings["scanner"]
    if parts["folder"]["ok"]:  # the first scan uses the realistic pages, not SANE's colour patterns
        assert settings["scanner"].startswith("folder:")
        profiles = json.loads((root / "scan_profiles.json").read_text(encoding="utf-8"))
        assert profiles == [{"doc_type": "", "device": settings["scanner"], "source": "adf", "duplex": True,
                             "dpi": 200, "mode": "color"}]
    assert not any("pin" in k.lower() for k in settings)
    assert _processes_mentioning(str(root)) == [], "demo left child processes running"
