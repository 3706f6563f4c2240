"""ISO 2859-1 single sampling, normal inspection: the plan's numbers against the standard's
Table 1 and Table 2-A (values copied from the published tables, arrows included)."""

import pytest

from app.domain.acceptance import code_letter, lot_verdict, single_normal_plan
from app.domain.errors import InvalidInput

# (lot size, AQL, level) -> (code letter, sample size, Ac, Re), read off the standard's tables
PUBLISHED = [
    ((1000, "1.0", "II"), ("J", 80, 2, 3)),
    ((1000, "2.5", "II"), ("J", 80, 5, 6)),
    ((1000, "4.0", "II"), ("J", 80, 7, 8)),
    ((500, "1.0", "II"), ("H", 50, 1, 2)),
    ((500, "0.65", "II"), ("H", 80, 1, 2)),  # down-arrow: J's plan
    ((5000, "0.65", "II"), ("L", 200, 3, 4)),
    ((5000, "1.5", "II"), ("L", 200, 7, 8)),
    ((200, "0.40", "II"), ("G", 32, 0, 1)),
    ((200, "0.25", "II"), ("G", 50, 0, 1)),  # down-arrow: H's 0/1
    ((200, "0.65", "II"), ("G", 20, 0, 1)),  # up-arrow: F's 0/1
    ((20000, "0.10", "II"), ("M", 500, 1, 2)),  # down-arrow: N's 1/2
    ((20, "6.5", "II"), ("C", 8, 1, 2)),  # down-arrow: D's 1/2
    ((40000, "2.5", "II"), ("N", 500, 21, 22)),
    ((100, "6.5", "II"), ("F", 20, 3, 4)),
    ((3000, "0.40", "II"), ("K", 125, 1, 2)),
    ((1000, "1.0", "I"), ("G", 50, 1, 2)),  # down-arrow: H's 1/2
    ((1000, "1.0", "III"), ("K", 125, 3, 4)),
]


@pytest.mark.parametrize(("args", "expected"), PUBLISHED)
def test_plans_match_the_published_tables(args: tuple[int, str, str],
                                          expected: tuple[str, int, int, int]) -> None:
    plan = single_normal_plan(*args)
    assert (plan.code_letter, plan.sample_size, plan.accept, plan.reject) == expected
    assert plan.reject == plan.accept + 1  # single sampling


def test_special_levels_and_arrows_off_the_table_edges() -> None:
    assert [code_letter(1000, lvl) for lvl in ("S-1", "S-2", "S-3", "S-4", "I", "II", "III")] == \
        ["C", "C", "E", "F", "G", "J", "K"]
    p = single_normal_plan(1000, 4.0, "S2")  # C at 4.0 is an up-arrow: B's plan 0/1 on 3 items
    assert (p.code_letter, p.plan_letter, p.sample_size, p.accept, p.reject) == ("C", "B", 3, 0, 1)
    top = single_normal_plan(3, 10)  # A at 10: no plan above, so down to C's 1/2; the lot is smaller than 5
    assert (top.code_letter, top.plan_letter, top.sample_size, top.accept, top.full_inspection) == ("A", "C",
                                                                                                    3, 1,
                                                                                                    True)
    huge = single_normal_plan(600_000, 0.015, "III")  # R at 0.015: nothing below R, so up to P's 0/1
    assert (huge.code_letter, huge.plan_letter, huge.sample_size, huge.accept) == ("R", "P", 800, 0)
    assert code_letter(8) == "A" and code_letter(9) == "B" and code_letter(500_001) == "Q"
    assert [code_letter(50, lvl) for lvl in ("S-1", "S-2", "S-3", "S-4")] == ["A", "B", "B", "C"]


def test_lot_verdict_and_bad_input() -> None:
    plan = single_normal_plan(1000, "1.0")
    assert lot_verdict(plan, 2) and not lot_verdict(plan, 3)
    for bad in ((1, 1.0), (100, 3.0), (100, "abc")):
        with pytest.raises(InvalidInput):
            single_normal_plan(*bad)
    with pytest.raises(InvalidInput):
        single_normal_plan(100, 1.0, "IV")
    with pytest.raises(InvalidInput):
        lot_verdict(plan, 81)
