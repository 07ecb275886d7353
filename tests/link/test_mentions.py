"""The learned event-mention detector: features, learned rates, shipped weights, the stage."""
from __future__ import annotations

import numpy as np
import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from dateline.link import mentions
from dateline.link.mentions import (
    CATEGORICAL,
    NUMERIC,
    Rates,
    candidates,
    feature_names,
    features,
    rates_from_arrays,
    rates_to_arrays,
    shipped_detector,
)
from dateline.link.mentiontrain import count_rates, fill_rates, gold_heads, prf


def _doc() -> Doc:
    """'The earthquake killed 5 people .' parsed by hand (no model)."""
    words = ["The", "earthquake", "killed", "5", "people", "."]
    return Doc(Vocab(), words=words, pos=["DET", "NOUN", "VERB", "NUM", "NOUN", "PUNCT"],
               tags=["DT", "NN", "VBD", "CD", "NNS", "."],
               deps=["det", "nsubj", "ROOT", "nummod", "dobj", "punct"],
               heads=[1, 2, 2, 4, 2, 2], lemmas=["the", "earthquake", "kill", "5", "people", "."],
               morphs=["", "Number=Sing", "Tense=Past|VerbForm=Fin", "", "Number=Plur", ""],
               sent_starts=[True, False, False, False, False, False])


def test_candidates_are_content_words_with_letters() -> None:
    """Determiners, digits and punctuation are never candidates."""
    assert [t.text for t in candidates(_doc())] == ["earthquake", "killed", "people"]


def test_features_columns_and_values() -> None:
    """One row per token; categorical codes from the vocabulary, -1 when unseen."""
    doc = _doc()
    vocab = {name: {} for name in CATEGORICAL}
    vocab["pos"] = {"NOUN": 0, "VERB": 1}
    toks = candidates(doc)
    X = features(doc, toks, vocab, Rates({"l:kill": (9, 10)}, 0.3))
    names = feature_names()
    assert X.shape == (3, len(names)) == (3, len(CATEGORICAL) + len(NUMERIC) + 96)
    col = names.index
    assert X[:, col("pos")].tolist() == [0, 1, 0]
    assert X[0, col("dep")] == -1  # no vocabulary for dep given
    assert X[1, col("has_subj")] == 1 and X[1, col("has_obj")] == 1 and X[1, col("is_root")] == 1
    assert X[1, col("lemma_rate")] > 0.7 > 0.3 == pytest.approx(X[0, col("lemma_rate")])
    assert not X[:, col("t2v_0"):].any()  # a hand-built doc has no tensor


def test_rates_smooth_towards_base_and_round_trip() -> None:
    """Unseen keys get the base rate; counts survive the array round trip."""
    keys = [{"lemma": "l:quake", "lower": "w:quake", "suffix3": "s3:ake", "suffix4": "s4:uake"},
            {"lemma": "l:quake", "lower": "w:quakes", "suffix3": "s3:ake", "suffix4": "s4:uake"},
            {"lemma": "l:table", "lower": "w:table", "suffix3": "s3:ble", "suffix4": "s4:able"}]
    rates = count_rates(keys, np.array([1.0, 1.0, 0.0]))
    assert rates.counts["l:quake"] == (2, 2) and rates.rate("l:unseen") == pytest.approx(2 / 3)
    assert rates.rate("l:quake") > rates.rate("l:unseen") > rates.rate("l:table")
    back = rates_from_arrays(rates_to_arrays(rates), rates.base)
    assert back == rates


def test_fill_rates_writes_only_rate_columns() -> None:
    """Rate columns come from the rates given; other columns are kept."""
    keys = [{"lemma": "l:a", "lower": "w:a", "suffix3": "s3:a", "suffix4": "s4:a",
             "head": "l:a"}]
    X = np.full((1, len(feature_names())), 7.0, dtype=np.float32)
    out = fill_rates(X, keys, Rates({"l:a": (1, 1)}, 0.0))
    col = feature_names().index
    assert out[0, col("lemma_rate")] == pytest.approx(1 / 3)
    assert out[0, col("lemma_log_n")] == pytest.approx(np.log(2))
    assert out[0, col("is_title")] == 7.0 and X[0, col("lemma_rate")] == 7.0


def test_gold_heads_takes_the_root_of_multiword_mentions() -> None:
    """'killed 5 people' as one mention: killed is its head, the rest is left out."""
    heads, inside = gold_heads(_doc(), [{"start": 16, "end": 31}])
    assert heads == {2} and inside == {3, 4}


def test_prf_counts_mentions_found_and_tokens_inside() -> None:
    """Precision over detected tokens, recall over gold mentions (any token inside counts)."""
    from dateline.link.mentiontrain import Split

    split = Split(np.array(["1", "1", "1"]), [{}, {}, {}], np.zeros((3, 1)), np.zeros(3),
                  [("d", 0, 10), ("d", 20, 25)], [("d", 2, 5), ("d", 6, 9), ("d", 30, 34)])
    got = prf(split, np.array([0.9, 0.9, 0.9]), 0.5)
    assert got["precision"] == pytest.approx(2 / 3, abs=1e-3) and got["recall"] == 0.5
    assert prf(split, np.array([0.1, 0.1, 0.1]), 0.5)["recall"] == 0.0


@pytest.mark.slow
@pytest.mark.parametrize(("text", "events", "not_events"), [
    ("A strong earthquake struck northern Chile on Monday, killing three people.",
     {"earthquake", "struck", "killing"}, {"Chile", "Monday", "people", "strong"}),
    ("Police arrested the singer after the concert on Friday.",
     {"arrested"}, {"Police", "singer", "Friday"}),
    ("Ellen DeGeneres will host the Oscars for a second time, the Academy said.",
     {"host", "said"}, {"DeGeneres", "Academy", "time"}),
])
def test_shipped_detector_fixed_predictions(make_article, text, events, not_events) -> None:
    """The shipped weights keep these decisions (a retrain that changes them shows here)."""
    det = shipped_detector()
    assert det is not None
    found = {t.text for t in det.detect(make_article(text).doc)}
    assert events <= found and not (not_events & found), found


@pytest.mark.slow
def test_events_stage_adds_detected_mentions_as_other(make_article, settings,
                                                      monkeypatch) -> None:
    """Detected nominal events become OTHER rows after the lexicon's events, which stay."""
    from dateline.pipeline import available_stages, build_stage

    stages = [build_stage(n, settings) for n in available_stages() if n != "nlp"]
    text = ("A strong earthquake struck northern Chile on Monday. Rebels attacked a police "
            "station in the capital after the earthquake.")

    def run():
        art = make_article(text)
        for stage in stages:
            art = stage(art)
        return art.events

    with_detector = run()
    monkeypatch.setattr(mentions, "shipped_detector", lambda: None)
    monkeypatch.setattr("dateline.stages.events.shipped_detector", lambda: None)
    without = run()
    assert with_detector[:len(without)] == without
    extra = with_detector[len(without):]
    assert extra and all(e.type == "OTHER" and e.cameo is None for e in extra)
    assert "earthquake" in {e.trigger for e in extra}
    assert len({e.id for e in with_detector}) == len(with_detector)
