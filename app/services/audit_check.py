"""Checking the workspace's audit chain against every anchor it has: the local anchor file and
the heads written into the built and signed documents (covered by their signatures)."""

from __future__ import annotations

import logging

import pikepdf

from app.store.audit import AuditHead, ChainCheck
from app.store.workspace import Workspace

log = logging.getLogger(__name__)


def document_anchors(ws: Workspace) -> list[tuple[str, AuditHead]]:
    """(where, head) for every document file whose metadata carries an audit head."""
    out: list[tuple[str, AuditHead]] = []
    with ws.db.read() as conn:
        rows = conn.execute("SELECT dossier_no, ordinal, pdf_sha256, signed_sha256 FROM documents "
                            "WHERE source = 'scan' ORDER BY id").fetchall()
    for r in rows:
        for sha in {r["pdf_sha256"], r["signed_sha256"]} - {None}:
            path = ws.blobs.path(sha, "pdf")
            if not path.is_file():
                continue
            try:
                with pikepdf.open(path) as pdf:
                    text = str(pdf.docinfo.get("/AuditHead", ""))
            except Exception as exc:  # noqa: BLE001 - a damaged file is reported by its own check
                log.warning("Cannot read the audit head of %s: %s", path.name, exc)
                continue
            head = AuditHead.parse(text)
            if head is not None:
                out.append((f"document {r['dossier_no']} #{r['ordinal']} ({sha[:12]})", head))
    return out


def verify_workspace(ws: Workspace) -> ChainCheck:
    return ws.audit.verify(external=document_anchors(ws))
