"""Where a digitized earlier result goes (seed 002, section 3, step 1, "Giấy tờ là kết quả giải
quyết TTHC"): a result managed by the agency handling the dossier is only scanned; any other
("Trường hợp còn lại") is scanned and signed by the officer, and then either the unsigned file
goes to certification (*chứng thực*) when a certification desk sits at the one-stop counter, or
the signed file goes to the agency that manages the document, to be checked.

Pure rules, no I/O: the caller supplies the component's category, the managing agency (from the
catalogue or chosen by the officer), its own agency and the agency's counter setting."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.identifiers import parse_agency_code
from app.domain.messages import Msg
from app.domain.records import DigitizationCategory


class ResultRoute(StrEnum):
    SCAN_ONLY = "scan_only"  # not an earlier result, or one this agency manages: scan, nothing forwarded
    NEEDS_AGENCY = "needs_agency"  # an earlier result whose managing agency nobody named yet
    CERTIFICATION = "certification"  # unsigned file to the counter's certification desk (chứng thực)
    MANAGING_AGENCY = "managing_agency"  # signed file to the managing agency, to be checked


class ForwardFile(StrEnum):
    UNSIGNED = "unsigned"  # the built PDF, before the officer's signature
    SIGNED = "signed"  # the PDF the officer signed


class CheckResult(StrEnum):
    """The managing agency's (or the certification desk's) answer on a forwarded document."""

    MATCHES = "matches"  # khớp với giấy tờ cơ quan quản lý
    DOES_NOT_MATCH = "does_not_match"  # không khớp


class ForwardState(StrEnum):
    """A forwarded document as the sending workstation knows it."""

    QUEUED = "queued"  # in the outbox
    SENT = "sent"  # delivered, waiting for the check
    MATCHES = "matches"
    DOES_NOT_MATCH = "does_not_match"


@dataclass(frozen=True)
class RoutingDecision:
    route: ResultRoute
    must_sign: bool  # the officer signs the scan (seed 002: "scan ... và ký số")
    file: ForwardFile | None  # which file is forwarded (None: nothing is)
    target_agency: str  # the agency receiving it ('' when nothing is forwarded)
    why: Msg

    @property
    def forwards(self) -> bool:
        return self.file is not None


def route_result(category: DigitizationCategory, *, managing_agency: str, own_agency: str,
                 certification_desk: bool) -> RoutingDecision:
    """The seed's rule for one component. ``managing_agency``: the agency code that manages the
    document ('' when not known); ``certification_desk``: the agency has a certification desk at
    its one-stop counter (an agency setting). Raises InvalidInput for a malformed agency code."""
    if category is not DigitizationCategory.EARLIER_RESULT:
        return RoutingDecision(ResultRoute.SCAN_ONLY, False, None, "", Msg(
            vi="Không phải kết quả giải quyết TTHC trước đó: chỉ số hóa",
            en="not a result of an earlier procedure: digitized only"))
    own = parse_agency_code(own_agency)
    if not managing_agency.strip():
        return RoutingDecision(ResultRoute.NEEDS_AGENCY, True, None, "", Msg(
            vi="Kết quả giải quyết TTHC: cần chọn cơ quan quản lý giấy tờ này (mã định danh cơ quan)",
            en="result of an earlier procedure: the agency that manages it must be named (agency code)"))
    manager = parse_agency_code(managing_agency)
    if manager == own:
        return RoutingDecision(ResultRoute.SCAN_ONLY, False, None, "", Msg(
            vi="Kết quả do chính cơ quan xử lý hồ sơ quản lý: chỉ số hóa",
            en="a result this agency manages: digitized only"))
    if certification_desk:
        return RoutingDecision(ResultRoute.CERTIFICATION, True, ForwardFile.UNSIGNED, own, Msg(
            vi=f"Kết quả do cơ quan {manager} quản lý: quét, ký số và chuyển tệp (không cần ký số) "
               "sang bộ phận chứng thực tại Bộ phận một cửa",
            en=f"a result managed by {manager}: scanned, signed, and the unsigned file goes to the "
               "certification desk at the counter"))
    return RoutingDecision(ResultRoute.MANAGING_AGENCY, True, ForwardFile.SIGNED, manager, Msg(
        vi=f"Kết quả do cơ quan {manager} quản lý: quét, ký số và chuyển tệp đã ký số đến cơ quan đó để "
           "kiểm tra",
        en=f"a result managed by {manager}: scanned, signed, and the signed file goes to that agency to be "
           "checked"))


def state_after_check(result: CheckResult) -> ForwardState:
    return ForwardState.MATCHES if result is CheckResult.MATCHES else ForwardState.DOES_NOT_MATCH


STATE_LABELS: dict[ForwardState, Msg] = {
    ForwardState.QUEUED: Msg(vi="Chờ chuyển cơ quan quản lý", en="Waiting to be forwarded"),
    ForwardState.SENT: Msg(vi="Đã chuyển, chờ kiểm tra", en="Forwarded, waiting for the check"),
    ForwardState.MATCHES: Msg(vi="Cơ quan quản lý xác nhận khớp", en="Checked: matches"),
    ForwardState.DOES_NOT_MATCH: Msg(vi="Cơ quan quản lý báo không khớp", en="Checked: does not match"),
}
