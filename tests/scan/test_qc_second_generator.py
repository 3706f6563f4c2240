"""QC on pages of the second generator (app.testing.pages2, no code shared with the first):
blank backs with what the glass and the sheet add, near-blank pages, sticky notes of every
common colour, distractors, and rule 4's pairing of the noted capture with the clean one."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.scan.qc.measures import PageMeasures, measure
from app.scan.qc.rules import SessionFacts, evaluate
from app.testing.pages2 import Kind, NumberStyle, Spec2, render2, without_note


def measured2(spec: Spec2) -> PageMeasures:
    return measure(render2(spec)[0], spec.dpi)


@pytest.mark.parametrize("spec", [
    Spec2(kind=Kind.BLANK, dust=40, seed=1),
    Spec2(kind=Kind.BLANK, paper="yellowed", dust=25, punch_holes=True, staple=True, edge_shadow="left",
          show_through=0.05, seed=2),
    Spec2(kind=Kind.BLANK, paper="grey", dust=60, jpeg=40, edge_shadow="bottom", seed=3),
    Spec2(kind=Kind.BLANK, paper="blue", dpi=300, punch_holes=True, staple=True, show_through=0.05, seed=4),
], ids=["dust", "holes-staple-shadow-show-through", "grey-jpeg", "tinted-300dpi"])
def test_blank_backs_stay_blank_with_dust_holes_staples_shadows_and_show_through(spec: Spec2) -> None:
    img, truth = render2(spec)
    assert truth.blank
    assert measure(img, spec.dpi).blank


@pytest.mark.parametrize("spec", [
    Spec2(kind=Kind.ONLY_NUMBER, page_number=(2, 9), number_style=NumberStyle.ND30_TOP, dust=30, seed=5),
    Spec2(kind=Kind.ONLY_NUMBER, page_number=(7, 9), number_style=NumberStyle.BARE_BOTTOM, paper="grey",
          seed=6),
    Spec2(kind=Kind.ONLY_STAMP, dust=20, punch_holes=True, seed=7),
    Spec2(kind=Kind.ONLY_SIGNATURE, paper="yellowed", jpeg=50, seed=8),
], ids=["nd30-number", "bare-bottom-number", "stamp", "signature"])
def test_a_page_with_only_a_number_stamp_or_signature_is_never_blank(spec: Spec2) -> None:
    assert not measured2(spec).blank


@pytest.mark.parametrize(("colour", "paper"), [
    ("yellow", "white"), ("pink_pastel", "white"), ("green", "yellowed"), ("blue_pastel", "pink"),
    ("orange", "blue"), ("yellow_pastel", "grey"), ("pink", "green"), ("green_pastel", "white"),
    ("blue", "white"), ("orange_pastel", "white"),
])
def test_sticky_notes_of_every_common_colour_are_found(colour: str, paper: str) -> None:
    spec = Spec2(paper=paper, note=colour, seal=True, photo=True, note_over="text",
                 seed=sum(map(ord, colour + paper)))
    m = measured2(spec)
    assert m.sticky_note and not m.blank


@pytest.mark.parametrize("over", ["seal", "photo"])
def test_a_note_over_a_seal_or_a_photo_is_found(over: str) -> None:
    assert measured2(Spec2(note="green_pastel", seal=True, photo=True, note_over=over, seed=21)).sticky_note


@pytest.mark.parametrize("spec", [
    # a pink note on a page whose header band is tinted pink too (the band holds more of the hue)
    Spec2(layout="form", font="DejaVuSansMono.ttf", page_number=(5, 6), number_style=NumberStyle.BARE_BOTTOM,
          letterhead="band", photo=True, note="pink", note_over="photo", dust=9, seed=800037),
    # a pink note touching a pink highlighter stroke, in a JPEG at quality 45
    Spec2(layout="form", font="DejaVuSerifCondensed.ttf", highlighter=4, note="pink", dust=15, jpeg=45,
          seed=800080),
], ids=["under-a-band-of-its-hue", "touching-a-highlight-of-its-hue"])
def test_a_note_beside_larger_things_of_its_own_hue_is_found(spec: Spec2) -> None:
    image, truth = render2(spec)
    m = measure(image, spec.dpi)
    assert m.sticky_note and m.note_bbox is not None and truth.note_box is not None
    (x, y, w, h), (tx, ty, tw, th) = m.note_bbox, truth.note_box
    overlap = max(0, min(x + w, tx + tw) - max(x, tx)) * max(0, min(y + h, ty + th) - max(y, ty))
    assert overlap / (w * h + tw * th - overlap) > 0.8  # the note itself, not the band or the stroke


@pytest.mark.parametrize("seed", [31, 32, 33])
def test_seals_letterheads_photos_and_highlighter_are_no_sticky_note(seed: int) -> None:
    spec = Spec2(seal=True, photo=True, letterhead="band" if seed % 2 else "text", highlighter=4,
                 paper="white" if seed != 33 else "yellowed", seed=seed)
    assert not measured2(spec).sticky_note


@pytest.fixture(scope="module")
def note_sheets() -> dict[str, PageMeasures]:
    noted = Spec2(layout="form", letterhead="text", seal=True, note="blue_pastel", seed=41)
    return {
        "note": measured2(noted),
        "clean": measured2(without_note(noted, 1)),  # the same sheet, note peeled off, fed again
        "other": measured2(replace(noted, note=None, seed=42)),  # the next page of the same form
    }


def _note_findings(order: list[str], sheets: dict[str, PageMeasures]) -> list:
    pages = [sheets[k] for k in order]
    return [f for f in evaluate(pages,
                                SessionFacts(duplex=False,
                                             simplex_confirmed=True)) if f.rule == "sticky_note"]


def test_rule4_the_noted_capture_is_paired_with_the_same_sheet_next_to_it(
        note_sheets: dict[str, PageMeasures]) -> None:
    assert note_sheets["note"].sticky_note
    assert _note_findings(["note", "clean"], note_sheets) == []
    assert _note_findings(["clean", "note"], note_sheets) == []


def test_rule4_another_page_after_the_note_does_not_pair(note_sheets: dict[str, PageMeasures]) -> None:
    (f,) = _note_findings(["note", "other"], note_sheets)
    assert f.page == 1 and f.action == "capture_without_note"
    assert "page 2 is another sheet" in f.message_en and "trang 2" in f.message_vi


def test_rule4_the_clean_capture_two_pages_away_is_named_to_move(note_sheets: dict[str,
                                                                                   PageMeasures]) -> None:
    (f,) = _note_findings(["note", "other", "clean"], note_sheets)
    assert f.page == 1 and not f.action  # no automatic fix: the words say which page to move where
    assert "page 3" in f.message_en and "trang 3" in f.message_vi


def test_rule4_on_rows_stored_before_page_thumbnails_keeps_the_old_check(
        note_sheets: dict[str, PageMeasures]) -> None:
    old = {k: replace(m, page_thumb="") for k, m in note_sheets.items()}
    assert _note_findings(["note", "other"], old) == []  # any content page after it, as before
    assert len(_note_findings(["note"], old)) == 1
