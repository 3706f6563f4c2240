import pytest

from app.scan.qc import pagenum
from app.scan.qc.rules import SessionFacts, evaluate
from app.testing.pages import PageSpec
from app.testing.pages2 import NumberStyle, Spec2, render2
from tests.conftest import CliRunner, cli_json
from tests.scan.conftest import measured, save_pages


def test_page_number_forms_are_parsed() -> None:
    assert pagenum.parse("Trang 2/5\n") == (2, 5)
    assert pagenum.parse("  - 3 -  ") == (3, None)
    assert pagenum.parse("4 / 7") == (4, 7)
    assert pagenum.parse("Ngày 15 tháng 3 năm 2024") is None
    assert pagenum.parse("Trang 9/5") is None  # impossible: more than the total


def test_out_of_order_and_missing_numbers_are_flagged() -> None:
    pages = [measured(PageSpec(seed=i)) for i in range(3)]
    facts = SessionFacts(simplex_confirmed=True, page_numbers={1: (1, 4), 2: (3, 4), 3: (2, 4)})
    order = [f for f in evaluate(pages, facts) if f.rule == "order"]
    assert any(f.page == 3 and "sai thứ tự" in f.message_vi for f in order)
    assert any(f.page is None and "4" in f.message_vi for f in order)  # page 4 of 4 never captured


@pytest.mark.skipif(not pagenum.available(), reason="Tesseract not installed")
def test_qc_reads_printed_numbers_and_flags_a_swapped_pair(cli: CliRunner, tmp_path) -> None:
    specs = [PageSpec(seed=1, page_number=(1, 3)), PageSpec(seed=2, page_number=(3, 3)),
             PageSpec(seed=3, page_number=(2, 3))]
    files = save_pages(tmp_path, specs)
    res = cli("qc", *files, "--simplex-confirmed", "--json")
    data = cli_json(res)
    assert [p["page_number"] for p in data["pages"]] == [[1, 3], [3, 3], [2, 3]]
    assert any(f["rule"] == "order" and f["page"] == 3 for f in data["findings"])


@pytest.mark.skipif(not pagenum.available(), reason="Tesseract not installed")
def test_a_scanned_session_flags_a_swapped_pair_by_its_printed_numbers(workspace, tmp_path) -> None:
    from app.scan.driver import ScanSettings
    from app.scan.session import SessionStore
    from app.services.digitize import read_page_numbers, scan_into, session_qc, start_session

    specs = [PageSpec(seed=11, page_number=(1, 3)), PageSpec(seed=12, page_number=(3, 3)),
             PageSpec(seed=13, page_number=(2, 3)), PageSpec(seed=14, blank=True)]
    folder = tmp_path / "feeder"
    save_pages(folder, specs)
    s = start_session(workspace, device=f"folder:{folder}", settings=ScanSettings(dpi=200))
    scan_into(workspace, s.id)
    assert not [f for f in session_qc(workspace, s.id).findings if f.rule == "order"]  # nothing read yet
    assert read_page_numbers(workspace, s.id) == 3  # the blank page is not sent to OCR
    order = [f for f in session_qc(workspace, s.id).findings if f.rule == "order"]
    assert any(f.page == 3 and "sai thứ tự" in f.message_vi for f in order)
    assert read_page_numbers(workspace, s.id) == 0  # read once per capture
    pages = SessionStore(workspace).pages(s.id)
    store = SessionStore(workspace)
    store.reorder(s.id, [pages[0].id, pages[2].id, pages[1].id, pages[3].id])  # the officer fixes the order
    assert not [f for f in session_qc(workspace, s.id).findings if f.rule == "order"]


def test_bare_numbers_are_parsed_only_when_alone() -> None:
    assert pagenum.parse("3\n") == (3, None)
    assert pagenum.parse("  12  \n\n") == (12, None)
    assert pagenum.parse("2024\n") is None  # a year, not a page
    assert pagenum.parse("3\n4\n") is None  # two lines: not a page number block
    assert pagenum.parse("Trang 2\n") == (2, None)


@pytest.mark.skipif(not pagenum.available(), reason="Tesseract not installed")
@pytest.mark.parametrize("style", list(NumberStyle))
def test_numbers_are_read_in_the_nd30_form_and_the_common_others(style: NumberStyle) -> None:
    spec = Spec2(page_number=(4, 7), number_style=style, letterhead="text", seal=True,
                 seed=60 + len(style.value))
    img, truth = render2(spec)
    assert truth.page_number is not None
    assert pagenum.read_page_number(img, spec.dpi) == truth.page_number


@pytest.mark.skipif(not pagenum.available(), reason="Tesseract not installed")
def test_the_first_page_of_an_nd30_document_has_no_number() -> None:
    spec = Spec2(page_number=(1, 3), number_style=NumberStyle.ND30_TOP, letterhead="text", seed=70)
    img, truth = render2(spec)
    assert truth.page_number is None and pagenum.read_page_number(img, spec.dpi) is None


def test_a_gap_in_bare_numbers_is_a_missing_page_unless_an_unread_capture_fills_it() -> None:
    pages = [measured(PageSpec(seed=i)) for i in range(4)]
    facts = SessionFacts(simplex_confirmed=True, page_numbers={2: (2, None), 3: (4, None)})
    missing = [f for f in evaluate(pages[:3], facts) if f.rule == "order" and f.page is None]
    assert len(missing) == 1 and "[3]" in missing[0].message_en  # page 1 unnumbered, 2, then 4
    filled = SessionFacts(simplex_confirmed=True, page_numbers={2: (2, None), 4: (4, None)})
    assert not [f for f in evaluate(pages, filled) if f.rule == "order"]  # capture 3 holds page 3, unread
    late = SessionFacts(simplex_confirmed=True, page_numbers={2: (3, None)})
    assert any("[2]" in f.message_en for f in evaluate(pages[:2], late) if f.rule == "order")
