"""Smaller scan-area items of issue 15: qc with unreadable inputs, verify on a missing file,
confirming a simplex scan from the CLI."""

from __future__ import annotations

from pathlib import Path

from app.testing.pages import PageSpec
from tests.conftest import CliRunner, cli_json
from tests.scan.conftest import save_pages


def test_qc_does_not_pass_when_every_input_is_unreadable(cli: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not an image at all")
    res = cli("qc", bad, tmp_path / "missing.png", "--no-ocr", "--json")
    data = cli_json(res)
    assert res.returncode == 2
    assert data["verdict"] == "fail" and not data["pages"]
    assert {e["file"] for e in data["unreadable"]} == {str(bad), str(tmp_path / "missing.png")}


def test_verify_calls_a_missing_file_missing_not_damaged(cli: CliRunner, tmp_path: Path) -> None:
    res = cli("verify", tmp_path / "gone.pdf", "--json")
    data = cli_json(res)
    assert res.returncode == 1
    assert [r["code"] for r in data["reasons"]] == ["NOT_FOUND"]
    assert "không tìm thấy tệp" in data["message_vi"] and "hỏng" not in data["message_vi"]
    assert "file not found" in data["message_en"]


def test_cli_confirms_a_simplex_scan(cli: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "feeder"
    save_pages(folder, [PageSpec(seed=1, dpi=200, page_number=(1, 1))])
    ws = tmp_path / "ws"
    scanned = cli("scan", "--device", f"folder:{folder}", "--dpi", "200", "--no-ocr", "--workspace", ws,
                  "--json")
    assert scanned.returncode == 0, scanned.stderr
    sid = cli_json(scanned)["session"]
    before = cli_json(cli("qc", folder / "p001.png", "--no-ocr", "--json"))
    assert "both_sides" in [f["rule"] for f in before["findings"]]  # the finding the confirmation answers
    res = cli("scan", "--session", str(sid), "--confirm-simplex", "--workspace", ws, "--json")
    assert res.returncode == 0, res.stderr
    data = cli_json(res)
    assert data["simplex_confirmed"] and not [f for f in data["blocking"] if f["rule"] == "both_sides"]
    log = cli_json(cli("audit", "log", "--workspace", ws, "--json"))
    assert any(e["action"] == "scan.session.update" and e["details"].get("simplex_confirmed") for e in log)
