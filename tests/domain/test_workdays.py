"""The appointment date counts working days: weekends and public holidays are skipped."""

from __future__ import annotations

from datetime import date

from app.domain.workdays import HolidayCalendar, due_date
from app.services.receipt import holiday_calendar

CAL = HolidayCalendar.parse(["01-01", "04-30", "05-01", "09-02"], ["2026-02-16", "2026-02-17"])


def test_weekends_do_not_count() -> None:
    assert due_date(date(2026, 11, 27), 1, CAL) == date(2026, 11, 30)  # Friday -> Monday
    assert due_date(date(2026, 11, 23), 5, CAL) == date(2026, 11, 30)  # Monday + 5 -> next Monday
    assert due_date(date(2026, 11, 28), 0, CAL) == date(2026, 11, 28)  # settled at the counter


def test_holidays_do_not_count() -> None:
    # Thursday 30/04 and Friday 01/05 are holidays: Wednesday + 1 working day is Monday 04/05
    assert due_date(date(2026, 4, 29), 1, CAL) == date(2026, 5, 4)
    assert due_date(date(2026, 2, 13), 3, CAL) == date(2026, 2, 20)  # Tết days in the calendar's list


def test_the_shipped_calendar_loads() -> None:
    cal = holiday_calendar()
    assert cal.is_holiday(date(2027, 9, 2)) and not cal.is_working_day(date(2026, 11, 29))
