"""The context score: the candidate's sentence as hashed strings and a logistic P(event)."""
from __future__ import annotations

import numpy as np

from dateline.events import context
from dateline.events.context import (
    N_HASH,
    ContextModel,
    context_strings,
    fit_context,
    hashed,
    out_of_fold,
)
from dateline.events.detector import CATEGORICAL, FEATURES, NUMERIC, encode, load_detector
from dateline.events.triggers import find_triggers
from dateline.lightdoc import LightDoc


def _strings(analysed, text: str, trigger: str) -> list[str]:
    art = analysed(text)
    light = LightDoc(art.doc)
    for sent in light.sents:
        for trig in find_triggers(sent):
            if trig.head.text == trigger:
                return context_strings(trig, sent)
    raise AssertionError(f"no trigger {trigger!r}")


def test_context_strings_hold_the_sentence_near_words_children_and_entity_sides(analysed):
    got = _strings(analysed, "Russian troops attacked the border town of Kherson on Monday.",
                   "attacked")
    assert "h:attack" in got and "s:troop" in got and "s:town" in got
    assert "L3:troop" in got and "R3:border" in got
    assert "c:nsubj:troop" in got and "c:dobj:town" in got
    assert "e:L:NORP" in got and "e:R:DATE" in got  # "Russian", "Monday"
    assert "s:attack" not in got and "s:." not in got  # neither the trigger nor punctuation


def test_hashing_is_deterministic_distinct_and_in_range():
    cols = hashed(["s:troop", "s:troop", "h:attack"])
    assert len(cols) == 2 and (cols >= 0).all() and (cols < N_HASH).all()
    assert np.array_equal(cols, hashed(["h:attack", "s:troop"]))


def _toy(n: int = 200) -> tuple[list[list[str]], np.ndarray]:
    bags = [["s:troop", "h:attack"] if k % 2 else ["s:percent", "h:poll"] for k in range(n)]
    return bags, np.array([k % 2 for k in range(n)], dtype=float)


def test_the_context_model_learns_which_words_go_with_events():
    bags, event = _toy()
    model = fit_context(bags, event, np.ones(len(bags)))
    p = model.probabilities([["s:troop", "h:attack"], ["s:percent", "h:poll"]])
    assert p[0] > 0.8 and p[1] < 0.2


def test_out_of_fold_chances_come_from_models_that_did_not_see_the_row():
    bags, event = _toy()
    bags[10] = ["s:unique"]  # a string only one row has, labelled an event
    event[10] = 1.0
    oof = out_of_fold(bags, event, np.ones(len(bags)))
    full = fit_context(bags, event, np.ones(len(bags))).probabilities([["s:unique"]])[0]
    assert oof[10] < full  # its own label did not teach its fold's model
    assert oof[1] > 0.8 and oof[0] < 0.2


def test_encode_takes_a_rows_own_chance_else_the_models_else_missing():
    raw = {name: "-" for name in CATEGORICAL} | {
        name: 0.0 for name in NUMERIC if name != "ctx_event"}
    raw |= {"vec": [0.0] * 96, "ctx": ["s:troop"]}
    model = ContextModel(np.zeros(N_HASH, dtype=np.float32), 2.0)
    col = FEATURES.index("ctx_event")
    vocab: dict[str, list[str]] = {name: [] for name in CATEGORICAL}
    X = encode([raw | {"ctx_event": 0.25}, raw, raw], vocab, context=model)
    assert X[0, col] == 0.25 and abs(X[1, col] - 1 / (1 + np.exp(-2.0))) < 1e-9
    assert np.isnan(encode([raw], vocab)[0, col])


def test_the_shipped_detector_carries_its_context_model():
    det = load_detector()
    assert det is not None and det.context is not None
    assert det.context.coef.shape == (N_HASH,) and np.abs(det.context.coef).max() > 0
    p = det.context.probabilities([["h:attack", "s:troop", "c:nsubj:troop"],
                                   ["h:poll", "s:percent", "s:survey"]])
    assert p[0] > p[1]
    assert context.C > 0
