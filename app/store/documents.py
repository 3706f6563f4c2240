"""Electronic documents of a dossier (built PDFs, reused warehouse files, imports)."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

from app.domain.codes import vn_now
from app.domain.errors import NotFound
from app.domain.messages import Msg
from app.domain.records import DocumentRecord, DocumentSource
from app.store.db import Database


class DocumentRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, conn: sqlite3.Connection, doc: DocumentRecord) -> DocumentRecord:
        """Insert inside the caller's transaction; the ordinal is the next in the dossier when 0."""
        ordinal = doc.ordinal or conn.execute(
            "SELECT COALESCE(MAX(ordinal), 0) + 1 FROM documents WHERE dossier_no = ?", (doc.dossier_no,)
        ).fetchone()[0]
        now = vn_now()
        cur = conn.execute(
            "INSERT INTO documents(dossier_no, component_id, "
            "ordinal, source, pdf_sha256, signed_sha256, code, "
            "type_code, metadata, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (doc.dossier_no, doc.component_id, ordinal, doc.source.value, doc.pdf_sha256, doc.signed_sha256,
             doc.code, doc.type_code, json.dumps(doc.metadata, ensure_ascii=False, default=str),
             now.isoformat(timespec="seconds")),
        )
        doc.id, doc.ordinal, doc.created_at = cur.lastrowid, ordinal, now
        return doc

    def set_signed(self, conn: sqlite3.Connection, doc_id: int, signed_sha256: str) -> None:
        cur = conn.execute("UPDATE documents SET signed_sha256 = ? WHERE id = ?", (signed_sha256, doc_id))
        if cur.rowcount == 0:
            raise NotFound(Msg(
                    vi=f"Không có tài liệu {doc_id}",
                    en=f"No document {doc_id}",
                ))

    def get(self, doc_id: int) -> DocumentRecord:
        with self._db.read() as conn:
            row = conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise NotFound(Msg(
                    vi=f"Không có tài liệu {doc_id}",
                    en=f"No document {doc_id}",
                ))
        return _doc(row)

    def for_dossier(self, dossier_no: str, component_id: str | None = None) -> list[DocumentRecord]:
        sql, params = "SELECT * FROM documents WHERE dossier_no = ?", [dossier_no]
        if component_id:
            sql += " AND component_id = ?"
            params.append(component_id)
        with self._db.read() as conn:
            return [_doc(r) for r in conn.execute(sql + " ORDER BY ordinal", params)]


def _doc(r: sqlite3.Row) -> DocumentRecord:
    return DocumentRecord(
        dossier_no=r["dossier_no"], component_id=r["component_id"], ordinal=r["ordinal"],
        source=DocumentSource(r["source"]), pdf_sha256=r["pdf_sha256"], signed_sha256=r["signed_sha256"],
        code=r["code"], type_code=r["type_code"], metadata=json.loads(r["metadata"]), id=r["id"],
        created_at=datetime.fromisoformat(r["created_at"]),
    )
