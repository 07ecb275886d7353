"""Eval gate for event mentions on ECB+ dev: the shipped detector alone, and the events stage.

Measured with ``dateline train link_mentions`` (detector alone on ECB+ dev, threshold 0.45:
P 0.883, R 0.804, F1 0.842; topic-CV on train F1 0.816) and
``benchmarks/links.py --clusters --gold ecbplus_dev.jsonl`` (mention_recall 0.819; 0.586
without the detector). Floors sit a little below.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.link.mentions import load_detector
from dateline.link.mentiontrain import build_split, fill_rates, prf

# detector alone, ECB+ dev annotated sentences, shipped threshold
DETECTOR_FLOORS = {"precision": 0.86, "recall": 0.78, "f1": 0.82}
# events stage (lexicon triggers + detected mentions), scorer's mention recall
PIPELINE_FLOORS = {"mention_recall": 0.80}


@pytest.mark.eval
def test_detector_on_ecbplus_dev(shared_dir: Path) -> None:
    """Shipped weights and threshold reach the P/R/F1 floors on ECB+ dev."""
    det = load_detector()
    dev, _ = build_split(shared_dir / "data" / "links" / "ecbplus_dev.jsonl", det.vocab)
    got = prf(dev, det.booster.predict(fill_rates(dev.X, dev.keys, det.rates)), det.threshold)
    for key, floor in DETECTOR_FLOORS.items():
        assert got[key] >= floor, (key, got)


@pytest.mark.eval
@pytest.mark.slow
def test_events_stage_mention_recall_on_ecbplus_dev(shared_dir, settings, nlp_stage,
                                                    tmp_path) -> None:
    """Every stage over ECB+ dev, events exported unclustered: the scorer's mention recall."""
    from dateline.model import Article, to_record
    from dateline.pipeline import available_stages, build_stage

    gold = shared_dir / "data" / "links" / "ecbplus_dev.jsonl"
    stages = [nlp_stage] + [build_stage(n, settings) for n in available_stages() if n != "nlp"]
    pred = tmp_path / "pred.jsonl"
    with gold.open(encoding="utf-8") as f, pred.open("w", encoding="utf-8") as out:
        for d in map(json.loads, f):
            art = Article(id=d["id"], text=d["text"], published=d["published"])
            for stage in stages:
                art = stage(art)
            out.write(json.dumps(to_record(art)) + "\n")
    res = subprocess.run([sys.executable, str(shared_dir / "eval" / "score_links.py"),
                          "--gold", str(gold), "--pred", str(pred)],
                         capture_output=True, text=True, check=True, timeout=300)
    got = {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", res.stdout.splitlines()[-1])}
    for key, floor in PIPELINE_FLOORS.items():
        assert got[key] >= floor, (key, got)
