from datetime import date

import pytest

from app.domain.errors import InvalidInput
from app.domain.identifiers import OwnerKind, mask_id, mask_ids_in_text, parse_owner_id, tax_check_digit


def test_personal_id_from_the_brief_is_binh_dinh_male_1990() -> None:
    owner = parse_owner_id("052090000495")
    assert owner.kind is OwnerKind.PERSONAL_ID
    assert owner.province == "Bình Định"
    assert owner.sex == "male"
    assert owner.birth_year == 1990
    assert owner.subject_type == 1


@pytest.mark.parametrize(
    ("value", "year", "sex"),
    [("001305012345", 2005, "female"), ("079200000001", 2000, "male"), ("038185000001", 1985, "female")],
)
def test_century_and_sex_digit(value: str, year: int, sex: str) -> None:
    owner = parse_owner_id(value, today=date(2026, 1, 1))
    assert (owner.birth_year, owner.sex) == (year, sex)


def test_spaces_are_ignored() -> None:
    assert parse_owner_id(" 0520 9000 0495 ").value == "052090000495"


@pytest.mark.parametrize(
    ("value", "fragment_en", "fragment_vi"),
    [
        ("003090000495", "not a province code", "mã tỉnh"),
        ("052450000495", "in the future", "năm sinh"),
        ("12345", "5 digits", "5 chữ số"),
        ("", "empty", "Chưa nhập"),
        ("ABC-123", "neither", "không phải"),
        ("0100109107", "check digit", "chữ số kiểm tra"),
    ],
)
def test_invalid_ids_say_why_in_both_languages(value: str, fragment_en: str, fragment_vi: str) -> None:
    with pytest.raises(InvalidInput) as info:
        parse_owner_id(value, today=date(2026, 11, 22))
    assert fragment_en in info.value.message_en
    assert fragment_vi in info.value.message_vi


def test_old_id_tax_code_branch_and_agency() -> None:
    assert parse_owner_id("205404812").kind is OwnerKind.OLD_ID
    assert parse_owner_id("0100109106").kind is OwnerKind.TAX_CODE  # Viettel
    assert parse_owner_id("0100109106-001").kind is OwnerKind.TAX_CODE
    assert parse_owner_id("000.87.34.H08").kind is OwnerKind.AGENCY
    assert parse_owner_id("0100109106").subject_type == 2


def test_tax_check_digit_rejects_every_wrong_digit() -> None:
    assert tax_check_digit("010010910") == 6
    for wrong in "012345789":
        with pytest.raises(InvalidInput):
            parse_owner_id("010010910" + wrong)


def test_masking_keeps_head_and_tail() -> None:
    assert mask_id("052090000495") == "0520*****495"
    assert mask_id("205404812") == "205***812"
    assert mask_ids_in_text("owner 052090000495 and 205404812") == "owner 0520*****495 and 205***812"
