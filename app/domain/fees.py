"""Fees of a dossier (seed 002, section 3): the procedure's own fee (lệ phí) from the catalogue,
and for each component digitized on the citizen's request (category ``on_request``) the
digitization fee, page count x the catalogue's rate per page; the five mandatory categories are
digitized free. The lines are shown at the counter, recorded on the component and sent to the
province as ``DanhSachLePhi``. Pure rules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.records import ComponentRecord, DigitizationCategory


@dataclass(frozen=True)
class FeeLine:
    name: str  # TenPhiLePhi
    amount: int  # MucPhi, VND
    component_id: str = ""
    pages: int = 0


def digitization_fee(category: DigitizationCategory, pages: int, fee_per_page: int) -> int:
    """On-request digitization is paid per page; the mandatory categories are free."""
    if pages < 0 or fee_per_page < 0:
        raise ValueError("pages and the rate cannot be negative")
    return pages * fee_per_page if category is DigitizationCategory.ON_REQUEST else 0


def fee_lines(procedure_name: str, procedure_fee: int, components: Iterable[ComponentRecord],
              pages: dict[str, int] | None = None) -> list[FeeLine]:
    """The dossier's fee lines: the procedure's fee (when there is one), then one line per
    on-request component with a recorded fee (``ComponentRecord.fee``, set when it was digitized)."""
    lines = [FeeLine(f"Lệ phí {procedure_name}", procedure_fee)] if procedure_fee > 0 else []
    for comp in components:
        if comp.category is DigitizationCategory.ON_REQUEST and comp.fee > 0:
            n = (pages or {}).get(comp.component_id, 0)
            what = f"{comp.name} ({n} trang)" if n else comp.name
            lines.append(FeeLine(f"Phí số hóa theo yêu cầu: {what}", comp.fee, comp.component_id, n))
    return lines


def total(lines: Iterable[FeeLine]) -> int:
    return sum(line.amount for line in lines)
