"""benchmarks/links_cv.py's pure helpers: folds of whole topics, the held-fold gold file."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from tests_support import load_script

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("DATELINE_SHARED", REPO.parent / "shared"))


def _bench():
    return load_script("benchmarks/links_cv.py")


def test_folds_are_whole_topics_and_deterministic() -> None:
    bench = _bench()
    topics = ["3", "1", "10", "2", "1", "4", "3", "20"]  # one entry per document
    folds = bench.topic_folds(topics, 3)
    assert folds == bench.topic_folds(list(reversed(topics)), 3)  # input order is irrelevant
    flat = [t for f in folds for t in f]
    assert sorted(flat) == sorted(set(topics))  # every topic in exactly one fold
    # sorted as strings, topic i in fold i % K: the split of pairtrain.topic_cv_auc
    assert folds == [["1", "20"], ["10", "3"], ["2", "4"]]


def test_gold_subset_keeps_only_held_topics(tmp_path: Path) -> None:
    bench = _bench()
    docs = [{"id": "a", "topic": 1, "text": "x"}, {"id": "b", "topic": "2", "text": "y"},
            {"id": "c", "topic": "1", "text": "z"}]
    lines = [json.dumps(d) for d in docs] + [""]
    out = bench.gold_subset(lines, {"1"}, tmp_path / "gold.jsonl")
    kept = out.read_text(encoding="utf-8").splitlines()
    assert kept == [lines[0], lines[2]]  # verbatim, in file order, numeric topic matched too


def test_folder_digest_follows_contents(tmp_path: Path) -> None:
    bench = _bench()
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "booster.txt").write_text("a")
    first = bench.folder_digest(tmp_path / "m")
    assert first == bench.folder_digest(tmp_path / "m")
    (tmp_path / "m" / "booster.txt").write_text("b")
    assert bench.folder_digest(tmp_path / "m") != first


def test_real_train_folds() -> None:
    train = SHARED / "data" / "links" / "ecbplus_train.jsonl"
    if not train.exists():
        pytest.skip("../shared is missing")
    bench = _bench()
    topics = [str(json.loads(x)["topic"]) for x in train.read_text().splitlines() if x.strip()]
    folds = bench.topic_folds(topics, 5)
    assert [len(f) for f in folds] == [5, 5, 5, 5, 5]
