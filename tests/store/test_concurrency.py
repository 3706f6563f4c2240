"""Processes creating dossiers at the same moment in one workspace never get the same number:
each draws the next number of the workstation's leased blocks in its own transaction."""

import subprocess
import sys
from pathlib import Path
from typing import Any

from app.domain.codes import vn_today
from app.services.workstation import top_up
from app.store.workspace import Workspace
from app.sync.client import ClientConfig, SyncClient
from tests.conftest import cli_env, register_workspace

SCRIPT = """
import sys
from app.domain.identifiers import parse_owner_id
from app.services.catalogue import load_catalogue
from app.store.workspace import Workspace
ws = Workspace.open(sys.argv[1])
proc = load_catalogue().get("1.001193")
sys.stdin.readline()  # start together
for _ in range(25):
    dossier = ws.dossiers.create(parse_owner_id("052090000495"), proc, agency="000.87.34.H08", actor="p")
    print(dossier.number, flush=True)
"""


def test_parallel_processes_get_unique_consecutive_numbers(tmp_path: Path, station_server: Any) -> None:
    ws_dir = tmp_path / "ws"
    with Workspace.open(ws_dir) as ws:
        register_workspace(ws, station_server.url)
        top_up(ws, SyncClient(ClientConfig(station_server.url), username="demo", password="demo"), block=75,
               low_water=100)
        leased = sorted(n for lease in ws.numbers.leases() if lease.day == lease_day(ws)
                        for n in range(lease.first, lease.last + 1))
    procs = [
        subprocess.Popen([sys.executable, "-c", SCRIPT, str(ws_dir)], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, text=True, env=cli_env())
        for _ in range(3)
    ]
    outputs = [p.communicate("go\n", timeout=120)[0].split() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    numbers = [n for out in outputs for n in out]
    assert len(numbers) == 75 == len(set(numbers))
    assert sorted(int(n.rsplit("-", 1)[1]) for n in numbers) == leased[:75]  # in order, none skipped


def lease_day(_ws: Any) -> str:
    return vn_today().isoformat()
