"""Event places for the events stage: where did the event in [start, end) happen?"""
from __future__ import annotations

import re
from typing import Any

from dateline.model import Article, Place

SPECIFICITY = {"point": 0, "city": 1, "admin1": 2, "country": 3, "region": 4}
# a dateline is an upper-case place name (optionally ", Region") at the very start of the
# text followed by a dash, colon or "(Agency)": "WASHINGTON --", "BEIRUT (Reuters) -"
DATELINE_WINDOW = 80
_DATELINE = re.compile(r"^\s*([A-Z][A-Z .'\-]+?)(?:,\s*[A-Za-z. ]+?)?\s*(?:\([^)]*\)\s*)?[-—–:]")


def _located(p: Place) -> bool:
    return p.lat is not None and p.lon is not None


def dateline_place(article: Article) -> Place | None:
    """The place named in the article's dateline ("WASHINGTON --"), when it has one."""
    m = _DATELINE.match(article.text[:DATELINE_WINDOW])
    if not m:
        return None
    for p in article.places:
        if p.start >= m.start(1) and p.end <= m.end(0) and _located(p):
            return p
    return None


def event_place(article: Article, start: int, end: int) -> dict[str, Any] | None:
    """The most specific non-metonymic place inside [start, end), else the dateline place.

    Returns ``Place.as_location()`` (name, country, lat, lon, geonames_id, precision) or None.
    """
    inside = [p for p in article.places
              if p.start >= start and p.end <= end and not p.metonymic and _located(p)]
    if inside:
        best = min(inside, key=lambda p: (SPECIFICITY.get(p.precision or "", 5), p.start))
        return best.as_location()
    dl = dateline_place(article)
    return dl.as_location() if dl else None
