"""Train the events' source and target chooser (``dateline train event_roles``).

Rows: the pipeline runs over a split with the rules deciding (``rolemodel.recording``); every
emitted event whose trigger overlaps an annotated event gives, per role, one row per candidate
actor of its sentence, labelled right as the corpus scorer judges an actor right
(``evaluate._actor_right`` against the annotated span, or the name the antecedent layer gives a
pronoun); a role the annotators left empty has no right candidate. Events still OTHER when
their actors are chosen count too (the detector may type them later; the stage applies the
model to the PLOVER-typed ones). One logistic model per role
is fitted on team train; its regularisation and the three chances at which it departs from the
rules (``rolemodel.RoleChooser``) are chosen on team dev by how often the role comes out right
(the right actor, or null where the annotators wrote none), near-ties to the choice nearest
the rules; test is never read.

    python -m dateline.events.roletrain   # the dev figures by role
"""
from __future__ import annotations

import argparse
import itertools
from pathlib import Path
from typing import Any

import numpy as np

from dateline.events.antecedenttrain import Example, fit, tally
from dateline.events.evaluate import (
    CORPUS_BUILD,
    _actor_right,
    _overlap,
    gold_actor,
    load_split,
    run_pipeline,
)
from dateline.events.rolemodel import ROLES, TASK, RoleChooser, recording, rule_index

C_GRID = (0.1, 0.3, 1.0)
OVERRIDES = (0.5, 0.6, 0.7, 0.8, 0.9, 2.0)  # 2.0: never
DROPS = (0.0, 0.05, 0.1, 0.2)  # 0.0: never
FILLS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 2.0)
TOLERANCE = 0.005  # dev accuracies this close are a tie (one dev row is 0.002)


def split_examples(split: str, build: Path | None = None, typed: bool = False
                   ) -> dict[str, list[Example]]:
    """Per role, the candidates of the split's emitted events that overlap an annotated one
    (``typed``: only those of the annotated type, the events the corpus scores actors on)."""
    docs = load_split(split, build)
    with recording() as rows:
        arts = run_pipeline(docs)
    by_doc: dict[int, list[Any]] = {}
    for row in rows:
        by_doc.setdefault(id(row[0]), []).append(row[1:])
    out: dict[str, list[Example]] = {r: [] for r in ROLES}
    for doc, art in zip(docs, arts, strict=True):
        for t0, t1, role, etype, actors, feats in by_doc.get(id(art.doc), []):
            gold = max(doc.gold, key=lambda g: _overlap(g["trigger"], (t0, t1)), default=None)
            if gold is None or not _overlap(gold["trigger"], (t0, t1)) or (
                    typed and etype != gold["type"]):
                continue
            want, country = gold_actor(gold, role)
            out[role].append((feats, [_actor_right(a, want, country) for a in actors],
                              want is not None))
    return out


def outcome(chooser: RoleChooser, examples: list[Example]) -> dict[str, Any]:
    """right / wrong / null counts and the accuracy (right, or null where none is named)."""
    return tally([chooser.choose(feats, rule_index(feats)) for feats, _, _ in examples],
                 examples)


def choose(train: list[Example], dev: list[Example]) -> tuple[RoleChooser, dict[str, Any]]:
    """Fit for each C; of the (C, override, drop, fill) within ``TOLERANCE`` of the best dev
    accuracy, keep the one nearest the rules (override and fill highest, drop lowest), then
    the stronger regularisation."""
    grid = {}
    for c in C_GRID:
        scorer = fit(train, c, 0.0)
        for over, drop, fill in itertools.product(OVERRIDES, DROPS, FILLS):
            chooser = RoleChooser(scorer, over, drop, fill)
            grid[(c, over, drop, fill)] = (chooser, outcome(chooser, dev))
    top = max(v[1]["accuracy"] for v in grid.values())
    near = [k for k, v in grid.items() if v[1]["accuracy"] >= top - TOLERANCE]
    best = max(near, key=lambda k: (k[1], -k[2], k[3], -k[0]))
    rules = RoleChooser(grid[best][0].scorer, 2.0, 0.0, 2.0)  # never departs from the rules
    return grid[best][0], {
        "c": best[0], "override": best[1], "drop": best[2], "fill": best[3],
        "dev_model": grid[best][1], "dev_rules": outcome(rules, dev),
        "train_model": outcome(grid[best][0], train), "train_rules": outcome(rules, train),
        "rows": {"train": len(train), "dev": len(dev)}, "dev_best": top}


def fit_roles(build: Path) -> dict[str, tuple[RoleChooser, dict[str, Any]]]:
    """Both roles' models and their metrics, fitted on train and chosen on dev."""
    train, dev = split_examples("train", build), split_examples("dev", build)
    return {role: choose(train[role], dev[role]) for role in ROLES}


def train_task(data_dir: Path | None, out_dir: Path, seed: int) -> dict[str, Any]:
    """``dateline train event_roles``: fit on team train, choose on team dev, save."""
    from dateline.learn.persist import SavedModel, data_sha256, save_model

    build = data_dir or CORPUS_BUILD
    fitted = fit_roles(build)
    meta: dict[str, Any] = {
        "task": TASK, "seed": seed, "metrics": {r: m for r, (_, m) in fitted.items()},
        "data_sha256": data_sha256([build / "train.jsonl", build / "dev.jsonl"]),
        "data": "team corpus: train (fit), dev (C, threshold); test never read"}
    arrays = {}
    for role, (chooser, _) in fitted.items():
        scorer = chooser.scorer
        meta[f"features_{role}"] = sorted(scorer.vocab, key=scorer.vocab.__getitem__)
        meta[f"intercept_{role}"] = scorer.intercept
        for key in ("override", "drop", "fill"):
            meta[f"{key}_{role}"] = getattr(chooser, key)
        arrays[f"coef_{role}"] = np.asarray(scorer.coef)
    save_model(out_dir, SavedModel(meta=meta, arrays=arrays))
    return meta["metrics"]


def main(argv: list[str] | None = None) -> None:
    """Print the dev figures by role, C and threshold without saving."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", type=Path, default=CORPUS_BUILD)
    args = ap.parse_args(argv)
    for role, (_, metrics) in fit_roles(args.build).items():
        for key, value in metrics.items():
            print(f"{role} {key}: {value}")


if __name__ == "__main__":
    main()
