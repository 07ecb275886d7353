"""The events stage's shortcuts (memos, single parse walks) give what the plain code gives."""
from __future__ import annotations

import dataclasses
import json
from importlib import resources

import pytest

from dateline.events.actorcodes import sentence_countries
from dateline.events.actors import make_actor
from dateline.events.attributes import place_countries
from dateline.events.lexicon import _lookup_cached, lookup_actor
from dateline.model import Article
from dateline.pipeline import available_stages, build_stage
from dateline.stages.events import EventStage, _Actors, _resolver

SENTENCES = [
    "Russian warplanes left the base and returned home, the ministry said on Monday.",
    "Washington demanded that Tehran release the sailors who were seized last week.",
    "The rebels, who control the north, attacked a convoy and killed 12 soldiers.",
    "Putin ordered the start of the withdrawal but said troops would stay in Syria.",
    "Germany rejected a Greek request for new loans, which Athens had sought since May.",
]


@pytest.fixture(scope="module")
def parsed(settings, make_article):
    """The sentences after every stage but events."""
    stages = [build_stage(n, settings) for n in available_stages()
              if n not in ("nlp", "events")]
    out = []
    for i, text in enumerate(SENTENCES):
        art = make_article(text, published="2020-05-10", doc_id=f"s{i}")
        for stage in stages:
            art = stage(art)
        out.append(art)
    return out


@pytest.mark.parametrize("text", SENTENCES + ["the Kremlin", "Afghans", "us", ""])
def test_cached_lookup_equals_a_fresh_lookup(text):
    fresh = list(_lookup_cached.__wrapped__(text))
    assert lookup_actor(text) == fresh
    assert lookup_actor(text) == fresh  # served from the cache the second time


@pytest.mark.parametrize("i", range(len(SENTENCES)))
def test_actor_memo_codes_every_token_as_make_actor_does(parsed, i):
    art = parsed[i]
    places = place_countries(art)
    resolver = _resolver(art)
    memo = _Actors(art, places, resolver)
    for sent in art.doc.sents:
        nearby = (sent.start_char, sentence_countries(sent))
        for tok in sent:
            for near, resolve in ((None, False), (nearby, True), (nearby, False)):
                want = make_actor(tok, art, places, near[1] if near else None,
                                  resolver if resolve else None)
                assert memo.get(tok, near, resolve) == want
                assert memo.get(tok, near, resolve) == want  # memoised answer


def _events(art: Article) -> list[dict]:
    return [dataclasses.asdict(e) for e in art.events]


@pytest.fixture(scope="module")
def demo(settings, make_article):
    """Five demo articles after every stage but events."""
    path = resources.files("dateline.demo").joinpath("meantime_wikinews.jsonl")
    rows = [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines()[:5]]
    stages = [build_stage(n, settings) for n in available_stages()
              if n not in ("nlp", "events")]
    out = []
    for r in rows:
        art = make_article(r["text"], published=r.get("published"), doc_id=r["id"])
        for stage in stages:
            art = stage(art)
        out.append(art)
    return out


def test_stage_output_does_not_depend_on_warm_caches_or_reruns(settings, demo):
    first = [_events(EventStage(settings)(a)) for a in demo]
    assert any(first)
    _lookup_cached.cache_clear()
    stage = EventStage(settings)
    cold = [_events(stage(a)) for a in reversed(demo)][::-1]
    again = [_events(stage(a)) for a in demo]
    assert cold == first
    assert again == first
