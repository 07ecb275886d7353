"""Train the factual-status model (``dateline train event_status``; see ``factuality.py``).

Rows: every gold event of the team corpus that an emitted event (of any type, OTHER included)
covers, with the features the events stage recorded for it while the rules alone decided
the status; the label is the gold status (``other`` for the non-factual ones). Fitted on team
train; the regularisation is chosen on team dev by status accuracy where the rules gave a
factual status; test is never read. Deterministic (lbfgs). The allegation words of
``event_words.tsv`` are one feature (a lexicon as a feature, not a rule).

    python -m dateline.events.factualitytrain   # the dev figures by C, nothing saved
"""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from dateline.events.evaluate import CORPUS_BUILD, load_split
from dateline.events.factuality import FACTUAL, OTHER, TASK, StatusModel

C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
MIN_COUNT = 2  # a feature seen fewer times in train is dropped
Rows = tuple[list[list[str]], list[str]]


def _label(status: str | None) -> str:
    status = status or "occurred"
    return status if status in FACTUAL else OTHER


def _covering(gold: dict[str, Any], events: list[Any]) -> Any | None:
    """The emitted event whose trigger overlaps the gold trigger most (same type first)."""
    g0, g1 = gold["trigger"]
    best, key = None, (False, 0)
    for ev in events:
        ov = min(g1, ev.trigger_end) - max(g0, ev.trigger_start)
        if ov > 0 and (ev.type == gold["type"], ov) > key:
            best, key = ev, (ev.type == gold["type"], ov)
    return best


def split_rows(split: str, build: Path | None = None) -> Rows:
    """(features, gold label) for the covered gold events of one split, the rules deciding."""
    from dateline.config import Settings
    from dateline.pipeline import available_stages, build_stage
    from dateline.stages.events import EventStage

    docs = load_split(split, build)
    settings = Settings()
    nlp = build_stage("nlp", settings)
    events_stage = EventStage(settings)
    events_stage.status_model = None  # the rules' status is a feature, not the label
    stages = [events_stage if n == "events" else build_stage(n, settings)
              for n in available_stages() if n != "nlp"]
    feats, labels = [], []
    arts = nlp.pipe([_article(d) for d in docs])  # type: ignore[attr-defined]
    for doc, art in zip(docs, arts, strict=True):
        for stage in stages:
            art = stage(art)
        for gold in doc.gold:
            ev = _covering(gold, art.events)
            if ev is not None and ev.id in events_stage.status_rows:
                feats.append(events_stage.status_rows[ev.id])
                labels.append(_label(gold.get("status")))
    return feats, labels


def _article(doc: Any) -> Any:
    from dateline.model import Article
    return Article(id=doc.id, text=doc.text)


def _matrix(feats: list[list[str]], vocab: dict[str, int]) -> Any:
    from scipy.sparse import csr_matrix
    rows, cols = [], []
    for i, fs in enumerate(feats):
        for f in set(fs):
            if f in vocab:
                rows.append(i)
                cols.append(vocab[f])
    return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(feats), len(vocab)))


def fit(train: Rows, c: float) -> StatusModel:
    """A logistic model on train rows with regularisation ``c``."""
    from sklearn.linear_model import LogisticRegression
    counts = Counter(f for fs in train[0] for f in set(fs))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT))}
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(_matrix(train[0], vocab), train[1])
    classes = tuple(str(k) for k in model.classes_)
    coef, intercept = model.coef_.T.copy(), model.intercept_.copy()
    if len(classes) == 2:  # a binary fit scores the second class only: softmax of (0, score)
        coef = np.hstack([np.zeros_like(coef), coef])
        intercept = np.concatenate([np.zeros(1), intercept])
    return StatusModel(vocab, coef, intercept, classes)


def accuracy(model: StatusModel | None, rows: Rows) -> dict[str, Any]:
    """Status accuracy (model, or the rules when None) on rows whose rules' status is factual."""
    right = n = 0
    for fs, gold in zip(*rows, strict=True):
        rule = next(f[5:] for f in fs if f.startswith("rule="))
        if rule not in FACTUAL:
            continue
        got = model.decide(fs, rule) if model is not None else rule
        n += 1
        right += got == gold
    return {"accuracy": round(right / max(1, n), 3), "rows": n}


def choose(train: Rows, dev: Rows) -> tuple[StatusModel, dict[str, Any]]:
    """Fit for each C, keep the best on dev (ties: the weaker regularisation, the model that
    tells more at the same dev accuracy; the strongest ones only ever say ``occurred``)."""
    by_c = {c: (m := fit(train, c), accuracy(m, dev)) for c in C_GRID}
    best = max(C_GRID, key=lambda c: (by_c[c][1]["accuracy"], c))
    metrics = {"dev_rules": accuracy(None, dev), "train_rules": accuracy(None, train),
               "dev_by_c": {str(c): v[1] for c, v in by_c.items()}, "c": best,
               "dev_model": by_c[best][1], "train_model": accuracy(by_c[best][0], train),
               "train_labels": dict(Counter(train[1])), "dev_labels": dict(Counter(dev[1]))}
    return by_c[best][0], metrics


def train_task(data_dir: Path | None, out_dir: Path, seed: int) -> dict[str, Any]:
    """``dateline train event_status``: fit on team train, choose C on team dev, save."""
    from dateline.learn.persist import SavedModel, data_sha256, save_model

    build = data_dir or CORPUS_BUILD
    model, metrics = choose(split_rows("train", build), split_rows("dev", build))
    features = sorted(model.vocab, key=model.vocab.__getitem__)
    save_model(out_dir, SavedModel(
        meta={"task": TASK, "features": features, "classes": list(model.classes),
              "seed": seed, "metrics": metrics,
              "data_sha256": data_sha256([build / "train.jsonl", build / "dev.jsonl"]),
              "data": "team running-text corpus train (fit), dev (C); test never read"},
        arrays={"coef": model.coef, "intercept": model.intercept}))
    return metrics


def main(argv: list[str] | None = None) -> None:
    """Print the dev figures by C without saving."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", type=Path, default=CORPUS_BUILD)
    args = ap.parse_args(argv)
    _model, metrics = choose(split_rows("train", args.build), split_rows("dev", args.build))
    for key, value in metrics.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
