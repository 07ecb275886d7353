"""The learned antecedent of pronoun actors (dateline.events.antecedents)."""
from __future__ import annotations

import numpy as np
import pytest

from dateline.events.antecedents import AntecedentModel, load_antecedent_model
from dateline.events.antecedenttrain import fit, outcomes


def _toy(threshold: float = 0.5) -> AntecedentModel:
    return AntecedentModel({"rule=True": 0, "gender=clash": 1}, np.array([3.0, -4.0]), -1.0,
                           threshold)


def test_the_most_likely_candidate_is_chosen_only_above_the_threshold():
    model = _toy()
    assert model.choose([["rule=False"], ["rule=True"]]) == 1
    assert model.choose([["rule=False"], ["rule=True", "gender=clash"]]) is None
    assert model.choose([]) is None  # no entity before the pronoun: no actor


def test_training_learns_which_features_mark_the_antecedent_and_counts_outcomes():
    right = ([["rule=True", "sdist=0"], ["rule=False", "sdist=2"]], [True, False], True)
    other = ([["rule=False", "sdist=0"], ["rule=True", "sdist=1"]], [False, True], True)
    unnamed = ([["rule=False", "sdist=3"]], [False], False)
    model = fit([right, other, unnamed] * 5, 1.0, 0.5)
    assert model.choose(right[0]) == 0 and model.choose(other[0]) == 1
    assert model.choose(unnamed[0]) is None
    assert outcomes(model, [right, other, unnamed]) == {
        "right": 2, "wrong": 0, "null": 0, "null_right": 1, "accuracy": 1.0}


def test_the_model_is_shipped():
    model = load_antecedent_model()
    assert model is not None and 0.0 < model.threshold < 1.0
    assert model.coef.shape == (len(model.vocab),)
    assert any(f.startswith("rule=") for f in model.vocab)


@pytest.mark.parametrize(("text", "word", "source"), [
    ("Mike Huckabee criticized the ad on Monday. On Tuesday he apologized to Marco Rubio.",
     "apologized", "Mike Huckabee"),
    # nobody is named before the pronoun: no actor rather than a guess
    ("On Tuesday he apologized to the voters.", "apologized", None),
])
def test_a_pronoun_source_is_its_antecedent_or_null(analysed, text, word, source):
    art = analysed(text, published="2016-02-10")
    events = [e for e in art.events if word in e.trigger]
    assert events, [e.trigger for e in art.events]
    assert {e.source.text if e.source else None for e in events} == {source}


def test_the_benchmark_judges_a_resolution_by_name_not_by_country():
    from tests_support import load_script

    from dateline.model import Actor

    bench = load_script("benchmarks/pronoun_actors.py")
    assert bench.verdict(Actor("Barack Obama", country="USA"), "President Obama") == "right"
    assert bench.verdict(Actor("Mike Huckabee", country="USA"), "Marco Rubio") == "wrong"
    assert bench.verdict(None, "Marco Rubio") == "null"
    assert bench.verdict(None, None) == "null_right"


def test_training_reads_a_pipeline_that_resolves_by_the_rules_alone(analysed):
    from dateline.events.antecedents import active_model, rules_only

    text = "Mike Huckabee criticized the ad on Monday. On Tuesday he apologized to Marco Rubio."
    assert active_model() is load_antecedent_model() is not None
    with rules_only():
        assert active_model() is None
        art = analysed(text, published="2016-02-10")  # the rules name Huckabee too
        assert {e.source.text for e in art.events if "apologized" in e.trigger
                if e.source} == {"Mike Huckabee"}
    assert active_model() is not None
