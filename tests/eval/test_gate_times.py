"""Eval gate: the times stage on the time dev set, scored by the shared TempEval-3 scorer."""
from __future__ import annotations

import json
import re
import subprocess
import sys

from dateline.model import Article, to_record
from dateline.stages.times import TimeStage

# Floors a little below the dev scores measured when the gate was pinned
# (relaxed 0.942, strict 0.902, value 0.857 on shared/data/time/dev.jsonl).
FLOORS = {"relaxed_f1": 0.92, "strict_f1": 0.88, "value_f1": 0.84}


def test_time_dev_scores_stay_above_floors(shared_dir, nlp_stage, settings, tmp_path):
    gold = shared_dir / "data" / "time" / "dev.jsonl"
    articles = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        articles.append(Article(id=d["id"], text=d["text"], published=d.get("published")))
    stage = TimeStage(settings)
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as out:
        for art in nlp_stage.pipe(articles):
            art = stage(art)
            art.doc = None
            out.write(json.dumps(to_record(art)) + "\n")
    run = subprocess.run([sys.executable, str(shared_dir / "eval" / "score_time.py"),
                          "--gold", str(gold), "--pred", str(pred)],
                         capture_output=True, text=True, check=True)
    last = run.stdout.strip().splitlines()[-1]
    scores = {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", last)}
    for name, floor in FLOORS.items():
        assert scores[name] >= floor, f"{name} {scores[name]} < {floor}: {last}"
