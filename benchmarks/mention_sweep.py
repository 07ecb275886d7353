"""End-to-end effect of the mention detector's threshold on a links gold set (a diagnostic).

    .venv/bin/python benchmarks/mention_sweep.py [--gold ecbplus_dev.jsonl]
                                                 [--thresholds 0.2,0.3,0.45,0.6,0.75]

The stages run once with the detector at the lowest threshold, remembering each detected
event's probability; for every threshold the detected events below it are dropped, the rest
relinked with today's clusterer and scored by ``score_links.py``. The shipped threshold is
the detector's best mention F1 on ECB+ dev (``dateline train link_mentions``); this shows
what a lower one would trade.
"""
from __future__ import annotations

import argparse
import copy
import tempfile
from pathlib import Path
from typing import Any

import links

import dateline.stages.events as events_stage
from dateline.link.mentions import Detector, shipped_detector


def records_with_probs(gold: Path, low: float) -> tuple[list[dict], dict[str, dict[str, float]]]:
    """Pipeline records with the detector at ``low``; per document, added event id -> prob."""
    det = shipped_detector()
    assert det is not None, "no shipped link_mentions model"
    loose = Detector(det.booster, det.vocab, det.rates, low)
    added: dict[str, dict[str, float]] = {}
    original = events_stage.EventStage._detected

    def detected(self: Any, article: Any, events: Any, reports: Any, places: Any) -> Any:
        probs = {t.idx: p for t, p in loose.scores(article.doc)}
        out = original(self, article, events, reports, places)
        added[article.id] = {e.id: probs[e.trigger_start] for e in out}
        return out

    events_stage.shipped_detector = lambda: loose  # type: ignore[assignment]
    events_stage.EventStage._detected = detected  # type: ignore[method-assign]
    try:
        return links.pipeline_records(links.dev_inputs(gold)), added
    finally:
        events_stage.shipped_detector = shipped_detector
        events_stage.EventStage._detected = original  # type: ignore[method-assign]


def main() -> None:
    """Print the scorer line per threshold."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=Path("ecbplus_dev.jsonl"))
    ap.add_argument("--thresholds", default="0.2,0.3,0.45,0.6,0.75")
    args = ap.parse_args()
    gold = args.gold if args.gold.exists() else links.GOLD.parent / args.gold
    thresholds = sorted(float(x) for x in args.thresholds.split(","))
    records, added = records_with_probs(gold, thresholds[0])
    for thr in thresholds:
        kept = copy.deepcopy(records)
        for rec in kept:
            probs = added[rec["id"]]
            rec["events"] = [e for e in rec["events"] if probs.get(e["id"], 1.0) >= thr]
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "pred.jsonl"
            links.link_and_export(kept, out)
            print(f"threshold {thr}: {links.score(out, False, gold)}", flush=True)


if __name__ == "__main__":
    main()
