"""End-to-end pair rows: pipeline mentions aligned to gold ones, and the pair labels."""
from __future__ import annotations

import numpy as np

from dateline.link.pairs import Mention
from dateline.link.pairtrain_e2e import NONE, align, pair_labels

TEXT = "A quake struck Chile. Rescuers searched the rubble. Officials said more would come."
GOLD = {
    "annotated": [[0, 51]],  # the first two sentences only
    "events": [
        {"start": 8, "end": 14, "text": "struck", "instance": "ACT1"},
        {"start": 31, "end": 39, "text": "searched", "instance": "ACT2",
         "parts": [{"start": 31, "end": 39, "text": "searched"}]},
    ],
}


def _m(start: int, word: str) -> Mention:
    assert TEXT[start:start + len(word)] == word
    return Mention("d1", start, start + len(word), word, word)


def test_align_by_trigger_overlap() -> None:
    assert align(_m(8, "struck"), GOLD) == "ACT1"
    assert align(_m(31, "searched"), GOLD) == "ACT2"
    assert align(_m(2, "quake"), GOLD) == NONE  # annotated sentence, no gold mention
    assert align(_m(62, "said"), GOLD) is None  # outside the annotated sentences


def test_align_partial_overlap_and_no_annotation_list() -> None:
    assert align(Mention("d1", 10, 12, "ru"), GOLD) == "ACT1"
    whole = {"events": GOLD["events"]}
    assert align(_m(62, "said"), whole) == NONE  # everything annotated when the list is absent


def test_pair_labels_same_instance_only() -> None:
    inst = ["ACT1", "ACT1", NONE, NONE, "ACT2"]
    pairs = np.array([[0, 1], [0, 2], [2, 3], [1, 4], [3, 4]])
    assert pair_labels(inst, pairs).tolist() == [1.0, 0.0, 0.0, 0.0, 0.0]
