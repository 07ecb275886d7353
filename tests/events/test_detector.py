"""The learned event decision: encoding, the type rule, the setting, the shipped model."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from dateline.config import load_settings
from dateline.events import detector
from dateline.events.detector import CATEGORICAL, FEATURES, NUMERIC, VEC_DIM, decide, encode
from dateline.learn.persist import model_dir
from dateline.model import Event

CLASSES = ("NONE", "ACCUSE", "ASSAULT")


def _raw(**over) -> dict:
    raw = {name: "-" for name in CATEGORICAL} | {name: 0.0 for name in NUMERIC}
    raw["vec"] = [0.5] * VEC_DIM
    return raw | over


def test_encode_maps_unknown_categories_to_zero_and_keeps_numbers():
    vocab = {name: [] for name in CATEGORICAL} | {"lemma": ["attack", "say"]}
    X = encode([_raw(lemma="say", depth=3.0), _raw(lemma="unseen")], vocab)
    assert X.shape == (2, len(FEATURES))
    assert X[0, FEATURES.index("lemma")] == 2 and X[1, FEATURES.index("lemma")] == 0
    assert X[0, FEATURES.index("depth")] == 3.0 and X[0, -1] == 0.5


def test_decide_takes_the_best_plover_type_and_calibrates_it():
    probs = np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6]])
    knots_x, knots_y = np.array([0.0, 1.0]), np.array([0.0, 0.5])
    assert decide(probs, CLASSES, knots_x, knots_y) == [("ACCUSE", 0.1), ("ASSAULT", 0.3)]


def test_decide_keeps_a_fixed_type_and_scores_it_by_the_chance_of_an_event():
    probs = np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.4, 0.5, 0.1]])
    out = decide(probs, CLASSES, np.zeros(0), np.zeros(0), ["ASSAULT", None, "OTHER"])
    # a fixed type keeps its name and takes P(event) = 1 - P(NONE); None and a type the
    # model does not know leave the best type and its probability
    assert [(t, round(p, 3)) for t, p in out] == [("ASSAULT", 0.3), ("ASSAULT", 0.6),
                                                  ("ACCUSE", 0.5)]


class _Booster:
    def __init__(self, probs: list[list[float]]):
        self.probs = np.array(probs)

    def predict(self, X, num_threads: int = 0):
        assert len(X) == len(self.probs)  # one call for the whole document
        return self.probs


def _events() -> list[Event]:
    return [Event(id=f"e{i}", start=0, end=9, trigger="t", trigger_start=0, trigger_end=1,
                  type=t, action="a", cameo="180", mode="m", confidence=0.9)
            for i, t in enumerate(("ASSAULT", "OTHER"))]


def test_setting_none_leaves_the_lexicon_events(monkeypatch):
    monkeypatch.setattr(detector, "load_detector", lambda: pytest.fail("model consulted"))
    events = _events()
    assert detector.apply_detector(events, [_raw(), _raw()], None) == events


def test_learned_decision_retypes_and_keeps_low_confidence_as_other(monkeypatch):
    det = detector.Detector(_Booster([[0.1, 0.85, 0.05], [0.8, 0.15, 0.05]]), CLASSES,
                            {name: [] for name in CATEGORICAL}, np.zeros(0), np.zeros(0), 0.5)
    monkeypatch.setattr(detector, "load_detector", lambda: det)
    first, second = detector.apply_detector(_events(), [_raw(), _raw()], 0.5)
    assert (first.type, first.confidence, first.cameo, first.mode) == ("ACCUSE", 0.85, None, None)
    assert (second.type, second.confidence) == ("OTHER", 0.15)


def test_lexicon_types_keep_the_lexicon_coding_and_let_the_model_decide(monkeypatch):
    # the lexicon's ASSAULT is an event for the model (P(NONE) 0.1) though it prefers
    # ACCUSE: it stays ASSAULT with its CAMEO code; the OTHER candidate takes the model's type
    det = detector.Detector(_Booster([[0.1, 0.85, 0.05], [0.2, 0.7, 0.1]]), CLASSES,
                            {name: [] for name in CATEGORICAL}, np.zeros(0), np.zeros(0), 0.5)
    monkeypatch.setattr(detector, "load_detector", lambda: det)
    first, second = detector.apply_detector(_events(), [_raw(), _raw()], 0.5,
                                             lexicon_types=True)
    assert (first.type, first.confidence, first.cameo, first.mode) == ("ASSAULT", 0.9, "180", "m")
    assert (second.type, second.confidence, second.cameo) == ("ACCUSE", 0.7, None)
    # vetoed: the model gives the lexicon's event little chance of being an event at all
    det2 = dataclasses.replace(det, booster=_Booster([[0.8, 0.15, 0.05], [0.9, 0.05, 0.05]]))
    monkeypatch.setattr(detector, "load_detector", lambda: det2)
    first, second = detector.apply_detector(_events(), [_raw(), _raw()], 0.5,
                                            lexicon_types=True)
    assert (first.type, first.confidence, first.cameo) == ("OTHER", 0.2, None)
    assert second.type == "OTHER"


def test_score_lexicon_keeps_every_event_and_scores_the_typed_ones(monkeypatch):
    # the lexicon decides: its ASSAULT stays ASSAULT (CAMEO and mode too) even at a low
    # chance of being right, and takes that chance as its confidence; OTHER is untouched
    det = detector.Detector(_Booster([[0.8, 0.05, 0.15]]), CLASSES,
                            {name: [] for name in CATEGORICAL}, np.zeros(0), np.zeros(0), 0.5)
    monkeypatch.setattr(detector, "load_detector", lambda: det)
    first, second = detector.score_lexicon(_events(), [_raw(), {}])
    assert (first.type, first.confidence, first.cameo, first.mode) == ("ASSAULT", 0.2, "180", "m")
    assert second == _events()[1]  # an OTHER candidate without features is not predicted


def test_score_lexicon_makes_events_of_featured_other_candidates_at_the_threshold(monkeypatch):
    # an OTHER candidate with features (its lemma is one the training data labels as an
    # event) takes the model's type where its chance reaches the threshold, without the
    # lexicon's CAMEO code or mode; below it, it stays OTHER with its confidence untouched
    events = _events() + [dataclasses.replace(_events()[1], id="e2")]
    det = detector.Detector(_Booster([[0.8, 0.05, 0.15], [0.1, 0.7, 0.2], [0.5, 0.4, 0.1]]),
                            CLASSES, {name: [] for name in CATEGORICAL}, np.zeros(0),
                            np.zeros(0), 0.6)
    monkeypatch.setattr(detector, "load_detector", lambda: det)
    first, second, third = detector.score_lexicon(events, [_raw(), _raw(), _raw()])
    assert first.type == "ASSAULT"
    assert (second.type, second.confidence, second.cameo, second.mode) == (
        "ACCUSE", 0.7, None, None)
    assert third == events[2]


def test_event_lemmas_are_the_lemmas_labelled_events_often_enough():
    raws = [{"lemma": w} for w in ("sue", "sue", "say", "say", "say", "say", "riot")]
    labels = ["ACCUSE", "ACCUSE", "ACCUSE", "NONE", "NONE", "NONE", "PROTEST"]
    # "say": one event in four rows is under two events; "riot": one event only
    assert detector.event_lemmas(raws, labels) == ["sue"]
    assert detector.event_lemmas(raws, labels, min_events=1, min_rate=0.25) == [
        "riot", "say", "sue"]


def test_score_lexicon_takes_the_verbal_sense_of_force_words_the_model_prefers(monkeypatch):
    # "attacks on her character": the model rates ACCUSE above the lexicon's ASSAULT, so the
    # event is criticism (mode and CAMEO of that sense); scored as an event all the same
    det = detector.Detector(_Booster([[0.3, 0.5, 0.2]]), CLASSES,
                            {name: [] for name in CATEGORICAL}, np.zeros(0), np.zeros(0), 0.5)
    monkeypatch.setattr(detector, "load_detector", lambda: det)
    first, _ = detector.score_lexicon(_events(), [_raw(), {}])
    assert (first.type, first.confidence, first.cameo, first.mode) == (
        "ACCUSE", 0.7, "111", "disapprove")


def test_only_lemmas_the_training_data_reads_in_the_other_sense_may_change_sense(monkeypatch):
    raws = [_raw(lex_type="ASSAULT", lemma=w) for w in ("attack", "attack", "slay", "kill")]
    raws.append(_raw(lex_type="SUPPORT", lemma="back"))
    labels = ["ACCUSE", "ACCUSE", "ASSAULT", "ACCUSE", "ACCUSE"]
    # "kill" read as criticism once is under two; "back" is no type with another sense
    assert detector.sense_lemmas(raws, labels) == ["attack"]
    det = detector.Detector(_Booster([[0.3, 0.5, 0.2]]), CLASSES,
                            {name: [] for name in CATEGORICAL}, np.zeros(0), np.zeros(0), 0.5,
                            sense_lemmas=frozenset({"attack"}))
    monkeypatch.setattr(detector, "load_detector", lambda: det)
    kept, _ = detector.score_lexicon(_events(), [_raw(lemma="slay"), {}])
    changed, _ = detector.score_lexicon(_events(), [_raw(lemma="attack"), {}])
    assert (kept.type, changed.type) == ("ASSAULT", "ACCUSE")


@pytest.mark.parametrize(("text", "trigger", "etype"), [
    ("Trump launched new attacks on Clinton's character in a speech on Monday.", "attacks",
     "ACCUSE"),
    # "slay" is never criticism in the training data, whatever the model rates it
    ("Hours later, Deputy Ortiz was slain.", "slain", "ASSAULT"),
    ("Clinton attacked Trump over his tax returns during the debate.", "attacked", "ACCUSE"),
    ("Gunmen attacked a police station in Kabul on Monday, killing five officers.", "attacked",
     "ASSAULT"),
    # an armed actor's attacks are force, whatever the model makes of "new attacks"
    ("Rebel fighters launched new attacks in Aleppo on Sunday.", "attacks", "ASSAULT"),
])
def test_shipped_model_tells_verbal_attacks_from_force(settings, make_article, text, trigger,
                                                        etype):
    from dateline.stages.events import EventStage
    art = EventStage(settings)(make_article(text, published="2020-05-10"))
    assert next(e for e in art.events if e.trigger == trigger).type == etype


def test_default_stage_keeps_the_lexicon_events_with_the_model_confidence(
        make_article, settings, monkeypatch):
    import dateline.stages.events as events_stage
    from dateline.pipeline import available_stages, build_stage

    text = ("Police arrested two protesters in Cairo on Monday. Egypt's president met the "
            "Saudi king and praised the deal.")
    runs = {}
    for name_, use in (("scored", None), ("unscored", lambda: None)):
        if use is not None:
            monkeypatch.setattr(events_stage, "load_detector", use)
        art = make_article(text)
        for name in available_stages():
            if name != "nlp":
                art = build_stage(name, settings)(art)
        runs[name_] = art.events
    scored, unscored = runs["scored"], runs["unscored"]
    assert [(e.trigger, e.type) for e in scored] == [(e.trigger, e.type) for e in unscored]
    typed = [(a, b) for a, b in zip(scored, unscored, strict=True) if a.type != "OTHER"]
    assert typed and all(0.0 <= (a.confidence or 0) <= 1.0 for a, _ in typed)
    assert any(a.confidence != b.confidence for a, b in typed)  # the model's, not the rules'


def test_default_stage_makes_events_of_words_the_lexicon_lacks_only_when_confident(
        make_article, settings, monkeypatch):
    # "lawsuit" is in no lexicon row; the team corpus labels it an event, and the shipped
    # model is confident of ACCUSE here: an event without the lexicon's CAMEO code or mode.
    # Without the model's event lemmas the candidate is neither featured nor typed.
    import dateline.stages.events as events_stage
    from dateline.pipeline import available_stages, build_stage

    text = "Apple Corps filed a lawsuit against Apple Computer over the use of the logo."
    shipped = detector.load_detector()
    assert shipped is not None and "lawsuit" in shipped.event_lemmas
    found = {}
    for name_, det in (("shipped", shipped),
                       ("no lemmas", dataclasses.replace(shipped, event_lemmas=frozenset()))):
        monkeypatch.setattr(events_stage, "load_detector", lambda det=det: det)
        monkeypatch.setattr(detector, "load_detector", lambda det=det: det)
        art = make_article(text)
        for name in available_stages():
            if name != "nlp":
                art = build_stage(name, settings)(art)
        found[name_] = next(e for e in art.events if e.trigger == "lawsuit")
    ev = found["shipped"]
    assert (ev.type, ev.cameo, ev.mode) == ("ACCUSE", None, None)
    assert ev.confidence is not None and ev.confidence >= shipped.threshold
    assert ev.source is not None and "Apple Corps" in ev.source.text
    assert found["no lemmas"].type == "OTHER"


def test_min_confidence_setting_reads_from_the_environment():
    assert load_settings(env={}).min_confidence is None
    assert load_settings(env={"DATELINE_MIN_CONFIDENCE": "0.6"}).min_confidence == 0.6
    assert load_settings(env={"DATELINE_MIN_CONFIDENCE": "none"}).min_confidence is None
    assert load_settings(env={}).event_types == "lexicon"
    assert load_settings(env={"DATELINE_EVENT_TYPES": "model"}).event_types == "model"


def test_shipped_model_loads_with_its_dev_threshold():
    det = detector.load_detector()
    assert det is not None and det.classes[0] == "NONE" and len(det.classes) == 17
    assert 0.0 < det.threshold < 1.0
    assert np.all(np.diff(det.calib_y) >= 0)  # calibrated probability grows with the score
    assert len(det.lex_x) and np.all(np.diff(det.lex_y) >= 0)  # the lexicon-type calibrator
    size = sum(p.stat().st_size for p in model_dir("events").iterdir())
    assert size < 50_000_000


def test_stage_with_min_confidence_gives_calibrated_confidence(make_article, settings,
                                                                monkeypatch):
    import dateline.stages.events as events_stage
    from dateline.pipeline import available_stages, build_stage

    # the linking mention detector's OTHER rows are not candidates of this model
    monkeypatch.setattr(events_stage, "shipped_detector", lambda: None)

    text = ("Police arrested two protesters in Cairo on Monday. The minister said the "
            "weather was fine and thanked the staff.")
    runs = {}
    for mc in (None, 0.0, 1.01):
        art = make_article(text)
        for name in available_stages():
            if name != "nlp":
                art = build_stage(name, settings.replace(min_confidence=mc))(art)
        runs[mc] = art.events
    assert [e.trigger for e in runs[None]] == [e.trigger for e in runs[0.0]]
    assert all(e.type != "OTHER" and 0.0 <= (e.confidence or 0) <= 1.0 for e in runs[0.0])
    assert all(e.type == "OTHER" for e in runs[1.01])
    assert len(runs[0.0]) > sum(e.type != "OTHER" for e in runs[None])  # OTHER candidates too


def test_lexicon_calibration_fits_the_lexicon_typed_rows_only():
    from dateline.events.detecttrain import CLASSES, lexicon_calibration

    probs = np.full((4, len(CLASSES)), 0.01)
    probs[:, 0] = [0.1, 0.9, 0.8, 0.3]  # P(NONE): P(event) 0.9, -, 0.2, 0.7
    raws = [{"lex_type": t} for t in ("ACCUSE", "OTHER", "ASSAULT", "ACCUSE")]
    labels = ["ACCUSE", "NONE", "NONE", "ACCUSE"]  # right when the gold is the lexicon's type
    xs, ys = lexicon_calibration(probs, raws, labels)
    assert np.all(np.diff(ys) >= 0)
    assert np.interp(0.2, xs, ys) == pytest.approx(0.0) and np.interp(0.9, xs, ys) == 1.0
    assert lexicon_calibration(probs[1:2], raws[1:2], labels[1:2])[0].size == 0  # no lexicon row
