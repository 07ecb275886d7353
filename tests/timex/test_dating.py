"""Event dating: the clause's own date, its precision, inference and background."""
from __future__ import annotations

import pytest

from dateline.stages.times import TimeStage
from dateline.timex import event_date, precision
from dateline.timex.value import TimexValue

PUB = "2017-12-11"


@pytest.mark.parametrize(("text", "date", "prec", "inferred", "background"), [
    ("Russia began a campaign of air strikes in September 2015.", "2015-09", "month", False,
     True),
    ("In March 2016, Putin ordered the start of the withdrawal.", "2016-03", "month", False,
     True),
    ("Putin ordered a partial withdrawal on December 11.", "2017-12-11", "day", False, False),
    ("Putin has made a surprise visit to Syria.", PUB, "day", True, False),
    ("The company will cut 2,000 jobs next year.", "2018", "year", False, False),
    ("The visit lasted five days.", PUB, "day", True, False),
    ("The new order comes after setbacks for IS, which seized Raqqa in 2014.", PUB, "day",
     True, False),
    ("Russia has backed Assad since the war began.", PUB, "day", True, True),
    ("Sales fell 5% last week.", "2017-W49", "month", False, False),
])
def test_event_date(make_article, settings, text, date, prec, inferred, background):
    art = TimeStage(settings)(make_article(text, PUB))
    got = event_date(art, 0, len(text))
    assert got == {"date": date, "date_precision": prec, "date_inferred": inferred,
                   "background": background}


def test_no_publication_date_gives_no_date(make_article, settings):
    art = TimeStage(settings)(make_article("Putin has made a surprise visit to Syria.", None))
    assert event_date(art, 0, len(art.text))["date"] is None


def test_trigger_picks_its_own_clause_date(make_article, settings):
    text = "Putin, who visited Syria in March 2016, ordered a withdrawal on December 11."
    art = TimeStage(settings)(make_article(text, PUB))
    assert event_date(art, 0, len(text), text.index("visited"))["date"] == "2016-03"
    assert event_date(art, 0, len(text), text.index("ordered"))["date"] == "2017-12-11"


@pytest.mark.parametrize(("value", "expected"), [
    ("2017-12-11", "day"), ("2016-03", "month"), ("2014", "year"), ("2009-Q3", "year"),
    ("XXXX-12-11", "day"), ("199", None), ("PAST_REF", None),
])
def test_precision(value, expected):
    assert precision(value) == expected


@pytest.mark.parametrize(("value", "end"), [
    ("2014", "2014-12-31"), ("2016-02", "2016-02-29"), ("2009-Q3", "2009-09-30"),
    ("2017-12-11", "2017-12-11"), ("2017-W49", "2017-12-10"),
])
def test_period_end(value, end):
    assert TimexValue.parse(value).end.isoformat() == end


@pytest.mark.parametrize(("value", "end"), [
    ("2008-WI", "2008-12-31"), ("2008-FA", "2008-11-30"), ("2008-W05", "2008-02-03"),
    ("2008-Q3", "2008-09-30"), ("2008-H1", "2008-06-30"), ("2008-QX", "2008-12-31"),
])
def test_period_end_of_seasons_weeks_and_quarters(value, end):
    assert str(TimexValue.parse(value).end) == end


@pytest.mark.parametrize(("value", "span", "unit"), [
    ("2016-03-15T10:00", ("2016-03-15", "2016-03-15"), "day"),
    ("2016-03", ("2016-03-01", "2016-03-31"), "month"),
    ("2016-03-XX", ("2016-03-01", "2016-03-31"), "month"),
    ("2017-W49", ("2017-12-04", "2017-12-10"), "week"),
    ("2008-Q3", ("2008-07-01", "2008-09-30"), "quarter"),
    ("2008-SU", ("2008-06-01", "2008-08-31"), "season"),
    ("2016", ("2016-01-01", "2016-12-31"), "year"),
])
def test_timex_value_spans(value, span, unit):
    parsed = TimexValue.parse(value)
    assert (parsed.start.isoformat(), parsed.end.isoformat()) == span and parsed.unit == unit


@pytest.mark.parametrize("value", [None, "", "PRESENT_REF", "P5D", "XXXX-12-11", "2016-02-30",
                                   "2016-13"])
def test_timex_value_refuses_what_covers_no_known_days(value):
    assert TimexValue.parse(value) is None


def test_timex_values_compare_by_their_days():
    a, b = TimexValue.parse("2016-03"), TimexValue.parse("2016-04-02")
    assert a < b and a.gap_days(b) == 2 and b.gap_days(a) == 2
    assert TimexValue.parse("2016").gap_days(b) == 0
