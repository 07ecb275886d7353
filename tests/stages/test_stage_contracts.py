"""Honest stage contracts: every stage, given an article that holds only the facts it
declares in ``requires``, gives exactly what it gives with every earlier fact present. A
stage that reads something it does not declare fails here."""
from __future__ import annotations

import copy
import dataclasses
import json

import pytest
from tests_support import SEED_PATH

from dateline.config import Settings
from dateline.engines.pool import cached_pipeline
from dateline.model import RawDoc
from dateline.pipeline import EXTRACT_PRODUCES
from dateline.vocab import Fact

pytestmark = pytest.mark.slow
OUTPUT_FIELD = {Fact.ENTITIES: "entities", Fact.TIMES: "times", Fact.PLACES: "places",
                Fact.QUOTES: "quotes", Fact.EVENTS: "events"}
METADATA_FIELDS = ("url", "title", "published", "published_source", "byline", "site_name")


def _demo_rows(n: int) -> list[tuple[str, str, str]]:
    from importlib import resources

    lines = resources.files("dateline.demo").joinpath("meantime_wikinews.jsonl").read_text(
        encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines[:n]]
    return [(r["id"], r["text"], r["published"]) for r in rows]


@pytest.fixture(scope="module")
def articles_before_each_stage():
    """For each document: the extracted article, then its state after each stage."""
    pipeline = cached_pipeline(Settings(), None)
    docs = [RawDoc(id="seed", kind="page_text", content=SEED_PATH.read_text("utf-8"),
                   published_default="2017-12-12")]
    docs += [RawDoc(id=i, kind="text", content=t, published_default=p)
             for i, t, p in _demo_rows(3)]
    runs = []
    for raw in docs:
        article = pipeline.extractor(raw)
        states = []
        for stage in pipeline.stages:
            states.append((stage, copy.copy(article)))
            article = stage(_fresh(article))
        runs.append(states)
    return runs


def _fresh(article):
    """A copy whose annotation lists can be changed without touching the original."""
    return dataclasses.replace(article, **{f.name: list(getattr(article, f.name))
                                           for f in dataclasses.fields(article)
                                           if isinstance(getattr(article, f.name), list)})


def _only_declared(article, requires: frozenset[str]):
    """The article with every fact outside ``requires`` taken away."""
    kept = _fresh(article)
    if Fact.METADATA not in requires:
        for name in METADATA_FIELDS:
            setattr(kept, name, [] if isinstance(getattr(kept, name), list) else None)
    if Fact.SENTENCES not in requires:
        kept.sentences = []
    if Fact.TOKENS not in requires and Fact.NER not in requires:
        kept.doc = None
    elif Fact.NER not in requires and kept.doc is not None:
        kept.doc = kept.doc.copy()
        kept.doc.ents = []
    for fact, name in OUTPUT_FIELD.items():
        if fact not in requires:
            setattr(kept, name, [])
    return kept


def _output(article, stage) -> list:
    produced = [OUTPUT_FIELD[Fact(p)] for p in stage.produces if Fact(p) in OUTPUT_FIELD]
    return [[repr(x) for x in getattr(article, name)] for name in sorted(produced)]


def test_requires_and_produces_are_known_facts():
    for stage in cached_pipeline(Settings(), None).stages:
        known = set(Fact) | EXTRACT_PRODUCES
        assert set(stage.requires) <= known and set(stage.produces) <= known, stage.name


def test_every_stage_works_from_its_declared_inputs_alone(articles_before_each_stage):
    checked = set()
    for states in articles_before_each_stage:
        for stage, before in states:
            if stage.name == "nlp":
                continue  # it reads the text alone, which every article keeps
            full = _output(stage(_fresh(before)), stage)
            alone = _output(stage(_only_declared(before, stage.requires)), stage)
            assert alone == full, (f"stage {stage.name} reads facts it does not declare "
                                   f"(requires {sorted(stage.requires)})")
            checked.add(stage.name)
    assert checked >= {"entities", "times", "places", "quotes", "events"}


def test_a_chain_missing_declared_inputs_is_refused():
    from dateline.errors import PipelineError
    from dateline.pipeline import Pipeline

    with pytest.raises(PipelineError, match="events.*entities"):
        Pipeline.from_settings(Settings(), ["nlp", "events"])
