"""Does a bag-of-context MaxEnt add to the event detector? An A/B of learners on team dev.

    .venv/bin/python benchmarks/detector_learners.py [--seeds 13,7,21] [--out FILE.json]
    .venv/bin/python benchmarks/detector_learners.py --curve [--seeds 13,7,21]

Both arms see the same data: the events stage's candidates on the team corpus's train split
(labelled as ``dateline train events`` labels them; no M2E2, no PLOVER records, to keep the
comparison about the learner), scored on the dev split. The arms:

- ``lgbm``: the shipped learner (``detecttrain.fit``: LightGBM over ``candidate_features``,
  event rows weighted 1 or 3, 60 / 100 / 150 rounds), per LightGBM seed;
- ``maxent``: a multinomial logistic regression (scikit-learn) over sparse context features
  of the trigger (its lemma with its dependency, parent, children, prepositional objects,
  subject, the words around it and the sentence's nouns and verbs, plus the lexicon's type);
- ``average``: the two models' class probabilities averaged (weight 0.3 on MaxEnt);
- ``stacked``: LightGBM with MaxEnt's out-of-fold probabilities as 17 more features.

Reported per arm (means over the seeds): the AP of the default mode's ranking (the lexicon's
events by 1 - P(NONE), right when the gold type is the lexicon's), the AP of the model's own
types over every candidate (recall denominator: the dev gold events), the recall at precision
>= 0.85 (``detecttrain.recall_at_precision``) and the log loss. Takes ~10 minutes.

``--curve``: the shipped learner's learning curve instead: the same figures for LightGBM fitted
on a quarter, a half, three quarters and all of the train documents (drawn by a seeded
shuffle of document ids), would more annotated text help?
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

import numpy as np

from dateline.events import detecttrain as dt
from dateline.events.evaluate import load_split

CONTEXT_WINDOW = 3
CURVE_SHARES = (0.25, 0.5, 0.75, 1.0)
CURVE_SEED = 14
CONTEXT_CATEGORIES = ("lex_type", "frame", "status", "mode", "subj_kind", "obj_kind",
                      "src_sector", "tgt_sector")


def context_words(head: Any) -> list[str]:
    """Sparse context features of a trigger head: lexical, syntactic and sentence words."""
    lem = head.lemma_.lower()
    sent = head.sent
    out = [f"l={lem}", f"ld={lem}|{head.dep_}", f"p={head.head.lemma_.lower()}|{head.dep_}"]
    for c in head.children:
        out += [f"c={lem}|{c.dep_}|{c.lemma_.lower()}", f"cd={c.dep_}|{c.lemma_.lower()}"]
        if c.dep_ in ("nsubj", "nsubjpass"):
            out.append(f"ls={lem}|{c.lemma_.lower()}")
        if c.dep_ in ("prep", "agent"):
            out += [f"pp={lem}|{c.lower_}|{g.lemma_.lower()}" for g in c.children]
    for k in range(-CONTEXT_WINDOW, CONTEXT_WINDOW + 1):
        if k and sent.start <= head.i + k < sent.end:
            out.append(f"w{k}={head.doc[head.i + k].lemma_.lower()}")
    out += [f"b={t.lemma_.lower()}" for t in sent if t.pos_ in ("VERB", "NOUN") and t != head]
    return out


def split_rows(split: str) -> tuple[list[dict[str, Any]], list[str], int]:
    """Candidate rows (with ``ctx``) and labels of one team split, and its gold event count."""
    docs = load_split(split)
    gold = {d.id: [(tuple(g["trigger"]), g["type"]) for g in d.gold] for d in docs}
    raws: list[dict[str, Any]] = []
    labels: list[str] = []
    for art, events, doc_raws in dt.candidate_sets([(d.id, d.text) for d in docs]):
        for ev, raw, lab in zip(events, doc_raws, dt.label_candidates(events, gold[art.id]),
                                strict=True):
            if lab == dt.SKIP:
                continue
            span = art.doc.char_span(ev.trigger_start, ev.trigger_end, alignment_mode="expand")
            ctx = context_words(span.root) if span is not None else []
            raws.append({**raw, "doc": art.id,
                         "ctx": ctx + [f"{k}={raw[k]}" for k in CONTEXT_CATEGORIES]})
            labels.append(lab)
    return raws, labels, sum(len(d.gold) for d in docs)


def maxent(raws: list[dict[str, Any]], labels: list[str]) -> Any:
    """A fitted MaxEnt; returns a function rows -> class probabilities (all classes)."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    y = np.array([dt.CLASSES.index(lab) for lab in labels])
    vec = CountVectorizer(analyzer=lambda x: x, min_df=3, binary=True)
    X = vec.fit_transform(r["ctx"] for r in raws)
    clf = LogisticRegression(C=0.3, max_iter=300).fit(X, y, sample_weight=np.where(y, 3.0, 1.0))

    def probs(rows: list[dict[str, Any]]) -> np.ndarray:
        out = np.zeros((len(rows), len(dt.CLASSES)))
        out[:, clf.classes_] = clf.predict_proba(vec.transform(r["ctx"] for r in rows))
        return out
    return probs


def average_precision(scores: np.ndarray, right: np.ndarray, n_relevant: int) -> float:
    """AP of a ranking by ``scores`` with ``n_relevant`` relevant items in all."""
    order = np.argsort(-scores, kind="stable")
    hits = np.cumsum(right[order])
    ranks = np.nonzero(right[order])[0] + 1
    return float((hits[right[order]] / ranks).sum() / max(1, n_relevant))


def metrics(p: np.ndarray, raws: list[dict[str, Any]], labels: list[str], n_gold: int
            ) -> dict[str, float]:
    """The four dev figures of one model's class probabilities."""
    from sklearn.metrics import log_loss

    lex = [i for i, r in enumerate(raws) if r["lex_type"] in dt.CLASSES[1:]]
    lex_right = np.array([labels[i] == raws[i]["lex_type"] for i in lex])
    best = p[:, 1:].argmax(axis=1) + 1
    right = np.array([dt.CLASSES[b] == lab for b, lab in zip(best, labels, strict=True)])
    y = [dt.CLASSES.index(lab) for lab in labels]
    return {"ap_default": average_precision(1 - p[lex, 0], lex_right, int(lex_right.sum())),
            "ap_model": average_precision(p[np.arange(len(p)), best], right, n_gold),
            "recall_at_p85": dt.recall_at_precision(p, labels, n_gold),
            "log_loss": float(log_loss(y, p, labels=list(range(len(dt.CLASSES)))))}


def with_probs(raws: list[dict[str, Any]], probs: np.ndarray) -> list[dict[str, Any]]:
    """Rows whose vector carries MaxEnt's probabilities too (the stacked arm)."""
    return [{**r, "vec": np.concatenate([r["vec"], p])} for r, p in zip(raws, probs, strict=True)]


def main(argv: list[str] | None = None) -> None:
    """Run the arms and print (and optionally write) the mean figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default="13,7,21")
    ap.add_argument("--out")
    ap.add_argument("--curve", action="store_true", help="the shipped learner's learning curve")
    args = ap.parse_args(argv)
    seeds = [int(s) for s in args.seeds.split(",")]
    train, train_labels, _ = split_rows("train")
    dev, dev_labels, n_gold = split_rows("dev")
    print(f"candidates: train {len(train)}, dev {len(dev)}", file=sys.stderr)
    if args.curve:
        table = learning_curve(train, train_labels, (dev, dev_labels, n_gold), seeds)
        for arm, figs in table.items():
            print(arm, json.dumps(figs))
        return
    p_max = maxent(train, train_labels)(dev)
    folds = np.array_split(np.arange(len(train)), 5)  # contiguous: documents stay together
    oof = np.zeros((len(train), len(dt.CLASSES)))
    for held in folds:
        rest = np.setdiff1d(np.arange(len(train)), held)
        oof[held] = maxent([train[i] for i in rest], [train_labels[i] for i in rest])(
            [train[i] for i in held])
    results: dict[str, list[dict[str, float]]] = {"maxent": [metrics(p_max, dev, dev_labels,
                                                                     n_gold)]}
    vocab = dt.build_vocab(train)
    stacked_train, stacked_dev = with_probs(train, oof), with_probs(dev, p_max)
    for seed in seeds:
        for weight in dt.POSITIVE_WEIGHTS:
            plain = dt.fit(train, train_labels, vocab, max(dt.ROUNDS), seed, weight)
            stack = _fit_wide(stacked_train, train_labels, vocab, seed, weight)
            for rounds in dt.ROUNDS[1:]:
                p = plain.predict(dt.encode(dev, vocab), num_iteration=rounds)
                key = f"w{weight:g}/{rounds}"
                results.setdefault(f"lgbm {key}", []).append(metrics(p, dev, dev_labels, n_gold))
                results.setdefault(f"average {key}", []).append(
                    metrics(0.7 * p + 0.3 * p_max, dev, dev_labels, n_gold))
                ps = stack.predict(_encode_wide(stacked_dev, vocab), num_iteration=rounds)
                results.setdefault(f"stacked {key}", []).append(
                    metrics(ps, dev, dev_labels, n_gold))
        print(f"seed {seed} done", file=sys.stderr)
    table = {arm: {k: round(float(np.mean([m[k] for m in ms])), 4) for k in ms[0]}
             for arm, ms in results.items()}
    for arm, figs in table.items():
        print(arm, json.dumps(figs))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            json.dump({"seeds": seeds, "n_gold_dev": n_gold, "arms": table}, fh, indent=1)


def learning_curve(train: list[dict[str, Any]], labels: list[str],
                   dev: tuple[list[dict[str, Any]], list[str], int], seeds: list[int]
                   ) -> dict[str, dict[str, float]]:
    """Mean dev figures of LightGBM (best of its weights and rounds by dev AP of the default
    ranking, per seed) fitted on growing shares of the train documents."""
    import random

    docs = sorted({r["doc"] for r in train})
    random.Random(CURVE_SEED).shuffle(docs)
    table = {}
    for share in CURVE_SHARES:
        keep = set(docs[:round(share * len(docs))])
        idx = [i for i, r in enumerate(train) if r["doc"] in keep]
        rows, labs = [train[i] for i in idx], [labels[i] for i in idx]
        vocab = dt.build_vocab(rows)
        per_seed = []
        for seed in seeds:
            fits = [metrics(dt.fit(rows, labs, vocab, max(dt.ROUNDS), seed, weight).predict(
                dt.encode(dev[0], vocab), num_iteration=rounds), *dev)
                for weight in dt.POSITIVE_WEIGHTS for rounds in dt.ROUNDS[1:]]
            per_seed.append(max(fits, key=lambda m: m["ap_default"]))
        n_events = sum(lab != dt.NONE for lab in labs)
        table[f"train share {share:g} ({len(keep)} docs, {n_events} events)"] = {
            k: round(float(np.mean([m[k] for m in per_seed])), 4) for k in per_seed[0]}
        print(f"share {share:g} done", file=sys.stderr)
    return table


def _encode_wide(raws: list[dict[str, Any]], vocab: dict[str, list[str]]) -> np.ndarray:
    """``detector.encode`` with the extra probability columns appended."""
    base = dt.encode([{**r, "vec": r["vec"][:-len(dt.CLASSES)]} for r in raws], vocab)
    return np.hstack([base, np.array([r["vec"][-len(dt.CLASSES):] for r in raws])])


def _fit_wide(raws: list[dict[str, Any]], labels: list[str], vocab: dict[str, list[str]],
              seed: int, weight: float) -> Any:
    """``detecttrain.fit`` on the widened rows (same parameters, categorical features)."""
    import lightgbm as lgb

    y = np.array([dt.CLASSES.index(lab) for lab in labels])
    names = list(dt.FEATURES) + [f"maxent_{c}" for c in dt.CLASSES]
    data = lgb.Dataset(_encode_wide(raws, vocab), y, weight=np.where(y, weight, 1.0),
                       feature_name=names,
                       categorical_feature=[dt.FEATURES.index(c) for c in dt.CATEGORICAL])
    return lgb.train({**dt.PARAMS, "seed": seed}, data, max(dt.ROUNDS))


if __name__ == "__main__":
    main()
