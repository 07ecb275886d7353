"""Score the quote stage on a PolNeAR-format set with the shared scorer, and time it.

Usage (from the repository root)::

    python -m dateline.quotes.evaluate --shared ../shared [--split dev] [--step 1]

Only the input fields of each line reach the pipeline (never ``gold``); the shared
``eval/score_quotes.py`` reads the gold and prints the figures; the quote stage's own
milliseconds per article are printed next to them.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dateline.config import Settings
from dateline.pipeline import Pipeline
from dateline.sources.jsonl import input_docs

STAGES = ["nlp", "entities", "quotes"]


def predict(lines: list[str], pred: Path) -> float:
    """Run the quote pipeline over ``lines`` into ``pred``; return the wall seconds."""
    pipeline = Pipeline.from_settings(Settings(), STAGES)
    t0 = time.perf_counter()
    with pred.open("w", encoding="utf-8") as out:
        for rec in pipeline.run(input_docs(lines)):
            out.write(json.dumps(rec) + "\n")
    return time.perf_counter() - t0


def score(shared: Path, split: str = "dev", step: int = 1) -> str:
    """The shared scorer's last line for every ``step``-th article of ``split``."""
    lines = (shared / "data" / "quotes" / f"{split}.jsonl").read_text(
        encoding="utf-8").splitlines()[::step]
    with tempfile.TemporaryDirectory() as tmp:
        gold, pred = Path(tmp) / "gold.jsonl", Path(tmp) / "pred.jsonl"
        gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
        secs = predict(lines, pred)
        run = subprocess.run([sys.executable, str(shared / "eval" / "score_quotes.py"),
                              "--gold", str(gold), "--pred", str(pred)],
                             capture_output=True, text=True, check=True)
    last = run.stdout.strip().splitlines()[-1]
    return f"{last} docs={len(lines)} pipeline_ms_per_doc={1000 * secs / len(lines):.1f}"


def main(argv: list[str] | None = None) -> None:
    """Command-line entry: print the scorer's figures for one split."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--step", type=int, default=1)
    args = ap.parse_args(argv)
    print(score(args.shared, args.split, args.step))


if __name__ == "__main__":
    main()
