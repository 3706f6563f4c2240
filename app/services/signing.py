"""Building a component's archival PDF from its stored pages, and signing a dossier's
documents with the officer's token."""

from __future__ import annotations

import dataclasses
import logging
import shutil
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.domain.codes import document_file_name
from app.domain.errors import InvalidInput, NotFound
from app.domain.fees import digitization_fee
from app.domain.records import (
    ComponentState,
    DigitizationCategory,
    DocumentRecord,
    DocumentSource,
    Dossier,
    DossierState,
)
from app.domain.signing_policy import (
    CertificateFacts,
    KeyOption,
    KeyRole,
    certificate_role,
    choose_key,
    role_for_component,
)
from app.services.catalogue import load_catalogue
from app.services.counter_settings import SEAL_SETTING as SEAL_SETTING  # re-exported
from app.services.digitize import component_pages as scanned_pages
from app.services.digitize import hashed_snapshot
from app.services.metadata import build_fields
from app.sign.appearance import AppearanceKind, AppearanceOptions
from app.sign.pdf import PdfOptions, build_pdf
from app.sign.signer import Level, SignOptions, SignResult, sign_with_token
from app.sign.tokens import CertInfo, list_tokens
from app.store.workspace import Workspace

log = logging.getLogger(__name__)


def component_pages(ws: Workspace, dossier_no: str, component_id: str) -> list[Path]:
    """The page images of a component, in session order (derived images where the officer made them)."""
    return scanned_pages(ws, dossier_no, component_id)


def build_component_pdf(ws: Workspace, dossier_no: str, component_id: str, *,
                        options: PdfOptions | None = None,
                        out: Path | None = None, pages: list[Path] | None = None) -> tuple[DocumentRecord,
                                                                                           Path]:
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
    # ND30 Appendix VI: the document's and the dossier's fields, and the electronic document code.
    doc_fields, dossier_fields, code = build_fields(ws, dossier, comp, len(images))
    meta = {"DossierNo": dossier_no, **doc_fields, "DocType": comp.doc_type,
            **({"DocCode": code} if code else {}),
            **base.metadata,
            "AuditHead": ws.audit.head().text()}  # anchors the audit chain in the signed file
    opts = PdfOptions(profile=base.profile, jpeg_quality=base.jpeg_quality, title=base.title or comp.name,
                      author=ws.settings.agency_name, subject=dossier.procedure_name, metadata=meta,
                      default_dpi=base.default_dpi, pdfa=base.pdfa,
                      dossier_metadata={**dossier_fields, **base.dossier_metadata})
    tmp = ws.tmp_dir / f"build-{dossier_no}-{component_id}.pdf"
    try:
        with hashed_snapshot(ws, images) as checked:  # re-hash what the builder reads
            build_pdf(checked, tmp, opts)
        blob = ws.blobs.put_file(tmp, "pdf")
    finally:
        tmp.unlink(missing_ok=True)
    with ws.db.transaction() as conn:
        ordinal = int(meta.get("DocOrdinal", 0) or 0) if str(meta.get("DocOrdinal", "")).isdigit() else 0
        stored: dict[str, object] = {**meta}
        doc = ws.documents.add(conn, DocumentRecord(dossier_no, component_id, ordinal, DocumentSource.SCAN,
                                                    blob.sha256, code=str(meta.get("DocCode") or "") or None,
                                                    type_code=comp.doc_type, metadata=stored))
        ws.audit.append(conn, "document.build", actor=ws.actor, dossier=dossier_no,
                        objects={"pdf": blob.sha256},
                        details={"component": component_id, "pages": len(images),
                                 "profile": opts.profile.value,
                                 "ordinal": doc.ordinal})
    # On-request digitization is paid per page (seed 002); the mandatory categories are free.
    fee = digitization_fee(comp.category, len(images), load_catalogue().digitization_fee_per_page)
    ws.dossiers.set_component_state(dossier_no, component_id, ComponentState.BUILT, actor=ws.actor,
                                    details={"document": doc.id,
                                             **({"fee": fee, "pages": len(images)} if fee else {})},
                                    fee=fee if comp.category is DigitizationCategory.ON_REQUEST else None)
    path = blob.path
    if out is not None:
        shutil.copyfile(blob.path, out)
        path = out
    return doc, path


def export_name(doc: DocumentRecord) -> str:
    return document_file_name(doc.dossier_no, doc.ordinal)


def key_role(label: str) -> KeyRole:
    """The role a key's label alone suggests (used where no certificate is at hand)."""
    return certificate_role(CertificateFacts(label=label))


def document_role(dossier: Dossier, doc: DocumentRecord) -> KeyRole:
    """The key that must sign this document: the officer's for a digitized component, the
    agency's for a certified copy (on-request digitization) or an issued result."""
    comp = dossier.component(doc.component_id)
    return role_for_component(comp.category) if comp is not None else KeyRole.OFFICER


def pending_documents(ws: Workspace, dossier_no: str, role: KeyRole | None = None) -> list[DocumentRecord]:
    """Built, unsigned documents of the dossier, in order; with ``role``, only those that key must sign."""
    dossier = ws.dossiers.get(dossier_no)
    docs = [d for d in ws.documents.for_dossier(dossier_no)
            if d.source is DocumentSource.SCAN and not d.signed_sha256]
    return [d for d in docs if role is None or document_role(dossier, d) is role]


def roles_needed(ws: Workspace, dossier_no: str) -> list[KeyRole]:
    """The keys the dossier's unsigned documents need, the officer's first."""
    dossier = ws.dossiers.get(dossier_no)
    needed = {document_role(dossier, d) for d in pending_documents(ws, dossier_no)}
    return [r for r in (KeyRole.OFFICER, KeyRole.AGENCY) if r in needed]


def choose_certificate(certs: Sequence[CertInfo], role: KeyRole) -> CertInfo | None:
    """The certificate to preselect for ``role``: one of that role only (never by list order
    across roles), a usable one before an expired one, the longest-valid first."""
    row = choose_key([KeyOption(c.role, c.usable, c.not_after.timestamp(), c.label) for c in certs], role)
    return None if row is None else certs[row]


def find_certificate(module: str, key_label: str, token_label: str | None = None) -> tuple[str, CertInfo]:
    """The token holding ``key_label`` (the given one, else the first that has it) and the
    key's certificate, read without login."""
    for tok in list_tokens(module):
        if token_label and tok.label != token_label:
            continue
        for cert in tok.certificates:
            if cert.label == key_label:
                return tok.label, cert
    where = f" on token '{token_label}'" if token_label else ""
    raise NotFound(f"No certificate '{key_label}'{where}; insert the token or choose another key",
                   f"Không thấy chứng thư '{key_label}' trên token; hãy cắm token hoặc chọn khóa khác")




def configured_seal(ws: Workspace) -> Path | None:
    """The agency's seal image from the settings, when one is set and present (a missing file is
    logged, and the copy is stamped without the seal rather than not signed)."""
    value = ws.settings.extra.get(SEAL_SETTING, "").strip()
    if not value:
        return None
    path = Path(value)
    if not path.is_file():
        log.warning("The configured seal image %s is missing; signing without it", path)
        return None
    return path


def default_options(ws: Workspace, *, role: str, signer_name: str) -> SignOptions:
    """What a signature made at the counter looks like, from the settings: the officer's box
    (name, title, time) or, with the agency key, the certified-copy stamp (SAO Y, ND30 art. 25)
    with the agency's seal beside it when Settings name one (``extra["seal_image"]``);
    the highest level the settings allow: B-LT with a TSA and trust anchors (falling back to
    B-T, and saying so, when revocation info cannot be fetched), B-T with a TSA, else B-B."""
    st = ws.settings
    appearance = (AppearanceOptions(kind=AppearanceKind.COPY, agency_name=st.agency_name,
                                    seal_image=configured_seal(ws))
                  if role == "agency"
                  else AppearanceOptions(kind=AppearanceKind.OFFICER, signer_name=signer_name,
                                         signer_title=st.officer_title))
    level = (Level.B_LT if st.trust_dir else Level.B_T) if st.tsa_url else Level.B_B
    return SignOptions(level=level, tsa_url=st.tsa_url, appearance=appearance,
                       trust_dir=Path(st.trust_dir) if st.trust_dir else None,
                       reason="Ký số hồ sơ một cửa", location=st.agency_name)


class AgencyKeyNotConfirmed(InvalidInput):
    """The agency's key was chosen but its use was not confirmed."""


class WrongKeyForDocuments(InvalidInput):
    """The chosen key is not the one the dossier's waiting documents need."""


@dataclass(frozen=True)
class SignedDocument:
    document: DocumentRecord
    result: SignResult


def sign_dossier(ws: Workspace, dossier_no: str, *, module: str, pin: str, key_label: str,
                 token_label: str | None = None, options: SignOptions | None = None,
                 confirm_agency: bool = False, progress: Callable[[int, int, Path], None] | None = None,
                 cancel: threading.Event | None = None) -> list[SignedDocument]:
    """Sign, after one login, the dossier's unsigned documents that this key must sign.

    The key's role (officer or agency) is read from its certificate on the token, never assumed:
    the officer's key signs digitized components, the agency's key only certified copies and
    issued results, and only with ``confirm_agency`` (an explicit, audited choice). Documents
    for the other key stay waiting. ``options`` default to the counter's (``default_options``)."""
    waiting = pending_documents(ws, dossier_no)
    if not waiting:
        raise InvalidInput(f"Dossier {dossier_no} has no built document waiting for a signature",
                           f"Hồ sơ {dossier_no} không có tài liệu nào chờ ký")
    work = ws.tmp_dir / f"sign-{dossier_no}"
    (work / "in").mkdir(parents=True, exist_ok=True)
    (work / "out").mkdir(parents=True, exist_ok=True)
    try:
        copies: dict[int, Path] = {}
        for doc in waiting:
            src = work / "in" / export_name(doc)
            # The built PDF must still be the one recorded: re-hashed as read, before the token is touched.
            src.write_bytes(ws.blobs.read_verified(doc.pdf_sha256, "pdf", what=f"PDF of {doc.component_id}",
                                                   what_vi=f"tệp PDF của {doc.component_id}"))
            copies[doc.id or 0] = src
        token_label, cert = find_certificate(module, key_label, token_label)
        role = cert.role
        docs = pending_documents(ws, dossier_no, role)
        if not docs:
            other = roles_needed(ws, dossier_no)[0]
            raise WrongKeyForDocuments(
                f"Key '{key_label}' is the {role.value}'s key; "
                f"the waiting documents of {dossier_no} need the "
                f"{other.value}'s key",
                f"Khóa '{cert.common_name or key_label}' là khóa "
                f"của {role.name_vi}; các tài liệu chờ ký của hồ sơ "
                f"{dossier_no} cần khóa của {other.name_vi}")
        if role is KeyRole.AGENCY and not confirm_agency:
            raise AgencyKeyNotConfirmed(
                f"Signing with the agency's key ({cert.common_name}) needs an explicit confirmation",
                f"Ký bằng khóa của cơ quan ({cert.common_name}) cần được xác nhận rõ ràng")
        if options is None:
            options = default_options(ws, role=role.value, signer_name=cert.common_name)
        by_input = {copies[doc.id or 0]: doc for doc in docs}
        inputs = list(by_input)
        results = sign_with_token(inputs, work / "out", module=module, pin=pin, key_label=key_label,
                                  token_label=token_label, options=options, progress=progress, cancel=cancel)
        out: list[SignedDocument] = []
        for res in results:
            doc = by_input[res.source]
            # Report the stored files, not the copies in tmp/ (removed below).
            unsigned = ws.blobs.path(doc.pdf_sha256, "pdf")
            if not (res.ok and res.output):
                out.append(SignedDocument(doc, dataclasses.replace(res, source=unsigned, output=None)))
                continue
            blob = ws.blobs.put_file(res.output, "pdf")
            with ws.db.transaction() as conn:
                ws.documents.set_signed(conn, doc.id or 0, blob.sha256)
                ws.audit.append(conn, "document.sign", actor=ws.actor, dossier=dossier_no,
                                objects={"unsigned": doc.pdf_sha256, "signed": blob.sha256},
                                details={"component": doc.component_id, "key": key_label, "role": role.value,
                                         "certificate": cert.serial,
                                         "confirmed_agency_key": role is KeyRole.AGENCY,
                                         "timestamped": res.timestamped,
                                         "needs_timestamp": res.needs_timestamp})
            ws.dossiers.set_component_state(dossier_no, doc.component_id, ComponentState.SIGNED,
                                            actor=ws.actor)
            out.append(SignedDocument(doc, dataclasses.replace(res, source=unsigned, output=blob.path)))
        _update_dossier_state(ws, dossier_no)
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _update_dossier_state(ws: Workspace, dossier_no: str) -> None:
    dossier = ws.dossiers.get(dossier_no)
    if dossier.state not in (DossierState.RECEIVING, DossierState.SCANNING):
        # a correction signed for a dossier sent back stays "sent back": it goes again as a new version
        return
    done = {ComponentState.SIGNED, ComponentState.REUSED, ComponentState.NOT_PROVIDED}
    if all(c.state in done or not c.required for c in dossier.components) and any(
        c.state is ComponentState.SIGNED for c in dossier.components
    ):
        ws.dossiers.set_state(dossier_no, DossierState.SIGNED, actor=ws.actor)
