"""Eval gate: PLOVER events on the team's running-text corpus, dev split (issue 14).

Measured with ``python -m dateline.events.evaluate dev --sweep`` (and ``--lexicon``) when the
gate was pinned (2026-12-06, dev 343 sentences / 108 events; the detector refitted on the
extended corpus, 569 train events, with M2E2 rows and the 158 PLOVER records): the lexicon
(default) P 0.153 R 0.278; the learned detector (``min_confidence`` set) at 0.1: P 0.444 R
0.222; at the model's threshold 0.451: P 0.867 R 0.120. Floors sit a little below. The dev
split also fitted the calibrator and chose the threshold, so these are not held-out figures
(the test split is).
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
FLOORS = {"lexicon": (None, 0.14, 0.25), "learned@0.1": (0.1, 0.42, 0.20),
          "learned@threshold": ("model", 0.82, 0.11)}


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
    setting, p_floor, r_floor = FLOORS[name]
    det = load_detector()
    assert det is not None
    mc = det.threshold if setting == "model" else setting
    arts = run_pipeline(dev_docs, Settings(min_confidence=None if mc is None else 0.0))
    got = score(dev_docs, arts, mc or 0.0)
    assert got["precision"] >= p_floor and got["recall"] >= r_floor, (name, got)
