"""The lemmatizer's array pass sets exactly the lemmas spaCy's own call sets."""
from __future__ import annotations

import json
from importlib import resources

import pytest
import spacy

from dateline.stages.lemmacache import cache_lemmatizer

TEXTS = [
    "The mice were running faster than the geese had flown; better days, worst fears, "
    "she's been saying it's done. Children's toys were broken.",
    "Ministers had met twice; the talks were going nowhere, officials said, and he'd "
    "rather not. Was it theirs? They're leaving.\n\n  GENEVA  ",
    "",
]




def _lemmas(doc):
    return [(t.text, t.lemma_, t.lemma) for t in doc]


def test_dateline_model_has_the_array_pass(models):
    stock, fast = models
    assert hasattr(fast.get_pipe("lemmatizer"), "lemma_hashes")
    assert not hasattr(stock.get_pipe("lemmatizer"), "lemma_hashes")
    assert not cache_lemmatizer(fast)  # once only


@pytest.mark.parametrize("text", TEXTS)
def test_same_lemmas_as_spacy(models, text):
    stock, fast = models
    for _ in range(2):  # the second time every triple is remembered
        assert _lemmas(fast(text)) == _lemmas(stock(text))


def test_same_lemmas_on_the_demo_corpus(models):
    stock, fast = models
    demo = resources.files("dateline.demo").joinpath("meantime_wikinews.jsonl")
    texts = [json.loads(line)["text"] for line in demo.read_text().splitlines()
             if line.strip()][:20]
    for a, b in zip(stock.pipe(texts), fast.pipe(texts), strict=True):
        assert _lemmas(b) == _lemmas(a)


def test_a_lemma_set_before_is_kept_unless_overwriting(models):
    _, fast = models
    lem = fast.get_pipe("lemmatizer")
    with fast.select_pipes(disable=["lemmatizer"]):
        doc = fast("The geese were flying.")
    doc[1].lemma_ = "gooseish"
    assert lem(doc)[1].lemma_ == ("goose" if lem.overwrite else "gooseish")
    assert doc[3].lemma_ == "fly"


def test_other_lemmatizers_keep_their_own_call():
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert not cache_lemmatizer(nlp)
    assert not hasattr(nlp.get_pipe("lemmatizer"), "lemma_hashes")
