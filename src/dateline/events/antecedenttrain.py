"""Train the pronoun actors' antecedent model (``dateline train event_antecedents``).

Rows: for every pronoun the corpus's antecedent layer names as an event's source or target
(``data/annotations/events/antecedents.jsonl``), one row per candidate entity
(``dateline.events.antecedents.candidates``), labelled 1 when one of the entity's mentions or
its canonical name shares a word with the antecedent the annotators wrote ("President Obama"
for "Barack Obama"); a pronoun they could not name has no right candidate. Fitted on team train;
the regularisation and the threshold are chosen on team dev by how often the pronoun comes out
right (named right, or null where no reader could name it), ties to the higher threshold;
test is never read.

    python -m dateline.events.antecedenttrain   # the dev figures by C and threshold
"""
from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from dateline.events.antecedents import (
    TASK,
    AntecedentModel,
    candidates,
    features,
    rules_only,
)
from dateline.events.evaluate import CORPUS_BUILD, _actor_right, load_split, run_pipeline
from dateline.events.factualitytrain import _matrix
from dateline.model import Actor

C_GRID = (0.1, 0.3, 1.0)
THRESHOLDS = (0.2, 0.3, 0.4, 0.5)
MIN_COUNT = 2
# one pronoun: its candidates' features, which candidates are right, whether it was named
Example = tuple[list[list[str]], list[bool], bool]


def split_examples(split: str, build: Path | None = None) -> list[Example]:
    """The named pronoun actors of one split, with their candidates and labels (the pipeline
    run by the rules alone: the quotations it reads must not depend on a shipped model)."""
    from dateline.coref import Resolver

    docs = load_split(split, build)
    out: list[Example] = []
    with rules_only():
        arts = run_pipeline(docs)
    for doc, art in zip(docs, arts, strict=True):
        resolver = Resolver(art)
        names: dict[str, set[str]] = defaultdict(set)
        for ent in art.entities:
            names[ent.id].add(ent.text)
        for tok, layer in layer_pronouns(doc, art):
            cands = candidates(resolver, tok.idx)
            hit = resolver.rule_resolve(tok.idx, tok.idx + len(tok.text))
            name = layer.get("text")
            right = [bool(name) and any(
                _actor_right(Actor(text=t), {"text": name}, None)
                for t in names[c.entity_id] | {resolver.canonical(c.entity_id) or ""} if t)
                for c in cands]
            out.append((features(resolver, tok, cands, hit[1] if hit else None), right,
                        bool(name)))
    return out


def layer_pronouns(doc: Any, art: Any) -> Iterator[tuple[Any, dict[str, Any]]]:
    """(pronoun token, antecedent-layer entry) for each pronoun actor the layer names in one
    corpus document, read from its analysed article."""
    starts = {t.idx: t for t in art.doc} if art.doc is not None else {}
    for gold in doc.gold:
        base = next(a for a, b in doc.sentences if a <= gold["trigger"][0] < b)
        for role in ("source", "target"):
            layer = gold.get(f"{role}_antecedent")
            if layer and (tok := starts.get(base + layer["pronoun"][0])) is not None:
                yield tok, layer


def fit(examples: list[Example], c: float, threshold: float) -> AntecedentModel:
    """A logistic model over the candidates of the train pronouns."""
    from sklearn.linear_model import LogisticRegression
    feats = [f for fs, _, _ in examples for f in fs]
    labels = [int(y) for _, ys, _ in examples for y in ys]
    counts = Counter(f for fs in feats for f in set(fs))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT))}
    model = LogisticRegression(C=c, max_iter=3000).fit(_matrix(feats, vocab), labels)
    return AntecedentModel(vocab, model.coef_[0].copy(), float(model.intercept_[0]), threshold)


def outcomes(model: AntecedentModel, examples: list[Example]) -> dict[str, Any]:
    """right / wrong / null counts and the accuracy (right, or null for an unnamed pronoun)."""
    return tally([model.choose(feats) for feats, _, _ in examples], examples)


def tally(picks: list[int | None], examples: list[Example]) -> dict[str, Any]:
    """right / wrong / null counts and the accuracy (right, or null where none is named) of
    one pick (a candidate index or None) per example."""
    n: Counter[str] = Counter()
    for pick, (_, right, named) in zip(picks, examples, strict=True):
        n["null" if pick is None and named else "null_right" if pick is None else
          "right" if right[pick] else "wrong"] += 1
    out: dict[str, Any] = {k: n[k] for k in ("right", "wrong", "null", "null_right")}
    out["accuracy"] = round((n["right"] + n["null_right"]) / max(1, len(examples)), 3)
    return out


def choose(train: list[Example], dev: list[Example]) -> tuple[AntecedentModel, dict[str, Any]]:
    """Fit for each C; keep the (C, threshold) most often right on dev, ties to the higher
    threshold (null rather than a wrong person), then the stronger regularisation."""
    grid = {}
    for c in C_GRID:
        base = fit(train, c, 0.0)
        for th in THRESHOLDS:
            model = AntecedentModel(base.vocab, base.coef, base.intercept, th)
            grid[(c, th)] = (model, outcomes(model, dev))
    best = max(grid, key=lambda k: (grid[k][1]["accuracy"], k[1], -k[0]))
    metrics = {"c": best[0], "threshold": best[1], "dev_model": grid[best][1],
               "train_model": outcomes(grid[best][0], train),
               "dev_grid": {f"{c}/{th}": v[1]["accuracy"] for (c, th), v in grid.items()},
               "pronouns": {"train": len(train), "dev": len(dev)}}
    return grid[best][0], metrics


def train_task(data_dir: Path | None, out_dir: Path, seed: int) -> dict[str, Any]:
    """``dateline train event_antecedents``: fit on team train, choose on team dev, save."""
    from dateline.learn.persist import SavedModel, data_sha256, save_model

    build = data_dir or CORPUS_BUILD
    model, metrics = choose(split_examples("train", build), split_examples("dev", build))
    save_model(out_dir, SavedModel(
        meta={"task": TASK, "features": sorted(model.vocab, key=model.vocab.__getitem__),
              "intercept": model.intercept, "threshold": model.threshold, "seed": seed,
              "metrics": metrics,
              "data_sha256": data_sha256([build / "train.jsonl", build / "dev.jsonl"]),
              "data": "team corpus antecedent layer: train (fit), dev (C, threshold); "
                      "test never read"},
        arrays={"coef": np.asarray(model.coef)}))
    return metrics


def main(argv: list[str] | None = None) -> None:
    """Print the dev figures by C and threshold without saving."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", type=Path, default=CORPUS_BUILD)
    args = ap.parse_args(argv)
    _model, metrics = choose(split_examples("train", args.build),
                             split_examples("dev", args.build))
    for key, value in metrics.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
