"""Table-driven checks of TIMEX3 recognition and normalisation on parsed sentences."""
from __future__ import annotations

import pytest

from dateline.stages.times import TimeStage

PUB = "2017-12-11"  # a Monday, ISO week 2017-W50

# (sentence, published, expression as written, expected TIMEX3 value)
CASES = [
    ("Putin visited the base on December 11.", PUB, "December 11", "2017-12-11"),
    ("He will seek reelection in a Marсh 18 vote.", PUB, "Marсh 18", "2018-03-18"),
    ("He will seek reelection in a March 18 vote.", PUB, "March 18", "2018-03-18"),
    ("The vote was held on March 18.", PUB, "March 18", "2017-03-18"),
    ("In March 2016, Putin ordered a withdrawal.", PUB, "March 2016", "2016-03"),
    ("The war began in March 2011.", PUB, "March 2011", "2011-03"),
    ("Russia began air strikes in September 2015.", PUB, "September 2015", "2015-09"),
    ("IS seized large parts of Iraq in 2014.", PUB, "2014", "2014"),
    ("They have softened their stances in recent years.", PUB, "recent years", "PAST_REF"),
    ("Jets flew close to U.S. planes in the past month.", PUB, "the past month", "P1M"),
    ("Jobs was born on February 24, 1955.", PUB, "February 24, 1955", "1955-02-24"),
    ("The store opened on April 28, 2003.", PUB, "April 28, 2003", "2003-04-28"),
    ("Prices rose from March 12 2009.", PUB, "March 12 2009", "2009-03-12"),
    ("The report appeared on 2016-05-04.", PUB, "2016-05-04", "2016-05-04"),
    ("The summit is on 20 January 2018.", PUB, "20 January 2018", "2018-01-20"),
    ("Apple announced today a new phone.", PUB, "today", "2017-12-11"),
    ("Markets fell sharply yesterday.", PUB, "yesterday", "2017-12-10"),
    ("The talks resume tomorrow.", PUB, "tomorrow", "2017-12-12"),
    ("Sales rose 5% last week.", PUB, "last week", "2017-W49"),
    ("Sales rose 5% this week.", PUB, "this week", "2017-W50"),
    ("The plant will close next year.", PUB, "next year", "2018"),
    ("The company lost money last year.", PUB, "last year", "2016"),
    ("Sales dropped 42% last month.", PUB, "last month", "2017-11"),
    ("Prices climbed earlier this month.", PUB, "earlier this month", "2017-12"),
    ("Profits will rise later this year.", PUB, "later this year", "2017"),
    ("The cars of the 1990s were boxy.", PUB, "the 1990s", "199"),
    ("Boxy cars of the 70s were popular.", PUB, "the 70s", "197"),
    ("The system will be released in mid-2011.", PUB, "mid-2011", "2011-06-XX"),
    ("It lost $6 billion in the first quarter of 2009.", PUB, "the first quarter of 2009",
     "2009-Q1"),
    ("Earnings rose in the third quarter.", PUB, "the third quarter", "2017-Q3"),
    ("Earnings fell in Q3 2016.", PUB, "Q3 2016", "2016-Q3"),
    ("The profit in the third quarter of this year was large.", PUB,
     "the third quarter of this year", "2017-Q3"),
    ("The plant closes during the fourth quarter of next year.", PUB,
     "the fourth quarter of next year", "2018-Q4"),
    ("Profits grew during the last quarter.", "2007-01-18", "the last quarter", "2006-Q4"),
    ("Its fiscal 2008 results were weak.", PUB, "fiscal 2008", "FY2008"),
    ("The visit came five days after the announcement.", PUB, "five days", "P5D"),
    ("He has been with the company for 33 years.", PUB, "33 years", "P33Y"),
    ("The process would take 90 days.", PUB, "90 days", "P90D"),
    ("Stocks fell for six straight days.", PUB, "six straight days", "P6D"),
    ("The index hit a twelve-year low.", PUB, "twelve-year", "P12Y"),
    ("The index reached a 12-year low.", PUB, "12-year", "P12Y"),
    ("It was near a five-year high.", PUB, "five-year", "P5Y"),
    ("The Dow lost 1,000 points in thirty minutes.", PUB, "thirty minutes", "PT30M"),
    ("The change happens within the next six months.", PUB, "the next six months", "P6M"),
    ("Japan posted two consecutive quarters of decline.", PUB,
     "two consecutive quarters", "P2Q"),
    ("It is the biggest conference in the past decade.", PUB, "the past decade", "P10Y"),
    ("The highest level in years was reached.", PUB, "years", "PXY"),
    ("The earthquake hit the country a week ago.", "2011-03-18", "a week ago", "2011-03-11"),
    ("The company announced on Monday that it would cut jobs.", PUB, "Monday", "2017-12-11"),
    ("Chrysler filed for bankruptcy Thursday.", PUB, "Thursday", "2017-12-07"),
    ("The trial is set to begin on Wednesday.", PUB, "Wednesday", "2017-12-13"),
    ("Markets stay closed until Friday.", PUB, "Friday", "2017-12-15"),
    ("GM admitted Thursday night that the loss could grow.", PUB, "Thursday night",
     "2017-12-07TNI"),
    ("Apple announced the deal this morning.", PUB, "this morning", "2017-12-11TMO"),
    ("GM filed at 12:00 UTC Monday in a New York court.", PUB, "12:00 UTC Monday",
     "2017-12-11T12:00Z"),
    ("The Dow was down 2.62% at 16:08 UTC.", PUB, "16:08 UTC", "2017-12-11T16:08Z"),
    ("At 0800 UTC, the Bank of Canada acted.", PUB, "0800 UTC", "2017-12-11T08:00Z"),
    ("The iPod was introduced in January.", PUB, "January", "2017-01"),
    ("The deal should be completed in October.", "2009-06-05", "October", "2009-10"),
    ("The figure was not seen since last September.", "2009-10-12", "last September",
     "2009-09"),
    ("Dealers will be cut by early June.", "2009-05-14", "early June", "2009-06"),
    ("Spring shows signs of hope.", "2009-04-01", "Spring", "2009-SP"),
    ("The store currently sells music.", PUB, "currently", "PRESENT_REF"),
    ("The recently announced phone sold out.", PUB, "recently", "PAST_REF"),
    ("The plan goes to governments very soon.", PUB, "very soon", "FUTURE_REF"),
    ("It may change in the future.", PUB, "the future", "FUTURE_REF"),
    ("Claims for weekly benefits rose.", PUB, "weekly", "P1W"),
    ("The company reports annually to regulators.", PUB, "annually", "P1Y"),
    ("The board meets every week.", PUB, "every week", "P1W"),
    ("Ford sales rose in February compared to the same period last year.", "2010-03-03",
     "the same period last year", "2009-02"),
    ("Sales dropped from the previous year.", "2009-02-03", "the previous year", "2008"),
    ("Data were released on Friday. Shares fell on the same day.", PUB, "the same day",
     "2017-12-08"),
    ("The index rose 2% to end the day at 8,017.", PUB, "the day", "2017-12-11"),
    ("Losses could reach $2 billion by the end of this year.", PUB, "the end of this year",
     "2017"),
    ("The automaker had cash at the end of last year.", PUB, "the end of last year", "2016"),
    ("Shares fell at the beginning of the year.", PUB, "the beginning of the year", "2017"),
    ("The G7 met during the weekend.", PUB, "the weekend", "2017-W49-WE"),
    ("The deal was signed in late 2006 for $51 million.", PUB, "late 2006", "2006"),
    ("Sales fell 32% from a year earlier.", PUB, "a year earlier", "2016"),
    ("The contracts provide $300 million a year to vendors.", PUB, "a year", "P1Y"),
    ("Ford will close ten plants during the fourth quarter.", "2006-08-19",
     "the fourth quarter", "2006-Q4"),
    ("Foreclosures rose in the fourth quarter.", "2007-03-13", "the fourth quarter",
     "2006-Q4"),
    ("At a press conference at 16:15 UTC, June 1st, he spoke.", "2009-06-04", "16:15 UTC",
     "2009-06-01T16:15Z"),
    ("The process would take between 60 and 90 days.", PUB, "60", "P60D"),
    ("Prices rose for a couple of months.", PUB, "a couple of months", "P2M"),
    ("The firm was founded decades ago.", PUB, "decades ago", "PAST_REF"),
    ("Workers earn $12-an-hour in shops.", PUB, "an-hour", "PT1H"),
    ("They work 60 hours a week.", PUB, "a week", "P1W"),
    ("Protocol called for her to be taken to hospital after her Sunday morning collapse.",
     "2016-09-12", "Sunday morning", "2016-09-11TMO"),
]
UNKNOWN_PUB = [
    ("Putin visited the base on December 11.", "December 11", "XXXX-12-11"),
    ("The iPod was introduced in January.", "January", "XXXX-01"),
    ("In March 2016, Putin ordered a withdrawal.", "March 2016", "2016-03"),
    ("Chrysler filed for bankruptcy Thursday.", "Thursday", "XXXX-WXX-4"),
    ("Leaders will meet this weekend.", "this weekend", "XXXX-WXX-WE"),
    ("Sales fell 5% last month.", "last month", "XXXX-XX"),
]


@pytest.fixture(scope="module")
def stage(settings):
    """The times stage."""
    return TimeStage(settings)


def _times(make_article, stage, text, published):
    return {t.text: t for t in stage(make_article(text, published)).times}


@pytest.mark.parametrize(("text", "published", "expr", "value"), CASES)
def test_normalises_expression(make_article, stage, text, published, expr, value):
    times = _times(make_article, stage, text, published)
    assert expr in times, f"{expr!r} not recognised in {text!r}: {sorted(times)}"
    assert times[expr].value == value


@pytest.mark.parametrize(("text", "expr", "value"), UNKNOWN_PUB)
def test_unknown_publication_date_stays_underspecified(make_article, stage, text, expr, value):
    times = _times(make_article, stage, text, None)
    assert times[expr].value == value
    assert times[expr].year_inferred is False


@pytest.mark.parametrize(("text", "expr", "inferred"), [
    ("Putin visited the base on December 11.", "December 11", True),
    ("In March 2016, Putin ordered a withdrawal.", "March 2016", False),
    ("Sales rose 5% last week.", "last week", True),
])
def test_year_inferred_only_when_year_unwritten(make_article, stage, text, expr, inferred):
    assert _times(make_article, stage, text, PUB)[expr].year_inferred is inferred


@pytest.mark.parametrize(("text", "expr", "ttype"), [
    ("The visit came five days after the announcement.", "five days", "DURATION"),
    ("GM filed at 12:00 UTC Monday in a New York court.", "12:00 UTC Monday", "TIME"),
    ("Claims for weekly benefits rose.", "weekly", "SET"),
    ("Putin visited the base on December 11.", "December 11", "DATE"),
])
def test_types(make_article, stage, text, expr, ttype):
    assert _times(make_article, stage, text, PUB)[expr].type == ttype


def test_duration_after_event_is_anchored(make_article, stage):
    text = ("Putin visited the base on December 11. The visit came five days after the "
            "president announced he will seek reelection.")
    times = _times(make_article, stage, text, PUB)
    assert times["five days"].value == "P5D"
    assert times["five days"].anchor == "2017-12-06"


@pytest.mark.parametrize("text", [
    "Theresa May spoke to the press.",
    "Officials may decide to march on the capital.",
    "The 56-year-old executive resigned.",
    "The Russell 2000 index fell.",
    "It cut 2014 jobs.",
    "Shares cost $3.50 each.",
    "Their most recent model sold well.",
    "Media timer 0:01:03 appears here.",
    "The factory will reopen as soon as possible.",
    "We think it is the future of notebooks.",
    "About a quarter of its dealers will close.",
    "Three quarters of the staff left.",
    "Less than a quarter of Clinton's donors gave more.",
    "A cashier steals a handful of $20s.",
    "He spoke shortly after the vote.",
    "He appeared on Russia Today programmes.",
    "It is a problem on a day-to-day basis.",
])
def test_look_alikes_are_not_times(make_article, stage, text):
    assert [(t.text, t.value) for t in stage(make_article(text, PUB)).times] == []
