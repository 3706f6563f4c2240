"""Seed 002's rule for an earlier result managed by another agency, on its own."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from app.domain.catalogue import ComponentSpec
from app.domain.errors import InvalidInput
from app.domain.records import DigitizationCategory as Cat
from app.domain.routing import ForwardFile, ResultRoute, route_result

OWN, OTHER = "000.87.34.H08", "000.87.35.H08"


@pytest.mark.parametrize("category", [c for c in Cat if c is not Cat.EARLIER_RESULT])
def test_only_earlier_results_are_routed(category: Cat) -> None:
    r = route_result(category, managing_agency=OTHER, own_agency=OWN, certification_desk=False)
    assert r.route is ResultRoute.SCAN_ONLY and not r.forwards and not r.must_sign


def test_a_result_this_agency_manages_is_scanned_only() -> None:
    r = route_result(Cat.EARLIER_RESULT, managing_agency=OWN.lower(), own_agency=OWN, certification_desk=True)
    assert r.route is ResultRoute.SCAN_ONLY and r.file is None and "chỉ số hóa" in r.why.vi


def test_another_agencys_result_is_signed_and_goes_to_that_agency_signed() -> None:
    r = route_result(Cat.EARLIER_RESULT, managing_agency=OTHER, own_agency=OWN, certification_desk=False)
    assert (r.route, r.must_sign, r.file, r.target_agency) == (ResultRoute.MANAGING_AGENCY, True,
                                                               ForwardFile.SIGNED,
                                                               OTHER)
    assert OTHER in r.why.vi and OTHER in r.why.en


def test_with_a_certification_desk_the_unsigned_file_goes_to_the_counters_desk() -> None:
    r = route_result(Cat.EARLIER_RESULT, managing_agency=OTHER, own_agency=OWN, certification_desk=True)
    assert (r.route, r.must_sign, r.file, r.target_agency) == (ResultRoute.CERTIFICATION, True,
                                                               ForwardFile.UNSIGNED,
                                                               OWN)
    assert "chứng thực" in r.why.vi


def test_an_unknown_manager_must_be_named_and_a_bad_code_is_refused() -> None:
    r = route_result(Cat.EARLIER_RESULT, managing_agency=" ", own_agency=OWN, certification_desk=False)
    assert r.route is ResultRoute.NEEDS_AGENCY and r.must_sign and not r.forwards
    with pytest.raises(InvalidInput) as exc:
        route_result(Cat.EARLIER_RESULT, managing_agency="UBND xã", own_agency=OWN, certification_desk=False)
    assert "mã định danh cơ quan" in exc.value.message_vi


def test_the_catalogue_may_name_the_managing_agency_by_its_code() -> None:
    base = {"id": "giay_bao_tu", "name": "Giấy báo tử", "doc_type": "GBT", "reusable": True,
            "category": "earlier_result"}
    assert ComponentSpec(**base).managed_by == ""  # type: ignore[arg-type]
    assert ComponentSpec(**base, managed_by=OTHER).managed_by == OTHER  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        ComponentSpec(**base, managed_by="Công an huyện")  # type: ignore[arg-type]
