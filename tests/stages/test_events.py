"""The events stage end to end on the seed article and its contract guarantees."""
from __future__ import annotations

import pytest

from dateline.model import Article, RawDoc, to_record
from dateline.pipeline import available_stages, build_stage
from dateline.stages.events import EventStage


@pytest.fixture(scope="module")
def seed(settings, nlp_stage, seed_text) -> Article:
    from dateline.extract import extract_article

    art = extract_article(RawDoc(id="seed", kind="page_text", content=seed_text,
                                 published="2017-12-11"), settings)
    art = nlp_stage(art)
    for name in available_stages():
        if name != "nlp":
            art = build_stage(name, settings)(art)
    return art


def find(article: Article, phrase: str, trigger: str):
    """The events whose sentence contains ``phrase`` and whose trigger contains ``trigger``."""
    return [e for e in article.events if phrase in article.text[e.start:e.end]
            and trigger in e.trigger]


def test_stage_declares_its_chain():
    assert EventStage.requires == {"sentences", "tokens", "ner", "metadata", "entities", "times",
                                   "places", "quotes"}
    assert EventStage.produces == {"events"}


def test_article_without_parse_gets_a_warning(settings):
    art = EventStage(settings)(Article(id="x", text="Nothing parsed."))
    assert art.events == [] and art.warnings


def test_seed_visit_occurred_on_publication_day(seed):
    (visit,) = find(seed, "has made a surprise visit", "visit")
    assert (visit.type, visit.mode, visit.status, visit.date) == (
        "CONSULT", "visit", "occurred", "2017-12-11")
    assert (visit.source.country, visit.target.country) == ("RUS", "SYR")


@pytest.mark.parametrize(("phrase", "trigger", "target"), [
    ("who met at the Hmeimim base", "met", "SYR"),
    ("for talks with President Abdel Fattah al-Sisi", "talks", "EGY"),
    ("to meet with President Recep Tayyip Erdogan", "meet", "TUR"),
])
def test_seed_meetings(seed, phrase, trigger, target):
    (ev,) = find(seed, phrase, trigger)
    assert (ev.type, ev.source.country, ev.target.country) == ("CONSULT", "RUS", target)
    assert ev.status in ("occurred", "claimed")


def test_seed_withdrawal_is_an_ordered_concession_disputed_by_the_pentagon(seed):
    (doubt,) = find(seed, "The Pentagon expressed skepticism", "skepticism")
    assert doubt.type in ("ACCUSE", "REJECT") and doubt.source.country == "USA"
    (order,) = find(seed, "ordered the start of the withdrawal", "withdrawal")
    assert (order.type, order.action, order.status) == ("CONCEDE", "RETREAT", "ordered")
    assert doubt.id in order.disputed_by and order.date == "2017-12-11"


def test_seed_pullout_counts_the_aircraft(seed):
    (pull,) = find(seed, "23 warplanes", "pull out")
    assert pull.action == "RETREAT"
    assert [q.value for q in pull.quantities][:2] == [23.0, 2.0]


@pytest.mark.parametrize(("phrase", "trigger", "expected"), [
    ("In March 2016, Putin ordered", "withdrawal", ("CONCEDE", "2016-03")),
    ("began a campaign of air strikes", "air strikes", ("ASSAULT", "2015-09")),
])
def test_seed_history_is_background(seed, phrase, trigger, expected):
    (ev,) = find(seed, phrase, trigger)
    assert (ev.type, ev.date) == expected and ev.background
    assert not any(seed.events[int(d[1:]) - 1].background is False for d in ev.disputed_by)


def test_seed_few_signs_of_a_pullout_deny_the_2016_order_only(seed):
    (few,) = find(seed, "there were few signs of a pullout", "pullout")
    assert (few.type, few.action, few.status, few.background) == (
        "RETREAT", "RETREAT", "denied", True)
    (old,) = find(seed, "In March 2016, Putin ordered", "withdrawal")
    (new,) = find(seed, "ordered the start of the withdrawal", "withdrawal")
    assert few.id in old.disputed_by and few.id not in new.disputed_by


def test_seed_pentagon_troop_reductions_contradict_the_new_order(seed):
    (red,) = find(seed, "do not often correspond", "reductions")
    assert (red.action, red.status) == ("RETREAT", "denied") and red.attributed_to
    (new,) = find(seed, "ordered the start of the withdrawal", "withdrawal")
    assert red.id in new.disputed_by


def test_seed_threat_to_the_terrorists(seed):
    (threat,) = find(seed, "we will deal such blows", "blows")
    assert (threat.type, threat.status) == ("THREATEN", "threatened")
    assert threat.source.country == "RUS" and "terrorists" in threat.target.text


def test_event_ids_are_unique_and_records_serialise(seed):
    ids = [e.id for e in seed.events]
    assert len(ids) == len(set(ids))
    rec = to_record(seed)
    for ev in rec["events"]:
        assert rec["text"][ev["trigger_start"]:ev["trigger_end"]] == ev["trigger"]
        assert 0 <= ev["confidence"] <= 1
