"""Normalisation of relative and vague expressions against the publication date.

"yesterday", "last week" (-> ``2017-W49``), "earlier this month", "the same day" (the last
day mentioned), "the past month" (a duration, ``P1M``), "five days after ..." (``P5D`` with
the anchored point as ``anchor``), "recently" (``PAST_REF``), "every week" (a SET).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from dateline.timex.calendar import (
    UNKNOWN_YEAR,
    Context,
    Value,
    fmt_at,
    fmt_day,
    fmt_month,
    fmt_week,
    minus_year,
    quarter_of,
    shift,
    value_year,
)
from dateline.timex.lexicon import lexicon
from dateline.timex.recognise import Match

DAY_STEP = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "this": 0}
# determiners of "<det> <unit>": offset in units from the publication date's unit
DET_STEP = {"this": 0, "the current": 0, "last": -1, "the previous": -1, "the last": -1,
            "next": 1, "the coming": 1, "the next": 1, "the following": 1}
ANAPHORIC = {"the same", "that", "the"}
WHOLE = {"the entire", "the whole"}
DURATION_DETS = {"the past"}
SATURDAY = 6
UNKNOWN_UNIT_VALUE = {"week": f"{UNKNOWN_YEAR}-WXX", "weekend": f"{UNKNOWN_YEAR}-WXX-WE",
                      "month": f"{UNKNOWN_YEAR}-XX", "quarter": f"{UNKNOWN_YEAR}-QX",
                      "day": f"{UNKNOWN_YEAR}-XX-XX"}
RATE_LEFT = re.compile(r"(?:\d|million|billion|thousand|units|percent|%|hours|days|times)"
                       r"[\s-]*$")
CLOCK_UNITS = {"TS": "S", "TM": "M", "TH": "H"}


def unit_code(word: str | None) -> str:
    """TIMEX3 unit of a unit word ("weeks" -> W, "decade" -> Y10, "minutes" -> TM)."""
    w = (word or "").lower()
    w = "century" if w.startswith("centur") else w.rstrip("s") if w != "s" else w
    return lexicon().kind("unit").get(w, "")


def duration_value(n: float, unit: str) -> str:
    """``P5D``, ``P10Y`` (for a decade), ``PT30M``."""
    if unit == "Y10":
        n, unit = n * 10, "Y"
    elif unit == "CE":
        n, unit = n * 100, "Y"
    num = str(int(n)) if float(n).is_integer() else str(n)
    if unit in CLOCK_UNITS:
        return f"PT{num}{CLOCK_UNITS[unit]}"
    return f"P{num}{unit}"


def _relday(m: Match, ctx: Context) -> Value:
    word = (m.group("w") or "").lower()
    pod = lexicon().kind("partofday").get((m.group("pod") or "").lower())
    if word == "tonight":
        pod = "NI"
    if ctx.pub is None:
        value = f"{UNKNOWN_YEAR}-XX-XX" + (f"T{pod}" if pod else "")
        return Value("TIME" if pod else "DATE", value)
    day = fmt_day(ctx.pub + timedelta(days=DAY_STEP.get(word, 0)))
    if pod:
        return Value("TIME", f"{day}T{pod}", year_inferred=True)
    return Value("DATE", day, year_inferred=True)


def _unit_value(unit: str, d: date) -> str:
    if unit == "week":
        return fmt_week(d)
    if unit == "weekend":
        return fmt_week(d) + "-WE"
    if unit == "month":
        return fmt_month(d)
    if unit == "quarter":
        return f"{d.year}-Q{quarter_of(d)}"
    if unit == "decade":
        return f"{d.year // 10:03d}"
    if unit == "century":
        return f"{d.year // 100:02d}"
    if unit == "day":
        return fmt_day(d)
    return f"{d.year:04d}"


def _shift_unit(d: date, unit: str, step: int) -> date:
    code = {"week": "W", "weekend": "W", "month": "M", "quarter": "Q", "year": "Y",
            "day": "D"}.get(unit)
    if code:
        return shift(d, step, code)
    years = {"decade": 10, "century": 100}.get(unit, 1)
    return shift(d, step * years, "Y")


def _weekend(ctx: Context) -> Value | None:
    """"the weekend": the one before the publication day in past clauses, else its own."""
    if ctx.pub is None:
        return None
    past = ctx.tense == "past" and ctx.pub.isoweekday() < SATURDAY
    day = ctx.pub - timedelta(days=7) if past else ctx.pub
    return Value("DATE", fmt_week(day) + "-WE", year_inferred=True)


def _anaphoric(unit: str, ctx: Context) -> Value | None:
    if unit == "weekend":
        return _weekend(ctx)
    if unit in ("day", "time"):
        base = ctx.ref_day or ctx.pub
        return Value("DATE", fmt_day(base), year_inferred=True) if base else None
    if unit == "year":
        year = value_year(ctx.ref_value) or (ctx.pub.year if ctx.pub else None)
        return Value("DATE", f"{year:04d}", year_inferred=True) if year else None
    base = ctx.ref_day or ctx.pub
    return Value("DATE", _unit_value(unit, base), year_inferred=True) if base else None


def _relunit(m: Match, ctx: Context) -> Value | None:
    det = " ".join((m.group("det") or "").lower().split())
    unit = (m.group("u") or "").lower()
    mod = (m.group("mod") or "").lower()
    if det in WHOLE and not mod:
        return _anaphoric(unit, ctx)
    if det in DURATION_DETS:
        code = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y",
                "decade": "Y10", "century": "CE"}.get(unit)
        return Value("DURATION", duration_value(1, code)) if code else None
    if det in ANAPHORIC:
        if det == "the" and not mod and unit not in ("day", "weekend"):
            return None
        if det == "the" and mod and unit not in ("day", "weekend"):
            det = "this"
        else:
            return _anaphoric(unit, ctx)
    if unit == "time" or det not in DET_STEP:
        return None
    if ctx.pub is None:
        return Value("DATE", UNKNOWN_UNIT_VALUE.get(unit, UNKNOWN_YEAR))
    d = _shift_unit(ctx.pub, unit, DET_STEP[det])
    return Value("DATE", _unit_value(unit, d), year_inferred=True)


def _unitprev(m: Match, ctx: Context) -> Value | None:
    unit = (m.group("u") or "").lower()
    base = ctx.ref_day or ctx.pub
    if unit == "year":
        year = value_year(ctx.ref_value) or (base.year if base else None)
        return Value("DATE", f"{year - 1:04d}", year_inferred=True) if year else None
    if base is None:
        return None
    return Value("DATE", _unit_value(unit, _shift_unit(base, unit, -1)), year_inferred=True)


def _sameprev(m: Match, ctx: Context) -> Value | None:
    ref = ctx.ref_value or (fmt_day(ctx.pub) if ctx.pub else None)
    if ref is None or value_year(ref) is None:
        return None
    unit = (m.group("u") or "").lower()
    if unit == "month" and re.match(r"^\d{4}-\d\d-\d\d", ref):
        ref = ref[:7]
    return Value("DATE", minus_year(ref), year_inferred=True)


def _ago(n: float, unit: str, word: str, ctx: Context) -> Value:
    """"a week ago" (from publication), "two years later" (from the last date mentioned)."""
    base = ctx.pub if word in ("ago", "from now") else (ctx.ref_day or ctx.pub)
    if base is None:
        return Value("DATE", f"{UNKNOWN_YEAR}-XX-XX")
    step = -1 if word in ("ago", "earlier") else 1
    d = shift(base, step * int(n) * (10 if unit == "Y10" else 1), unit.replace("10", ""))
    return Value("DATE", fmt_at(d, unit), year_inferred=True)


def _dur(m: Match, ctx: Context) -> Value | None:
    n = lexicon().number(m.group("n") or "")
    unit = unit_code(m.group("u"))
    if n is None or not unit:
        return None
    ago = " ".join((m.group("ago") or "").lower().split())
    if ago:
        return _ago(n, unit, ago, ctx)
    if (m.group("n") or "").lower() in ("a", "an") and RATE_LEFT.search(ctx.left):
        return Value("SET", duration_value(1, unit))  # "$300 million a year"
    anchor = None
    rel = (m.group("rel") or "").lower()
    base = ctx.ref_day or ctx.pub
    if rel and base is not None and unit in ("D", "W", "M", "Y") and float(n).is_integer():
        step = -int(n) if rel in ("after", "later") else int(n)
        anchor = fmt_at(shift(base, step, unit), unit)
    return Value("DURATION", duration_value(n, unit), anchor=anchor)


def _vague(m: Match, ctx: Context) -> Value | None:
    if m.group("ago"):
        return Value("DATE", "PAST_REF")  # "years ago": some unspecified past time
    value = lexicon().kind("vague").get((m.group("u") or "").lower())
    return Value("DURATION", value) if value else None


def _ref(m: Match, ctx: Context) -> Value | None:
    word = " ".join((m.group("w") or "").lower().split())
    value = lexicon().kind("ref").get(word)
    return Value("DATE", value) if value else None


def _set(m: Match, ctx: Context) -> Value | None:
    word = " ".join((m.group("w") or "").lower().split())
    if word:
        value = lexicon().kind("set").get(word)
        return Value("SET", value) if value else None
    unit = unit_code(m.group("u"))
    n = lexicon().number(str(m.group("n"))) if m.group("n") else 1.0
    if not unit or n is None:
        return None
    return Value("SET", duration_value(n, unit))


HANDLERS: dict[str, Callable[[Match, Context], Value | None]] = {
    "relday": _relday, "relunit": _relunit, "unitprev": _unitprev, "sameprev": _sameprev,
    "dur": _dur, "vague": _vague, "ref": _ref, "set": _set,
}
