"""Cross-validated PLOVER figures of the learned event detector (issue 14).

    python -m dateline.events.plovercv --shared ../shared --folds 5 [--no-plover] [--out DIR]

The 158 sentences of ``events/dev.jsonl`` are split by sentence id into ``--folds`` folds
(seeded shuffle). Per fold, the detector is fitted as ``dateline train events`` does it
(team corpus train + M2E2, event weight and rounds chosen, calibrator and threshold fitted on
the team dev split) plus the PLOVER rows of the other folds (``ploverdata``), and the events
stage runs with that fold model on the held-out sentences. ``--no-plover`` fits without any
PLOVER row (one model for every fold: the corpus-alone figure). The dateline/1 records of all
sentences are written in the default mode (the lexicon decides, the fold model gives each
event its confidence, which picks a sentence's top event for the scorer), at ``min_confidence``
0.0 (the model's type always) and at each fold model's threshold, and scored with
``eval/score_events.py``; its last line is printed.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from dateline.events.detector import Detector, event_lemmas
from dateline.events.detecttrain import (
    CORPUS_BUILD,
    Rows,
    as_detector,
    candidate_rows,
    dev_rows,
    keep_labelled,
    pre_event_stages,
    select_fit,
)
from dateline.events.evaluate import load_split
from dateline.events.m2e2data import with_m2e2
from dateline.events.ploverdata import PLOVER_WEIGHT, label_plover, record_gold


def fold_of(ids: list[str], folds: int, seed: int) -> dict[str, int]:
    """Fold number per sentence id: ids sorted, shuffled with ``seed``, dealt in turn."""
    order = sorted(ids)
    random.Random(seed).shuffle(order)
    return {sid: k % folds for k, sid in enumerate(order)}


def prepare(records: list[dict[str, Any]]) -> tuple[list[Any], dict[str, Rows]]:
    """Every stage before the events stage over the sentences (articles kept for the
    fold models) and each sentence's labelled candidate rows."""
    from dateline.model import Article
    from dateline.stages.events import EventStage

    nlp, stages, settings = pre_event_stages()
    cand_stage = EventStage(settings, use_model=False)
    arts, rows = [], {}
    for art, rec in zip(nlp.pipe([Article(id=r["id"], text=r["text"]) for r in records]),
                        records, strict=True):
        for stage in stages:
            art = stage(art)
        cands = cand_stage.candidates(art)
        rows[art.id] = keep_labelled(cands.raws, label_plover(cands.events, record_gold(rec)))
        arts.append(art)
    return arts, rows


def fit_fold(base: Rows, base_weight: np.ndarray, extra: list[Rows], dev: Rows,
             n_gold_dev: int, seed: int, team: Rows | None = None) -> Detector:
    """The shipped procedure's model on the base rows plus the given PLOVER rows; it may
    type the OTHER candidates of the event lemmas of ``team`` plus those rows."""
    plover_raws = [r for rows in extra for r in rows[0]]
    plover_labels = [lab for rows in extra for lab in rows[1]]
    raws, labels = base[0] + plover_raws, base[1] + plover_labels
    weight = np.concatenate([base_weight, np.full(len(plover_raws), PLOVER_WEIGHT)])
    name = "team+m2e2+plover" if extra else "team+m2e2"
    choice, _metrics = select_fit({name: ((raws, labels), weight)}, dev, n_gold_dev, seed)
    own = team or ([], [])
    return as_detector(choice, dev, event_lemmas(own[0] + plover_raws, own[1] + plover_labels))


def fold_records(arts: list[Any], det: Detector, thresholds: dict[str, float | None]
                 ) -> dict[str, list[dict[str, Any]]]:
    """dateline/1 records of the articles with the events stage on ``det``, per setting
    (``None``: the default, the lexicon deciding and ``det`` scoring)."""
    from dateline.config import Settings
    from dateline.model import to_record
    from dateline.stages.events import EventStage

    out: dict[str, list[dict[str, Any]]] = {}
    for label, thr in thresholds.items():
        stage = EventStage(Settings(min_confidence=thr, event_types="model"), detector=det)
        out[label] = [json.loads(json.dumps(to_record(stage(art)), default=str))
                      for art in arts]
    return out


def score(shared: Path, gold: Path, recs: list[dict[str, Any]], out: Path) -> str:
    """Write the records and return the last line of the shared scorer's output."""
    out.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    res = subprocess.run([sys.executable, str(shared / "eval" / "score_events.py"), "--gold",
                          str(gold), "--pred", str(out)], capture_output=True, text=True,
                         check=True)
    return res.stdout.strip().splitlines()[-1]


def main(argv: list[str] | None = None) -> None:
    """Fit the fold models, write and score the held-out records, print the figures."""
    from dateline.events.ploverdata import load_records

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--no-plover", action="store_true",
                    help="fit without PLOVER rows (the corpus-alone figure)")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    gold = args.shared / "data" / "events" / "dev.jsonl"
    out_dir = args.out or Path(tempfile.mkdtemp(prefix="dateline-plovercv-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    records = load_records(gold)
    folds = fold_of([r["id"] for r in records], args.folds, args.seed)
    arts, rows = prepare(records)
    train = candidate_rows(load_split("train", CORPUS_BUILD))
    base, base_weight = with_m2e2(
        train, args.shared / "data" / "events" / "m2e2" / "m2e2_text_events.jsonl")
    dev, n_gold_dev = dev_rows(CORPUS_BUILD)
    preds: dict[str, dict[str, dict[str, Any]]] = {"default": {}, "0.0": {}, "threshold": {}}
    shared_det = None
    for k in range(args.folds):
        held = [a for a in arts if folds[a.id] == k]
        if args.no_plover:
            shared_det = shared_det or fit_fold(base, base_weight, [], dev, n_gold_dev,
                                                args.seed, train)
            det = shared_det
        else:
            other = [rows[sid] for sid in sorted(rows) if folds[sid] != k]
            det = fit_fold(base, base_weight, other, dev, n_gold_dev, args.seed, train)
        print(f"fold {k}: {len(held)} sentences, threshold {det.threshold}", flush=True)
        recs = fold_records(held, det, {"default": None, "0.0": 0.0,
                                        "threshold": det.threshold})
        for label, lst in recs.items():
            preds[label].update({r["id"]: r for r in lst})
    tag = "no-plover" if args.no_plover else "plover"
    for label, by_id in preds.items():
        ordered = [by_id[r["id"]] for r in records]
        line = score(args.shared, gold, ordered, out_dir / f"cv-{tag}-{label}.jsonl")
        print(f"{tag} min_confidence={label}: {line}", flush=True)


if __name__ == "__main__":
    main()
