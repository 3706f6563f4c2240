from datetime import date

import pytest

from app.domain.codes import DocumentCode, DossierNumber, document_file_name
from app.domain.errors import InvalidInput

SEED_DOC_CODES = [
    "052090000495.KQ.G15.000021.02022024",
    "052090000495.KQ.G15.000021.02022024.B",
    "000000000000.KQ.G01.000023.T",
    "052098000814.KQ.G02.000144.CS10387",
    "205404812.KQ.G01.000005.CS10387",
    "052098000814.KQ.G02.000144",
]


def test_dossier_number_round_trip_on_the_seed_example() -> None:
    number = DossierNumber.parse("000.87.34.H08-240109-0015")
    assert number.agency == "000.87.34.H08"
    assert number.received == date(2024, 1, 9)
    assert number.sequence == 15
    assert str(number) == "000.87.34.H08-240109-0015"


@pytest.mark.parametrize("bad",
                         ["000.87.34.H08-240199-0015", "000.87.34.H08-240109-15", "H08-240109-0015", ""])
def test_bad_dossier_numbers_are_rejected(bad: str) -> None:
    with pytest.raises(InvalidInput):
        DossierNumber.parse(bad)


@pytest.mark.parametrize("code", SEED_DOC_CODES)
def test_document_codes_from_the_seed_round_trip(code: str) -> None:
    assert str(DocumentCode.parse(code)) == code


def test_document_code_parts() -> None:
    code = DocumentCode.parse("052090000495.KQ.G15.000021.02022024")
    assert (code.owner, code.doc_type, code.sequence) == ("052090000495", "G15", 21)
    assert code.suffix_date == date(2024, 2, 2)
    assert code.owner_known
    assert not DocumentCode.parse("000000000000.KQ.G01.000023.T").owner_known
    assert str(DocumentCode("052090000495", "G15", 7)) == "052090000495.KQ.G15.000007"


@pytest.mark.parametrize("bad",
                         ["052090000495.G15.000021", "05209000049.KQ.G15.000021", "052090000495.KQ.G15.21"])
def test_bad_document_codes(bad: str) -> None:
    with pytest.raises(InvalidInput):
        DocumentCode.parse(bad)


def test_archival_file_name() -> None:
    assert document_file_name("000.87.34.H08-240109-0015", 3) == "000.87.34.H08-240109-0015.3.pdf"
