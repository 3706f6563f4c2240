import copy
import json

import pytest

from app.domain.catalogue import fold, parse_catalogue
from app.domain.errors import InvalidInput, NotFound
from app.resources import resource
from app.services.catalogue import load_catalogue


def test_shipped_catalogue_has_ten_real_procedures_with_components() -> None:
    cat = load_catalogue()
    assert len(cat.procedures) >= 10
    birth = cat.get("1.001193")
    assert birth.name == "Đăng ký khai sinh"
    assert all(p.components for p in cat.procedures)
    assert any(c.reusable for p in cat.procedures for c in p.components)
    assert {c.category.value for p in cat.procedures for c in p.components} >= {"earlier_result",
                                                                                "on_request"}


def test_accent_insensitive_search() -> None:
    cat = load_catalogue()
    assert [p.code for p in cat.search("khai sinh")] == ["1.001193"]
    assert "2.000806" in [p.code for p in cat.search("KET HON")]
    assert fold("Đăng ký") == "dang ky"


def test_unknown_procedure() -> None:
    with pytest.raises(NotFound):
        load_catalogue().get("9.999999")


def test_catalogue_validation_catches_broken_data() -> None:
    data = json.loads(resource("procedures.json").read_text(encoding="utf-8"))
    broken = copy.deepcopy(data)
    broken["procedures"][0]["components"][0]["doc_type"] = "NOPE"
    with pytest.raises(InvalidInput):
        parse_catalogue(broken)
    broken = copy.deepcopy(data)
    broken["procedures"][1]["code"] = broken["procedures"][0]["code"]
    with pytest.raises(InvalidInput):
        parse_catalogue(broken)
    broken = copy.deepcopy(data)
    broken["procedures"][0]["code"] = "1001193"
    with pytest.raises(InvalidInput):
        parse_catalogue(broken)
