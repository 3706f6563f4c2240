"""``motcua check``: the Settings screen's tests from the command line (same functions)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import CliRunner, cli_json


def test_check_workspace_scanner_folder_and_server(cli: CliRunner, tmp_path: Path,
                                                   station_server: object) -> None:
    ws = tmp_path / "ws"
    out = cli_json(cli("check", "workspace", "--workspace", ws, "--json"))
    assert out["ok"] is True and "audit" in out["message_en"]
    missing = cli("check", "scanner", f"folder:{tmp_path / 'none'}", "--workspace", ws)
    assert missing.returncode == 2 and "Không có thư mục ảnh" in missing.stderr
    url = station_server.url  # type: ignore[attr-defined]
    ok = cli("check", "server", url, "--workspace", ws, "--lang", "en")
    assert ok.returncode == 0 and "Server answers (200)" in ok.stdout
