"""Gender agreement in the light resolver: per-article evidence (titles, role words, the
learned given-name table) and the filter it puts on he/she antecedents."""
from __future__ import annotations

from dataclasses import replace

import pytest

from dateline.coref import Resolver
from dateline.events.actors import pronoun_actor
from dateline.gender import first_name, given_names, person_genders, pronoun_gender
from dateline.model import Article, Entity
from dateline.stages.entities import EntityStage


@pytest.fixture(scope="module")
def article(make_article):
    """A parsed article with its entities."""
    return lambda text: EntityStage()(make_article(text))


def resolved(art: Article, mention: str, nth: int = 0) -> str | None:
    start = -1
    for _ in range(nth + 1):
        start = art.text.index(mention, start + 1)
    got = Resolver(art).resolve(start, start + len(mention))
    return got[0] if got else None


@pytest.mark.parametrize(("text", "mention", "expected"), [
    # the nearest subject is a man: "she" goes back past him (given names, learned table)
    ("Hillary Clinton arrived in Ohio on Monday. Donald Trump criticized her plan. "
     "She said the plan would create jobs.", "She", "Hillary Clinton"),
    # courtesy titles only
    ("Ms. Warren questioned the bank on Tuesday. Mr. Stumpf answered for an hour. "
     "She said he should resign.", "She", "Warren"),
    # a title for one, a role apposition for the other ("Mr. Smith ... Jane Doe ... he")
    ("Mr. Smith left the company in May. Jane Doe, a company spokeswoman, confirmed it. "
     "He declined to comment.", "He", "Smith"),
])
def test_gendered_pronoun_skips_the_other_gender(article, text, mention, expected):
    assert resolved(article(text), mention) == expected


@pytest.mark.parametrize(("text", "mention", "expected"), [
    # unknown gender stays eligible, for he and for she
    ("Sergei Shoigu arrived in Damascus. He spoke to troops.", "He", "Sergei Shoigu"),
    ("Ngozi Okonjo-Iweala arrived in Geneva. She spoke to reporters.", "She",
     "Ngozi Okonjo-Iweala"),
    # agreeing gender: the nearest subject still wins
    ("Hillary Clinton arrived in Ohio. Donald Trump criticized her plan. He said it "
     "would fail.", "He", "Donald Trump"),
])
def test_unknown_or_agreeing_gender_still_resolves(article, text, mention, expected):
    assert resolved(article(text), mention) == expected


def test_actor_fallback_skips_the_other_gender(article):
    text = ("Hillary Clinton arrived in Ohio on Monday. Donald Trump spoke in Iowa later. "
            "The crowd cheered her.")
    art = article(text)
    tok = next(t for t in art.doc if t.lower_ == "her")
    actor = pronoun_actor(tok, art, None)
    assert actor is not None and "Clinton" in actor.text


def test_conflicting_evidence_is_unknown():
    text = "Hillary Clinton and Bill Clinton"
    ents = [Entity(0, 15, "Hillary Clinton", "PERSON", "p1"),
            Entity(20, 32, "Bill Clinton", "PERSON", "p1")]
    genders = person_genders(Article(id="t", text=text, entities=ents))
    assert genders == {}
    one = person_genders(Article(id="t", text=text, entities=ents[:1]))
    assert one == {0: "f"}


def test_kin_word_genders_the_full_name_not_a_bare_surname(make_article):
    text = "Bill Clinton praised his wife Hillary Clinton. Clinton spoke later."
    ents = [Entity(0, 12, "Bill Clinton", "PERSON", "p1"),
            Entity(29, 44, "Hillary Clinton", "PERSON", "p2"),
            Entity(46, 53, "Clinton", "PERSON", "p2")]  # merged with her, as the stage may
    art = replace(make_article(text), entities=ents)
    assert person_genders(art) == {0: "m", 29: "f"}


def test_title_before_a_name_and_at_its_start(article):
    art = article("Mrs. Jones met Mr. Patel in Leeds.")
    genders = Resolver(art).genders
    by_name = {e.text: genders.get(e.start) for e in art.entities if e.type == "PERSON"}
    assert "f" in by_name.values() and "m" in by_name.values()


@pytest.mark.parametrize(("word", "gender"), [
    ("he", "m"), ("His", "m"), ("she", "f"), ("her", "f"), ("it", None), ("they", None)])
def test_pronoun_gender(word, gender):
    assert pronoun_gender(word) == gender


@pytest.mark.parametrize(("text", "name"), [
    ("Donald Trump", "donald"), ("Trump", None), ("J. Smith", None), ("The Clintons", None),
    ("Mr. Trump", None)])
def test_first_name(text, name):
    assert first_name(text) == name


def test_learned_table_knows_the_campaign_names():
    names = given_names()
    assert names.get("donald") == "m" and names.get("hillary") == "f"
    assert all(g in ("m", "f") for g in names.values())
