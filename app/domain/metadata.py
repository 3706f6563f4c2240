"""Metadata of Decree 30/2020/NĐ-CP, Appendix VI, for dossiers and documents.

Field names are kept as the decree names them so that they map one to one to the XMP and the
Info dictionary of the archival PDF and to the provincial system.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date


@dataclass(frozen=True)
class SignerInfo:
    position: str = ""
    full_name: str = ""


@dataclass
class DossierMetadata:
    file_code: str  # agency code + year + file notation
    title: str
    maintenance: str = "Vĩnh viễn"  # thời hạn bảo quản
    rights: str = "Hạn chế"  # chế độ sử dụng
    creator: str = ""
    language: str = "Tiếng Việt"
    start_date: date | None = None
    end_date: date | None = None
    doc_total: int = 0
    page_total: int = 0
    description: str = ""

    def as_dict(self) -> dict[str, object]:
        return _nd30_keys(asdict(self))


@dataclass
class DocumentMetadata:
    file_code: str
    doc_ordinal: int
    type_name: str
    code_number: str = ""
    code_notation: str = ""
    issued_date: date | None = None
    organ_name: str = ""
    subject: str = ""
    language: str = "Tiếng Việt"
    page_amount: int = 0
    description: str = ""
    signer_info: SignerInfo = field(default_factory=SignerInfo)

    def as_dict(self) -> dict[str, object]:
        return _nd30_keys(asdict(self))


_KEY_NAMES = {
    "file_code": "FileCode", "title": "Title", "maintenance": "Maintenance", "rights": "Rights",
    "creator": "Creator", "language": "Language", "start_date": "StartDate", "end_date": "EndDate",
    "doc_total": "DocTotal", "page_total": "PageTotal", "description": "Description",
    "doc_ordinal": "DocOrdinal", "type_name": "TypeName", "code_number": "CodeNumber",
    "code_notation": "CodeNotation", "issued_date": "IssuedDate", "organ_name": "OrganName",
    "subject": "Subject", "page_amount": "PageAmount", "signer_info": "SignerInfo",
    "position": "Position", "full_name": "FullName",
}


def _nd30_keys(data: dict[str, object]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            value = _nd30_keys(value)
        elif isinstance(value, date):
            value = value.isoformat()
        out[_KEY_NAMES.get(key, key)] = value
    return out
