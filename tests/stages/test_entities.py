"""EntityStage: corrected types, names without articles or possessives, one id per entity."""
from __future__ import annotations

import pytest

from dateline.stages.entities import EntityStage, initials, norm_key

SEED_START = "Russian President Vladimir Putin has made a surprise visit"
SEED_END = "swerved to avoid the aircraft."


def seed_body(dump: str) -> str:
    """The seed body, cut from the page dump until the extraction cleaner lands."""
    return dump[dump.index(SEED_START):dump.index(SEED_END) + len(SEED_END)]


@pytest.fixture(scope="module")
def seed_entities(make_article, seed_text):
    """Entities of the seed body."""
    return EntityStage()(make_article(seed_body(seed_text), "2017-12-11")).entities


def _ids(entities, *names):
    return {e.id for e in entities if e.text in names}


@pytest.mark.parametrize("names", [
    ("Vladimir Putin", "Putin", "the Russian president"),
    ("Bashar al-Assad", "Assad"),
    ("Sergei Shoigu", "the defense minister"),
    ("Sergei Surovikin", "Surovikin"),
    ("Rob Manning", "a Pentagon spokesman"),
    ("Islamic State", "IS"),
])
def test_seed_mentions_share_one_id(seed_entities, names):
    assert len(_ids(seed_entities, *names)) == 1
    assert {e.text for e in seed_entities} >= set(names)


def test_seed_has_eight_people(seed_entities):
    people = {e.id for e in seed_entities if e.type == "PERSON"}
    assert len(people) == 8


@pytest.mark.parametrize(("text", "etype"), [
    ("Hmeimim", "FAC"), ("Tartus", "GPE"), ("Kremlin", "ORG"), ("Pentagon", "ORG"),
    ("Interfax", "ORG"), ("The New York Times", "ORG"), ("NATO", "ORG"), ("UN", "ORG"),
    ("Reuters", "ORG"), ("General Staff", "ORG"), ("Alawite", "NORP"),
])
def test_seed_types(seed_entities, text, etype):
    assert {e.type for e in seed_entities if e.text == text} == {etype}


@pytest.mark.parametrize("bad", ["Breaking News", "Putin's", "Defense", "Friends",
                                 "the United States"])
def test_seed_has_no_bad_spans(seed_entities, bad):
    assert bad not in {e.text for e in seed_entities}


@pytest.mark.parametrize(("text", "name", "same_as"), [
    ("Hillary Clinton spoke. Bill Clinton listened. Clinton then left.", "Bill Clinton",
     "Clinton"),
    ("The United Nations met. The UN voted.", "United Nations", "UN"),
])
def test_ids_follow_the_latest_full_name(make_article, text, name, same_as):
    ents = EntityStage()(make_article(text)).entities
    by_text = {e.text: e.id for e in ents}
    assert by_text[name] == by_text[same_as]


@pytest.mark.parametrize(("text", "expected"), [
    ("Islamic State", "IS"), ("United Nations", "UN"), ("the Kremlin", "K"),
])
def test_initials(text, expected):
    assert initials(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The New York Times", "new york times"), ("U.S.", "us"), ("NATO's", "nato"),
])
def test_norm_key(text, expected):
    assert norm_key(text) == expected
