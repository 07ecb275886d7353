"""The learned factual status (dateline.events.factuality): occurred, ongoing or claimed."""
from __future__ import annotations

import numpy as np
import pytest

from dateline.events.factuality import StatusModel, load_status_model


def _toy() -> StatusModel:
    """Two features: 'allegation=1' votes claimed, 'tag=VBG' votes ongoing, 'x' votes other."""
    vocab = {"allegation=1": 0, "tag=VBG": 1, "x": 2}
    classes = ("claimed", "occurred", "ongoing", "other")
    coef = np.zeros((3, 4))
    coef[0, 0] = coef[1, 2] = coef[2, 3] = 3.0
    return StatusModel(vocab, coef, np.array([0.0, 1.0, 0.0, 0.0]), classes)


@pytest.mark.parametrize(("feats", "rule", "expected"), [
    (["allegation=1"], "occurred", "claimed"),
    (["tag=VBG"], "claimed", "ongoing"),
    ([], "claimed", "occurred"),
    (["x"], "claimed", "claimed"),  # the model's best is no factual status: the rules' stays
    (["allegation=1"], "ordered", "ordered"),  # an intent status is never the model's
    (["unknown-feature"], "hypothetical", "hypothetical"),
])
def test_the_model_chooses_only_among_factual_statuses(feats, rule, expected):
    assert _toy().decide(feats, rule) == expected


def test_probabilities_sum_to_one_and_ignore_unknown_features():
    p = _toy().probabilities(["allegation=1", "never-seen"])
    assert p.sum() == pytest.approx(1.0) and p.argmax() == 0


def test_the_model_is_shipped_with_the_factual_classes():
    model = load_status_model()
    assert model is not None
    assert {"occurred", "ongoing", "claimed"} <= set(model.classes)
    assert model.coef.shape == (len(model.vocab), len(model.classes))


@pytest.mark.parametrize(("text", "word", "status"), [
    # an allegation: the act is alleged, not established
    ("Hiller is accused of shooting three co-workers.", "shooting", "claimed"),
    # a reporter's sourcing is not a claim (the rules said claimed; team train: 82 of 103
    # such rules' claims were occurred in the annotation)
    ("Police said guerrillas wounded two soldiers in a bomb attack.", "wounded", "occurred"),
    # in progress
    ("Russia is bombing rebel positions near Aleppo.", "bombing", "ongoing"),
    ("Russian jets bombed rebel positions near Aleppo on Monday.", "bombed", "occurred"),
])
def test_learned_status_on_new_sentences(analysed, text, word, status):
    art = analysed(text, published="2021-03-02")
    assert {e.status for e in art.events if word in e.trigger.lower()} == {status}


def test_the_stage_records_the_features_it_decided_on(analysed):
    from dateline.config import Settings
    from dateline.pipeline import build_stage

    stage = build_stage("events", Settings())
    art = analysed("Hiller is accused of shooting three co-workers.")
    stage(art)
    shooting = next(e for e in art.events if "shooting" in e.trigger)
    feats = stage.status_rows[shooting.id]
    assert "allegation=1" in feats and "gov=accuse" in feats


def test_training_fits_on_rows_and_beats_the_rules_where_they_are_wrong():
    from dateline.events import factualitytrain as ft

    rule_claims = ["rule=claimed", "attributed=1", "gov=say"]
    alleged = ["rule=occurred", "allegation=1", "gov=accuse"]
    train = ([rule_claims] * 30 + [alleged] * 10, ["occurred"] * 30 + ["claimed"] * 10)
    model = ft.fit(train, 1.0)
    assert ft.accuracy(None, train)["accuracy"] == 0.0  # the rules: every row wrong
    assert ft.accuracy(model, train) == {"accuracy": 1.0, "rows": 40}
    picked, metrics = ft.choose(train, train)
    assert metrics["dev_model"]["accuracy"] == 1.0 and metrics["c"] in ft.C_GRID


def test_a_gold_event_is_read_from_the_emitted_event_covering_its_trigger():
    from types import SimpleNamespace as NS

    from dateline.events.factualitytrain import _covering, _label

    gold = {"trigger": (10, 18), "type": "ASSAULT", "status": "ordered"}
    other = NS(trigger_start=8, trigger_end=18, type="OTHER")
    same = NS(trigger_start=12, trigger_end=14, type="ASSAULT")
    far = NS(trigger_start=30, trigger_end=34, type="ASSAULT")
    assert _covering(gold, [other, same, far]) is same  # the same type first
    assert _covering(gold, [other, far]) is other
    assert _covering(gold, [far]) is None
    assert (_label("ordered"), _label(None), _label("ongoing")) == ("other", "occurred", "ongoing")
