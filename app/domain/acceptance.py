"""Acceptance sampling of bulk digitization lots by attributes, ISO 2859-1 (single sampling,
normal inspection): Table 1 (sample size code letters) and Table 2-A (sample sizes and the
acceptance/rejection numbers per AQL, with the standard's arrows followed). Pure functions.

Table 2-A is diagonal: along a code letter's row the cells, counted from the AQL column where
the letter's plan is Ac 0 / Re 1, read 0/1, up-arrow, down-arrow, 1/2, 2/3, 3/4, 5/6, 7/8, 10/11,
14/15, 21/22, 30/31, 44/45, then up-arrows; to the left of 0/1 every cell is a down-arrow. A
down-arrow means "use the first plan below it" (a larger sample), an up-arrow "the first plan
above it"; when the sample is as large as the lot, the whole lot is inspected.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.errors import InvalidInput

LETTERS = "ABCDEFGHJKLMNPQR"
SAMPLE_SIZES = dict(zip(LETTERS, (2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800, 1250, 2000),
                        strict=True))
AQLS = ("0.010", "0.015", "0.025", "0.040", "0.065", "0.10", "0.15", "0.25", "0.40", "0.65", "1.0", "1.5",
        "2.5",
        "4.0", "6.5", "10", "15", "25", "40", "65", "100", "150", "250", "400", "650", "1000")
AQL_VALUES = tuple(float(a) for a in AQLS)

# Table 1: the upper bound of each lot-size range, and the code letter per inspection level
_LOT_BOUNDS = (8, 15, 25, 50, 90, 150, 280, 500, 1200, 3200, 10_000, 35_000, 150_000, 500_000, None)
_TABLE_1: dict[str, str] = {
    "S-1": "AAAABBBBCCCCDDD",
    "S-2": "AAABBBCCCDDDEEE",
    "S-3": "AABBCCDDEEFFGGH",
    "S-4": "AABCCDEEFGGHJJK",
    "I": "AABCCDEFGHJKLMN",
    "II": "ABCDEFGHJKLMNPQ",
    "III": "BCDEFGHJKLMNPQR",
}
# the diagonal of Table 2-A, from a row's 0/1 cell rightwards ("up"/"down": the arrows)
_DIAGONAL: tuple[tuple[int, int] | str, ...] = ((0, 1), "up", "down", (1, 2), (2, 3), (3, 4), (5, 6), (7, 8),
                                                (10, 11), (14, 15), (21, 22), (30, 31), (44, 45))


class Level(StrEnum):
    S1 = "S-1"
    S2 = "S-2"
    S3 = "S-3"
    S4 = "S-4"
    I = "I"  # noqa: E741 - the standard's name
    II = "II"
    III = "III"


@dataclass(frozen=True)
class Plan:
    lot_size: int
    aql: str
    level: Level
    code_letter: str  # the sample size code letter (Table 1) for the lot size and level
    plan_letter: str  # the row of Table 2-A whose plan is used (another one when an arrow was followed)
    sample_size: int  # items to inspect (the whole lot when the table's sample is not smaller)
    accept: int  # Ac: accept the lot with at most this many nonconforming items in the sample
    reject: int  # Re: reject it with this many or more

    @property
    def full_inspection(self) -> bool:
        return self.sample_size == self.lot_size


def code_letter(lot_size: int, level: Level | str = Level.II) -> str:
    """Table 1: the sample size code letter of a lot of ``lot_size`` items."""
    if lot_size < 2:
        raise InvalidInput("A lot needs at least 2 items (got "
                           f"{lot_size})", f"Lô cần ít nhất 2 tài liệu (nhận {lot_size})")
    row = _TABLE_1[_level(level).value]
    for i, bound in enumerate(_LOT_BOUNDS):
        if bound is None or lot_size <= bound:
            return row[i]
    raise AssertionError("unreachable")


def normal_aql(aql: float | str) -> str:
    """The AQL column of Table 2-A for ``aql`` (one of the standard's preferred values)."""
    try:
        value = float(aql)
    except (TypeError, ValueError):
        value = -1.0
    for text, v in zip(AQLS, AQL_VALUES, strict=True):
        if abs(v - value) < 1e-9:
            return text
    raise InvalidInput(f"AQL {aql} is not one of the standard's values ({', '.join(AQLS)})",
                       f"AQL {aql} không thuộc dãy giá trị của tiêu chuẩn ({', '.join(AQLS)})")


def _level(level: Level | str) -> Level:
    text = str(level).strip().upper()
    if text.startswith("S") and not text.startswith("S-"):
        text = "S-" + text[1:]
    try:
        return Level(text)
    except ValueError as exc:
        raise InvalidInput(f"Inspection level {level} unknown (I, II, III, S-1..S-4)",
                           f"Mức kiểm tra {level} không hợp lệ (I, II, III, S-1..S-4)") from exc


def _cell(letter: str, column: int) -> tuple[int, int] | str:
    """Table 2-A's cell: an (Ac, Re) pair or an arrow ("up", "down")."""
    zero_one = 14 - LETTERS.index(letter)  # A has 0/1 at AQL 6.5, each next letter one column to the left
    k = column - zero_one
    if k < 0:
        return "down"
    if k >= len(_DIAGONAL):
        return "up"
    cell = _DIAGONAL[k]
    # an arrow pointing off the table (up from A, down from R) points the other way
    if cell == "up" and letter == LETTERS[0]:
        return "down"
    if cell == "down" and letter == LETTERS[-1]:
        return "up"
    return cell


def single_normal_plan(lot_size: int, aql: float | str, level: Level | str = Level.II) -> Plan:
    """The single sampling plan for normal inspection (Tables 1 and 2-A of ISO 2859-1)."""
    lvl = _level(level)
    letter = code_letter(lot_size, lvl)
    column_text = normal_aql(aql)
    column = AQLS.index(column_text)
    i = LETTERS.index(letter)
    while True:
        cell = _cell(LETTERS[i], column)
        if cell == "down":
            i += 1
        elif cell == "up":
            i -= 1
        else:
            assert isinstance(cell, tuple)
            ac, re = cell
            break
    used = LETTERS[i]
    return Plan(lot_size, column_text, lvl, letter, used, min(SAMPLE_SIZES[used], lot_size), ac, re)


def lot_verdict(plan: Plan, nonconforming: int) -> bool:
    """True: the lot is accepted (at most Ac nonconforming items in the sample)."""
    if nonconforming < 0 or nonconforming > plan.sample_size:
        raise InvalidInput(f"{nonconforming} nonconforming items in a sample of {plan.sample_size}",
                           f"Số tài liệu không đạt ({nonconforming}) không hợp lệ với cỡ mẫu "
                           f"{plan.sample_size}")
    return nonconforming <= plan.accept
