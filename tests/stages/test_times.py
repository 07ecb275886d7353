"""The times stage: contract, offsets on the stored text, the seed's nine expressions."""
from __future__ import annotations

import pytest

from dateline.model import to_record
from dateline.pipeline import Pipeline
from dateline.stages.times import TimeStage


@pytest.fixture(scope="module")
def seed_times(make_article, seed_text, settings):
    """Times of the seed dump, published 2017-12-11."""
    return TimeStage(settings)(make_article(seed_text, "2017-12-11")).times


def test_declares_its_chain(nlp_stage, settings):
    stage = TimeStage(settings)
    assert stage.requires == {"sentences", "tokens", "metadata"} and stage.produces == {"times"}
    Pipeline(lambda raw: raw, [nlp_stage, stage]).check()


@pytest.mark.parametrize(("expr", "value"), [
    ("December 11", "2017-12-11"),
    ("Marсh 18", "2018-03-18"),
    ("five days", "P5D"),
    ("March 2011", "2011-03"),
    ("September 2015", "2015-09"),
    ("March 2016", "2016-03"),
    ("2014", "2014"),
    ("recent years", "PAST_REF"),
    ("the past month", "P1M"),
])
def test_seed_expressions_resolve(seed_times, expr, value):
    found = [t for t in seed_times if t.text == expr]
    assert found, f"{expr!r} not found"
    assert {t.value for t in found} == {value}


def test_seed_five_days_is_anchored_on_the_announcement(seed_times):
    five = next(t for t in seed_times if t.text == "five days")
    assert five.anchor == "2017-12-06"


@pytest.mark.parametrize(("text", "expr"), [
    ("The vote is set for Marсh\u00a018 next year.", "Marсh\u00a018"),
    ("It rose on Dec.\u00a011, 2016 after talks.", "Dec.\u00a011, 2016"),
])
def test_offsets_index_the_stored_text(make_article, settings, text, expr):
    art = TimeStage(settings)(make_article(text, "2017-12-11"))
    t = next(t for t in art.times if t.text == expr)
    assert art.text[t.start:t.end] == expr


def test_record_carries_contract_fields(make_article, settings):
    art = TimeStage(settings)(make_article("Sales fell on December 11.", "2017-12-11"))
    rec = to_record(art)["times"][0]
    assert set(rec) >= {"start", "end", "text", "type", "value", "anchor", "year_inferred"}
    assert rec["value"] == "2017-12-11" and rec["year_inferred"] is True


def test_no_document_date_gives_no_guessed_year(make_article, settings):
    art = TimeStage(settings)(make_article("Putin visited Syria on December 11.", None))
    assert [(t.value, t.year_inferred) for t in art.times] == [("XXXX-12-11", False)]
