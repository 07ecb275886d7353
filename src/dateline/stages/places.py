"""The places stage: find toponyms and resolve them offline to GeoNames ids and points.

Recognition (``dateline.geo.recognize``) takes spaCy's GPE/LOC/FAC entities plus names the
model missed or mislabelled that the gazetteer knows; resolution (``dateline.geo.resolve``)
picks one entry per mention with the article's context. A metonymic mention ("Turkey
said") stays a place with coordinates and ``metonymic=True``. A street or building the
gazetteer does not know ("Royal Street") gets ``geonames_id=None`` and the point of the
article's nearest preceding city (else its main city, division or country), with that
entry's precision: located only that far.
"""
from __future__ import annotations

from dataclasses import replace

from dateline.config import Settings
from dateline.geo.gazetteer import Gazetteer, load_gazetteer
from dateline.geo.recognize import (
    find_mentions,
    is_metonymic,
    load_demonyms,
    load_place_cues,
    nationalities,
)
from dateline.geo.resolve import PRECISION, Resolved, resolve
from dateline.model import Article, Place
from dateline.textnorm import match_text
from dateline.vocab import Fact


def to_place(r: Resolved, metonymic: bool) -> Place:
    """A resolved mention as the record's Place."""
    m, c = r.mention, r.candidate
    if c is None:
        return Place(m.start, m.end, m.text, name=m.text, metonymic=metonymic)
    if r.fallback:  # located only as far as the article's focus city
        return Place(m.start, m.end, m.text, name=m.text, country=c.country or None,
                     lat=c.lat, lon=c.lon, geonames_id=None, precision=PRECISION[c.kind],
                     metonymic=metonymic)
    return Place(m.start, m.end, m.text, name=c.name, country=c.country or None, lat=c.lat,
                 lon=c.lon, geonames_id=c.geonames_id, precision=PRECISION[c.kind],
                 metonymic=metonymic)


class PlaceStage:
    """Geoparses an article: toponym spans with coordinates, country and GeoNames id."""

    name = "places"
    requires = frozenset({Fact.NER, Fact.SENTENCES, Fact.TOKENS})
    produces = frozenset({Fact.PLACES})

    def __init__(self, settings: Settings | None = None, gazetteer: Gazetteer | None = None):
        self.settings = settings or Settings()
        self.gazetteer = gazetteer or load_gazetteer()
        self.cues = load_place_cues()
        self.demonyms = load_demonyms()

    def __call__(self, article: Article) -> Article:
        """Fill ``article.places`` (text order, non-overlapping)."""
        text = match_text(article.text)
        mentions = find_mentions(article, text, self.gazetteer, self.cues)
        resolved = resolve(text, mentions, self.gazetteer, self.cues, self.demonyms,
                           nationalities(article.doc, self.demonyms))
        places = []
        for r in resolved:
            m = r.mention
            place = to_place(r, is_metonymic(article.doc, m, self.cues))
            # spans index the stored text; the text field is the stored characters
            places.append(replace(place, text=article.text[m.start:m.end]))
        article.places = places
        return article
