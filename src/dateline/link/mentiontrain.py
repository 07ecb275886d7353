"""Train and evaluate the event-mention detector on ECB+ (fit on train, choose on dev).

ECB+ established its gold only in selected sentences (``gold.annotated``); tokens elsewhere
are neither positives nor negatives, so training and scoring keep to those sentences. A
positive is the syntactic head of a gold mention; the other tokens of a multiword mention
are left out. Lemma and suffix event rates are learned on train and, for the training rows
themselves, out of fold by topic (a token never sees its own topic's counts).

``python -m dateline.link.mentiontrain --shared ../shared`` prints topic-CV and dev P/R/F1;
``dateline train link_mentions`` also writes the model into the package.
"""
from __future__ import annotations

import argparse
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from dateline.link.mentions import (
    CATEGORICAL,
    FEATURES_VERSION,
    NUMERIC,
    TASK,
    Rates,
    candidates,
    feature_names,
    features,
    rate_keys,
    rates_to_arrays,
)

# Chosen on ECB+ dev F1 among (leaves, rounds, rate) = (31, 400, .05), (15, 200, .1),
# (15, 120, .1), (7, 200, .1): within 0.01 F1 of each other; the smallest that scores as well
# predicts ~4x faster than the largest.
PARAMS = {"objective": "binary", "num_leaves": 15, "learning_rate": 0.1,
          "min_data_in_leaf": 40, "feature_fraction": 0.7, "bagging_fraction": 0.8,
          "bagging_freq": 1, "cat_smooth": 10.0, "seed": 13, "num_threads": 1,
          "verbose": -1, "deterministic": True}
ROUNDS = 120
THRESHOLDS = tuple(round(0.2 + 0.05 * i, 2) for i in range(11))  # 0.20 .. 0.70
RATE_COLS = {"lemma": ("lemma_rate", "lemma_log_n"), "lower": ("lower_rate",),
             "suffix3": ("suffix3_rate",), "suffix4": ("suffix4_rate",),
             "head": ("head_lemma_rate",)}
DEFAULT_DATA = Path(os.environ.get("DATELINE_SHARED", Path(__file__).resolve().parents[3].parent
                                   / "shared")) / "data" / "links"
CACHE = Path(tempfile.gettempdir()) / "dateline-mention-parses"


@dataclass
class Split:
    """Candidate tokens of the annotated sentences of a gold split, with labels."""

    topics: np.ndarray  # topic of each row
    keys: list[dict[str, str]]  # rate keys of each row
    X: np.ndarray  # features (rate columns filled later)
    y: np.ndarray  # 1 = head of a gold mention
    gold_found: list[tuple[str, int, int]]  # (doc, gold start, gold end) per gold mention
    rows_at: list[tuple[str, int, int]]  # (doc, token start, token end) of each row


def parse_docs(path: Path, cache: Path = CACHE) -> dict[str, Any]:
    """spaCy docs of a gold file's texts (the nlp stage's model), cached on disk by file."""
    import srsly
    from spacy.tokens import Doc

    from dateline.learn.persist import file_sha256
    from dateline.stages.nlp import load_model, model_name
    from dateline.textnorm import match_text

    nlp = load_model(model_name())
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    cached = cache / f"{path.stem}-{file_sha256(path)[:12]}-{nlp.meta['version']}.msgpack"
    if cached.exists():
        blobs = srsly.msgpack_loads(cached.read_bytes())
    else:
        parsed = nlp.pipe([match_text(d["text"]) for d in docs], batch_size=32)
        blobs = {d["id"]: p.to_bytes() for d, p in zip(docs, parsed, strict=True)}
        cache.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(srsly.msgpack_dumps(blobs))
    return {d["id"]: Doc(nlp.vocab).from_bytes(blobs[d["id"]]) for d in docs}


def _inside(spans: list[list[int]], start: int) -> bool:
    return any(s <= start < e for s, e in spans)


def gold_heads(doc: Any, events: list[dict]) -> tuple[set[int], set[int]]:
    """Token indices that head a gold mention, and the other tokens inside gold mentions."""
    heads: set[int] = set()
    inside: set[int] = set()
    for ev in events:
        span = doc.char_span(ev["start"], ev["end"], alignment_mode="expand")
        if span is None or not len(span):
            continue
        heads.add(span.root.i)
        inside.update(t.i for t in span if t.i != span.root.i)
    return heads, inside - heads


def build_split(path: Path, vocab: dict[str, dict[str, int]] | None,
                cache: Path = CACHE) -> tuple[Split, dict[str, dict[str, int]]]:
    """Rows of one gold split; the categorical vocabularies are made here when not given."""
    golds = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    parsed = parse_docs(path, cache)
    toks_by_doc = []
    for g in golds:
        doc, ann = parsed[g["id"]], g["gold"]["annotated"]
        heads, inside = gold_heads(doc, g["gold"]["events"])
        toks = [t for t in candidates(doc) if _inside(ann, t.idx) and t.i not in inside]
        toks_by_doc.append((g, doc, toks, heads))
    vocab = vocab or _make_vocab(t for _g, _d, toks, _h in toks_by_doc for t in toks)
    dummy = Rates({}, 0.0)
    blocks, topics, keys, ys, rows, gold = [], [], [], [], [], []
    for g, doc, toks, heads in toks_by_doc:
        blocks.append(features(doc, toks, vocab, dummy))
        topics += [str(g["topic"])] * len(toks)
        keys += [rate_keys(t) for t in toks]
        ys += [t.i in heads for t in toks]
        rows += [(g["id"], t.idx, t.idx + len(t.text)) for t in toks]
        gold += [(g["id"], e["start"], e["end"]) for e in g["gold"]["events"]]
    X = np.vstack(blocks) if blocks else np.zeros((0, len(feature_names())), np.float32)
    return Split(np.array(topics), keys, X, np.array(ys, dtype=np.float32), gold, rows), vocab


def _make_vocab(toks: Any) -> dict[str, dict[str, int]]:
    values: dict[str, set[str]] = {name: set() for name in CATEGORICAL}
    for t in toks:
        morph = t.morph
        seen = {"pos": t.pos_, "tag": t.tag_, "dep": t.dep_, "head_pos": t.head.pos_,
                "head_dep": t.head.dep_, "ent_type": t.ent_type_,
                "tense": "|".join(morph.get("Tense")), "aspect": "|".join(morph.get("Aspect")),
                "verb_form": "|".join(morph.get("VerbForm")),
                "number": "|".join(morph.get("Number"))}
        for name, v in seen.items():
            values[name].add(v)
    return {name: {v: i for i, v in enumerate(sorted(vs))} for name, vs in values.items()}


def count_rates(keys: list[dict[str, str]], y: np.ndarray) -> Rates:
    """Event rates per lemma, word and suffix from labelled rows."""
    counts: dict[str, list[int]] = {}
    for row, label in zip(keys, y, strict=True):
        for kind in ("lemma", "lower", "suffix3", "suffix4"):
            c = counts.setdefault(row[kind], [0, 0])
            c[0] += int(label)
            c[1] += 1
    base = float(y.mean()) if len(y) else 0.0
    return Rates({k: (v[0], v[1]) for k, v in counts.items()}, base)


def fill_rates(X: np.ndarray, keys: list[dict[str, str]], rates: Rates) -> np.ndarray:
    """A copy of X with the learned-rate columns computed from ``rates``."""
    X = X.copy()
    names = feature_names()
    for kind, cols in RATE_COLS.items():
        idx = [names.index(c) for c in cols]
        for r, row in enumerate(keys):
            X[r, idx[0]] = rates.rate(row[kind])
            if len(idx) > 1:
                X[r, idx[1]] = rates.log_n(row[kind])
    return X


def out_of_fold(split: Split, folds: int = 5) -> np.ndarray:
    """Training features whose rates come from the other topics' folds only."""
    topics = sorted(set(split.topics.tolist()))
    X = split.X.copy()
    for k in range(folds):
        held = {t for i, t in enumerate(topics) if i % folds == k}
        mask = np.isin(split.topics, list(held))
        others = np.flatnonzero(~mask)
        rates = count_rates([split.keys[i] for i in others], split.y[others])
        rows = np.flatnonzero(mask)
        X[rows] = fill_rates(split.X[rows], [split.keys[i] for i in rows], rates)
    return X


def fit(X: np.ndarray, y: np.ndarray, seed: int = 13) -> Any:
    """A LightGBM booster on token features (fixed seed, categorical columns declared)."""
    import lightgbm as lgb

    params = dict(PARAMS, seed=seed)
    data = lgb.Dataset(X, y, feature_name=feature_names(), categorical_feature=list(CATEGORICAL))
    return lgb.train(params, data, ROUNDS)


def prf(split: Split, probs: np.ndarray, threshold: float) -> dict[str, float]:
    """Mention precision (detected tokens inside a gold mention), recall (gold mentions with a
    detected token inside), F1, over the annotated sentences."""
    hit = [split.rows_at[i] for i in np.flatnonzero(probs >= threshold)]
    by_doc: dict[str, list[tuple[int, int]]] = {}
    for doc, s, e in hit:
        by_doc.setdefault(doc, []).append((s, e))
    gold_by_doc: dict[str, list[tuple[int, int]]] = {}
    for doc, s, e in split.gold_found:
        gold_by_doc.setdefault(doc, []).append((s, e))
    tp_p = sum(any(gs <= s < ge for gs, ge in gold_by_doc.get(d, [])) for d, s, _e in hit)
    tp_r = sum(any(gs <= s < ge for s, _e in by_doc.get(d, [])) for d, gs, ge in split.gold_found)
    p = tp_p / len(hit) if hit else 0.0
    r = tp_r / len(split.gold_found) if split.gold_found else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def choose_threshold(split: Split, probs: np.ndarray) -> tuple[float, dict[str, float]]:
    """The threshold with the best mention F1 on a split (ECB+ dev)."""
    scored = [(thr, prf(split, probs, thr)) for thr in THRESHOLDS]
    return max(scored, key=lambda ts: (ts[1]["f1"], -ts[0]))


def topic_cv(split: Split, threshold: float, folds: int = 5, seed: int = 13) -> dict:
    """P/R/F1 of out-of-fold predictions on train, folds made of whole topics (rates nested)."""
    topics = sorted(set(split.topics.tolist()))
    probs = np.zeros(len(split.y))
    for k in range(folds):
        held = {t for i, t in enumerate(topics) if i % folds == k}
        test = np.isin(split.topics, list(held))
        inner = _subset(split, np.flatnonzero(~test))
        booster = fit(out_of_fold(inner), inner.y, seed)
        rates = count_rates(inner.keys, inner.y)
        rows = np.flatnonzero(test)
        probs[rows] = booster.predict(fill_rates(split.X[rows], [split.keys[i] for i in rows],
                                                 rates))
    return prf(split, probs, threshold)


def _subset(split: Split, rows: np.ndarray) -> Split:
    return Split(split.topics[rows], [split.keys[i] for i in rows], split.X[rows], split.y[rows],
                 [], [split.rows_at[i] for i in rows])


def train_and_choose(links: Path, seed: int = 13, cv: bool = True) -> tuple[Any, dict, dict]:
    """Fit on ECB+ train, choose the threshold on ECB+ dev; (booster, meta, metrics)."""
    train, vocab = build_split(links / "ecbplus_train.jsonl", None)
    dev, _ = build_split(links / "ecbplus_dev.jsonl", vocab)
    booster = fit(out_of_fold(train), train.y, seed)
    rates = count_rates(train.keys, train.y)
    dev_probs = booster.predict(fill_rates(dev.X, dev.keys, rates))
    thr, dev_prf = choose_threshold(dev, dev_probs)
    metrics: dict[str, Any] = {"threshold": thr, "ecbplus_dev": dev_prf,
                               "train_rows": int(len(train.y)), "dev_rows": int(len(dev.y))}
    if cv:
        metrics["topic_cv_train"] = topic_cv(train, thr, seed=seed)
    from dateline.learn.persist import data_sha256

    meta = {"task": TASK, "features_version": FEATURES_VERSION, "features": feature_names(),
            "numeric": list(NUMERIC), "vocab": vocab, "base_rate": rates.base,
            "threshold": thr, "seed": seed, "params": dict(PARAMS, seed=seed), "rounds": ROUNDS,
            "metrics": metrics,
            "train_sha256": data_sha256([links / "ecbplus_train.jsonl"]),
            "data": "ECB+ 1.0 train (fit), dev (threshold); CC BY 3.0"}
    return booster, meta | {"_rates": rates}, metrics


def train_task(data_dir: Path | None, out_dir: Path, seed: int) -> dict:
    """`dateline train link_mentions`: fit on ECB+ train, choose on ECB+ dev, save the model."""
    from dateline.learn.persist import SavedModel, save_model

    booster, meta, metrics = train_and_choose(data_dir or DEFAULT_DATA, seed)
    rates = meta.pop("_rates")
    save_model(out_dir, SavedModel(meta=meta, booster_text=booster.model_to_string(),
                                   arrays=rates_to_arrays(rates)))
    return metrics


def main(argv: list[str] | None = None) -> None:
    """Print dev and topic-CV mention P/R/F1 (no model written)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=DEFAULT_DATA.parent.parent)
    ap.add_argument("--no-cv", action="store_true")
    args = ap.parse_args(argv)
    _b, _m, metrics = train_and_choose(args.shared / "data" / "links", cv=not args.no_cv)
    print(json.dumps(metrics, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
