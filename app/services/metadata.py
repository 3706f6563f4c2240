"""ND30 (Decree 30/2020, Appendix VI) metadata of the documents we build: filled from the
dossier, the procedure, the agency settings and the signer; read back from a PDF's XMP and
checked (missing / malformed fields) for the supervisor's review and ``motcua pdf meta``."""

from __future__ import annotations

import logging
from pathlib import Path

from app.domain import nd30
from app.domain.codes import DocumentCode, issue_document_code, vn_today
from app.domain.errors import InvalidInput
from app.domain.metadata import DocumentMetadata, DossierMetadata, SignerInfo
from app.domain.records import ComponentRecord, DigitizationCategory, DocumentRecord, Dossier
from app.domain.signing_policy import KeyRole, role_for_component
from app.sign.pdf import read_xmp
from app.sign.xmp import read_nd30
from app.store.workspace import Workspace

log = logging.getLogger(__name__)

MAX_XMP_BYTES = 4 * 1024 * 1024  # an XMP packet larger than this is not read


def signer_info(ws: Workspace, comp: ComponentRecord) -> SignerInfo:
    """Who signs the document: the agency (its head) for certified copies and results, else the
    counter officer (Settings: officer title; the officer's name, else the login)."""
    if role_for_component(comp.category) is KeyRole.AGENCY:
        return SignerInfo(position=ws.settings.extra.get("agency_signer_title", "Thủ trưởng cơ quan"),
                          full_name=ws.settings.extra.get("agency_signer_name",
                                                          "") or ws.settings.agency_name)
    name = ws.settings.extra.get("officer_full_name", "") or ws.actor
    return SignerInfo(position=ws.settings.officer_title, full_name=name)


def dossier_metadata(ws: Workspace, dossier: Dossier, *, extra_docs: int = 0,
                     extra_pages: int = 0) -> DossierMetadata:
    """The dossier's ND30 fields. ``extra_*``: the document being built, not stored yet."""
    docs = ws.documents.for_dossier(dossier.number)
    pages = sum(int(str(d.metadata.get("PageAmount",
                                       0) or 0)) for d in docs if str(d.metadata.get("PageAmount",
                                                                                     "")).isdigit())
    owner = dossier.owner.name or dossier.owner.id
    return DossierMetadata(
        file_code=dossier.number,
        title=f"Hồ sơ {dossier.procedure_name} của {owner}" if owner else f"Hồ sơ {dossier.procedure_name}",
        maintenance=ws.settings.extra.get("nd30_maintenance", "Vĩnh viễn"),
        rights=ws.settings.extra.get("nd30_rights", "Hạn chế"),
        creator=ws.settings.agency_name,
        start_date=dossier.received_at.date(),
        doc_total=len(docs) + extra_docs,
        page_total=pages + extra_pages,
        description=f"Thủ tục {dossier.procedure_code}",
    )


def next_ordinal(ws: Workspace, dossier_no: str) -> int:
    return max((d.ordinal for d in ws.documents.for_dossier(dossier_no)), default=0) + 1


def document_metadata(ws: Workspace, dossier: Dossier, comp: ComponentRecord, *, ordinal: int, pages: int,
                      code: DocumentCode | None) -> DocumentMetadata:
    """The document's ND30 fields. Issued by this agency today: the electronic copy (or result) is
    the agency's document, numbered with its electronic document code."""
    kind = "Bản sao điện tử" if comp.category is DigitizationCategory.ON_REQUEST else "Bản số hóa"
    return DocumentMetadata(
        file_code=dossier.number, doc_ordinal=ordinal, type_name=comp.name,
        code_number=f"{code.sequence:06d}" if code else "", code_notation=str(code) if code else "",
        issued_date=vn_today(), organ_name=ws.settings.agency_name,
        subject=f"{kind} {comp.name} — hồ sơ {dossier.procedure_name}", page_amount=pages,
        description=f"Thành phần {comp.component_id}; loại số hóa: {comp.category.value}",
        signer_info=signer_info(ws, comp),
    )


def build_fields(ws: Workspace, dossier: Dossier, comp: ComponentRecord, pages: int) -> tuple[dict[str, str],
                                                                                              dict[str, str],
                                                                                              str]:
    """(document fields, dossier fields, electronic document code) for a document about to be built."""
    ordinal = next_ordinal(ws, dossier.number)
    try:
        code = issue_document_code(dossier.owner.id, comp.doc_type, dossier.number, ordinal)
    except InvalidInput as exc:  # a dossier number or ordinal outside the code's format
        log.warning("No electronic document code for %s/%s: "
                    "%s", dossier.number, comp.component_id, exc.message_en)
        code = None
    doc = nd30.document_fields(document_metadata(ws, dossier, comp, ordinal=ordinal, pages=pages, code=code))
    dos = nd30.dossier_fields(dossier_metadata(ws, dossier, extra_docs=1, extra_pages=pages))
    return doc, dos, str(code) if code else ""


def read_fields(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The ND30 document and dossier fields of a PDF's XMP."""
    try:
        found = read_nd30(read_xmp(path, max_bytes=MAX_XMP_BYTES))
    except (OSError, ValueError) as exc:
        raise InvalidInput(f"{path.name}: cannot read the PDF's metadata ({exc})",
                           f"{path.name}: không đọc được siêu dữ liệu của tệp PDF ({exc})") from exc
    return found.document, found.dossier


def check_pdf(path: Path) -> nd30.MetadataCheck:
    """``motcua pdf meta``: the ND30 fields of a PDF, with the missing and malformed ones."""
    document, dossier = read_fields(Path(path))
    return nd30.check_fields(document, dossier)


def check_document(ws: Workspace, doc: DocumentRecord) -> nd30.MetadataCheck:
    """The supervisor's review: the ND30 check of a stored document (its signed file when signed)."""
    sha = doc.signed_sha256 or doc.pdf_sha256
    return check_pdf(ws.blobs.path(sha, "pdf"))
