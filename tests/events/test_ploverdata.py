"""PLOVER GSR records as detector rows: EVT spans, labelling, folds, an injected model."""
from __future__ import annotations

import numpy as np

from dateline.events import detector
from dateline.events.detector import CATEGORICAL, NUMERIC, VEC_DIM
from dateline.events.plovercv import fold_of
from dateline.events.ploverdata import SKIP, evt_spans, label_plover, record_gold
from dateline.model import Event

TEXT = ("Senior Hungarian officials agreed on Wednesday that their countries should "
        "cooperate, the minister said after he visited Rome.")
RECORD = {"id": "plover-x", "text": TEXT, "gold": {"events": [{
    "type": "AGREE", "markup": "Senior (SRC: Hungarian) officials (EVT: agreed) on Wednesday "
    "that their countries should (EVT: cooperate), the minister said after he visited Rome."}]}}


def _event(word: str, etype: str) -> Event:
    i = TEXT.index(word)
    return Event(id=word, start=i, end=i + len(word), trigger=word, trigger_start=i,
                 trigger_end=i + len(word), type=etype, action="a", confidence=0.5)


def test_evt_spans_are_found_in_the_text_in_order():
    spans = evt_spans(TEXT, RECORD["gold"]["events"][0]["markup"])
    assert [TEXT[a:b] for a, b in spans] == ["agreed", "cooperate"]


def test_one_candidate_per_gold_event_others_on_its_words_skipped_unmarked_acts_skipped():
    events = [_event("agreed", "AGREE"), _event("cooperate", "COOPERATE"),
              _event("said", "OTHER"), _event("visited", "CONSULT")]
    labels = label_plover(events, record_gold(RECORD))
    # the lexicon's own AGREE on the EVT words takes the type; the other EVT word is left
    # out; an unmarked OTHER predicate is NONE; an unmarked PLOVER act is not coded: left out
    assert labels == ["AGREE", SKIP, "NONE", SKIP]


def test_gold_type_goes_to_the_first_evt_candidate_when_no_lexicon_type_matches():
    events = [_event("agreed", "OTHER"), _event("cooperate", "COOPERATE")]
    assert label_plover(events, record_gold(RECORD)) == ["AGREE", SKIP]


def test_folds_are_seeded_and_balanced():
    ids = [f"plover-{i:03d}" for i in range(12)]
    folds = fold_of(ids, 5, 13)
    assert folds == fold_of(list(reversed(ids)), 5, 13)
    assert sorted(np.bincount(list(folds.values()))) == [2, 2, 2, 3, 3]


class _Booster:
    def predict(self, X, num_threads: int = 0):
        return np.array([[0.1, 0.9]] * len(X))


def test_an_injected_detector_replaces_the_shipped_one(monkeypatch):
    monkeypatch.setattr(detector, "load_detector", lambda: None)
    det = detector.Detector(_Booster(), ("NONE", "ACCUSE"), {n: [] for n in CATEGORICAL},
                            np.zeros(0), np.zeros(0), 0.5)
    raw = {n: "-" for n in CATEGORICAL} | {n: 0.0 for n in NUMERIC} | {"vec": [0.0] * VEC_DIM}
    events = [_event("said", "OTHER")]
    assert detector.apply_detector(events, [raw], 0.5) == events  # no shipped model
    (out,) = detector.apply_detector(events, [raw], 0.5, det)
    assert (out.type, out.confidence) == ("ACCUSE", 0.9)
