"""One type for a dated TIMEX3 value: what it covers (first and last day), how precise it is,
and how two compare. Times, event dating, linking, follow-through, the store and the
exports all read values through it.

A value is read by its prefix (``2016-03-15T10:00`` is a day, ``2016-03`` followed by an
unknown day a month); references (``PRESENT_REF``), durations and dates whose year is
unknown (TIMEX3's unknown-year digits) cover no known days and parse to None.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
WEEK = re.compile(r"^(\d{4})-W(\d\d)")
QUARTER = re.compile(r"^(\d{4})-Q([1-4])")
HALF = re.compile(r"^(\d{4})-H([12])")
SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)")
MONTH = re.compile(r"^(\d{4})-(\d\d)")
YEAR = re.compile(r"^(\d{4})")
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 12)}
# day | month | year of a value, whether or not its year is known (a week counts as a month)
PRECISION = (("day", re.compile(r"^(?:\d{4}|X{4})-\d\d-\d\d")),
             ("month", re.compile(r"^(?:\d{4}|X{4})-(?:\d\d|W\d\d)")),
             ("year", re.compile(r"^\d{4}(?:-(?:Q[1-4]|H[12]|SP|SU|FA|WI))?$")))


def _months(year: int, first: int, last: int) -> tuple[date, date]:
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


def _span(v: str) -> tuple[date, date, str] | None:
    if m := DAY.match(v):
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return d, d, "day"
    if m := WEEK.match(v):
        first = date.fromisocalendar(int(m[1]), max(1, min(int(m[2]), 52)), 1)
        return first, first + timedelta(days=6), "week"
    if m := QUARTER.match(v):
        return (*_months(int(m[1]), 3 * int(m[2]) - 2, 3 * int(m[2])), "quarter")
    if m := HALF.match(v):
        return (*_months(int(m[1]), 6 * int(m[2]) - 5, 6 * int(m[2])), "half")
    if m := SEASON.match(v):
        return (*_months(int(m[1]), *SEASON_MONTHS[m[2]]), "season")
    if m := MONTH.match(v):
        return (*_months(int(m[1]), int(m[2]), int(m[2])), "month")
    if m := YEAR.match(v):
        return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31), "year"
    return None


@dataclass(frozen=True, order=True)
class TimexValue:
    """The days a dated TIMEX3 value covers; ordered by first day, then last day."""

    start: date
    end: date
    unit: str = field(compare=False)  # day | week | month | quarter | half | season | year
    value: str = field(compare=False)

    @classmethod
    def parse(cls, value: str | None) -> TimexValue | None:
        """The value's span, or None for references, durations, unknown years, bad dates."""
        if not value:
            return None
        try:
            span = _span(value.split("T")[0])
        except ValueError:  # no such day or month ("2016-02-30", "2016-13")
            return None
        return cls(span[0], span[1], span[2], value) if span else None

    @property
    def day(self) -> date | None:
        """The date when the value names one day."""
        return self.start if self.unit == "day" else None

    @property
    def interval(self) -> tuple[date, date]:
        """(first day, last day)."""
        return self.start, self.end

    def gap_days(self, other: TimexValue) -> int:
        """Days between the two spans (0 when they overlap)."""
        return gap_days(self.interval, other.interval)


def gap_days(a: tuple[date, date], b: tuple[date, date]) -> int:
    """Days between two (first, last) day spans (0 when they overlap)."""
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0


@lru_cache(maxsize=4096)
def parse_day(value: str | None) -> date | None:
    """The date of a value that names one day (``YYYY-MM-DD...``), else None (memoised:
    every event of an article asks for its publication day)."""
    parsed = TimexValue.parse(value)
    return parsed.day if parsed else None


def precision(value: str) -> str | None:
    """day | month | year of a date value, year known or not (None for decades and
    references); a week counts as a month, quarters, halves and seasons as a year."""
    return next((name for name, pattern in PRECISION if pattern.match(value)), None)
