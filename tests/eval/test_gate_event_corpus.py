"""Eval gate: PLOVER events on the team's running-text corpus, dev split (issue 14).

Measured with ``python -m dateline.events.evaluate dev --sweep`` (and ``--lexicon``) when the
gate was pinned (2026-12-06, dev 439 sentences / 129 events; the detector refitted on the
corpus extended to 792 train events; dev chose team + M2E2 rows over adding the PLOVER
records): the lexicon (default) P 0.144 R 0.279; the learned detector (``min_confidence``
set, its own types) at 0.1: P 0.361 R 0.302; at the model's threshold 0.629: P 0.857 R 0.093;
with the lexicon's types where it codes one (stop 25) at 0.1: P 0.314 R 0.295. Floors sit a
little below. The dev split also fitted the calibrator and chose the threshold, so these are
not held-out figures (the test split is). Stop 26's actor changes (role nouns, pronouns) move
the detector's actor features: at the threshold P 0.833 R 0.078 (12 events emitted; two
fewer right), at 0.1 P 0.355 R 0.302; the recall floor at the threshold went 0.08 -> 0.07.
Refitting the detector on the new actors was tried: its threshold (0.561) then kept one dev
event, so the shipped detector stayed.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dateline.config import Settings
from dateline.events.detector import load_detector
from dateline.events.evaluate import load_split, run_pipeline, score

REPO = Path(__file__).resolve().parents[2]
# name: (min_confidence: who decides (None: the lexicon; "model": the model's threshold),
#        event_types, view threshold (score events from this confidence), precision floor,
#        recall floor)
# Stop 27 refitted the detector on its lexicon changes (the old one, fitted on the old lexicon
# types, had fallen to 0.667 at its threshold): 0.900 / 0.070 at its threshold, 0.285 / 0.333
# at 0.1 with its types (0.364 / 0.310 before), 0.304 / 0.318 with the lexicon's.
# Stop 28 extended the corpus (dev 129 -> 194 events: harder, the lexicon fell from 0.202 /
# 0.302 to 0.180 / 0.242) and refitted the detector on train 1,152 events (dev chose team +
# M2E2 + PLOVER records, event weight 3, 40 rounds, threshold 0.496): at its threshold 0.870 /
# 0.103, at 0.1 0.353 / 0.253 (its types), 0.326 / 0.237 (the lexicon's types); the lexicon
# deciding and the model scoring, events from confidence 0.1: 0.389 / 0.180. Then the trigger
# lexicon took the ACCUSE, SUPPORT, ASSAULT, REJECT words of the manual and CAMEO it lacked
# (lexicon 0.213 / 0.314) and the detector was refitted (dev chose team + M2E2, event weight
# 3, 60 rounds, threshold 0.627): 0.857 / 0.093 at it, 0.337 / 0.320 at 0.1, lexicon types
# 0.299 / 0.289, the lexicon scored from 0.1: 0.430 / 0.237. The PLOVER records are now always
# in the data (cross-validation on them: the default mode's top event right on 0.848 of unseen
# records with them, 0.797 without); refitted (M2E2 chosen, event weight 3, 150 rounds,
# threshold 0.65): 0.857 / 0.093 at it, 0.353 / 0.335 at 0.1, lexicon types 0.317 / 0.299,
# the lexicon scored from 0.1: 0.468 / 0.227.
# Stop 37 extended the corpus (dev 210 -> 289 events, 749 -> 1,045 sentences, a third of the
# new dev from ECB+): the shipped detector on the new dev gives the lexicon 0.218 / 0.298,
# scored from 0.1 0.462 / 0.211, its types at 0.1 0.333 / 0.298, at its threshold 0.852 /
# 0.080 (23 of 289), the lexicon's types at 0.1 0.301 / 0.266. Then the detector was refitted on
# the larger train (1,834 events; dev chose team + M2E2 + PLOVER records, event weight 3, 150
# rounds, threshold 0.556): lexicon 0.214 / 0.291, scored from 0.1 0.409 / 0.232, its types at
# 0.1 0.323 / 0.367, at its threshold 0.852 / 0.080, the lexicon's types at 0.1 0.279 / 0.322.
# Stop 40 extended the corpus again (dev 289 -> 387 events, 1,293 sentences): the shipped
# detector on the new dev gave the lexicon 0.248 / 0.307, scored from 0.1 0.442 / 0.235, its
# types at 0.1 0.349 / 0.375, at its threshold 0.854 / 0.090, the lexicon's types at 0.1 0.306 /
# 0.333. Refitted on train 2,422 events (dev chose team + M2E2 + PLOVER records, event weight
# 1, 150 rounds, threshold 0.679): 0.253 / 0.313, 0.462 / 0.266, 0.324 / 0.439, 0.854 / 0.106,
# 0.303 / 0.406. Stop 41's learned sources and targets of PLOVER events
# (dateline.events.rolemodel) and the detector refitted on them (dev chose team + M2E2 + PLOVER
# records, event weight 1, 150 rounds, threshold 0.556): 0.252 / 0.313, 0.456 / 0.266,
# 0.360 / 0.408, 0.860 / 0.111, 0.330 / 0.375. Stop 42's context score (dateline.events.context,
# the sentence's words as one learned feature; same data, weight 1, 150 rounds, threshold
# 0.583): 0.252 / 0.313, 0.427 / 0.282, 0.372 / 0.439, 0.850 / 0.132, 0.325 / 0.413.
FLOORS = {"lexicon": (None, "lexicon", 0.0, 0.23, 0.29),
          "lexicon-scored@0.1": (None, "lexicon", 0.1, 0.40, 0.26),
          "learned@0.1": (0.1, "model", 0.1, 0.34, 0.42),
          "learned@threshold": ("model", "model", "model", 0.85, 0.12),
          "lexicon-types@0.1": (0.1, "lexicon", 0.1, 0.30, 0.39)}

# source / target right on the lexicon's correct dev events: 0.742 / 0.677 at stop 30 (private
# persons as civilians, culpability adjectives, coordinated verbs' shared arguments; 0.721 /
# 0.639 at stop 29, 0.705 / 0.623 before), floors a little below (one dev event is 0.016).
# Stop 35: the model's events where the lexicon is silent add 3 correct dev events, one with
# its target right, so the share falls 0.662 -> 0.647 with no actor coded differently
# Stop 37's larger dev: 0.721 / 0.686 (0.714 / 0.679 with the refitted detector). Stop 40's
# larger dev, with its antecedent layer: 0.706 / 0.681 with stop 39's models, 0.694 / 0.694
# refitted (84 right sources either way, of 119 and 121 correct events). Stop 41, the learned
# role model (dateline.events.rolemodel) and the detector refitted on it: 0.769 / 0.694 of 121
ACTOR_FLOORS = (0.75, 0.67)
# status right on the lexicon's correct dev events: 0.774 with the learned factual status
# (dateline.events.factuality, stop 31), 0.629 with the rules alone
# (0.802 on stop 37's larger dev, 0.798 with the refitted detector; stop 40's: 0.857, 0.860
# refitted)
STATUS_FLOOR = 0.83


@pytest.fixture(scope="module")
def dev_docs(shared_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("event_corpus")
    subprocess.run([sys.executable, str(REPO / "scripts" / "annotations.py"), "build",
                    "--out", str(out)], check=True, capture_output=True,
                   env={"PYTHONPATH": str(REPO / "src"), "DATELINE_SHARED": str(shared_dir)})
    return load_split("dev", out)


@pytest.mark.eval
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_team_dev_precision_and_recall(dev_docs, name):
    setting, types, view, p_floor, r_floor = FLOORS[name]
    det = load_detector()
    assert det is not None
    view = det.threshold if view == "model" else view
    arts = run_pipeline(dev_docs, Settings(min_confidence=None if setting is None else 0.0,
                                           event_types=types))
    got = score(dev_docs, arts, view)
    assert got["precision"] >= p_floor and got["recall"] >= r_floor, (name, got)
    if name == "lexicon":  # the default mode's actors on its correct events
        assert got["source_right"] >= ACTOR_FLOORS[0], got
        assert got["target_right"] >= ACTOR_FLOORS[1], got
        assert got["status_right"] >= STATUS_FLOOR, got
