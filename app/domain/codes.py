"""Dossier numbers and electronic document codes as they appear in the seeds.

- Dossier number (số hồ sơ): ``000.87.34.H08-240109-0015``: agency code, receipt date
  ``yymmdd`` (Vietnam time), 4-digit daily sequence.
- Electronic document / result code (mã giấy tờ, mã KQGQ):
  ``052090000495.KQ.G15.000021.02022024``: owner ID (12 or 9 digits, or zeros when unknown),
  ``KQ``, document-type code, 6-digit sequence, optional suffix (a ``ddmmyyyy`` date or an
  agency code such as ``CS10387``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from app.domain.errors import InvalidInput
from app.domain.identifiers import parse_agency_code

VN_TZ = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")

_DOSSIER_RE = re.compile(r"^(?P<agency>[0-9A-Z.]+)-(?P<date>\d{6})-(?P<seq>\d{4})$")
_DOC_RE = re.compile(
    r"^(?P<owner>\d{12}|\d{9})\.KQ\.(?P<type>[A-Z0-9]{1,8})\.(?P<seq>\d{6})(?:\.(?P<suffix>[A-Za-z0-9]{1,20}(?:\.[A-Za-z0-9]{1,20})*))?$"
)


def vn_now() -> datetime:
    """The current time in Vietnam (UTC+07:00, no daylight saving)."""
    return datetime.now(VN_TZ)


def vn_today() -> date:
    return vn_now().date()


@dataclass(frozen=True, order=True)
class DossierNumber:
    agency: str
    received: date
    sequence: int

    def __post_init__(self) -> None:
        if not 1 <= self.sequence <= 9999:
            raise InvalidInput(
                f"Dossier sequence {self.sequence} is outside 1..9999",
                f"Số thứ tự hồ sơ {self.sequence} nằm ngoài khoảng 1..9999",
            )

    def __str__(self) -> str:
        return f"{self.agency}-{self.received:%y%m%d}-{self.sequence:04d}"

    @classmethod
    def parse(cls, text: str) -> DossierNumber:
        m = _DOSSIER_RE.match((text or "").strip().upper())
        if not m:
            raise InvalidInput(
                f"'{text}' is not a dossier number like 000.87.34.H08-240109-0015",
                f"'{text}' không phải số hồ sơ dạng 000.87.34.H08-240109-0015",
            )
        agency = parse_agency_code(m["agency"])
        try:
            received = datetime.strptime(m["date"], "%y%m%d").date()
        except ValueError as exc:
            raise InvalidInput(
                f"'{text}': {m['date']} is not a date yymmdd",
                f"'{text}': {m['date']} không phải ngày dạng yymmdd",
            ) from exc
        return cls(agency, received, int(m["seq"]))

    @property
    def file_code(self) -> str:
        """File name stem for archival digitization: the dossier code itself."""
        return str(self)


@dataclass(frozen=True)
class DocumentCode:
    owner: str
    doc_type: str
    sequence: int
    suffix: str | None = None

    def __str__(self) -> str:
        base = f"{self.owner}.KQ.{self.doc_type}.{self.sequence:06d}"
        return f"{base}.{self.suffix}" if self.suffix else base

    @classmethod
    def parse(cls, text: str) -> DocumentCode:
        m = _DOC_RE.match((text or "").strip().rstrip("."))
        if not m:
            raise InvalidInput(
                f"'{text}' is not a document code like 052090000495.KQ.G15.000021.02022024",
                f"'{text}' không phải mã giấy tờ dạng 052090000495.KQ.G15.000021.02022024",
            )
        return cls(m["owner"], m["type"], int(m["seq"]), m["suffix"])

    @property
    def owner_known(self) -> bool:
        return set(self.owner) != {"0"}

    @property
    def suffix_date(self) -> date | None:
        """The suffix read as a ``ddmmyyyy`` date, when it is one."""
        for part in (self.suffix or "").split("."):
            if len(part) == 8 and part.isdigit():
                try:
                    return datetime.strptime(part, "%d%m%Y").date()
                except ValueError:
                    return None
        return None


_TYPE_RE = re.compile(r"[^A-Z0-9]")


def issue_document_code(owner_id: str, doc_type: str, dossier_no: str, ordinal: int) -> DocumentCode:
    """The electronic document code of a document we issue (a digitized component or a result):
    ``<owner>.KQ.<type>.<seq>.<ddmmyyyy>.<agency code>``. The owner is the citizen's 12- or 9-digit
    ID (zeros when it is none of those); the sequence is the dossier's daily number times 100
    plus the document's ordinal, so it is unique for the agency and the day (the server leases
    dossier numbers), and the suffix names the day and the agency."""
    number = DossierNumber.parse(dossier_no)
    owner = owner_id.strip() if re.fullmatch(r"\d{12}|\d{9}", owner_id.strip()) else "0" * 12
    type_code = _TYPE_RE.sub("", (doc_type or "").upper())[:8] or "GT"
    if not 1 <= ordinal <= 99:
        raise InvalidInput(f"Document ordinal {ordinal} is outside "
                           "1..99", f"Số thứ tự văn bản {ordinal} nằm ngoài 1..99")
    suffix = f"{number.received:%d%m%Y}.{number.agency}"
    code = DocumentCode(owner, type_code, number.sequence * 100 + ordinal, suffix)
    return DocumentCode.parse(str(code))  # what we issue must read back as it is


def code_problems(code: str, *, owner_id: str | None = None,
                  doc_type: str | None = None) -> list[tuple[str, str]]:
    """Why an electronic document code does not fit (vi, en): malformed, another owner's, or
    another type of document. Empty: it fits. A code whose owner is all zeros (unknown) fits any owner."""
    try:
        parsed = DocumentCode.parse(code)
    except InvalidInput as exc:
        return [(exc.message_vi, exc.message_en)]
    out: list[tuple[str, str]] = []
    if owner_id and parsed.owner_known and parsed.owner != owner_id.strip():
        out.append((f"Mã giấy tờ {code} thuộc chủ hồ sơ khác ({parsed.owner})",
                    f"Document code {code} belongs to another owner ({parsed.owner})"))
    want = _TYPE_RE.sub("", (doc_type or "").upper())[:8]
    if want and parsed.doc_type != want:
        out.append((f"Mã giấy tờ {code} là loại {parsed.doc_type}, không phải {want}",
                    f"Document code {code} is of type {parsed.doc_type}, not {want}"))
    return out


def document_file_name(dossier_no: str, ordinal: int, ext: str = "pdf") -> str:
    """Archival file name: dossier code + "." + the document's sequence number in the dossier."""
    return f"{dossier_no}.{ordinal}.{ext}"
