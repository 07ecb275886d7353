"""Eval-gate helpers: run the real pipeline on a dev set and parse the shared scorer's line."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from dateline.config import Settings
from dateline.pipeline import Pipeline
from dateline.sources.jsonl import input_docs

dev_inputs = input_docs  # the pipeline reads the input fields only, never gold


def scorer_line(shared_dir: Path, scorer: str, gold: Path, pred: Path) -> dict[str, float]:
    """Run a shared scorer and parse ``name=value`` pairs from its last line."""
    run = subprocess.run([sys.executable, str(shared_dir / "eval" / scorer), "--gold",
                          str(gold), "--pred", str(pred)], capture_output=True, text=True,
                         check=True)
    last = run.stdout.strip().splitlines()[-1]
    scores = {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", last)}
    scores["_line"] = last  # type: ignore[assignment]
    return scores


def assert_floors(scores: dict[str, float], floors: dict[str, float]) -> None:
    """Every pinned floor holds; the message shows the scorer's line."""
    for name, floor in floors.items():
        assert scores[name] >= floor, f"{name} {scores[name]} < {floor}: {scores['_line']}"


def run_dev(shared_dir: Path, out_dir: Path, area: str, scorer: str, stages: Sequence[str],
            step: int = 1) -> dict[str, float]:
    """Score the pipeline (given stages) on a dev set, every ``step``-th line."""
    lines = (shared_dir / "data" / area / "dev.jsonl").read_text(
        encoding="utf-8").splitlines()[::step]
    gold = out_dir / f"{area}-gold.jsonl"
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pipeline = Pipeline.from_settings(Settings(), stages)
    pred = out_dir / f"{area}-pred.jsonl"
    with pred.open("w", encoding="utf-8") as out:
        for rec in pipeline.run(dev_inputs(lines)):
            out.write(json.dumps(rec) + "\n")
    return scorer_line(shared_dir, scorer, gold, pred)
