"""Resolution: priors, article context, containment, counties and fallbacks."""
from __future__ import annotations

import pytest

from dateline.stages.places import PlaceStage


@pytest.fixture(scope="module")
def stage(settings, gazetteer):
    return PlaceStage(settings, gazetteer)


def _places(make_article, stage, text):
    return {p.text: p for p in stage(make_article(text)).places}


@pytest.mark.parametrize(("text", "mention", "country", "precision"), [
    ("Protesters gathered in Paris on Sunday.", "Paris", "FR", "city"),
    ("The sheriff in Paris, Texas, said the road was closed.", "Paris", "US", "city"),
    ("Officials in Georgia met in Tbilisi with Russian envoys.", "Georgia", "GE", "country"),
    ("The governor of Georgia spoke in Atlanta and Savannah.", "Georgia", "US", "admin1"),
    ("A new development in Gainesville, Va., has 70 townhouses.", "Gainesville", "US", "city"),
    ("The Islamic State group lost the Syrian city of Raqqa.", "Raqqa", "SY", "city"),
    ("Fighting continued in eastern Syria on Monday.", "Syria", "SY", "country"),
    ("Amid tension between Moscow and Washington, talks stalled.", "Washington", "US", "city"),
    ("Tourism in the Middle East grew last year.", "Middle East", None, "region"),
    ("He visited St. Petersburg and Moscow in the spring.", "St. Petersburg", "RU", "city"),
    ("He was poisoned in the southern English city of Salisbury.", "Salisbury", "GB", "city"),
    ("American officials said the plant in Salisbury had closed.", "Salisbury", "US", "city"),
])
def test_resolves_in_context(make_article, stage, text, mention, country, precision):
    place = _places(make_article, stage, text)[mention]
    assert (place.country, place.precision) == (country, precision)
    assert place.lat is not None and place.lon is not None


def test_gainesville_virginia_not_florida(make_article, stage):
    place = _places(make_article, stage, "Homes in Gainesville, Va., sell fast.")["Gainesville"]
    assert 38 < place.lat < 39.5 and -78.5 < place.lon < -77


def test_county_resolves_within_named_state(make_article, stage):
    text = "A winning ticket was sold in Morris County, New Jersey, officials said."
    place = _places(make_article, stage, text)["Morris County"]
    assert place.country == "US" and 39 < place.lat < 41.5 and -75.7 < place.lon < -73.8


def test_street_falls_back_to_article_city(make_article, stage):
    text = ("Firefighters were called to a house in Winnipeg on Friday. Crews found smoke "
            "in the 400 block of Assiniboine Avenue, officials said.")
    places = _places(make_article, stage, text)
    street = places.get("Assiniboine Avenue")
    if street is None:
        pytest.skip("the model did not tag the street as a place")
    city = places["Winnipeg"]
    assert street.geonames_id is None and (street.lat, street.lon) == (city.lat, city.lon)


@pytest.mark.parametrize(("text", "mention", "metonymic"), [
    ("Turkey said the operation would continue.", "Turkey", True),
    ("EU leaders met on Thursday in Brussels.", "EU", True),
    ("Refugees crossed from Turkey into Greece.", "Turkey", False),
    ("The tension between Moscow and Washington grew.", "Moscow", True),
    ("Russia ordered Britain to cut its embassy staff.", "Russia", True),
    ("Iran's exports rose by a fifth.", "Iran", True),
    ("Ships sailed along Syria's coast.", "Syria", False),
    ("Aleppo is surrounded by government forces.", "Aleppo", False),
])
def test_metonymy_flag(make_article, stage, text, mention, metonymic):
    assert _places(make_article, stage, text)[mention].metonymic is metonymic
