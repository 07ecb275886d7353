"""The learned cue model: candidates, labels, the shipped weights' fixed decisions."""
from __future__ import annotations

import numpy as np
import pytest

from dateline.learn.persist import load_model, model_dir
from dateline.quotes import cues
from dateline.quotes.cuetrain import labels
from dateline.quotes.frames import sentence_frames
from dateline.stages.entities import EntityStage
from dateline.stages.quotes import QuoteStage


@pytest.fixture(scope="module")
def quotes_of(make_article):
    """Run entities and quotes on a text."""
    def run(text: str):
        return QuoteStage()(EntityStage()(make_article(text))).quotes
    return run


def _cands(make_article, text: str) -> list[cues.Candidate]:
    doc = make_article(text).doc
    return cues.candidates(doc, [f for s in doc.sents for f in sentence_frames(s)])


def test_candidates_cover_belief_plan_and_noun_cues(make_article):
    text = ("Officials believe that the sanctions will hurt the economy. The senator plans "
            "to introduce a new bill next week. His claim that the vote was rigged spread quickly.")
    got = {(text[c.cue[0]:c.cue[1]], text[c.content[0]:c.content[1]], c.option)
           for c in _cands(make_article, text)}
    assert ("believe", "the sanctions will hurt the economy", "ccomp") in got
    assert ("plans", "to introduce a new bill next week", "xcomp") in got
    assert any(cue == "claim" and "the vote was rigged" in content for cue, content, _ in got)


def test_features_have_one_row_per_candidate(make_article):
    cands = _cands(make_article, "Smith said the plan would fail, and Jones agreed.")
    X = cues.features(cands, {"say": 1})
    assert X.shape == (len(cands), len(cues.FEATURES))
    assert X[:, cues.FEATURES.index("lemma")].max() == 1
    assert cues.features([], {}).shape == (0, len(cues.FEATURES))


def test_labels_need_cue_and_content_to_match(make_article):
    text = "Officials believe that the sanctions will hurt the economy."
    cands = _cands(make_article, text)
    s = text.index("that the")
    gold = [{"cue_start": 10, "cue_end": 17, "start": s, "end": len(text) - 1}]
    y = labels(cands, gold)
    assert y.sum() >= 1
    assert all(text[c.cue[0]:c.cue[1]] == "believe" for c, v in zip(cands, y, strict=True) if v)
    wrong_cue = [{**gold[0], "cue_start": 0, "cue_end": 9}]
    assert labels(cands, wrong_cue).sum() == 0


def test_shipped_model_loads_with_its_vocabulary_and_threshold():
    saved = load_model(model_dir(cues.TASK))
    assert saved.meta["features"] == list(cues.FEATURES)
    model = cues.load()
    assert 0.0 < model.threshold < 1.0
    assert {"say", "believe"} <= set(model.vocab)


def test_belief_cue_yields_an_indirect_quote(quotes_of):
    quotes = quotes_of("Republican leaders believe that the new tax plan will hurt "
                       "middle-class families in the Midwest.")
    got = [q for q in quotes if q.kind == "indirect"]
    # PolNeAR's contents keep a leading "that"; the model may learn either boundary
    assert [q.text.removeprefix("that ") for q in got] == [
        "the new tax plan will hurt middle-class families in the Midwest"]
    assert got[0].cue == "believe" and got[0].speaker_start == 0


def test_relative_that_clause_is_not_an_attribution(quotes_of):
    quotes = quotes_of("The bridge that the city built in 1990 was closed on Monday after "
                       "heavy rains flooded the river banks.")
    assert quotes == []


def test_one_predict_call_per_document(make_article, monkeypatch):
    model = cues.load()
    calls = []
    real = model.booster.predict

    def counting(X, **kwargs):
        calls.append(len(X))
        return real(X, **kwargs)

    monkeypatch.setattr(model.booster, "predict", counting)
    text = ("Smith said the plan would fail. Jones believes the vote was fair. "
            "The mayor wants to build a new stadium downtown.")
    QuoteStage()(EntityStage()(make_article(text)))
    assert len(calls) == 1 and calls[0] > 3
    assert np.all(np.isfinite(model.predict(_cands(make_article, text))))


def test_choose_keeps_nested_reports_and_drops_rivals(make_article):
    text = "Russian agencies reported that he said the base will stay open for many years."
    cands = _cands(make_article, text)
    probs = np.zeros(len(cands))
    for k, c in enumerate(cands):
        cue = text[c.cue[0]:c.cue[1]]
        if c.option == "ccomp" and cue in ("reported", "said"):
            probs[k] = 0.9
        elif c.option == "right" and cue == "said":
            probs[k] = 0.8  # a rival span for the same cue: one per cue token
    chosen = cues.choose(cands, probs, 0.5, [])
    assert sorted(text[f.cue_start:f.cue_end] for f in chosen) == ["reported", "said"]
    assert cues.choose(cands, probs, 0.5, [], nested=False)[1:] == []
    quoted = [f.content for f in chosen if text[f.cue_start:f.cue_end] == "said"]
    # a content a quotation already took is never emitted again
    again = cues.choose(cands, probs, 0.5, quoted)
    assert "said" not in [text[f.cue_start:f.cue_end] for f in again]


def test_quote_cues_is_a_registered_task():
    from dateline.learn.tasks import trainer
    from dateline.quotes.cuetrain import train_task

    assert trainer("quote_cues") is train_task
