"""Train and evaluate the mention-pair linker on ECB+ (fit on train, choose on dev).

``python -m dateline.link.pairtrain --shared ../shared`` fits a LightGBM pair scorer on ECB+
train, reports topic-wise cross-validated pair AUC on train, picks the clustering threshold on
ECB+ dev, and writes gold-mention predictions for ECB+ dev and MEANTIME dev (scored with
``eval/score_links.py``; MEANTIME is only a second check, never tuned on).

Training data: every pair of gold event mentions within one ECB+ train topic (label: one
gold instance), features from ``link/pairs.py`` with TF-IDF fitted on the topic's documents.
At link time the model scores the pipeline's mentions instead (``link/learned.py``); the
end-to-end alternative, fitted on those mentions (``link/pairtrain_e2e.py``, ``dateline
train link_pairs_e2e``), tied with this one on ECB+ dev end to end (xd F1 0.420 against
0.419 at cut 0.3, within seed noise; ``benchmarks/pairs_e2e.py``) and is not shipped.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

from dateline.link.pairs import FEATURES, Mention, cluster_mentions, pair_features

PARAMS = {"objective": "binary", "num_leaves": 15, "learning_rate": 0.05, "min_data_in_leaf": 50,
          "feature_fraction": 0.9, "bagging_fraction": 0.8, "bagging_freq": 1, "seed": 13,
          "num_threads": 1, "verbose": -1, "deterministic": True}
ROUNDS = 300
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
TASK = "link_pairs"
DEFAULT_DATA = Path(os.environ.get("DATELINE_SHARED", Path(__file__).resolve().parents[3].parent
                                   / "shared")) / "data" / "links"


def load_topics(path: Path) -> dict[str, list[dict]]:
    """Documents of a gold JSONL grouped by topic."""
    topics: dict[str, list[dict]] = {}
    for line in path.read_text().splitlines():
        doc = json.loads(line)
        topics.setdefault(str(doc["topic"]), []).append(doc)
    return topics


def trigger_lemmas(docs: list[dict]) -> dict[tuple[str, int], str]:
    """The package spaCy model's lemma of the token at each gold mention's start."""
    from dateline.stages.nlp import load_model, model_name

    nlp = load_model(model_name())
    out = {}
    for d, doc in zip(docs, nlp.pipe(d["text"] for d in docs), strict=True):
        starts = {t.idx: t.lemma_.lower() for t in doc}
        for e in d["gold"]["events"]:
            out[(d["id"], e["start"])] = starts.get(e["start"], e["text"].lower())
    return out


def topic_matrix(docs: list[dict]) -> tuple[list[Mention], np.ndarray, np.ndarray, np.ndarray]:
    """Gold mentions, pair indices, features and labels of one topic."""
    mentions, inst = [], []
    lemmas = trigger_lemmas(docs)
    for d in docs:
        for e in d["gold"]["events"]:
            mentions.append(Mention(d["id"], e["start"], e["end"], e["text"],
                                    lemmas[(d["id"], e["start"])]))
            inst.append(e["instance"])
    texts = {d["id"]: d["text"] for d in docs}
    titles = {d["id"]: d.get("title") or "" for d in docs}
    pairs, X = pair_features(mentions, texts, titles)
    y = np.array([inst[i] == inst[j] for i, j in pairs], dtype=np.float32)
    return mentions, pairs, X, y


def build(path: Path) -> dict[str, tuple]:
    """Per-topic (docs, mentions, pairs, features, labels) of a gold split."""
    out = {}
    for topic, docs in sorted(load_topics(path).items()):
        mentions, pairs, X, y = topic_matrix(docs)
        out[topic] = (docs, mentions, pairs, X, y)
    return out


def fit(X: np.ndarray, y: np.ndarray):
    """A LightGBM booster on pair features (one thread, fixed seed)."""
    import lightgbm as lgb

    return lgb.train(PARAMS, lgb.Dataset(X, y, feature_name=list(FEATURES)), ROUNDS)


def topic_cv_auc(split: dict[str, tuple], folds: int = 5) -> float:
    """Pair AUC of out-of-fold predictions, folds made of whole topics."""
    from sklearn.metrics import roc_auc_score

    topics = sorted(split)
    preds, ys = [], []
    for k in range(folds):
        test = [t for i, t in enumerate(topics) if i % folds == k]
        train = [t for t in topics if t not in test]
        booster = fit(np.vstack([split[t][3] for t in train]),
                      np.concatenate([split[t][4] for t in train]))
        for t in test:
            preds.append(booster.predict(split[t][3]))
            ys.append(split[t][4])
    return float(roc_auc_score(np.concatenate(ys), np.concatenate(preds)))


def predictions(split: dict[str, tuple], booster, threshold: float) -> list[dict]:
    """Output-style records (gold mentions, predicted clusters) for score_links.py."""
    records = []
    for topic, (docs, mentions, pairs, X, _y) in split.items():
        probs = booster.predict(X) if len(X) else np.zeros(0)
        labels = cluster_mentions(len(mentions), pairs, probs, threshold)
        by_doc: dict[str, list] = {d["id"]: [] for d in docs}
        for m, lab in zip(mentions, labels, strict=True):
            by_doc[m.doc].append({"start": m.start, "end": m.end, "trigger": m.text,
                                  "trigger_start": m.start, "trigger_end": m.end,
                                  "cluster": f"{topic}:{lab}"})
        records += [{"id": d["id"], "text": d["text"], "events": by_doc[d["id"]]} for d in docs]
    return records


def score(shared: Path, gold: Path, records: list[dict], out: Path) -> dict:
    """Run the shared scorer on records; returns its JSON summary."""
    out.write_text("".join(json.dumps(r) + "\n" for r in records))
    cmd = [sys.executable, str(shared / "eval" / "score_links.py"), "--gold", str(gold),
           "--pred", str(out)]
    run = subprocess.run(cmd, check=True, capture_output=True, text=True)
    last = run.stdout.strip().splitlines()[-1].split(":", 1)[1]
    return {k: float(v) for k, v in (kv.split("=") for kv in last.split())}


def choose_threshold(shared: Path, dev: dict, booster, work: Path) -> tuple[float, dict]:
    """The clustering threshold with the best CoNLL F1 on ECB+ dev (gold mentions)."""
    best: tuple[float, dict] | None = None
    for thr in THRESHOLDS:
        s = score(shared, shared / "data" / "links" / "ecbplus_dev.jsonl",
                  predictions(dev, booster, thr), work / "ecb_dev.jsonl")
        if best is None or s["conll_f1"] > best[1]["conll_f1"]:
            best = (thr, s)
    assert best is not None
    return best


def train_task(data_dir: Path | None, out_dir: Path, seed: int) -> dict:
    """`dateline train link_pairs`: fit on ECB+ train, choose on ECB+ dev, save in the package."""
    import tempfile

    from dateline.learn.persist import SavedModel, save_model

    links = data_dir or DEFAULT_DATA
    shared = links.parent.parent
    PARAMS["seed"] = seed
    train = build(links / "ecbplus_train.jsonl")
    dev = build(links / "ecbplus_dev.jsonl")
    booster = fit(np.vstack([v[3] for v in train.values()]),
                  np.concatenate([v[4] for v in train.values()]))
    with tempfile.TemporaryDirectory() as tmp:
        thr, dev_score = choose_threshold(shared, dev, booster, Path(tmp))
    metrics = {"threshold": thr, "ecbplus_dev_gold_mentions": dev_score,
               "topic_cv_auc_train": round(topic_cv_auc(train), 4)}
    save_model(out_dir, SavedModel(
        meta={"task": TASK, "features": list(FEATURES), "threshold": thr, "seed": seed,
              "params": PARAMS, "rounds": ROUNDS, "metrics": metrics,
              "data": "ECB+ 1.0 train (fit), dev (threshold); CC BY 3.0"},
        booster_text=booster.model_to_string()))
    return metrics


def main(argv: list[str] | None = None) -> None:
    """Fit on ECB+ train, report topic-CV AUC, choose the threshold on ECB+ dev, score."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--work", type=Path, default=Path("/tmp/pairtrain"))
    args = ap.parse_args(argv)
    links = args.shared / "data" / "links"
    args.work.mkdir(parents=True, exist_ok=True)
    train = build(links / "ecbplus_train.jsonl")
    dev = build(links / "ecbplus_dev.jsonl")
    print("topic-CV pair AUC (ECB+ train):", round(topic_cv_auc(train), 3), flush=True)
    booster = fit(np.vstack([v[3] for v in train.values()]),
                  np.concatenate([v[4] for v in train.values()]))
    from sklearn.metrics import roc_auc_score

    dX = np.vstack([v[3] for v in dev.values()])
    dy = np.concatenate([v[4] for v in dev.values()])
    print("ECB+ dev pair AUC:", round(float(roc_auc_score(dy, booster.predict(dX))), 3))
    thr, best = choose_threshold(args.shared, dev, booster, args.work)
    print(f"ECB+ dev (gold mentions), threshold {thr}: {summary(best)}", flush=True)
    mt = build(links / "dev.jsonl")
    s = score(args.shared, links / "dev.jsonl", predictions(mt, booster, thr),
              args.work / "meantime_dev.jsonl")
    print(f"chosen threshold {thr}; MEANTIME dev (gold mentions): {summary(s)}")
    imp = dict(zip(FEATURES, booster.feature_importance("gain").round(0).tolist(), strict=True))
    print("gain:", imp)


def summary(s: dict) -> str:
    """A one-line view of the scorer's pooled figures."""
    return " ".join(f"{k}={v:.3f}" for k, v in s.items())


if __name__ == "__main__":
    main()
