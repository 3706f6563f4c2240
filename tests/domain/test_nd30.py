"""ND30 Appendix VI fields and the check the supervisor's review uses; electronic document codes."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain import nd30
from app.domain.codes import DocumentCode, code_problems, issue_document_code
from app.domain.errors import InvalidInput
from app.domain.metadata import DocumentMetadata, DossierMetadata, SignerInfo

DOC = DocumentMetadata(file_code="000.87.34.H08-240109-0015", doc_ordinal=2, type_name="Giấy khai sinh",
                       code_number="001502",
                       code_notation="052090000495.KQ.G15.001502.09012024.000.87.34.H08",
                       issued_date=date(2024, 1, 9), organ_name="UBND xã Phước "
                                                                "Hưng", subject="Bản số hóa giấy khai sinh",
                       page_amount=1, signer_info=SignerInfo("Cán bộ một cửa", "Nguyễn Văn An"))
DOSSIER = DossierMetadata(file_code="000.87.34.H08-240109-0015", title="Hồ sơ đăng ký kết "
                                                                       "hôn", creator="UBND xã",
                          start_date=date(2024, 1, 9), doc_total=3, page_total=5)


def test_complete_fields_pass_the_check() -> None:
    check = nd30.check_fields(nd30.document_fields(DOC), nd30.dossier_fields(DOSSIER))
    assert check.complete and check.missing == [] and check.malformed == [], check.problems
    assert check.fields["SignerInfo"] == {"Position": "Cán bộ một cửa", "FullName": "Nguyễn Văn An"}
    assert check.fields["IssuedDate"] == "2024-01-09" \
        and check.fields["Dossier"]["Title"] == "Hồ sơ đăng ký kết hôn"  # type: ignore[index]


def test_missing_and_malformed_fields_are_listed_with_reasons() -> None:
    doc = nd30.document_fields(DOC)
    del doc["CodeNumber"], doc["SignerInfoFullName"]
    doc.update(IssuedDate="09/01/2024", DocOrdinal="hai", FileCode="hồ sơ 15",
               CodeNotation="123.KQ.G15.1")  # looks like an electronic code but is not one
    dossier = nd30.dossier_fields(DOSSIER)
    dossier.update(Rights="Tùy ý", EndDate="2023-12-31")
    del dossier["Title"]
    check = nd30.check_fields(doc, dossier)
    assert check.missing == ["CodeNumber", "SignerInfo", "Dossier.Title"]
    assert set(check.malformed) == {"IssuedDate", "DocOrdinal", "FileCode", "CodeNotation", "Dossier.Rights",
                                    "Dossier.EndDate"}
    assert not check.complete
    by_field = {p.field: p for p in check.problems}
    assert "Ngày, tháng, năm văn bản" in by_field["IssuedDate"].message_vi
    assert "YYYY-MM-DD" in by_field["IssuedDate"].message_en
    assert nd30.check_fields({}, None).missing[:3] == ["FileCode", "DocOrdinal", "TypeName"]
    assert "Dossier.FileCode" in nd30.check_fields({}, None).missing


def test_issued_codes_read_back_and_fit_owner_and_type() -> None:
    code = issue_document_code("052090000495", "g-15", "000.87.34.H08-240109-0015", 3)
    assert str(code) == "052090000495.KQ.G15.001503.09012024.000.87.34.H08"
    assert DocumentCode.parse(str(code)) == code and code.suffix_date == date(2024, 1, 9)
    assert code_problems(str(code), owner_id="052090000495", doc_type="G15") == []
    other = code_problems(str(code), owner_id="001088000111", doc_type="G16")
    assert len(other) == 2 and "chủ hồ sơ khác" in other[0][0] and "type G15" in other[1][1]
    assert code_problems("rác", owner_id="052090000495")  # malformed
    # A passport number or a company ID is no 12/9-digit citizen ID: the owner part is zeros.
    assert issue_document_code("B1234567", "G15", "000.87.34.H08-240109-0015", 1).owner == "0" * 12
    with pytest.raises(InvalidInput):
        issue_document_code("052090000495", "G15", "000.87.34.H08-240109-0015", 100)
