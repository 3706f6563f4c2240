"""Schemathesis against the running reference server: generated requests (from the server's
own OpenAPI document: boundary values, wrong types, missing fields) and generated sequences of
requests that follow the links between routes (create an upload, then its chunks and status;
create an account, then disable it; register a workstation, then lease numbers). Whatever
comes in, the server answers with a 4xx or a 2xx, never a 5xx.

One run per kind of caller, with real tokens: the province's administrator (accounts, statuses of
every agency), an agency administrator (its accounts, its read log) and a supervisor (uploads,
dossiers, the warehouse, overrides), each within a time budget."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from tests.sync.conftest import RefServer

pytest.importorskip("schemathesis")


def _st() -> str:
    found = shutil.which("st", path=str(Path(sys.executable).parent))
    assert found, "the schemathesis command is not installed beside this Python"
    return found


def _server_errors(report: Path) -> list[str]:
    """Every request that got a 5xx, from schemathesis's NDJSON event log."""
    errors = []
    for line in report.read_text(encoding="utf-8").splitlines():
        text = line
        if '"status_code":5' not in text.replace(" ", ""):
            continue
        event = json.loads(text)
        for scenario in event.values():
            for interaction in (scenario.get("recorder", {}) or {}).get("interactions", {}).values():
                response, request = interaction.get("response") or {}, interaction.get("request") or {}
                if int(response.get("status_code", 0)) >= 500:
                    errors.append(f"{request.get('method')} {request.get('uri')} -> "
                                  f"{response.get('status_code')}")
    return errors


@pytest.mark.parametrize("account", ["tinh", "quantri", "giamsat"])
def test_no_request_and_no_sequence_of_requests_makes_the_server_fail(server: RefServer, account: str,
                                                                       tmp_path: Path) -> None:
    token = requests.post(server.url + "/oauth/token", timeout=10, data={
        "grant_type": "password", "username": account, "password": account}).json()["access_token"]
    report = tmp_path / "events.ndjson"
    run = subprocess.run(
        [_st(), "run", server.url + "/openapi.json", "--checks", "not_a_server_error",
         "-H", f"Authorization: Bearer {token}", "--exclude-path-regex", "^/_test/",
         "--phases", "coverage,fuzzing,stateful", "-n", "4", "--max-time", "12", "--seed", "20261129",
         "--generation-with-security-parameters", "false", "--generation-database", "none", "-w", "1",
         "--no-color", "--report", "ndjson", "--report-ndjson-path", str(report)],
        capture_output=True, text=True, timeout=180, cwd=tmp_path)  # its cache stays out of the repository
    errors = _server_errors(report)
    assert not errors, "\n".join(errors[:20])
    assert run.returncode == 0, run.stdout[-3000:]
    # the run reached the routes (a token refused everywhere would prove nothing)
    assert "Selected:" in run.stdout and " passed" in run.stdout
    # the account still works: it logs in, unless the fuzzer's wrong "current password" attempts
    # on its own password route locked it for the lock-out window (429, as five wrong logins would)
    after = requests.post(server.url + "/oauth/token", timeout=10, data={
        "grant_type": "password", "username": account, "password": account})
    assert after.status_code == 200 or (after.status_code == 429 and after.json()["detail_vi"]), after.text
