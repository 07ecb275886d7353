"""Event places: the most specific literal place in a span, else the dateline place."""
from __future__ import annotations

import pytest

from dateline.geo import dateline_place, event_place
from dateline.model import Article, Place


def _article(text, places):
    return Article(id="t", text=text, places=places)


def _place(text, full, name, precision, lat=1.0, lon=2.0, metonymic=False):
    start = full.index(text)
    return Place(start, start + len(text), text, name=name, country="XX", lat=lat, lon=lon,
                 geonames_id=None, precision=precision, metonymic=metonymic)


TEXT = "WASHINGTON -- Troops left Syria. Officials in Latakia said Russia agreed."


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Troops left Syria.", "Syria"),
    ("Officials in Latakia said Russia agreed.", "Latakia"),
    ("WASHINGTON --", "Washington"),
])
def test_event_place_picks_most_specific(sentence, expected):
    places = [_place("WASHINGTON", TEXT, "Washington", "city"),
              _place("Syria", TEXT, "Syria", "country"),
              _place("Latakia", TEXT, "Latakia", "city"),
              _place("Russia", TEXT, "Russia", "country", metonymic=True)]
    art = _article(TEXT, places)
    start = TEXT.index(sentence)
    got = event_place(art, start, start + len(sentence))
    assert got is not None and got["name"] == expected
    assert set(got) == {"name", "country", "lat", "lon", "geonames_id", "precision"}


def test_metonymic_only_span_uses_dateline():
    text = "BEIRUT (Reuters) - Russia said it would stay."
    places = [_place("BEIRUT", text, "Beirut", "city"),
              _place("Russia", text, "Russia", "country", metonymic=True)]
    art = _article(text, places)
    start = text.index("Russia")
    assert event_place(art, start, len(text))["name"] == "Beirut"
    assert dateline_place(art).name == "Beirut"


@pytest.mark.parametrize("text", ["Russia said it would stay.", ""])
def test_no_place_gives_none(text):
    art = _article(text, [])
    assert event_place(art, 0, len(text)) is None
