import sqlite3
from collections.abc import Callable
from pathlib import Path

from tests.conftest import CliRunner, cli_json


def test_version(cli: CliRunner) -> None:
    proc = cli("--version")
    assert proc.returncode == 0 and "motcua-station" in proc.stdout


def test_procedures_list_json_shape(cli: CliRunner) -> None:
    data = cli_json(cli("procedures", "list", "--json"))
    assert len(data) >= 10
    birth = next(p for p in data if p["code"] == "1.001193")
    assert set(birth) >= {"code", "name", "field", "fee", "components"}
    assert set(birth["components"][0]) >= {"id", "name", "doc_type", "reusable", "category"}


def test_dossier_new_list_show(cli: CliRunner, tmp_path: Path, registered: Callable[..., Path]) -> None:
    ws = tmp_path / "ws"
    unregistered = cli("dossier", "new", "--owner", "052090000495", "--procedure", "2.000806", "--workspace",
                       ws)
    assert unregistered.returncode == 2 and "motcua workstation register" in unregistered.stderr
    registered(ws)
    shown = cli_json(cli("workstation", "show", "--json", "--workspace", ws))
    first_leased = shown["leases"][0]["first"]
    new = cli_json(cli("dossier", "new", "--owner", "052090000495", "--procedure", "2.000806",
                       "--submitter", "079200000001", "--workspace", ws, "--json"))
    assert new["dossier_no"].startswith("000.87.34.H08-")
    assert new["dossier_no"].endswith(f"-{first_leased:04d}")
    assert new["owner"] == "052090000495" and new["procedure"] == "2.000806"
    assert new["submitter"] == "079200000001" and new["delegated"] is True
    other_agency = cli("dossier", "new", "--owner", "0100109106", "--procedure", "1.001612",
                       "--agency", "000.00.12.H08", "--workspace", ws)
    assert other_agency.returncode == 2 and "000.87.34.H08" in other_agency.stderr
    second = cli("dossier", "new", "--owner", "0100109106", "--procedure", "1.001612", "--workspace", ws)
    assert second.returncode == 0 and second.stdout.strip().endswith(f"-{first_leased + 1:04d}")
    listed = cli_json(cli("dossier", "list", "--json", "--workspace", ws))
    assert {d["dossier_no"] for d in listed} == {new["dossier_no"], second.stdout.strip()}
    shown = cli_json(cli("dossier", "show", new["dossier_no"], "--workspace", ws, "--json"))
    assert [c["id"] for c in shown["components"]] == [c["id"] for c in new["components"]]
    assert all(c["state"] == "pending" for c in shown["components"])


def test_bad_input_exits_2_with_a_message_and_no_traceback(cli: CliRunner, tmp_path: Path,
                                                          registered: Callable[..., Path]) -> None:
    ws = registered(tmp_path / "ws")
    for args in (["--owner", "12345", "--procedure", "1.001193"],
                 ["--owner", "052090000495", "--procedure", "9.999999"]):
        proc = cli("dossier", "new", *args, "--workspace", ws)
        assert proc.returncode == 2
        assert "Traceback" not in proc.stderr and proc.stderr.strip()
    proc = cli("dossier", "show", "000.87.34.H08-240109-0015", "--workspace", ws, "--lang", "en")
    assert proc.returncode == 2 and "No dossier" in proc.stderr


def test_unwritable_or_corrupt_workspace_fails_cleanly(cli: CliRunner, tmp_path: Path) -> None:
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    proc = cli("dossier", "list", "--workspace", not_a_dir)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "motcua.db").write_bytes(b"garbage" * 1000)
    proc = cli("dossier", "list", "--workspace", ws)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert (ws / "motcua.db").read_bytes() == b"garbage" * 1000


def test_audit_verify_reports_first_broken_entry(cli: CliRunner, tmp_path: Path,
                                                 registered: Callable[..., Path]) -> None:
    ws = registered(tmp_path / "ws")  # registration and the two day's leases: 3 entries
    for _ in range(3):
        assert cli("dossier", "new", "--owner", "052090000495", "--procedure", "1.001193", "--workspace",
                   ws).returncode == 0
    ok = cli("audit", "verify", "--json", "--workspace", ws)
    assert ok.returncode == 0 and cli_json(ok)["ok"] is True and cli_json(ok)["entries"] == 6
    with sqlite3.connect(ws / "motcua.db") as conn:
        conn.execute("UPDATE audit_log SET details = '{}' WHERE id = 2")
    broken = cli("audit", "verify", "--json", "--workspace", ws)
    assert broken.returncode == 1 and cli_json(broken)["first_broken"] == 2


def test_logs_mask_id_numbers(cli: CliRunner, tmp_path: Path, registered: Callable[..., Path]) -> None:
    ws = registered(tmp_path / "ws")
    assert cli("dossier", "new", "--owner", "052090000495", "--procedure", "1.001193", "--workspace",
               ws).returncode == 0
    log_text = (ws / "logs" / "motcua.log").read_text(encoding="utf-8")
    assert "0520*****495" in log_text and "052090000495" not in log_text
