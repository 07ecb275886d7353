"""Eval gate: the events stage (after every other available stage) on the PLOVER dev set."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from dateline.model import Article, to_record
from dateline.pipeline import available_stages, build_stage

# Floors a little below the scores measured on all 158 dev sentences when the gate was
# pinned (type_acc 0.937, source_acc 0.964, target_acc 0.912, type_f1 0.699; type_f1 0.711
# when re-measured for issue 14). The gate runs the default (the lexicon decides). The
# learned detector's training can include these sentences (`dateline train events` tries it;
# on the extended corpus team dev chose to leave them out). By 5-fold cross-validation
# (``python -m dateline.events.plovercv``), min_confidence 0.0 gives type_acc 0.494 type_f1
# 0.219 source_acc 0.967 target_acc 0.893, each fold model's threshold type_acc 0.158
# type_f1 0.262; so it is not the default and not gated here.
# target_acc 0.896 -> 0.824 (stop 25): a PLOVER event with no parsed target no longer takes
# the first country named after its trigger, and a place after in/at/near is never a target,
# as the team's annotation guide says; these records' coding often takes the place of the
# act as its target ("demonstrated in Serbia"), team train (+11 right targets of 237) and
# team dev (0.583 -> 0.611) say the running-text convention is better.
FLOORS = {"type_acc": 0.90, "source_acc": 0.92, "target_acc": 0.80, "type_f1": 0.67}


@pytest.mark.eval
def test_event_dev_scores_stay_above_floors(shared_dir, nlp_stage, settings, tmp_path):
    gold = shared_dir / "data" / "events" / "dev.jsonl"
    articles = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        articles.append(Article(id=d["id"], text=d["text"], published=d.get("published")))
    stages = [build_stage(n, settings) for n in available_stages() if n != "nlp"]
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as out:
        for art in nlp_stage.pipe(articles):
            for stage in stages:
                art = stage(art)
            art.doc = None
            out.write(json.dumps(to_record(art)) + "\n")
    run = subprocess.run([sys.executable, str(shared_dir / "eval" / "score_events.py"),
                          "--gold", str(gold), "--pred", str(pred)],
                         capture_output=True, text=True, check=True)
    last = run.stdout.strip().splitlines()[-1]
    scores = {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", last)}
    for name, floor in FLOORS.items():
        assert scores[name] >= floor, f"{name} {scores[name]} < {floor}: {last}"
