"""A counter's workstation as its own process, for the multi-workstation tests:

    python tests/sync/station_worker.py WORKSPACE COUNT SEED

Waits for a line on stdin (so several start together), receives COUNT dossiers (each with two
scanned-and-built PDFs unique to this workstation, signed with the officer's key of the test
token named by MOTCUA_TEST_TOKEN="module|token label|PIN"), queues each and prints
``QUEUED <number> <sha256>,<sha256>`` once it is durably queued; then sends until nothing waits
and prints ``DONE``. Login from MOTCUA_USER / MOTCUA_PASSWORD."""

import os
import sys
from pathlib import Path

from app.services import submit
from app.services.reception import ReceptionRequest, open_dossier
from app.services.signing import build_component_pdf, sign_dossier
from app.store.workspace import Workspace
from app.sync.outbox import items
from tests.sign.conftest import page_image

ws_dir, count, seed = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
ws = Workspace.open(ws_dir)
module, token_label, pin = os.environ["MOTCUA_TEST_TOKEN"].split("|")
sys.stdin.readline()
for i in range(count):
    d = open_dossier(ws, ReceptionRequest(owner="052090000495", procedure="1.001193"))
    for k, comp in enumerate(("to_khai", "giay_chung_sinh")):
        png = page_image(ws.tmp_dir / f"w{seed}-{i}-{k}.png", dpi=60, seed=seed * 1000 + i * 10 + k)
        build_component_pdf(ws, d.number, comp, pages=[png])
    sign_dossier(ws, d.number, module=module, pin=pin, key_label="officer", token_label=token_label)
    hashes = [doc.signed_sha256 or "" for doc in ws.documents.for_dossier(d.number)]
    submit.enqueue(ws, d.number)
    sys.stdout.write(f"QUEUED {d.number} {','.join(hashes)}\n")
    sys.stdout.flush()
client = submit.client_from(ws)
client.config.backoff_s, client.config.retries = 0.05, 2
for _ in range(50):
    submit.run(ws, client)
    if all(i.state in ("sent", "rejected", "cancelled") for i in items(ws)):
        break
sys.stdout.write("DONE\n")
sys.stdout.flush()
