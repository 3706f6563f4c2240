"""Decree 30/2020/NĐ-CP, Appendix VI: which document and dossier fields an archival PDF carries,
their XMP names and types, and the check that lists missing or malformed fields (the
supervisor's review and ``motcua pdf meta`` call ``check_fields``). Pure rules, no I/O.

Field names are the decree's own (``FileCode``, ``DocOrdinal``...). ``SignerInfo`` is kept as two
properties, ``SignerInfoPosition`` and ``SignerInfoFullName``, and shown as one object
``{"Position", "FullName"}``. Dossier fields are reported under ``Dossier``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from app.domain.codes import DocumentCode
from app.domain.errors import InvalidInput
from app.domain.metadata import DocumentMetadata, DossierMetadata

# XMP namespaces (declared in the PDF/A extension schema written with them).
DOCUMENT_NS, DOCUMENT_PREFIX = "http://motcua.vn/ns/nd30/1.0/", "nd30"
DOSSIER_NS, DOSSIER_PREFIX = "http://motcua.vn/ns/nd30/hoso/1.0/", "nd30hs"
EXTRA_NS, EXTRA_PREFIX = "http://motcua.vn/ns/motcua/1.0/", "motcua"  # our own keys (DossierNo, AuditHead...)


class Kind(StrEnum):
    TEXT = "Text"
    INTEGER = "Integer"
    DATE = "Date"


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: Kind
    required: bool
    label_vi: str
    description: str  # English, for the extension schema


DOCUMENT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("FileCode", Kind.TEXT, True, "Mã hồ sơ", "Dossier (file) code the document belongs to"),
    FieldSpec("DocOrdinal", Kind.INTEGER, True, "Số thứ tự văn bản trong hồ "
                                                "sơ", "Ordinal of the document in the dossier"),
    FieldSpec("TypeName", Kind.TEXT, True, "Tên loại văn bản", "Type of document"),
    FieldSpec("CodeNumber", Kind.TEXT, True, "Số của văn bản", "Number of the document"),
    FieldSpec("CodeNotation", Kind.TEXT, False, "Ký hiệu của văn bản", "Notation of the document"),
    FieldSpec("IssuedDate", Kind.DATE, True, "Ngày, tháng, năm văn bản", "Date the document was issued"),
    FieldSpec("OrganName", Kind.TEXT, True, "Tên cơ quan, tổ chức ban hành", "Issuing organisation"),
    FieldSpec("Subject", Kind.TEXT, True, "Trích yếu nội dung", "Summary of the content"),
    FieldSpec("Language", Kind.TEXT, True, "Ngôn ngữ", "Language"),
    FieldSpec("PageAmount", Kind.INTEGER, True, "Số lượng trang", "Number of pages"),
    FieldSpec("Description", Kind.TEXT, False, "Ghi chú", "Notes"),
    FieldSpec("SignerInfoPosition", Kind.TEXT, True, "Chức vụ người ký", "Position of the signer"),
    FieldSpec("SignerInfoFullName", Kind.TEXT, True, "Họ tên người ký", "Full name of the signer"),
)

DOSSIER_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("FileCode", Kind.TEXT, True, "Mã hồ sơ", "Dossier (file) code"),
    FieldSpec("Title", Kind.TEXT, True, "Tiêu đề hồ sơ", "Title of the dossier"),
    FieldSpec("Maintenance", Kind.TEXT, True, "Thời hạn bảo quản", "Retention period"),
    FieldSpec("Rights", Kind.TEXT, True, "Chế độ sử dụng", "Access regime"),
    FieldSpec("Creator", Kind.TEXT, True, "Người lập hồ sơ", "Who compiled the dossier"),
    FieldSpec("Language", Kind.TEXT, True, "Ngôn ngữ", "Language"),
    FieldSpec("StartDate", Kind.DATE, True, "Thời gian bắt đầu", "Start date"),
    FieldSpec("EndDate", Kind.DATE, False, "Thời gian kết "
                                           "thúc", "End date (empty while the dossier is open)"),
    FieldSpec("DocTotal", Kind.INTEGER, True, "Tổng số văn bản trong hồ "
                                              "sơ", "Number of documents in the dossier"),
    FieldSpec("PageTotal", Kind.INTEGER, True, "Tổng số trang của hồ sơ", "Number of pages of the dossier"),
    FieldSpec("Description", Kind.TEXT, False, "Ghi chú", "Notes"),
)

_SPECS = {"document": {f.name: f for f in DOCUMENT_FIELDS}, "dossier": {f.name: f for f in DOSSIER_FIELDS}}
MAINTENANCE = ("Vĩnh viễn",)  # or "<n> năm"
RIGHTS = ("Công khai", "Hạn chế", "Mật")
# dossier number, or organ.year.notation
_FILE_CODE_RE = re.compile(r"^[0-9A-Z.]+(-\d{6}-\d{4}|\.\d{4}\.[0-9A-Za-z./-]+)$")
_YEARS_RE = re.compile(r"^\d{1,3} năm$")


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def document_fields(meta: DocumentMetadata) -> dict[str, str]:
    """The XMP properties (namespace ``nd30``) of a document, as text."""
    values = {
        "FileCode": meta.file_code, "DocOrdinal": meta.doc_ordinal or "", "TypeName": meta.type_name,
        "CodeNumber": meta.code_number, "CodeNotation": meta.code_notation, "IssuedDate": meta.issued_date,
        "OrganName": meta.organ_name, "Subject": meta.subject, "Language": meta.language,
        "PageAmount": meta.page_amount or "", "Description": meta.description,
        "SignerInfoPosition": meta.signer_info.position, "SignerInfoFullName": meta.signer_info.full_name,
    }
    return {k: _text(v) for k, v in values.items() if _text(v)}


def dossier_fields(meta: DossierMetadata) -> dict[str, str]:
    """The XMP properties (namespace ``nd30hs``) of the dossier a document belongs to."""
    values = {
        "FileCode": meta.file_code, "Title": meta.title, "Maintenance": meta.maintenance,
        "Rights": meta.rights,
        "Creator": meta.creator, "Language": meta.language, "StartDate": meta.start_date,
        "EndDate": meta.end_date,
        "DocTotal": meta.doc_total or "", "PageTotal": meta.page_total or "", "Description": meta.description,
    }
    return {k: _text(v) for k, v in values.items() if _text(v)}


def value_type(scope: str, name: str) -> str:
    """The XMP value type of a property (``Text`` for keys outside the decree)."""
    spec = _SPECS.get(scope, {}).get(name)
    return spec.kind.value if spec else Kind.TEXT.value


@dataclass(frozen=True)
class Problem:
    field: str  # "CodeNumber", "Dossier.Title"
    message_vi: str
    message_en: str


@dataclass
class MetadataCheck:
    fields: dict[str, object] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    malformed: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing and not self.malformed

    def as_dict(self) -> dict[str, object]:
        return {"fields": self.fields, "missing": self.missing, "malformed": self.malformed,
                "problems": [{"field": p.field, "message_vi": p.message_vi, "message_en": p.message_en}
                             for p in self.problems]}


def _malformed(spec: FieldSpec, value: str, scope: str) -> tuple[str, str] | None:
    """Why a value is malformed (vi, en), or None."""
    if spec.kind is Kind.INTEGER:
        if not value.isdigit() or int(value) < 1:
            return "phải là số nguyên dương", "must be a positive whole number"
    elif spec.kind is Kind.DATE:
        try:
            date.fromisoformat(value[:10])
        except ValueError:
            return "phải là ngày dạng YYYY-MM-DD", "must be a date YYYY-MM-DD"
    if spec.name == "FileCode" and not _FILE_CODE_RE.match(value):
        return ("không đúng dạng mã hồ sơ (vd. 000.87.34.H08-240109-0015)",
                "is not a dossier code (e.g. 000.87.34.H08-240109-0015)")
    if spec.name == "CodeNumber" and (len(value) > 50 or any(c.isspace() for c in value)):
        return "không được chứa khoảng trắng, tối đa 50 ký tự", "must have no spaces, at most 50 characters"
    if spec.name == "CodeNotation" and ".KQ." in value:
        try:
            DocumentCode.parse(value)
        except InvalidInput:
            return "không đúng dạng mã giấy tờ điện tử", "is not a valid electronic document code"
    if scope == "dossier" and spec.name == "Maintenance" and value not in MAINTENANCE \
            and not _YEARS_RE.match(value):
        return "phải là 'Vĩnh viễn' hoặc '<n> năm'", "must be 'Vĩnh viễn' or '<n> năm'"
    if scope == "dossier" and spec.name == "Rights" and value not in RIGHTS:
        return f"phải là một trong {', '.join(RIGHTS)}", f"must be one of {', '.join(RIGHTS)}"
    return None


def check_fields(document: Mapping[str, str], dossier: Mapping[str, str] | None = None) -> MetadataCheck:
    """Missing and malformed ND30 fields of a document (and of its dossier, when given: a
    document that carries no dossier fields at all lists every required one as missing)."""
    out = MetadataCheck()
    scopes: list[tuple[str, str, Mapping[str, str]]] = [("document", "", document)]
    scopes.append(("dossier", "Dossier.", dossier or {}))
    for scope, prefix, values in scopes:
        for spec in _SPECS[scope].values():
            value = (values.get(spec.name) or "").strip()
            name = prefix + ("SignerInfo" if spec.name.startswith("SignerInfo") else spec.name)
            if not value:
                if spec.required:
                    if name not in out.missing:
                        out.missing.append(name)
                    out.problems.append(Problem(name, f"Thiếu {spec.label_vi} "
                                                      f"({name})", f"{name} is missing"))
                continue
            why = _malformed(spec, value, scope)
            if why:
                out.malformed.append(name)
                out.problems.append(Problem(name, f"{spec.label_vi} ({name}) {why[0]}: '{value}'",
                                            f"{name} {why[1]}: '{value}'"))
        if scope == "dossier":
            start, end = values.get("StartDate", ""), values.get("EndDate", "")
            if start and end and "Dossier.StartDate" not in out.malformed \
                    and "Dossier.EndDate" not in out.malformed and end[:10] < start[:10]:
                out.malformed.append("Dossier.EndDate")
                out.problems.append(Problem("Dossier.EndDate", "Thời gian kết thúc trước thời gian bắt đầu",
                                            "Dossier.EndDate is before Dossier.StartDate"))
    doc_fields: dict[str, object] = {k: v for k, v in document.items() if not k.startswith("SignerInfo")}
    if any(k.startswith("SignerInfo") for k in document):
        doc_fields["SignerInfo"] = {"Position": document.get("SignerInfoPosition", ""),
                                    "FullName": document.get("SignerInfoFullName", "")}
    doc_fields["Dossier"] = dict(dossier or {})
    out.fields = doc_fields
    return out
