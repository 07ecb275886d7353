"""Similarity features of the event linker: date intervals, names, masked measurements."""
from __future__ import annotations

import hashlib
from datetime import date

import pytest

from dateline.link.clusters import Mention, assign_clusters, dates_agree, vectorize
from dateline.link.features import (
    attach_context,
    interval,
    name_key,
    names_overlap,
)
from dateline.timex.value import gap_days


@pytest.mark.parametrize(("value", "expected"), [
    ("2008-10-06", (date(2008, 10, 6), date(2008, 10, 6))),
    ("2008-10-06T14:48", (date(2008, 10, 6), date(2008, 10, 6))),
    ("2008-W41", (date(2008, 10, 6), date(2008, 10, 12))),
    ("2005-Q4", (date(2005, 10, 1), date(2005, 12, 31))),
    ("2009-H1", (date(2009, 1, 1), date(2009, 6, 30))),
    ("2008-02", (date(2008, 2, 1), date(2008, 2, 29))),
    ("2003", (date(2003, 1, 1), date(2003, 12, 31))),
    ("PAST_REF", None),
    ("XXXX-12-11", None),
    ("2008-13-01", None),
    (None, None),
])
def test_interval(value, expected):
    assert interval(value) == expected


@pytest.mark.parametrize(("a", "b", "days"), [
    ("2008-10-06", "2008-W41", 0),
    ("2008-10-06", "2008-10-10", 4),
    ("2008-W41", "2008-10-20", 8),
    ("2003", "2003-04-28", 0),
    ("2005-Q4", "2006-01-02", 2),
])
def test_gap_days(a, b, days):
    assert gap_days(interval(a), interval(b)) == days == gap_days(interval(b), interval(a))


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("2008-10-06", "2008-W41", True),
    ("2008-10-13", "2008-W41", False),
    ("2005", "2005-Q4", True),
    ("2009-06-01", "2009-06-04", False),
])
def test_dates_agree_on_intervals(a, b, expected):
    x = Mention("d1", "e0", 0, 1, "OTHER", "fall", "occurred", "x", date=a, date_inferred=False)
    y = Mention("d2", "e0", 0, 1, "OTHER", "fall", "occurred", "y", date=b, date_inferred=False)
    assert dates_agree(x, y) is expected


@pytest.mark.parametrize(("text", "key"), [
    ("the FTSE 100", "ftse 100"),
    ("Apple's", "apple"),
    ("  Steve   Jobs ", "steve jobs"),
])
def test_name_key(text, key):
    assert name_key(text) == key


@pytest.mark.parametrize(("a", "b", "expected"), [
    ({"steve jobs"}, {"jobs"}, True),
    ({"nasdaq composite index"}, {"nasdaq"}, True),
    ({"nasdaq"}, {"s&p 500", "dow jones"}, False),
    (set(), {"apple"}, False),
])
def test_names_overlap(a, b, expected):
    assert names_overlap(frozenset(a), frozenset(b)) is expected


@pytest.mark.parametrize(("sentence", "masked", "numbers"), [
    ("The FTSE 100 dropped 2.36%.", ((4, 12),), {"2.36"}),
    ("In 2005 it lost $1.6 billion.", ((3, 7),), {"1.6"}),
    ("The FTSE 100 dropped 2.36%.", (), {"100", "2.36"}),
])
def test_numbers_skip_names_and_dates(sentence, masked, numbers):
    m = Mention("d1", "e0", 0, len(sentence), "OTHER", "drop", "occurred", sentence,
                masked=masked)
    vectorize([m])
    assert m.numbers == numbers


S_A = "The FTSE 100 dropped in value by 2.36% to below the 5000 mark on Wednesday."
S_B = "London's FTSE 100 dropped in value by 6.50% to a four-year low on Monday."
S_C = "The primary UK index, the FTSE 100, dropped in value by 2.36% to below 5000."


@pytest.mark.parametrize(("second", "published", "same"), [
    (S_C, date(2008, 9, 17), True),     # the same measurement, the same day
    (S_B, date(2008, 10, 6), False),    # another day's move, other figures
    (S_C, date(2008, 10, 6), False),    # 19 days later: only a near-copy sentence would do
])
def test_market_moves(second, published, same):
    a = Mention("d1", "e0", 0, len(S_A), "OTHER", "drop", "occurred", S_A,
                published=date(2008, 9, 17), masked=((4, 12),), names=frozenset({"ftse 100"}))
    off = second.index("FTSE 100")
    b = Mention("d2", "e0", 0, len(second), "OTHER", "drop", "occurred", second,
                published=published, masked=((off, off + 8),), names=frozenset({"ftse 100"}))
    assign_clusters([a, b])
    assert (a.cluster == b.cluster) is same


def test_attach_context_reads_entities_and_times(store):
    text = "Steve Jobs resigned on Wednesday. Jobs said the FTSE 100 fell."
    rec = {"schema": "dateline/1", "id": "d1", "published": "2011-08-25", "text": text,
           "entities": [{"start": 0, "end": 10, "text": "Steve Jobs", "type": "PERSON",
                         "id": "E1"},
                        {"start": 34, "end": 38, "text": "Jobs", "type": "PERSON", "id": "E1"},
                        {"start": 48, "end": 56, "text": "FTSE 100", "type": "ORG", "id": "E2"}],
           "times": [{"start": 23, "end": 32, "text": "Wednesday", "type": "DATE",
                      "value": "2011-08-24", "anchor": None, "year_inferred": False}],
           "events": [], "content_hash": hashlib.sha256(text.encode()).hexdigest()}
    store.write([rec], store.start_run({}))
    second = Mention("d1", "e1", 34, len(text), "OTHER", "fall", "occurred", text[34:])
    first = Mention("d1", "e0", 0, 33, "OTHER", "resign", "occurred", text[:33])
    attach_context(store.con, [first, second])
    assert first.names == {"steve jobs"} and first.masked == ((0, 10), (23, 32))
    assert first.written == ((date(2011, 8, 24), date(2011, 8, 24)),)
    assert second.names == {"steve jobs", "ftse 100"}
    vectorize([second])
    assert second.numbers == frozenset()


LEAVE_1 = "Steve Jobs announced on Monday that he would be on medical leave from the company."
LEAVE_2 = "Jobs has been on medical leave since January and Tim Cook runs the company."
JANUARY = ((date(2011, 1, 1), date(2011, 1, 31)),)


@pytest.mark.parametrize(("written", "same"), [
    (JANUARY, True),       # the later report dates the leave to the first report's month
    ((), False),           # seven months apart, nothing written: another leave for all we know
    (((date(2010, 3, 1), date(2010, 3, 31)),), False),
])
def test_sentence_dates_bridge_far_reports(written, same):
    a = Mention("d1", "e0", 0, len(LEAVE_1), "OTHER", "leave", "occurred", LEAVE_1,
                published=date(2011, 1, 17), names=frozenset({"steve jobs"}))
    b = Mention("d2", "e0", 0, len(LEAVE_2), "OTHER", "leave", "occurred", LEAVE_2,
                published=date(2011, 8, 25), names=frozenset({"steve jobs", "tim cook"}),
                written=written)
    assign_clusters([a, b])
    assert (a.cluster == b.cluster) is same
