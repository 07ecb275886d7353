"""Eval gate: the places stage on the geo dev set (GeoWebNews), scored by the shared scorer."""
from __future__ import annotations

import json
import re
import subprocess
import sys

from dateline.model import Article, to_record
from dateline.stages.places import PlaceStage

# Floors a little below the dev scores measured when the gate was pinned
# (rec_f1 0.889, acc161 0.915 on shared/data/geo/dev.jsonl, all 100 documents).
FLOORS = {"rec_f1": 0.87, "acc161": 0.90}


def test_geo_dev_scores_stay_above_floors(shared_dir, nlp_stage, settings, tmp_path):
    gold = shared_dir / "data" / "geo" / "dev.jsonl"
    articles = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)  # the pipeline reads id/text/published only, never "gold"
        articles.append(Article(id=d["id"], text=d["text"], published=d.get("published")))
    stage = PlaceStage(settings)
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as out:
        for art in nlp_stage.pipe(articles):
            art = stage(art)
            art.doc = None
            out.write(json.dumps(to_record(art)) + "\n")
    run = subprocess.run([sys.executable, str(shared_dir / "eval" / "score_geo.py"),
                          "--gold", str(gold), "--pred", str(pred)],
                         capture_output=True, text=True, check=True)
    last = run.stdout.strip().splitlines()[-1]
    scores = {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", last)}
    for name, floor in FLOORS.items():
        assert scores[name] >= floor, f"{name} {scores[name]} < {floor}: {last}"
