"""A random sample of emitted PLOVER events to check by hand, and the tally of the checks.

    .venv/bin/python benchmarks/event_sample.py draw RECORDS.jsonl OUT.jsonl [--n 40]
        [--min-confidence 0.583] [--seed 42]
    .venv/bin/python benchmarks/event_sample.py tally JUDGED.jsonl

``draw`` reads dateline/1 records (``dateline extract`` output) and writes ``--n`` of their
PLOVER events drawn at random (events at ``--min-confidence`` or above; 0 for every event the
records carry), each with its sentence, trigger, type, status and actors, for a person to
judge against ``docs/annotation.md``. ``tally`` reads the judged lines (``event_right``,
``source_right``, ``target_right``: true, false or null) and prints precision and the actors.
The sentences are the articles' text: keep samples of unshipped corpora out of the repository.
"""
from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path
from typing import Any


def events_of(records: Path, min_confidence: float) -> list[dict[str, Any]]:
    """Every PLOVER event of the records at or above ``min_confidence``, with its sentence."""
    out = []
    for line in records.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        text = rec.get("text") or ""
        for ev in rec.get("events", []):
            if ev["type"] == "OTHER" or (ev.get("confidence") or 0.0) < min_confidence:
                continue
            src, tgt = ev.get("source") or {}, ev.get("target") or {}
            out.append({"doc": rec["id"], "sentence": text[ev["start"]:ev["end"]].strip(),
                        "trigger": ev["trigger"], "type": ev["type"], "status": ev["status"],
                        "source": src.get("text"), "source_country": src.get("country"),
                        "target": tgt.get("text"), "target_country": tgt.get("country")})
    return out


def tally(judged: Path) -> dict[str, Any]:
    """Precision of the judged events and, of the right ones, their actors."""
    rows = [json.loads(line) for line in judged.read_text(encoding="utf-8").splitlines()]
    right = [r for r in rows if r["event_right"]]
    out: dict[str, Any] = {"events": len(rows), "right": len(right),
                           "precision": round(len(right) / max(1, len(rows)), 3)}
    for role in ("source", "target"):
        counts = Counter({True: "right", False: "wrong", None: "null"}[r[f"{role}_right"]]
                         for r in right)
        out[role] = dict(counts)
    return out


def main(argv: list[str] | None = None) -> None:
    """Draw a sample or tally a judged one."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    draw = sub.add_parser("draw")
    draw.add_argument("records", type=Path)
    draw.add_argument("out", type=Path)
    draw.add_argument("--n", type=int, default=40)
    draw.add_argument("--min-confidence", type=float, default=0.0)
    draw.add_argument("--seed", type=int, default=42)
    count = sub.add_parser("tally")
    count.add_argument("judged", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "tally":
        print(json.dumps(tally(args.judged)))
        return
    pool = events_of(args.records, args.min_confidence)
    sample = random.Random(args.seed).sample(pool, min(args.n, len(pool)))
    args.out.write_text("".join(json.dumps({**e, "n": k + 1}, ensure_ascii=False) + "\n"
                                for k, e in enumerate(sample)), encoding="utf-8")
    print(f"{len(sample)} of {len(pool)} events -> {args.out}")


if __name__ == "__main__":
    main()
