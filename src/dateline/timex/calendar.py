"""Calendar arithmetic and TIMEX3 value formatting shared by the normalisers."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

# TIMEX3 writes digits the text does not give as X (ISO-TimeML): a year left unknown is
# four of them, never today's year.
UNKNOWN_YEAR = "X" * 4
YEAR_RE = re.compile(r"^(\d{4})")


@dataclass(frozen=True, slots=True)
class Context:
    """What a normaliser may know beyond the expression itself.

    ``pub``: the publication date (None when unknown); ``tense``: past | present | future |
    None for the clause the expression sits in; ``ref_day`` / ``ref_value``: the last
    day-precision date and the last dated value mentioned before it (anaphora such as "the
    same day"); ``left`` / ``right``: a little lower-cased text either side.
    """

    pub: date | None
    tense: str | None = None
    ref_day: date | None = None
    ref_value: str | None = None
    left: str = ""
    right: str = ""


@dataclass(frozen=True, slots=True)
class Value:
    """A normalised expression: TIMEX3 type and value, optional anchor, year provenance."""

    type: str
    value: str
    anchor: str | None = None
    year_inferred: bool = False


def safe_date(y: int, m: int, d: int) -> date | None:
    """``date(y, m, d)`` or None when there is no such day."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


def add_months(d: date, months: int) -> date:
    """The same day ``months`` later (clamped to the month's last day)."""
    idx = d.year * 12 + d.month - 1 + months
    y, m = divmod(idx, 12)
    last = calendar.monthrange(y, m + 1)[1]
    return date(y, m + 1, min(d.day, last))


def shift(d: date, n: int, unit: str) -> date:
    """``d`` moved by ``n`` units (D, W, M, Q, Y; clock units count as days)."""
    if unit == "W":
        return d + timedelta(weeks=n)
    if unit == "M":
        return add_months(d, n)
    if unit == "Q":
        return add_months(d, 3 * n)
    if unit == "Y":
        return add_months(d, 12 * n)
    return d + timedelta(days=n)


def fmt_day(d: date) -> str:
    """``YYYY-MM-DD``."""
    return d.isoformat()


def fmt_month(d: date) -> str:
    """``YYYY-MM``."""
    return f"{d.year:04d}-{d.month:02d}"


def fmt_week(d: date) -> str:
    """The ISO week holding ``d``: ``YYYY-Www``."""
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def quarter_of(d: date) -> int:
    """1..4."""
    return (d.month - 1) // 3 + 1


def fmt_at(d: date, unit: str) -> str:
    """``d`` at the granularity of a unit: day for D/W and clock units, else month/year."""
    if unit in ("Y", "Y10", "CE"):
        return f"{d.year:04d}"
    if unit in ("M", "Q"):
        return fmt_month(d)
    return fmt_day(d)


def value_year(value: str | None) -> int | None:
    """The year a value starts with (None for references and durations)."""
    m = YEAR_RE.match(value or "")
    return int(m[1]) if m else None


def minus_year(value: str) -> str:
    """The same calendar slot a year earlier ("2009-02" -> "2008-02")."""
    y = value_year(value)
    return value if y is None else f"{y - 1:04d}{value[4:]}"
