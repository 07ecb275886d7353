"""Eval gate: entities + quotes on the quotes dev set (PolNeAR dev), shared scorer."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from dateline.model import Article, to_record
from dateline.stages.entities import EntityStage
from dateline.stages.quotes import QuoteStage

# A deterministic sample keeps the gate within its time budget: every SAMPLE_STEP-th line.
SAMPLE_STEP = 2
# Floors a little below the scores measured on that sample when the gate was pinned
# (direct_f1 0.962, direct_speaker_acc 0.891, all_f1 0.658, all_speaker_acc 0.842; on all
# 84 docs: 0.958 / 0.868 / 0.675 / 0.818).
FLOORS = {"direct_f1": 0.94, "direct_speaker_acc": 0.87, "all_f1": 0.64,
          "all_speaker_acc": 0.82}


@pytest.mark.eval
def test_quote_dev_scores_stay_above_floors(shared_dir, nlp_stage, settings, tmp_path):
    lines = (shared_dir / "data" / "quotes" / "dev.jsonl").read_text(
        encoding="utf-8").splitlines()[::SAMPLE_STEP]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles = []
    for line in lines:
        d = json.loads(line)
        articles.append(Article(id=d["id"], text=d["text"], published=d.get("published")))
    entities, quotes = EntityStage(settings), QuoteStage(settings)
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as out:
        for art in nlp_stage.pipe(articles):
            art = quotes(entities(art))
            art.doc = None
            out.write(json.dumps(to_record(art)) + "\n")
    run = subprocess.run([sys.executable, str(shared_dir / "eval" / "score_quotes.py"),
                          "--gold", str(gold), "--pred", str(pred)],
                         capture_output=True, text=True, check=True)
    last = run.stdout.strip().splitlines()[-1]
    scores = {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", last)}
    for name, floor in FLOORS.items():
        assert scores[name] >= floor, f"{name} {scores[name]} < {floor}: {last}"
