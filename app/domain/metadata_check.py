"""The metadata check a supervisor reads (Decree 30/2020/NĐ-CP, Appendix VI): which fields of
a document's metadata are missing or malformed. Pure function over the stored metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# the Appendix VI fields every digitized document must carry, with a check of their form
_DOSSIER_NO = re.compile(r"^[0-9A-Z.]+-\d{6}-\d{4}$")
REQUIRED: dict[str, str] = {
    "FileCode": "Mã hồ sơ",
    "TypeName": "Tên loại văn bản",
    "PageAmount": "Số trang",
    "Language": "Ngôn ngữ",
    "OrganName": "Tên cơ quan, tổ chức",
}


@dataclass(frozen=True)
class MetadataProblem:
    field: str
    label_vi: str
    problem: str  # missing | malformed
    value: str = ""


def check_document_metadata(meta: dict[str, object]) -> list[MetadataProblem]:
    problems: list[MetadataProblem] = []
    for key, label in REQUIRED.items():
        value = str(meta.get(key, "") or "").strip()
        if not value:
            problems.append(MetadataProblem(key, label, "missing"))
            continue
        if key == "PageAmount" and not (value.isdigit() and int(value) > 0):
            problems.append(MetadataProblem(key, label, "malformed", value))
        if key == "FileCode" and not _DOSSIER_NO.match(value):
            problems.append(MetadataProblem(key, label, "malformed", value))
    issued = str(meta.get("IssuedDate", "") or "").strip()
    if issued:
        try:
            date.fromisoformat(issued)
        except ValueError:
            problems.append(MetadataProblem("IssuedDate", "Ngày, tháng, năm văn bản", "malformed", issued))
    return problems
