"""Pattern recognition without the parse: spans and pattern names."""
from __future__ import annotations

import pytest

from dateline.timex.recognise import find


@pytest.mark.parametrize(("text", "spans"), [
    ("on December 11 and in March 2016", ["December 11", "March 2016"]),
    ("five days after the vote", ["five days"]),
    ("between 60 and 90 days", ["60", "90 days"]),
    ("at 16:00 UTC today", ["16:00 UTC today"]),
    ("the first quarter of 2009 and Q3", ["the first quarter of 2009", "Q3"]),
    ("a twenty-five year low", ["twenty-five year"]),
])
def test_spans(text, spans):
    assert [text[m.start:m.end] for m in find(text)] == spans


def test_longest_match_wins():
    text = "It happened on February 24, 1955."
    found = find(text)
    assert [(text[m.start:m.end], m.name) for m in found] == [("February 24, 1955", "mdy")]
