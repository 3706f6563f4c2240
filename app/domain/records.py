"""Typed records that cross layers: dossiers, components, documents, pages, signatures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class DossierState(StrEnum):
    RECEIVING = "receiving"  # đang tiếp nhận
    SCANNING = "scanning"  # đang số hóa
    SIGNED = "signed"  # đã ký số
    QUEUED = "queued"  # chờ gửi
    SENT = "sent"  # đã gửi
    SENT_BACK = "sent_back"  # bị trả lại (kiểm soát chất lượng)
    RESULT_RETURNED = "result_returned"  # đã trả kết quả


class ComponentState(StrEnum):
    PENDING = "pending"  # chưa xử lý
    REUSED = "reused"  # lấy từ kho dữ liệu
    TO_SCAN = "to_scan"  # cần số hóa
    SCANNED = "scanned"  # đã quét
    BUILT = "built"  # đã tạo PDF
    SIGNED = "signed"  # đã ký số
    NOT_PROVIDED = "not_provided"  # không nộp (thành phần không bắt buộc)


class DigitizationCategory(StrEnum):
    """Seed 002, section 3: five mandatory (free) categories, or digitized on request (fee)."""

    EARLIER_RESULT = "earlier_result"  # (1) kết quả giải quyết TTHC trước đó
    SPECIALISED_LAW = "specialised_law"  # (2) theo luật chuyên ngành
    REQUIRED_BY_AUTHORITY = "required_by_authority"  # (3) theo yêu cầu Bộ trưởng / Chủ tịch UBND tỉnh
    AGENCY_RESULT = "agency_result"  # (4) kết quả xử lý của cơ quan liên quan
    PROCEDURE_RESULT = "procedure_result"  # (5) kết quả giải quyết TTHC
    ON_REQUEST = "on_request"  # theo yêu cầu, có thu phí

    @property
    def mandatory(self) -> bool:
        return self is not DigitizationCategory.ON_REQUEST


class DocumentSource(StrEnum):
    SCAN = "scan"
    WAREHOUSE = "warehouse"
    FILE = "file"


@dataclass(frozen=True)
class Party:
    """A person or organisation: the dossier owner (chủ hồ sơ) or the submitter (người nộp)."""

    id: str
    kind: str
    name: str = ""


@dataclass
class ComponentRecord:
    component_id: str
    name: str
    doc_type: str
    reusable: bool
    category: DigitizationCategory
    required: bool = True
    state: ComponentState = ComponentState.PENDING
    fee: int = 0  # VND, for on-request digitization
    updated_at: datetime | None = None


@dataclass
class Dossier:
    number: str
    procedure_code: str
    procedure_name: str
    owner: Party
    submitter: Party
    agency: str
    received_at: datetime
    state: DossierState = DossierState.RECEIVING
    created_by: str = ""
    components: list[ComponentRecord] = field(default_factory=list)

    @property
    def delegated(self) -> bool:
        """True when someone hands in the dossier for the owner (ủy quyền)."""
        return self.submitter.id != self.owner.id

    def component(self, component_id: str) -> ComponentRecord | None:
        return next((c for c in self.components if c.component_id == component_id), None)


@dataclass(frozen=True)
class PageRecord:
    index: int
    sha256: str
    width: int
    height: int
    dpi: int
    derived_from: str | None = None


@dataclass
class DocumentRecord:
    """One electronic document of a dossier: a built PDF, a reused warehouse file or an import."""

    dossier_no: str
    component_id: str
    ordinal: int
    source: DocumentSource
    pdf_sha256: str
    signed_sha256: str | None = None
    code: str | None = None  # electronic document code, when it has one
    type_code: str = ""
    metadata: dict[str, object] = field(default_factory=dict)
    id: int | None = None
    created_at: datetime | None = None


@dataclass(frozen=True)
class SignatureRecord:
    signer: str
    issuer: str
    serial: str
    signed_at: datetime
    level: str  # b-b, b-t, b-lt
    kind: str  # officer | copy_stamp | agency
