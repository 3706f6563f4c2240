import numpy as np
import pytest

from app.scan.qc.measures import measure
from app.scan.qc.rules import SessionFacts, evaluate, verdict
from app.testing.pages import PageSpec, render
from tests.scan.conftest import measured


def test_blank_back_with_show_through_is_blank_but_a_page_number_or_stamp_is_not() -> None:
    assert measured(PageSpec(blank=True, seed=1)).blank
    assert not measured(PageSpec(blank=True, only_page_number=True, page_number=(2, 5), seed=2)).blank
    assert not measured(PageSpec(blank=True, small_stamp_only=True, seed=3)).blank
    assert not measured(PageSpec(seed=4)).blank


@pytest.mark.parametrize("angle", [-14.0, -6.5, -1.2, 2.5, 9.0, 15.0])
def test_skew_is_reported_within_half_a_degree(angle: float) -> None:
    m = measured(PageSpec(skew_deg=angle, seed=int(abs(angle) * 10)))
    assert m.skew_deg is not None and abs(m.skew_deg - angle) <= 0.5


def test_defects_are_detected() -> None:
    assert measured(PageSpec(sticky_note="yellow", seed=5)).sticky_note
    assert measured(PageSpec(sticky_note="pink", seed=6)).sticky_note
    assert not measured(PageSpec(seal=True, signature=True, seed=7)).sticky_note  # a red seal is no note
    assert measured(PageSpec(blur_px=3.0, seed=8)).blurred
    assert not measured(PageSpec(seed=8)).blurred
    assert measured(PageSpec(cut_off="left", seed=9)).cut_off == ("left",)
    assert measured(PageSpec(exposure="dark", seed=10)).too_dark
    assert measured(PageSpec(exposure="light", seed=11)).too_light
    assert measured(PageSpec(streak=True, seed=12)).streaks == 1


def test_degradations_the_generator_does_not_make() -> None:
    """A real-looking page degraded by other means: JPEG artefacts + motion blur + a photographed
    grey background are still read correctly."""
    import cv2

    img, _ = render(PageSpec(seed=21, table=True))
    arr = np.asarray(img)[..., ::-1].copy()
    ok, jpg = cv2.imencode(".jpg", arr, [cv2.IMWRITE_JPEG_QUALITY, 35])
    jpeg = cv2.imdecode(jpg, cv2.IMREAD_COLOR)
    assert not measure(jpeg, 200).blurred and not measure(jpeg, 200).blank
    kernel = np.zeros((15, 15), np.float32)
    kernel[7, :] = 1 / 15
    assert measure(cv2.filter2D(arr, -1, kernel), 200).blurred
    grey = (arr.astype(np.float32) * 0.82 + 12).astype(np.uint8)  # dull paper, still readable
    gm = measure(grey, 200)
    assert not gm.too_dark and not gm.blank


def test_rules_messages_name_the_page_and_the_fix() -> None:
    pages = [measured(PageSpec(seed=1)), measured(PageSpec(blank=True, seed=2)),
             measured(PageSpec(sticky_note="yellow", seed=3)), measured(PageSpec(blank=True, seed=4))]
    findings = evaluate(pages, SessionFacts(duplex=True, declared_sheets=3))
    count = next(f for f in findings if f.rule == "sheet_count" and f.page is None)
    assert "thiếu 2 ảnh" in count.message_vi and "2 missing" in count.message_en
    note = next(f for f in findings if f.rule == "sticky_note")
    assert note.page == 3 and note.severity.value == "error"
    assert verdict(findings) == "fail"
    assert verdict(findings, {f.key for f in findings}) == "pass"


def test_both_sides_rule() -> None:
    front, blank = measured(PageSpec(seed=1)), measured(PageSpec(blank=True, seed=2))
    all_blank = evaluate([front, blank, front, blank], SessionFacts(duplex=True))
    assert any(f.action == "drop_backs" for f in all_blank)
    simplex = evaluate([front], SessionFacts(duplex=False))
    assert any(f.rule == "both_sides" and f.severity.value == "error" for f in simplex)
    assert not any(f.rule == "both_sides" for f in evaluate([front], SessionFacts(simplex_confirmed=True)))


def test_double_feed_and_repeat_and_profile() -> None:
    a4, a5 = measured(PageSpec(seed=1)), measured(PageSpec(paper="A5", seed=2))
    f = evaluate([a4, a5, a4], SessionFacts(simplex_confirmed=True))
    assert any(x.action == "check_double_feed" and x.page == 2 for x in f)
    same = evaluate([a4, a4], SessionFacts(simplex_confirmed=True))
    assert any(x.action == "remove_repeat" for x in same)
    low = measure(np.asarray(render(PageSpec(dpi=150, seed=3))[0])[..., ::-1].copy(), 150)
    gray = measure(np.asarray(render(PageSpec(seed=4))[0].convert("L")), 200)
    prof = evaluate([low, gray], SessionFacts(simplex_confirmed=True))
    assert {x.page for x in prof if x.rule == "profile"} == {1, 2}
