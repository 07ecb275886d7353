"""Normalisation of calendar expressions (written months, days, years, quarters, clocks).

``normalise(match, ctx)`` dispatches on the recognising pattern's name; the relative
expressions ("yesterday", "last week", "five days") live in ``timex.relative``. A missing
year comes from the publication date, its direction from the clause's tense (future: the
next such day; past: the last; neither: the nearest); with no publication date the year
stays ``UNKNOWN_YEAR`` (never today's year).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from dateline.timex import relative
from dateline.timex.calendar import (
    UNKNOWN_YEAR,
    Context,
    Value,
    fmt_day,
    quarter_of,
    safe_date,
)
from dateline.timex.lexicon import lexicon
from dateline.timex.recognise import Match

# MEANTIME annotates "mid-2011" as the middle month with an unknown day ("2011-06-XX").
MID_YEAR_SUFFIX = "-06-XX"
# Two-digit decades ("the '90s", "70s") belong to this century prefix.
TWO_DIGIT_CENTURY = "19"
TZ_ZULU = {"utc", "gmt"}
# How many quarters back (past clause) or ahead (future) a yearless quarter may lie before
# the nearest one wins instead: "rose in the fourth quarter" in March is last year's Q4,
# "closures during the fourth quarter" announced in August are this year's (dev set).
QUARTER_WINDOW = 2


def month_of(word: str | None) -> int:
    """Month number of a month word ("Sept." -> 9)."""
    return int(lexicon().kind("month")[(word or "").lower().rstrip(".")])


def day_of(word: str | None) -> int:
    """Day number of "18", "2nd"."""
    m = re.match(r"\d+", word or "")
    return int(m[0]) if m else 0


def direction(ctx: Context) -> str | None:
    """past | future | None from the clause's tense and the words just before."""
    left = ctx.left.split()[-2:]
    fut = lexicon().kind("future_cue")
    past = lexicon().kind("past_cue")
    if any(w in fut for w in left):
        return "future"
    if any(w in past for w in left):
        return "past"
    if ctx.tense in ("future", "past"):
        return ctx.tense
    return None


def pick_day(pub: date, month: int, day: int, way: str | None) -> date | None:
    """The date with this month and day nearest the publication date in direction ``way``."""
    cands = [d for y in (pub.year - 1, pub.year, pub.year + 1)
             if (d := safe_date(y, month, day)) is not None]
    if not cands:
        return None
    if way == "future":
        cands = [d for d in cands if d >= pub] or cands
    elif way == "past":
        cands = [d for d in cands if d <= pub] or cands
    return min(cands, key=lambda d: abs((d - pub).days))


def _full(m: Match, ctx: Context) -> Value | None:
    mon = m.group("m") or m.group("mon")
    month = int(mon) if mon and mon.isdigit() else month_of(mon)
    d = safe_date(int(m.group("y") or 0), month, day_of(m.group("d")))
    return Value("DATE", fmt_day(d)) if d else None


def _month_day(m: Match, ctx: Context) -> Value | None:
    month, day = month_of(m.group("mon")), day_of(m.group("d"))
    if safe_date(2000, month, day) is None:
        return None
    if ctx.pub is None:
        return Value("DATE", f"{UNKNOWN_YEAR}-{month:02d}-{day:02d}")
    d = pick_day(ctx.pub, month, day, direction(ctx))
    return Value("DATE", fmt_day(d), year_inferred=True) if d else None


def _month_year(m: Match, ctx: Context) -> Value:
    mod = (m.group("mod") or "").lower()
    year = int(m.group("y") or 0)
    month = month_of(m.group("mon"))
    del mod  # early/late/end-of keep the month's value (TimeML puts them in mod)
    return Value("DATE", f"{year:04d}-{month:02d}")


def _year_for_month(month: int, ctx: Context, rel: str) -> int | None:
    pub = ctx.pub
    if pub is None:
        return None
    follow = re.match(r"\s*(?:of\s+)?(next|last|this)\s+year", ctx.right)
    if follow:
        return pub.year + {"next": 1, "last": -1, "this": 0}[follow[1]]
    if rel == "this":
        return pub.year
    if rel == "next":
        return pub.year if month > pub.month else pub.year + 1
    if rel == "last":
        return pub.year if month < pub.month else pub.year - 1
    if direction(ctx) == "future":
        return pub.year if month >= pub.month else pub.year + 1
    return pub.year if month <= pub.month else pub.year - 1


def _month(m: Match, ctx: Context) -> Value | None:
    month = month_of(m.group("mon"))
    year = _year_for_month(month, ctx, (m.group("rel") or "").lower())
    if year is None:
        return Value("DATE", f"{UNKNOWN_YEAR}-{month:02d}")
    return Value("DATE", f"{year:04d}-{month:02d}", year_inferred=True)


def weekday_date(pub: date, iso_day: int, rel: str, way: str | None) -> date:
    """The weekday ``iso_day`` meant relative to the publication date."""
    if rel == "next" or (way == "future" and rel != "last"):
        ahead = (iso_day - pub.isoweekday()) % 7
        return pub + timedelta(days=ahead or (7 if rel == "next" else 0))
    back = (pub.isoweekday() - iso_day) % 7
    return pub - timedelta(days=back or (7 if rel == "last" else 0))


def _weekday(m: Match, ctx: Context) -> Value:
    iso_day = int(lexicon().kind("weekday")[(m.group("wd") or "").lower()])
    pod = lexicon().kind("partofday").get((m.group("pod") or "").lower())
    if ctx.pub is None:
        value = f"{UNKNOWN_YEAR}-WXX-{iso_day}" + (f"T{pod}" if pod else "")
        return Value("TIME" if pod else "DATE", value)
    d = weekday_date(ctx.pub, iso_day, (m.group("rel") or "").lower(), direction(ctx))
    if pod:
        return Value("TIME", f"{fmt_day(d)}T{pod}", year_inferred=True)
    return Value("DATE", fmt_day(d), year_inferred=True)


def _clock_day(m: Match, ctx: Context) -> str:
    word = (m.group("day") or "").lower()
    if ctx.pub is None:
        return f"{UNKNOWN_YEAR}-XX-XX"
    if word in ("today", "yesterday", "tomorrow"):
        step = {"today": 0, "yesterday": -1, "tomorrow": 1}[word]
        return fmt_day(ctx.pub + timedelta(days=step))
    if word:
        iso_day = int(lexicon().kind("weekday")[word])
        return fmt_day(weekday_date(ctx.pub, iso_day, "", direction(ctx)))
    follow = re.match(r",?\s+([a-z]+)\.?\s+(\d{1,2})(?!\d)", ctx.right)
    if follow and follow[1] in lexicon().kind("month"):  # "16:15 UTC, June 1st"
        d = pick_day(ctx.pub, month_of(follow[1]), int(follow[2]), direction(ctx))
        if d is not None:
            return fmt_day(d)
    return fmt_day(ctx.pub)  # a bare clock time in news is the day of the report


def _clock(m: Match, ctx: Context) -> Value | None:
    hour, minute = int(m.group("h") or 0), int(m.group("mi") or 0)
    ampm = (m.group("ampm") or "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    zone = "Z" if (m.group("tz") or "").lower() in TZ_ZULU else ""
    return Value("TIME", f"{_clock_day(m, ctx)}T{hour:02d}:{minute:02d}{zone}",
                 year_inferred=ctx.pub is not None)


def _decade(m: Match, ctx: Context) -> Value:
    if m.group("c"):
        return Value("DATE", f"{m.group('c')}{m.group('dd')}")
    return Value("DATE", f"{TWO_DIGIT_CENTURY}{m.group('d2')}")


def _year(m: Match, ctx: Context) -> Value:
    year = m.group("y") or ""
    if (m.group("mod") or "").lower() == "mid":
        return Value("DATE", year + MID_YEAR_SUFFIX)
    return Value("DATE", year)


def _rel_year(rel: str, pub: date | None) -> str | None:
    if pub is None or not rel:
        return None
    step = {"this": 0, "the current": 0, "last": -1, "the previous": -1, "next": 1, "the": 0}
    return f"{pub.year + step.get(' '.join(rel.split()), 0):04d}"


def _quarter(m: Match, ctx: Context) -> Value:
    q = int(m.group("q") or lexicon().kind("ordinal").get((m.group("ord") or "").lower(), "0"))
    year = m.group("y") or _rel_year((m.group("rel") or "").lower(), ctx.pub)
    if year:
        return Value("DATE", f"{year}-Q{max(q, 1)}", year_inferred=not m.group("y"))
    if ctx.pub is None:
        return Value("DATE", f"{UNKNOWN_YEAR}-Q{max(q, 1)}")
    cur = quarter_of(ctx.pub)
    y = ctx.pub.year
    if q < 1:  # "the last quarter": the one before the current
        return Value("DATE", f"{y if cur > 1 else y - 1}-Q{cur - 1 or 4}", year_inferred=True)
    return Value("DATE", f"{quarter_year(y * 4 + cur - 1, q, direction(ctx))}-Q{q}",
                 year_inferred=True)


def quarter_year(cur_idx: int, q: int, way: str | None) -> int:
    """The year of quarter ``q`` nearest the current quarter index (year*4 + q-1).

    A past clause prefers a quarter at most ``QUARTER_WINDOW`` back (not ahead), a future
    one at most that far ahead; otherwise, and without a tense, the nearest wins (ties: the
    earlier).
    """
    cands = [y * 4 + q - 1 for y in range(cur_idx // 4 - 1, cur_idx // 4 + 2)]
    if way == "past":
        pool = [c for c in cands if 0 <= cur_idx - c <= QUARTER_WINDOW]
    elif way == "future":
        pool = [c for c in cands if 0 <= c - cur_idx <= QUARTER_WINDOW]
    else:
        pool = []
    best = min(pool or cands, key=lambda c: (abs(c - cur_idx), c))
    return best // 4


def _half(m: Match, ctx: Context) -> Value | None:
    h = 1 if (m.group("ord") or "").lower() in ("first", "1st") else 2
    year = m.group("y") or _rel_year((m.group("rel") or "").lower(), ctx.pub) or UNKNOWN_YEAR
    return Value("DATE", f"{year}-H{h}", year_inferred=not m.group("y") and year != UNKNOWN_YEAR)


def _fiscal(m: Match, ctx: Context) -> Value:
    y = (m.group("y") or "").lstrip("'")
    if len(y) == 2:
        y = ("19" if int(y) > 50 else "20") + y
    return Value("DATE", f"FY{y}")


def _season(m: Match, ctx: Context) -> Value | None:
    code = lexicon().kind("season")[(m.group("s") or "").lower()]
    if m.group("y"):
        return Value("DATE", f"{m.group('y')}-{code}")
    if ctx.pub is None:
        return Value("DATE", f"{UNKNOWN_YEAR}-{code}")
    rel = (m.group("rel") or "").lower()
    step = {"last": -1, "next": 1}.get(rel, 0)
    return Value("DATE", f"{ctx.pub.year + step}-{code}", year_inferred=True)


HANDLERS: dict[str, Callable[[Match, Context], Value | None]] = {
    "iso": _full, "mdy": _full, "dmy": _full, "md": _month_day, "dm": _month_day,
    "my": _month_year, "mon": _month, "wd": _weekday, "clock": _clock, "decade": _decade,
    "year": _year, "quarter": _quarter, "half": _half, "fiscal": _fiscal, "season": _season,
    **relative.HANDLERS,
}


def normalise(m: Match, ctx: Context) -> Value | None:
    """The TIMEX3 type and value of a recognised expression (None when it has none)."""
    handler = HANDLERS.get(m.name)
    return handler(m, ctx) if handler else None
