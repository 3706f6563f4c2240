"""Working days and the appointment date (ngày hẹn trả kết quả).

A procedure's processing time is counted in working days: the count starts on the working day
after the dossier is received, Saturdays, Sundays and public holidays do not count, and the
result is due on the last counted day. Pure functions; the holiday calendar is data
(``resources/holidays.json``, loaded by the services)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class HolidayCalendar:
    fixed: frozenset[tuple[int, int]] = frozenset()  # (month, day) every year
    dates: frozenset[date] = frozenset()

    @classmethod
    def parse(cls, fixed: Iterable[str], dates: Iterable[str]) -> HolidayCalendar:
        pairs = set()
        for text in fixed:
            month, day = text.split("-")
            pairs.add((int(month), int(day)))
        return cls(frozenset(pairs), frozenset(date.fromisoformat(d) for d in dates))

    def is_holiday(self, day: date) -> bool:
        return day in self.dates or (day.month, day.day) in self.fixed

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and not self.is_holiday(day)


def due_date(received: date, working_days: int, calendar: HolidayCalendar | Collection[date] = ()) -> date:
    """The appointment date for a processing time of ``working_days``. Zero means the same day
    (procedures settled at the counter)."""
    cal = calendar if isinstance(calendar, HolidayCalendar) else HolidayCalendar(dates=frozenset(calendar))
    day, left = received, working_days
    while left > 0:
        day += timedelta(days=1)
        if cal.is_working_day(day):
            left -= 1
    return day
