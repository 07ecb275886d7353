"""Quantities, fallback dates/background and attribution (dateline.events.attributes)."""
from __future__ import annotations

import pytest

from dateline.events.attributes import _fallback_date, quantities
from dateline.model import Article


@pytest.mark.parametrize(("text", "expected"), [
    ("The military will pull out 23 warplanes and two helicopter gunships.",
     [("23 warplanes", 23.0, "warplane"), ("two helicopter gunships", 2.0, "gunship")]),
    ("Police detained 1,200 people.", [("1,200 people", 1200.0, "people")]),
    ("The talks resumed in March 2016.", []),
])
def test_quantities_are_counted_nouns(make_article, text, expected):
    art = make_article(text)
    got = [(q.text, q.value, q.unit) for q in quantities(list(art.doc))]
    assert got == expected


@pytest.mark.parametrize(("clause", "published", "expected"), [
    ("Russia began air strikes in September 2015", "2017-12-11", ("2015-09", "month", True)),
    ("Putin visited the base", "2017-12-11", ("2017-12-11", "day", False)),
    ("The plan was agreed in November 2017", "2017-12-11", ("2017-11", "month", False)),
])
def test_fallback_date_and_background(clause, published, expected):
    art = Article(id="t", text=clause, published=published)
    when = _fallback_date(art, 0, len(clause))
    assert (when["date"], when["date_precision"], when["background"]) == expected
