"""Two processes creating dossiers at the same moment never get the same number."""

import subprocess
import sys
from pathlib import Path

from tests.conftest import cli_env

SCRIPT = """
import sys
from app.domain.identifiers import parse_owner_id
from app.services.catalogue import load_catalogue
from app.store.workspace import Workspace
ws = Workspace.open(sys.argv[1])
proc = load_catalogue().get("1.001193")
sys.stdin.readline()  # start together
for _ in range(25):
    print(ws.dossiers.create(parse_owner_id("052090000495"), proc, agency="000.87.34.H08", actor="p").number, flush=True)
"""


def test_parallel_processes_get_unique_consecutive_numbers(tmp_path: Path) -> None:
    ws_dir = tmp_path / "ws"
    procs = [
        subprocess.Popen([sys.executable, "-c", SCRIPT, str(ws_dir)], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, text=True, env=cli_env())
        for _ in range(3)
    ]
    outputs = [p.communicate("go\n", timeout=120)[0].split() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    numbers = [n for out in outputs for n in out]
    assert len(numbers) == 75 == len(set(numbers))
    assert sorted(int(n.rsplit("-", 1)[1]) for n in numbers) == list(range(1, 76))
