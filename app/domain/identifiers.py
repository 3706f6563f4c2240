"""Owner identifiers: personal ID (CCCD, 12 digits), old ID (CMND, 9 digits), tax / enterprise
code (10 digits with a check digit, or 10 + "-" + 3 for a branch) and agency codes.

Pure functions; every rejection is an :class:`InvalidInput` with a Vietnamese and an English
message precise enough for the officer to fix what was typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.domain.errors import InvalidInput
from app.domain.provinces import PROVINCES


class OwnerKind(StrEnum):
    PERSONAL_ID = "cccd"  # 12-digit personal identification number
    OLD_ID = "cmnd"  # 9-digit people's ID card number
    TAX_CODE = "tax"  # enterprise / tax code, optionally with a branch suffix
    AGENCY = "agency"  # agency identification code (Decision 20/2020/QĐ-TTg)

    @property
    def is_person(self) -> bool:
        return self in (OwnerKind.PERSONAL_ID, OwnerKind.OLD_ID)


@dataclass(frozen=True)
class OwnerId:
    """A validated owner identifier."""

    value: str
    kind: OwnerKind

    def __str__(self) -> str:
        return self.value

    @property
    def masked(self) -> str:
        return mask_id(self.value)

    @property
    def province(self) -> str | None:
        if self.kind is OwnerKind.PERSONAL_ID:
            return PROVINCES.get(self.value[:3])
        return None

    @property
    def birth_year(self) -> int | None:
        if self.kind is not OwnerKind.PERSONAL_ID:
            return None
        century_digit = int(self.value[3])
        return 1900 + 100 * (century_digit // 2) + int(self.value[4:6])

    @property
    def sex(self) -> str | None:
        """'male' or 'female' for a 12-digit personal ID."""
        if self.kind is not OwnerKind.PERSONAL_ID:
            return None
        return "female" if int(self.value[3]) % 2 else "male"

    @property
    def subject_type(self) -> int:
        """LoaiDoiTuong of the national portal: 1 citizen, 2 business/organisation."""
        return 1 if self.kind.is_person else 2


_AGENCY_RE = re.compile(r"^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9]{2}$")
_TAX_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


def tax_check_digit(first_nine: str) -> int | None:
    """Check digit of a Vietnamese tax code; None when the nine digits cannot carry one."""
    total = sum(int(d) * w for d, w in zip(first_nine, _TAX_WEIGHTS, strict=True))
    check = 10 - total % 11
    return None if check == 10 else check


def _personal_id(value: str, today: date) -> OwnerId:
    province = value[:3]
    if province not in PROVINCES:
        raise InvalidInput(
            f"Personal ID {mask_id(value)}: '{province}' is not a province code",
            f"Số định danh {mask_id(value)}: '{province}' không phải mã tỉnh/thành phố hợp lệ",
        )
    century_digit = int(value[3])
    birth_year = 1900 + 100 * (century_digit // 2) + int(value[4:6])
    if birth_year > today.year:
        raise InvalidInput(
            f"Personal ID {mask_id(value)}: digits 4-6 give birth year {birth_year}, which is in the future",
            f"Số định danh {mask_id(value)}: chữ số 4-6 cho năm sinh {birth_year}, chưa tới",
        )
    return OwnerId(value, OwnerKind.PERSONAL_ID)


def _tax_code(value: str) -> OwnerId:
    main = value[:10]
    check = tax_check_digit(main[:9])
    if check is None or check != int(main[9]):
        raise InvalidInput(
            f"Tax code {value}: check digit does not match "
            f"(expected {check if check is not None else 'none'})",
            f"Mã số thuế {value}: chữ số kiểm tra không đúng",
        )
    if len(value) == 14 and value[11:] == "000":
        raise InvalidInput(
            f"Tax code {value}: branch number 000 is not issued",
            f"Mã số thuế {value}: số thứ tự chi nhánh 000 không hợp lệ",
        )
    return OwnerId(value, OwnerKind.TAX_CODE)


def parse_owner_id(text: str, *, today: date | None = None) -> OwnerId:
    """Validate what the officer typed as the dossier owner's identifier.

    Spaces are ignored. Raises :class:`InvalidInput` with a precise reason.
    """
    today = today or date.today()
    value = re.sub(r"\s+", "", text or "").upper()
    if not value:
        raise InvalidInput("Owner identifier is empty", "Chưa nhập số định danh / mã số")
    if value.isdigit():
        if len(value) == 12:
            return _personal_id(value, today)
        if len(value) == 9:
            return OwnerId(value, OwnerKind.OLD_ID)
        if len(value) == 10:
            return _tax_code(value)
        raise InvalidInput(
            f"Identifier has {len(value)} digits; a personal ID has 12, an old ID 9, a tax code 10",
            f"Số đã nhập có {len(value)} chữ số; số định danh cá nhân có 12, CMND cũ 9, mã số thuế 10",
        )
    if re.fullmatch(r"\d{10}-\d{3}", value):
        return _tax_code(value)
    if _AGENCY_RE.match(value):
        return OwnerId(value, OwnerKind.AGENCY)
    raise InvalidInput(
        f"'{mask_id(value)}' is neither a personal ID, an old ID, a tax code nor an agency code",
        f"'{mask_id(value)}' không phải số định danh cá nhân, CMND, mã số thuế hay mã định danh cơ quan",
    )


def parse_agency_code(text: str) -> str:
    value = (text or "").strip().upper()
    if not _AGENCY_RE.match(value):
        raise InvalidInput(
            f"'{value}' is not an agency code like 000.87.34.H08",
            f"'{value}' không phải mã định danh cơ quan dạng 000.87.34.H08",
        )
    return value


_DIGIT_RUN = re.compile(r"\d{9,12}")


def mask_id(value: str) -> str:
    """Mask the middle of an ID number for logs: ``052090000495`` -> ``0520*****495``."""
    if len(value) >= 9 and value[:9].isdigit():
        keep_head = 4 if len(value) >= 12 else 3
        return value[:keep_head] + "*" * (len(value) - keep_head - 3) + value[-3:]
    return value


def mask_ids_in_text(text: str) -> str:
    """Mask every 9- to 12-digit run in free text (used by the log filter)."""
    return _DIGIT_RUN.sub(lambda m: mask_id(m.group(0)), text)
