"""Score dateline on every ../shared dev set as a user would run it, and print each last line.

    .venv/bin/python benchmarks/eval_dev.py [--shared ../shared] [--only time,geo] [--out DIR]

Each set goes through the installed CLI (`dateline extract`, or `ingest` + `relink` +
`export` for the cross-document links), then through the shared scorer; the pipeline only
reads the input fields of the dev lines, never their `gold`.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# name -> (dev file, scorer, extra `dateline extract` arguments)
SETS = {
    "extraction": ("extraction/dev.jsonl", "score_extraction.py", ["--stages", "extract"]),
    "dumps": ("extraction/dumps.jsonl", "score_extraction.py", ["--stages", "extract"]),
    "time": ("time/dev.jsonl", "score_time.py", []),
    "geo": ("geo/dev.jsonl", "score_geo.py", []),
    "quotes": ("quotes/dev.jsonl", "score_quotes.py", []),
    "events": ("events/dev.jsonl", "score_events.py", []),
    "links": ("links/dev.jsonl", "score_links.py", None),
}


def dateline(*args: str) -> None:
    """Run the installed CLI; fail loudly."""
    subprocess.run([str(BIN / "dateline"), *args], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def predict(name: str, gold: Path, extra: list[str] | None, out: Path) -> None:
    """Write the predictions for one set to ``out``."""
    if extra is not None:
        dateline("extract", str(gold), "-o", str(out), *extra)
        return
    db = out.with_suffix(".duckdb")
    subprocess.run([str(BIN / "dateline"), "ingest", str(gold), "--db", str(db),
                    "--allow-rejects"], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    dateline("relink", "--db", str(db))
    dateline("export", "--db", str(db), "--format", "jsonl", "-o", str(out))


def main() -> None:
    """Score the selected sets and print one line per set."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--only", default=",".join(SETS))
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    out_dir = args.out or Path(tempfile.mkdtemp(prefix="dateline-eval-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in args.only.split(","):
        rel, scorer, extra = SETS[name]
        gold = args.shared / "data" / rel
        pred = out_dir / f"{name}.jsonl"
        t0 = time.perf_counter()
        predict(name, gold, extra, pred)
        secs = time.perf_counter() - t0
        res = subprocess.run([sys.executable, str(args.shared / "eval" / scorer), "--gold",
                              str(gold), "--pred", str(pred)], capture_output=True, text=True,
                             check=True)
        print(f"{name:<10} ({secs:5.1f} s)  {res.stdout.strip().splitlines()[-1]}", flush=True)


if __name__ == "__main__":
    main()
