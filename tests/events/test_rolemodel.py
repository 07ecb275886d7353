"""The learned source and target chooser (dateline.events.rolemodel, roletrain)."""
from __future__ import annotations

import json

import numpy as np
import pytest

from dateline.events.antecedents import AntecedentModel
from dateline.events.rolemodel import (
    ROLES,
    RoleChooser,
    dep_path,
    load_role_model,
    recording,
    rule_index,
    rules_only,
)
from dateline.learn.persist import load_shipped
from dateline.lightdoc import LightDoc


def _chooser(weights: dict[str, float], override: float, drop: float, fill: float
             ) -> RoleChooser:
    vocab = {f: i for i, f in enumerate(weights)}
    scorer = AntecedentModel(vocab, np.array(list(weights.values())), 0.0, 0.0)
    return RoleChooser(scorer, override, drop, fill)


# candidates' chances: sigmoid(3) = 0.95, sigmoid(0) = 0.5, sigmoid(-3) = 0.05
SURE, EVEN, UNLIKELY = ["w=sure"], ["w=even"], ["w=unlikely"]
WEIGHTS = {"w=sure": 3.0, "w=even": 0.0, "w=unlikely": -3.0}


@pytest.mark.parametrize(("feats", "rule", "expected"), [
    ([EVEN, SURE], 0, 1),  # a sure other candidate replaces the rules'
    ([EVEN, EVEN], 0, 0),  # an even one does not
    ([UNLIKELY, EVEN], 0, None),  # an unlikely rules' candidate is dropped (null)
    ([EVEN, SURE], None, 1),  # where the rules give none, a sure candidate fills the role
    ([EVEN, UNLIKELY], None, None),  # an even one does not
    ([], None, None),
])
def test_the_chooser_departs_from_the_rules_only_when_sure(feats, rule, expected):
    assert _chooser(WEIGHTS, 0.9, 0.1, 0.6).choose(feats, rule) == expected


def test_rule_index_finds_the_rules_candidate():
    assert rule_index([["rule=False"], ["rule=True"]]) == 1
    assert rule_index([["rule=False"]]) is None


def test_dep_path_names_prepositions_and_relative_clauses(make_article):
    doc = LightDoc(make_article("Critics complained about the actor who was killed.").doc)
    tok = {t.text: t for t in doc.tokens}
    assert dep_path(tok["complained"], tok["actor"]) == "vprep:about vpobj"
    assert dep_path(tok["killed"], tok["actor"]) == "^relcl"
    assert dep_path(tok["complained"], tok["complained"]) == "self"
    assert dep_path(tok["killed"], tok["Critics"], limit=2) == "long"


def test_the_shipped_model_loads_with_both_roles_and_sane_thresholds():
    model = load_role_model()
    assert model is not None
    for role in ROLES:
        chooser = model.of(role)
        assert len(chooser.scorer.vocab) > 100
        assert 0.0 <= chooser.drop < chooser.fill and chooser.fill <= 2.0
        assert 0.5 <= chooser.override <= 2.0
    meta = load_shipped("event_roles").meta  # type: ignore[union-attr]
    assert "test never read" in meta["data"]
    for role in ROLES:  # the model beats the rules on the dev rows it was chosen on
        m = meta["metrics"][role]
        assert m["dev_model"]["accuracy"] > m["dev_rules"]["accuracy"]


def _roles(analysed, text: str, trigger: str) -> tuple[str | None, str | None]:
    ev = next(e for e in analysed(text).events if e.trigger == trigger)
    return (ev.source.text if ev.source else None, ev.target.text if ev.target else None)


@pytest.mark.parametrize(("text", "trigger", "learned", "rules"), [
    # the one welcomed or praised is named in the clause that follows
    ("Chancellor Angela Merkel welcomed the news that Macron would stay.", "welcomed",
     ("Angela Merkel", "Macron"), ("Angela Merkel", None)),
    ("Britain praised the decision that Ukraine would rejoin the talks.", "praised",
     ("Britain", "Ukraine"), ("Britain", None)),
    ("Japan applauded the news that Seoul would reopen the embassy.", "applauded",
     ("Japan", "Seoul"), ("Japan", None)),
])
def test_the_model_fills_roles_the_rules_leave_empty(analysed, text, trigger, learned, rules):
    assert _roles(analysed, text, trigger) == learned
    with rules_only():
        assert _roles(analysed, text, trigger) == rules


def test_the_speaker_of_a_report_is_not_the_reported_acts_source(analysed):
    text = ('Army Colonel Rob Manning, a Pentagon spokesman, said Russian statements "do not '
            'often correspond" with actual troop reductions.')
    assert _roles(analysed, text, "reductions")[0] is None


def test_other_events_keep_the_rules_actors(analysed):
    """An event still OTHER when its actors are chosen ("found guilty" is typed later, by the
    detector) keeps the rules' (none here): linking compares OTHER events' actors."""
    text = "Paul Ortiz was found guilty of fraud on Monday."
    assert _roles(analysed, text, "guilty") == (None, None)


def test_recording_keeps_the_rules_and_records_every_role(analysed):
    text = "Paul Ortiz was found guilty of fraud on Monday."
    with recording() as rows:
        assert _roles(analysed, text, "guilty") == (None, None)
    guilty = [r for r in rows if text[r[1]:r[2]] == "guilty"]
    assert [r[3] for r in guilty] == ["source", "target"]
    _doc, _t0, _t1, _role, _type, actors, feats = guilty[1]  # typed later, by the detector
    assert len(actors) == len(feats) >= 1 and any(a.text == "Paul Ortiz" for a in actors)
    assert all("rule=False" in f for f in feats)  # the rules found no target


def test_train_task_fits_and_saves_both_roles(tmp_path):
    """The training command on a small corpus build: both roles saved, loadable, chosen."""
    from dateline.events.roletrain import train_task
    from dateline.learn.persist import load_model

    sentences = [
        ("Germany criticized France over the budget.", "criticized", "ACCUSE",
         (0, 7), (19, 25)),
        ("Paul Ortiz was found guilty of fraud on Monday.", "guilty", "COERCE",
         None, (0, 10)),
        ("Kenya thanked Uganda for its help.", "thanked", "SUPPORT", (0, 5), (14, 20)),
        ("Police arrested Ali Khan in Lahore.", "arrested", "COERCE", (0, 6), (16, 24)),
    ]
    build = tmp_path / "build"
    build.mkdir()
    for split in ("train", "dev"):
        with (build / f"{split}.jsonl").open("w") as fh:
            for k, (text, trig, etype, src, tgt) in enumerate(sentences * 2):
                t0 = text.index(trig)
                ev = {"trigger": [t0, t0 + len(trig)], "type": etype,
                      "source": {"span": list(src), "text": text[src[0]:src[1]]} if src else None,
                      "target": {"span": list(tgt), "text": text[tgt[0]:tgt[1]]}}
                fh.write(json.dumps({"doc_id": f"{split}{k}", "start": 0, "text": text,
                                     "events": [ev]}) + "\n")
    metrics = train_task(build, tmp_path / "model", seed=13)
    assert set(metrics) == set(ROLES)
    saved = load_model(tmp_path / "model")
    for role in ROLES:
        assert saved.arrays[f"coef_{role}"].shape == (len(saved.meta[f"features_{role}"]),)
        assert metrics[role]["rows"]["train"] == 8
