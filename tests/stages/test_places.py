"""The places stage on the seed and on hand-written sentences."""
from __future__ import annotations

import pytest

from dateline.model import to_record
from dateline.pipeline import Pipeline
from dateline.stages.places import PlaceStage


@pytest.fixture(scope="module")
def stage(settings):
    return PlaceStage(settings)


@pytest.fixture(scope="module")
def seed_places(stage, make_article, seed_text):
    art = stage(make_article(seed_text))
    return art


SEED_EXPECTED = [  # (mention, country, lat, lon, tolerance in degrees)
    ("Hmeimim", "SY", 35.40, 35.95, 0.2),
    ("Tartus", "SY", 34.89, 35.89, 0.2),
    ("Latakia", "SY", 35.53, 35.79, 0.3),
    ("Raqqa", "SY", 35.95, 39.01, 0.2),
    ("Jerusalem", "IL", 31.77, 35.21, 0.2),
    ("Syria", "SY", 35.0, 38.0, 3.0),
    ("Russia", "RU", 60.0, 100.0, 15.0),
    ("Egypt", "EG", 27.0, 30.0, 3.0),
    ("Turkey", "TR", 39.0, 35.0, 3.0),
    ("Iraq", "IQ", 33.0, 44.0, 3.0),
    ("Israel", "IL", 31.5, 34.8, 2.0),
    ("United States", "US", 39.0, -97.0, 8.0),
]


@pytest.mark.parametrize(("mention", "country", "lat", "lon", "tol"), SEED_EXPECTED)
def test_seed_places_resolved(seed_places, mention, country, lat, lon, tol):
    found = [p for p in seed_places.places if p.text == mention]
    assert found, f"{mention} not found"
    p = found[0]
    assert p.country == country
    assert abs(p.lat - lat) <= tol and abs(p.lon - lon) <= tol


def test_seed_spans_index_the_stored_text(seed_places):
    for p in seed_places.places:
        assert seed_places.text[p.start:p.end] == p.text


def test_seed_spans_do_not_overlap(seed_places):
    spans = sorted((p.start, p.end) for p in seed_places.places)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


def test_seed_moscow_metonymic(seed_places):
    moscow = [p for p in seed_places.places if p.text == "Moscow"]
    assert moscow and any(p.metonymic for p in moscow)
    assert all(p.lat is not None for p in moscow)


@pytest.mark.parametrize(("text", "expected"), [
    ("The Russian naval facility at Tartus will stay.", "Tartus"),
    ("Putin spoke at the Hmeimim base.", "Hmeimim"),
    ("Ships sailed along Syria's Mediterranean coast.", "Mediterranean"),
])
def test_recognises_names_the_model_mislabels(stage, make_article, text, expected):
    assert expected in {p.text for p in stage(make_article(text)).places}


@pytest.mark.parametrize("text", [
    "Steven Tyler sang. Later Tyler said he was tired.",
    "The weather was mild and nothing happened.",
    "Air strikes against IS militants continued.",
    "Ava DuVernay spoke in Los Angeles. DuVernay said the film was done.",
])
def test_no_places_in_placeless_text(stage, make_article, text):
    assert all(p.text in ("Los Angeles",) for p in stage(make_article(text)).places)


def test_record_carries_places(stage, make_article):
    rec = to_record(stage(make_article("Troops left Aleppo on Monday.")))
    place = rec["places"][0]
    assert place["text"] == "Aleppo" and place["country"] == "SY"
    assert {"lat", "lon", "geonames_id", "precision", "metonymic"} <= set(place)


def test_homoglyph_text_keeps_offsets(stage, make_article):
    text = "Troops left Ale\u0440po and Мoscow."  # Cyrillic р and М inside Latin words
    art = stage(make_article(text))
    for p in art.places:
        assert art.text[p.start:p.end] == p.text
    assert any(p.name == "Moscow" for p in art.places)


def test_stage_declares_its_chain(settings):
    stage = PlaceStage(settings)
    assert stage.requires == {"ner", "sentences", "tokens"} and stage.produces == {"places"}
    Pipeline(lambda raw: None, [_Nlp(), stage]).check()


class _Nlp:
    name = "nlp"
    requires = frozenset({"text"})
    produces = frozenset({"sentences", "tokens", "ner"})

    def __call__(self, article):
        return article


@pytest.mark.parametrize(("text", "expected"), [
    ("SAN ANTONIO — The team arrived late on Sunday.", "SAN ANTONIO"),
    ("Unemployment fell in countries such as Cyprus, Greece Italy or Spain.", "Italy"),
    ("The lease ended in the Soviet Union.", "Soviet Union"),
])
def test_recognises_datelines_and_split_names(stage, make_article, text, expected):
    assert expected in {p.text for p in stage(make_article(text)).places}
