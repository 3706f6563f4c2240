"""Warehouse-first rules (seed 000, point 4): before a reusable component is digitized, the
owner's data warehouse must have been checked for it. Pure data and rules, no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.catalogue import fold
from app.domain.codes import DocumentCode
from app.domain.errors import InvalidInput, MotcuaError


class CheckOutcome(StrEnum):
    """What the warehouse check of one reusable component found."""

    ATTACHED = "attached"  # exactly one usable document: attached
    CHOOSE = "choose"  # several usable documents: the officer picks one
    NONE = "none"  # checked, nothing usable found: digitize the paper
    NO_COPY = "no_copy"  # the citizen has no electronic copy (said by the officer): digitize the paper
    PAPER = "paper"  # the paper disagrees with the electronic copy: the paper wins (seed 002, 2 (1))
    OFFLINE = "offline"  # the check was impossible (server away): recorded, scanning allowed

    @property
    def allows_scanning(self) -> bool:
        return self is not CheckOutcome.CHOOSE


@dataclass(frozen=True)
class ComponentCheck:
    dossier_no: str
    component_id: str
    outcome: CheckOutcome
    codes: tuple[str, ...] = ()  # the attached one, or the choices
    note: str = ""  # English detail for logs (refusals, the offline error, the paper reason)
    note_vi: str = ""
    actor: str = ""
    checked_at: str = ""


def scan_gate(component_id: str, reusable: bool, check: ComponentCheck | None) -> None:
    """Refuse to digitize a reusable component whose warehouse check is missing or undecided."""
    if not reusable:
        return
    if check is None:
        raise InvalidInput(
            f"Component {component_id} may be in the owner's data warehouse and was never checked: "
            "check the warehouse first (or record that the citizen has no electronic copy)",
            f"Thành phần {component_id} có thể đã có trong Kho "
            "dữ liệu của công dân nhưng chưa được kiểm tra: "
            "hãy kiểm tra kho trước khi số hóa (hoặc ghi nhận công dân không có bản điện tử)")
    if not check.outcome.allows_scanning:
        raise InvalidInput(
            f"Component {component_id}: several documents of the warehouse fit; take one, or take the paper "
            "instead with a reason",
            f"Thành phần {component_id}: trong kho có nhiều giấy tờ phù hợp; hãy chọn một giấy tờ, hoặc dùng "
            "bản giấy (ghi lý do)")


def document_mismatch(code: str, owner_id: str, doc_type: str, metadata: dict[str, str] | None = None
                      ) -> MotcuaError | None:
    """Why a warehouse document may not be reused for this owner and component type, or None.

    The electronic-document code carries the owner's ID and the document type; the file's own
    metadata (``CodeNumber`` when present) must name the same code."""
    try:
        parsed = DocumentCode.parse(code)
    except InvalidInput as exc:
        return exc
    if parsed.owner != owner_id:
        return InvalidInput(f"Document {code} belongs to another citizen, not to the dossier's owner",
                            f"Giấy tờ {code} thuộc công dân khác, không phải chủ hồ sơ")
    if doc_type and parsed.doc_type != doc_type:
        return InvalidInput(f"Document {code} is of type {parsed.doc_type}, the component needs {doc_type}",
                            f"Giấy tờ {code} thuộc loại {parsed.doc_type}, thành phần cần loại {doc_type}")
    named = (metadata or {}).get("CodeNumber", "").strip()
    if named and named != code:
        return InvalidInput(f"Document {code}: its file names another code ({named})",
                            f"Giấy tờ {code}: tệp ghi mã khác ({named})")
    return None


SEARCH_FIELDS = ("code", "type_name", "title", "decision_no", "issuer", "abstract")


def matches(query: str, fields: dict[str, str]) -> bool:
    """Every word of the query appears in one of the searchable fields (accent-insensitive)."""
    hay = " ".join(fold(str(fields.get(k, "") or "")) for k in SEARCH_FIELDS)
    return all(word in hay for word in fold(query).split())
