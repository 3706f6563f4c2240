"""Helper process for the crash test: saves pages as fast as it can and reports each one
(only after it is durable) on stdout as ``SAVED <sha256> <doc id>``."""

import os
import sys

from app.domain.identifiers import parse_owner_id
from app.domain.records import DocumentRecord, DocumentSource
from app.services.catalogue import load_catalogue
from app.store.workspace import Workspace

ws = Workspace.open(sys.argv[1])
dossier = ws.dossiers.create(parse_owner_id("052090000495"), load_catalogue().get("1.001193"),
                             agency="000.87.34.H08", actor="writer")
i = 0
while True:
    i += 1
    data = os.urandom(20_000 + i) + f"page {i}".encode()
    blob = ws.blobs.put_bytes(data, "png")
    with ws.db.transaction() as conn:
        doc = ws.documents.add(conn,
                               DocumentRecord(dossier.number, "to_khai", 0, DocumentSource.SCAN, blob.sha256))
        ws.audit.append(conn, "document.build", actor="writer", dossier=dossier.number,
                        objects={"pdf": blob.sha256})
    sys.stdout.write(f"SAVED {blob.sha256} {doc.id}\n")
    sys.stdout.flush()
