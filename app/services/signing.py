"""Building a component's archival PDF from its stored pages, and signing a dossier's
documents with the officer's token."""

from __future__ import annotations

import dataclasses
import logging
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

from app.domain.codes import document_file_name
from app.domain.errors import InvalidInput
from app.domain.records import ComponentState, DocumentRecord, DocumentSource, DossierState
from app.services.digitize import hashed_snapshot
from app.sign.pdf import PdfOptions, build_pdf
from app.sign.signer import SignOptions, SignResult, sign_with_token
from app.store.workspace import Workspace

log = logging.getLogger(__name__)


def component_pages(ws: Workspace, dossier_no: str, component_id: str) -> list[Path]:
    """The page images of a component, in session order (derived images where the officer made them)."""
    from app.services.digitize import component_pages as scanned_pages

    return scanned_pages(ws, dossier_no, component_id)


def build_component_pdf(ws: Workspace, dossier_no: str, component_id: str, *, options: PdfOptions | None = None,
                        out: Path | None = None, pages: list[Path] | None = None) -> tuple[DocumentRecord, Path]:
    """Build the component's PDF, store it durably, record the document (audited)."""
    dossier = ws.dossiers.get(dossier_no)
    comp = dossier.component(component_id)
    if comp is None:
        raise InvalidInput(f"Dossier {dossier_no} has no component '{component_id}'",
                           f"Hồ sơ {dossier_no} không có thành phần '{component_id}'")
    images = pages if pages is not None else component_pages(ws, dossier_no, component_id)
    if not images:
        raise InvalidInput(f"Component '{component_id}' has no scanned page yet",
                           f"Thành phần '{comp.name}' chưa có trang nào được quét")
    base = options or PdfOptions()
    meta = {"DossierNo": dossier_no, "FileCode": dossier_no, "TypeName": comp.name, "DocType": comp.doc_type,
            "PageAmount": str(len(images)), "Language": "Tiếng Việt", "OrganName": ws.settings.agency_name,
            **base.metadata, "AuditHead": ws.audit.head().text()}  # anchors the audit chain in the signed file
    opts = PdfOptions(profile=base.profile, jpeg_quality=base.jpeg_quality, title=base.title or comp.name,
                      author=ws.settings.agency_name, subject=dossier.procedure_name, metadata=meta,
                      default_dpi=base.default_dpi)
    tmp = ws.tmp_dir / f"build-{dossier_no}-{component_id}.pdf"
    try:
        with hashed_snapshot(ws, images) as checked:  # re-hash what the builder reads
            build_pdf(checked, tmp, opts)
        blob = ws.blobs.put_file(tmp, "pdf")
    finally:
        tmp.unlink(missing_ok=True)
    with ws.db.transaction() as conn:
        doc = ws.documents.add(conn, DocumentRecord(dossier_no, component_id, 0, DocumentSource.SCAN, blob.sha256,
                                                    type_code=comp.doc_type, metadata=meta))
        ws.audit.append(conn, "document.build", actor=ws.actor, dossier=dossier_no, objects={"pdf": blob.sha256},
                        details={"component": component_id, "pages": len(images), "profile": opts.profile.value,
                                 "ordinal": doc.ordinal})
    ws.dossiers.set_component_state(dossier_no, component_id, ComponentState.BUILT, actor=ws.actor,
                                    details={"document": doc.id})
    path = blob.path
    if out is not None:
        shutil.copyfile(blob.path, out)
        path = out
    return doc, path


def export_name(doc: DocumentRecord) -> str:
    return document_file_name(doc.dossier_no, doc.ordinal)


def key_role(label: str) -> str:
    """'agency' for an agency's key (it signs certified copies and issued results), else
    'officer'. Known from the key's label on the token (demo and provincial conventions)."""
    low = label.lower()
    return "agency" if any(word in low for word in ("agency", "co-quan", "coquan", "to-chuc")) else "officer"


def default_options(ws: Workspace, *, role: str, signer_name: str) -> SignOptions:
    """What a signature made at the counter looks like, from the settings: the officer's box
    (name, title, time) or, with the agency key, the certified-copy stamp (SAO Y, ND30 art. 25);
    the highest level the settings allow: B-LT with a TSA and trust anchors (falling back to
    B-T, and saying so, when revocation info cannot be fetched), B-T with a TSA, else B-B."""
    from app.sign.appearance import AppearanceKind, AppearanceOptions
    from app.sign.signer import Level

    st = ws.settings
    appearance = (AppearanceOptions(kind=AppearanceKind.COPY, agency_name=st.agency_name) if role == "agency"
                  else AppearanceOptions(kind=AppearanceKind.OFFICER, signer_name=signer_name,
                                         signer_title=st.officer_title))
    level = (Level.B_LT if st.trust_dir else Level.B_T) if st.tsa_url else Level.B_B
    return SignOptions(level=level, tsa_url=st.tsa_url, appearance=appearance,
                       trust_dir=Path(st.trust_dir) if st.trust_dir else None,
                       reason="Ký số hồ sơ một cửa", location=st.agency_name)


def sign_dossier(ws: Workspace, dossier_no: str, *, module: str, pin: str, key_label: str = "officer",
                 token_label: str | None = None, options: SignOptions | None = None,
                 progress: Callable[[int, int, Path], None] | None = None,
                 cancel: threading.Event | None = None) -> list[SignResult]:
    """Sign every built, unsigned document of the dossier after one login."""
    docs = [d for d in ws.documents.for_dossier(dossier_no) if d.source is DocumentSource.SCAN and not d.signed_sha256]
    if not docs:
        raise InvalidInput(f"Dossier {dossier_no} has no built document waiting for a signature",
                           f"Hồ sơ {dossier_no} không có tài liệu nào chờ ký")
    work = ws.tmp_dir / f"sign-{dossier_no}"
    (work / "in").mkdir(parents=True, exist_ok=True)
    (work / "out").mkdir(parents=True, exist_ok=True)
    try:
        inputs = []
        by_input: dict[Path, DocumentRecord] = {}
        for doc in docs:
            src = work / "in" / export_name(doc)
            # The built PDF must still be the one recorded: re-hashed as read, before any login.
            src.write_bytes(ws.blobs.read_verified(doc.pdf_sha256, "pdf", what=f"PDF of {doc.component_id}",
                                                   what_vi=f"tệp PDF của {doc.component_id}"))
            inputs.append(src)
            by_input[src] = doc
        results = sign_with_token(inputs, work / "out", module=module, pin=pin, key_label=key_label,
                                  token_label=token_label, options=options, progress=progress, cancel=cancel)
        stored: list[SignResult] = []
        for res in results:
            # Report the stored files, not the copies in tmp/ (removed below).
            unsigned = ws.blobs.path(by_input[res.source].pdf_sha256, "pdf") if res.source in by_input else res.source
            if not (res.ok and res.output):
                stored.append(dataclasses.replace(res, source=unsigned, output=None))
                continue
            doc = by_input[res.source]
            blob = ws.blobs.put_file(res.output, "pdf")
            with ws.db.transaction() as conn:
                ws.documents.set_signed(conn, doc.id or 0, blob.sha256)
                ws.audit.append(conn, "document.sign", actor=ws.actor, dossier=dossier_no,
                                objects={"unsigned": doc.pdf_sha256, "signed": blob.sha256},
                                details={"component": doc.component_id, "key": key_label,
                                         "timestamped": res.timestamped, "needs_timestamp": res.needs_timestamp})
            ws.dossiers.set_component_state(dossier_no, doc.component_id, ComponentState.SIGNED, actor=ws.actor)
            stored.append(dataclasses.replace(res, source=unsigned, output=blob.path))
        _update_dossier_state(ws, dossier_no)
        return stored
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _update_dossier_state(ws: Workspace, dossier_no: str) -> None:
    dossier = ws.dossiers.get(dossier_no)
    done = {ComponentState.SIGNED, ComponentState.REUSED, ComponentState.NOT_PROVIDED}
    if all(c.state in done or not c.required for c in dossier.components) and any(
        c.state is ComponentState.SIGNED for c in dossier.components
    ):
        ws.dossiers.set_state(dossier_no, DossierState.SIGNED, actor=ws.actor)
