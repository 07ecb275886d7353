"""Draw the pronoun sample for the hand gold (``dev.jsonl`` here): he/she quote speakers
from PolNeAR dev gold (positions from the gold speaker spans, not from the system), a fixed
seed. ``--show`` prints each pronoun's preceding context for the annotator.

    python data/annotations/pronouns/sample.py --shared ../shared [--show]
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

SEED = 20240611
SIZE = 135


def sample(shared: Path) -> list[dict]:
    """The sampled pronouns: doc id, offsets and the word, in a fixed order."""
    pool = []
    for line in (shared / "data/quotes/dev.jsonl").open(encoding="utf-8"):
        doc = json.loads(line)
        for q in doc["gold"]["quotes"]:
            word = (q.get("speaker") or "").strip()
            if word.lower() in ("he", "she"):
                pool.append({"doc": doc["id"], "start": q["speaker_start"],
                             "end": q["speaker_end"], "pronoun": word})
    pool.sort(key=lambda r: (r["doc"], r["start"]))
    picked = random.Random(SEED).sample(pool, SIZE)
    return sorted(picked, key=lambda r: (r["doc"], r["start"]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    rows = sample(args.shared)
    if not args.show:
        for r in rows:
            print(json.dumps(r))
        return
    docs = [json.loads(line) for line in
            (args.shared / "data/quotes/dev.jsonl").open(encoding="utf-8")]
    texts = {d["id"]: d for d in docs}
    for n, r in enumerate(rows):
        d = texts[r["doc"]]
        t = d["text"]
        ctx = t[max(0, r["start"] - 600):r["start"]] + "[[" + t[r["start"]:r["end"]] + "]]" \
            + t[r["end"]:r["end"] + 60]
        print(f"=== {n} {r['doc'][8:50]} {r['start']} | {d['title'][:70]}\n{ctx}\n")


if __name__ == "__main__":
    main()
