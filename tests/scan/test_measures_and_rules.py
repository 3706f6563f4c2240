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
    assert any(x.rule == "sheet_count" and "double feed" in x.message_en and x.page == 2 for x in f)
    same = evaluate([a4, a4], SessionFacts(simplex_confirmed=True))
    assert any(x.action == "remove_repeat" for x in same)
    low = measure(np.asarray(render(PageSpec(dpi=150, seed=3))[0])[..., ::-1].copy(), 150)
    gray = measure(np.asarray(render(PageSpec(seed=4))[0].convert("L")), 200)
    prof = evaluate([low, gray], SessionFacts(simplex_confirmed=True))
    assert {x.page for x in prof if x.rule == "profile"} == {1, 2}


def test_a_sheet_fed_twice_is_a_repeat_and_the_next_page_of_the_form_is_not() -> None:
    import cv2

    def page(seed: int) -> np.ndarray:
        return np.asarray(render(PageSpec(seed=seed, dpi=200, page_number=(seed + 1, 6)))[0])[...,
                                                                                              ::-1].copy()

    first, second = page(3), page(4)  # same form layout, other text (these two fooled a 64-bit hash)
    # The first sheet through the feeder again: 2 mm lower and right, turned half a degree, darker.
    h, w = first.shape[:2]
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), 0.5, 1.0)
    turn[:, 2] += (16, 16)
    again = np.clip(cv2.warpAffine(first, turn, (w, h), borderValue=(250, 250, 250)).astype(np.int16) - 6, 0,
                    255)
    m1, m2, m1_again = measure(first, 200), measure(second, 200), measure(again.astype(np.uint8), 200)
    facts = SessionFacts(simplex_confirmed=True)
    repeats = [f for f in evaluate([m1, m1_again, m2], facts) if f.action == "remove_repeat"]
    assert [f.page for f in repeats] == [2]
    assert "trùng trang 1" in repeats[0].message_vi
    assert not [f for f in evaluate([m1, m2], facts) if f.action == "remove_repeat"]


def test_foreign_degradations_blank_and_cut_off() -> None:
    """Blank backs stay blank under sensor noise, JPEG and uneven lighting; a page shifted off
    the glass by an affine warp (not the generator's crop) is cut off on that side."""
    import cv2

    img, _ = render(PageSpec(blank=True, seed=31))
    arr = np.asarray(img)[..., ::-1].astype(np.float32)
    h, w = arr.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    arr *= (1.0 - 0.1 * ((xx / w - 0.2) ** 2 + (yy / h - 0.7) ** 2))[..., None]
    arr += np.random.default_rng(1).normal(0, 5, (h, w))[..., None]
    ok, jpg = cv2.imencode(".jpg", np.clip(arr, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 40])
    assert measure(cv2.imdecode(jpg, cv2.IMREAD_COLOR), 200).blank
    page = np.asarray(render(PageSpec(seed=32))[0])[..., ::-1].copy()
    shift = np.float32([[1, 0, 0], [0, 1, -0.12 * page.shape[0]]])  # paper slid up past the top edge
    moved = cv2.warpAffine(page, shift, (page.shape[1], page.shape[0]), borderValue=(245, 245, 245))
    assert "top" in measure(moved, 200).cut_off
    assert measure(page, 200).cut_off == ()


def test_a_printed_frame_is_no_streak_but_a_streak_through_the_margins_is() -> None:
    """Certificates carry a printed frame: its vertical rules stop short of the paper's edges,
    while a dirty scanner glass draws a line through the top and bottom margins too."""
    import cv2

    img, _ = render(PageSpec(seed=31))
    arr = np.asarray(img)[..., ::-1].copy()
    h, w = arr.shape[:2]
    inset = round(12 / 25.4 * 200)
    cv2.rectangle(arr, (inset, inset), (w - inset, h - inset), (40, 40, 40), 3)  # the frame
    framed = measure(arr, 200)
    assert framed.streaks == 0 and not framed.cut_off
    x = w // 2 + 37
    arr[:, x:x + 2] = np.minimum(arr[:, x:x + 2], 150)  # a faint 2-px streak, full height
    assert measure(arr, 200).streaks == 1


def test_washed_out_page_keeps_its_note_and_yellowed_paper_is_no_note() -> None:
    light = measured(PageSpec(sticky_note="pink", seal=True, exposure="light", seed=32))
    assert light.sticky_note and light.too_light
    img, _ = render(PageSpec(seed=33, table=True))
    arr = np.asarray(img)[..., ::-1].astype(np.float32)
    yellowed = np.clip(arr * np.array([0.84, 0.96, 1.0], np.float32), 0, 255).astype(np.uint8)  # BGR
    assert not measure(yellowed, 200).sticky_note


def test_a_heavily_blurred_page_is_blurred_not_blank() -> None:
    m = measured(PageSpec(seed=34, blur_px=5.0, exposure="light"))
    assert not m.blank and m.blurred
