"""``motcua support-bundle``: a workspace with a citizen's dossier, scans, a PDF, and logs and
configuration files into which personal data and secrets were planted; the zip holds the
logs, versions, configuration and self-test, and none of the planted values."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from app.services.reception import ReceptionRequest, open_dossier

OWNER_ID = "052090000495"
OWNER_NAME = "Nguyễn Thị Hồng Nhung"
SUBMITTER_ID = "079185001234"
PASSWORD = "S3cret-Passw0rd!"
PIN = "918273"
BEARER = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJkZW1vIn0.c2lnbmF0dXJl"
PHONE = "0912 345 678"
EMAIL = "nhung.nguyen@example.vn"


def test_the_bundle_has_what_support_needs_and_no_personal_data_or_secret(workspace: Any, tmp_path: Path,
                                                                       cli: Any) -> None:
    d = open_dossier(workspace, ReceptionRequest(owner=OWNER_ID, procedure="1.001193", owner_name=OWNER_NAME,
                                                 submitter=SUBMITTER_ID))
    root = workspace.root
    workspace.settings.officer = "tran.van.binh"
    workspace.save_settings()
    workspace.close()
    # what a careless log line, a crash report or a hand-edited file could hold
    (root / "logs" / "motcua.log").write_text(
        f"2026-11-29 10:00:00 INFO app.services.reception dossier {d.number} for {OWNER_NAME} ({OWNER_ID})\n"
        f"2026-11-29 10:00:01 ERROR app.sync login failed password={PASSWORD} pin: {PIN}\n"
        f"2026-11-29 10:00:02 DEBUG urllib3 Authorization: Bearer {BEARER}\n"
        f"2026-11-29 10:00:03 INFO app.ui submitter {SUBMITTER_ID} phone {PHONE} mail {EMAIL}\n"
        f"2026-11-29 10:00:04 INFO app.ui owner NGUYỄN THỊ HỒNG NHUNG confirmed\n", encoding="utf-8")
    (root / "logs" / "motcua.log.1").write_text(f"older line about {OWNER_NAME}\n", encoding="utf-8")
    (root / "blobs" / "scan-0001.png").write_bytes(b"\x89PNG\r\n\x1a\n" + OWNER_ID.encode())
    (root / "tmp" / "dossier.pdf").write_bytes(b"%PDF-1.7 " + OWNER_NAME.encode())
    machine = tmp_path / "machine.toml"
    machine.write_text('server_url = "https://dvc.example.gov.vn"\ntoken_label = "VGCA"\n'
                       f'client_secret = "{PASSWORD}"\n', encoding="utf-8")
    out = tmp_path / "out" / "bundle.zip"
    proc = cli("support-bundle", "-o", out, "--workspace", root, "--json",
               env={"MOTCUA_MACHINE_CONFIG": str(machine)})
    assert proc.returncode == 0, proc.stderr

    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        texts = {n: zf.read(n).decode("utf-8") for n in names}
    assert {"README.txt", "versions.json", "selftest.json", "config/settings.json", "logs/motcua.log",
            "logs/motcua.log.1", "workspace.json"} <= set(names)
    assert not [n for n in names if n.endswith((".png", ".pdf", ".db", ".jpg", ".tif"))]
    selftest = json.loads(texts["selftest.json"])
    assert {"ok", "checks"} <= set(selftest) and selftest["checks"]
    assert json.loads(texts["versions.json"])["motcua-station"]
    assert json.loads(texts["workspace.json"])["dossiers"] == {d.state.value: 1}
    assert "https://dvc.example.gov.vn" in "".join(texts.values())  # configuration is there ...
    assert "VGCA" in "".join(texts.values())  # (a token label is not a secret)
    log = texts["logs/motcua.log"]
    assert d.number in log and "login failed" in log  # ... the logs are useful ...

    everything = "\n".join(texts.values())
    planted = [OWNER_ID, SUBMITTER_ID, OWNER_NAME, OWNER_NAME.upper(), "Hồng "
                                                                       "Nhung", PASSWORD, PIN, BEARER, PHONE,
               EMAIL, "tran.van.binh"]
    assert [p for p in planted if p in everything] == []  # ... and nothing planted is inside
