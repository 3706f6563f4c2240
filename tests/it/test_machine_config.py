"""Machine-wide configuration (/etc/motcua/config.toml, %ProgramData%): layered under the user's
file and the workspace's settings, with keys the machine file locks, and bad files reported by
file and key while the app keeps working."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.domain.errors import InvalidInput
from app.store import machine_config
from app.store.settings import Settings, config_problems, locked_keys
from tests.conftest import REPO_ROOT


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    machine, user = tmp_path / "etc" / "config.toml", tmp_path / "home" / "config.toml"
    machine.parent.mkdir()
    user.parent.mkdir()
    monkeypatch.setenv("MOTCUA_MACHINE_CONFIG", str(machine))
    monkeypatch.setenv("MOTCUA_USER_CONFIG", str(user))
    return machine, user


def test_machine_then_user_then_workspace_with_locked_keys_winning(files: tuple[Path, Path],
                                                                   tmp_path: Path) -> None:
    machine, user = files
    machine.write_text('server_url = "https://dvc.tinh.gov.vn"\nagency_code = "000.12.34.H08"\n'
                       'tsa_url = "https://tsa.ca.gov.vn"\nscanner = "test:0"\nsigning_policy = '
                       '"officer+agency"\n'
                       'locked = ["agency_code", "tsa_url", "signing_policy"]\n', encoding="utf-8")
    user.write_text('scanner = "folder:/srv/anh"\nagency_code = "999.99.99.H99"\n', encoding="utf-8")
    ws = tmp_path / "ws"
    ws.mkdir()
    s = Settings.load(ws)
    assert s.server_url == "https://dvc.tinh.gov.vn"  # machine
    assert s.scanner == "folder:/srv/anh"  # user over machine
    assert s.agency_code == "000.12.34.H08"  # locked: the user's value is refused
    assert s.extra["signing_policy"] == "officer+agency"
    assert any("agency_code" in p and "locked" in p for p in config_problems(s))
    assert set(locked_keys(s)) == {"agency_code", "tsa_url", "signing_policy"}

    # the officer's own choice in the workspace wins over both files ...
    s.scanner = "test:1"
    s.save(ws)
    assert Settings.load(ws).scanner == "test:1"
    # ... but a locked key cannot be changed there, and a hand-edited settings.json is overruled
    s.tsa_url = "http://evil.example"
    with pytest.raises(InvalidInput) as err:
        s.save(ws)
    assert "tsa_url" in err.value.message_en and str(machine) in err.value.message_en
    saved = json.loads((ws / "settings.json").read_text(encoding="utf-8"))
    saved["agency_code"] = "111.11.11.H11"
    (ws / "settings.json").write_text(json.dumps(saved), encoding="utf-8")
    assert Settings.load(ws).agency_code == "000.12.34.H08"

    # settings.json keeps only what differs from the files: IT's later change reaches the workspace
    assert "server_url" not in json.loads((ws / "settings.json").read_text(encoding="utf-8"))
    machine.write_text(machine.read_text(encoding="utf-8").replace("dvc.tinh", "dvc2.tinh"), encoding="utf-8")
    assert Settings.load(ws).server_url == "https://dvc2.tinh.gov.vn"


def test_a_bad_file_names_file_key_and_problem_and_the_good_keys_still_apply(files: tuple[Path, Path],
                                                                              tmp_path: Path) -> None:
    machine, user = files
    machine.write_text('server_url = "ftp://x"\nscan_dpi = 5000\nscaner = "test:0"\ntrust_dir = '
                       '"/etc/motcua/ca"\n',
                       encoding="utf-8")
    user.write_text('server_url = "https://ok.example\n', encoding="utf-8")  # unterminated string
    s = Settings.load(tmp_path)
    assert s.trust_dir == "/etc/motcua/ca"  # the valid key of the bad file is used
    assert s.scan_dpi == 300 and s.server_url == ""
    problems = config_problems(s)
    assert any(p.startswith(f"{machine}: server_url:") and "https://" in p for p in problems)
    assert any(p.startswith(f"{machine}: scan_dpi:") for p in problems)
    assert any(p.startswith(f"{machine}: scaner:") for p in problems)  # a typo is reported, not ignored
    assert any(p.startswith(f"{user}: -: not valid TOML") for p in problems)


def test_selftest_fails_on_a_bad_configuration_and_the_workspace_location_comes_from_it(
        files: tuple[Path, Path], tmp_path: Path, cli) -> None:
    machine, _user = files
    where = tmp_path / "shared-ws"
    machine.write_text(f'workspace = "{where}"\nlanguage = "fr"\n', encoding="utf-8")
    env = {"MOTCUA_MACHINE_CONFIG": str(machine), "MOTCUA_USER_CONFIG": str(tmp_path / "none.toml")}
    env_no_ws = {k: v for k, v in env.items()}
    proc = cli("selftest", "--json", "--check", "config", "--check", "workspace", env=env_no_ws)
    report = json.loads(proc.stdout)
    checks = {c["id"]: c for c in report["checks"]}
    assert proc.returncode == 1 and not report["ok"]
    assert not checks["config"]["ok"] and "language" in checks["config"]["message_en"]
    assert str(machine) in checks["config"]["message_vi"]
    assert checks["workspace"]["ok"] and checks["workspace"]["details"]["path"] == str(where)
    assert (where / "motcua.db").is_file()


def test_paths_per_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MOTCUA_MACHINE_CONFIG")
    monkeypatch.setattr(machine_config.sys, "platform", "linux")
    assert machine_config.machine_config_path() == Path("/etc/motcua/config.toml")
    monkeypatch.setattr(machine_config.sys, "platform", "win32")
    monkeypatch.setenv("PROGRAMDATA", r"D:\ProgramData")
    assert str(machine_config.machine_config_path()).replace("\\",
                                                             "/").endswith("D:/ProgramData/motcua/config.toml")


def test_the_shipped_example_is_a_valid_machine_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    example = REPO_ROOT / "installer" / "linux" / "config.toml.example"
    monkeypatch.setenv("MOTCUA_MACHINE_CONFIG", str(example))
    s = Settings.load(tmp_path)
    assert config_problems(s) == []
    assert s.server_url.startswith("https://") and "trust_dir" in locked_keys(s)
