"""Fixtures shared by the events tests."""
from __future__ import annotations

import pytest


def _runner(settings, make_article, learned_status: bool = True):
    """``run(text, published=...)``: the article after every stage past the parse."""
    from dateline.pipeline import available_stages, build_stage

    stages = [build_stage(n, settings) for n in available_stages() if n != "nlp"]
    for stage in stages:
        if stage.name == "events" and not learned_status:
            stage.status_model = None

    def run(text: str, published: str = "2020-05-10"):
        art = make_article(text, published=published)
        for stage in stages:
            art = stage(art)
        return art
    return run


@pytest.fixture(scope="module")
def analysed(settings, make_article):
    """The article of a text after every stage past the parse (entities, times, places,
    quotes, then events): ``analysed(text, published=...)``."""
    return _runner(settings, make_article)


@pytest.fixture(scope="module")
def analysed_by_rules(settings, make_article):
    """``analysed`` with the rules' status (the learned factual status switched off)."""
    return _runner(settings, make_article, learned_status=False)
