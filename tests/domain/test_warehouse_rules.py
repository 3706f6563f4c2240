from app.domain.errors import InvalidInput
from app.domain.warehouse import CheckOutcome, ComponentCheck, document_mismatch, matches, scan_gate

CODE = "052090000495.KQ.GKS.000101.12031990"


def test_a_document_fits_only_its_owner_and_the_components_type() -> None:
    assert document_mismatch(CODE, "052090000495", "GKS", {"CodeNumber": CODE}) is None
    other = document_mismatch(CODE, "079200000001", "GKS")
    assert other is not None and "công dân khác" in other.message_vi
    wrong_type = document_mismatch(CODE, "052090000495", "G15")
    assert wrong_type is not None and "GKS" in wrong_type.message_en
    relabelled = document_mismatch(CODE, "052090000495", "GKS",
                                   {"CodeNumber": "052090000495.KQ.GKS.000999.01012020"})
    assert relabelled is not None and "another code" in relabelled.message_en
    assert document_mismatch("not-a-code", "052090000495", "GKS") is not None


def test_scan_gate() -> None:
    scan_gate("don", False, None)
    for outcome in (CheckOutcome.NONE, CheckOutcome.NO_COPY, CheckOutcome.PAPER, CheckOutcome.OFFLINE):
        scan_gate("gks", True, ComponentCheck("N", "gks", outcome))
    for check in (None, ComponentCheck("N", "gks", CheckOutcome.CHOOSE, ("a", "b"))):
        try:
            scan_gate("gks", True, check)
        except InvalidInput as exc:
            assert exc.message_vi and exc.message_en
        else:
            raise AssertionError("scanning an unchecked or undecided reusable component must be refused")


def test_accent_insensitive_search_over_every_field() -> None:
    doc = {"code": CODE, "type_name": "Giấy khai sinh", "title": "", "decision_no": "101/1990/KS",
           "issuer": "UBND xã Phước Hưng", "abstract": "Đăng ký khai sinh"}
    assert matches("phuoc hung", doc) and matches("ĐĂNG KÝ", doc) and matches("101/1990", doc)
    assert matches("dang ky khai sinh 12031990", doc)
    assert not matches("kết hôn", doc)
