"""Train the event detector (``dateline train events``): fit on train, choose and calibrate on dev.

Candidates are the events stage's own (``EventStage.candidates``: lexicon triggers, OTHER
predicates and the link stage's detected mentions) on the team's running-text corpus
(``data/annotations/events/build/``, built by ``scripts/annotations.py build``). A candidate's
label is the type of the gold event its trigger overlaps most (one candidate per gold event),
else NONE. Optional extra data: M2E2 (VOA sentences with ACE triggers, read and labelled by
``events/m2e2data``). The data (with or without M2E2), the weight of event rows and the number
of rounds are chosen on the team's dev split by the issue's target, the recall of right-typed
events at precision >= 0.85 (ties: log loss); the calibrator (isotonic) and the threshold
(lowest confidence at which dev precision is >= 0.85) are fitted on dev. The events/dev.jsonl
PLOVER records (``ploverdata``) are always in the data when present (the issue's "fit on the
corpus plus events/dev.jsonl"; cross-validation on them says they help the default mode's
ranking); their held-out figures come from ``plovercv`` (cross-validation by sentence). The
NGEC synthetic stories (one label per story, no trigger) are not used: per-lemma type rates
learned from their leads did not help on dev.
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from dateline.events.context import N_HASH, ContextModel, fit_context, out_of_fold
from dateline.events.context import C as CONTEXT_C
from dateline.events.detector import (
    CATEGORICAL,
    FEATURES,
    NONE,
    TASK,
    Detector,
    decide,
    encode,
    event_lemmas,
    sense_lemmas,
)
from dateline.events.evaluate import CORPUS_BUILD, PLOVER_TYPES, CorpusDoc, load_split

CLASSES = (NONE, *PLOVER_TYPES)
# Regularised for ~300 positive candidates: small trees, many rows per leaf and per category
# value (lemmas); chosen on team dev among a few settings (best F1 and best recall at
# precision 0.85 there), with the head's contextual vector (VEC_DIM) as features.
PARAMS = {"objective": "multiclass", "num_class": len(CLASSES), "num_leaves": 7,
          "learning_rate": 0.05, "min_data_in_leaf": 20, "feature_fraction": 0.8,
          "bagging_fraction": 0.8, "bagging_freq": 1, "lambda_l2": 1.0, "seed": 13,
          "num_threads": 1, "verbose": -1, "deterministic": True, "max_cat_to_onehot": 64,
          "cat_l2": 20.0, "cat_smooth": 10.0, "min_data_per_group": 20}
ROUNDS = (40, 60, 100, 150)
# weight of an event row against a NONE row (~18 NONE per event since the detected mentions
# are candidates too); chosen with the rounds by dev log loss
POSITIVE_WEIGHTS = (1.0, 3.0)
TARGET_PRECISION = 0.85
MIN_VOCAB = 2  # a category value seen fewer times in the training data is "unknown"
SHARED = Path(os.environ.get("DATELINE_SHARED", Path(__file__).resolve().parents[3].parent
                             / "shared"))
Rows = tuple[list[dict[str, Any]], list[str]]
SKIP = "SKIP"  # a candidate's label when it is left out of training


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters two spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def keep_labelled(raws: list[dict[str, Any]], labels: list[str]) -> Rows:
    """The rows and labels of the candidates not left out (``SKIP``)."""
    keep = [i for i, lab in enumerate(labels) if lab != SKIP]
    return [raws[i] for i in keep], [labels[i] for i in keep]


def label_candidates(events: list[Any], gold: list[tuple[tuple[int, int], str]]) -> list[str]:
    """Per candidate: the gold type of the event it best overlaps (one per gold), else NONE;
    ``SKIP`` for a candidate on a gold event of no PLOVER type (left out of training)."""
    labels = [NONE] * len(events)
    for span, gtype in gold:
        best, key = None, (0, False)
        for i, ev in enumerate(events):
            ov = overlap(span, (ev.trigger_start, ev.trigger_end))
            k = (ov, ev.type == gtype)
            if ov > 0 and labels[i] == NONE and k > key:
                best, key = i, k
        if best is not None:
            labels[best] = gtype
    return labels


def candidate_rows(docs: list[CorpusDoc]) -> Rows:
    """Features and labels of every candidate of the team corpus documents."""
    gold = {d.id: [(tuple(g["trigger"]), g["type"]) for g in d.gold] for d in docs}
    texts = [(d.id, d.text) for d in docs]
    return labelled_rows(texts, gold)


def labelled_rows(texts: list[tuple[str, str]], gold: dict[str, list]) -> Rows:
    """Labelled candidate rows of (id, text) documents, given each one's (span, type) gold."""
    raws: list[dict[str, Any]] = []
    labels: list[str] = []
    for art, events, doc_raws in candidate_sets(texts):
        kept = keep_labelled(doc_raws, label_candidates(events, gold[art.id]))
        raws += kept[0]
        labels += kept[1]
    return raws, labels


def candidate_sets(texts: list[tuple[str, str]]) -> Iterator[tuple[Any, list[Any],
                                                                   list[dict[str, Any]]]]:
    """(parsed article, candidate events, their detector features) per (id, text), through
    every stage before the events stage (the lexicon's candidates, no model)."""
    from dateline.model import Article
    from dateline.stages.events import EventStage

    nlp, stages, settings = pre_event_stages()
    ev_stage = EventStage(settings, use_model=False)
    arts = [Article(id=i, text=t) for i, t in texts]
    for art in nlp.pipe(arts):  # type: ignore[attr-defined]
        for stage in stages:
            art = stage(art)
        cands = ev_stage.candidates(art)
        yield art, cands.events, cands.raws


def pre_event_stages() -> tuple[Any, list[Any], Any]:
    """The nlp stage, the other stages before the events stage, and their settings."""
    from dateline.config import Settings
    from dateline.pipeline import available_stages, build_stage

    settings = Settings()
    nlp = build_stage("nlp", settings)
    stages = [build_stage(n, settings) for n in available_stages() if n not in ("nlp", "events")]
    return nlp, stages, settings


def build_vocab(raws: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Category values seen at least ``MIN_VOCAB`` times, per categorical feature (sorted)."""
    vocab = {}
    for name in CATEGORICAL:
        counts = Counter(str(r[name]) for r in raws)
        vocab[name] = sorted(v for v, n in counts.items() if n >= MIN_VOCAB)
    return vocab


def fit(raws: list[dict[str, Any]], labels: list[str], vocab: dict[str, list[str]],
        rounds: int, seed: int, positive_weight: float = 1.0,
        row_weight: np.ndarray | None = None) -> Any:
    """A multiclass LightGBM booster (one thread, fixed seed), event rows weighted."""
    import lightgbm as lgb

    y = np.array([CLASSES.index(lab) for lab in labels])
    weight = np.where(y == CLASSES.index(NONE), 1.0, positive_weight)
    if row_weight is not None:
        weight = weight * row_weight
    cats = [FEATURES.index(c) for c in CATEGORICAL]
    data = lgb.Dataset(encode(raws, vocab), y, weight=weight, feature_name=list(FEATURES),
                       categorical_feature=cats, free_raw_data=False)
    return lgb.train({**PARAMS, "seed": seed}, data, rounds)


def dev_curve(probs: np.ndarray, labels: list[str], n_gold: int) -> list[tuple[float, float,
                                                                               float]]:
    """(threshold, precision, recall) of the uncalibrated best-type probability on dev."""
    calib = np.zeros(0)
    out = decide(probs, CLASSES, calib, calib)
    right = np.array([t == lab for (t, _), lab in zip(out, labels, strict=True)])
    conf = np.array([c for _, c in out])
    curve = []
    for thr in np.round(np.arange(0.05, 1.0, 0.05), 2):
        kept = conf >= thr
        if kept.sum():
            curve.append((float(thr), float(right[kept].mean()), float(right[kept].sum() / n_gold)))
    return curve


def recall_at_precision(probs: np.ndarray, labels: list[str], n_gold: int) -> float:
    """Highest share of the gold events found right at a confidence where the dev
    precision of the uncalibrated best-type probability is >= ``TARGET_PRECISION``."""
    calib = np.zeros(0)
    out = decide(probs, CLASSES, calib, calib)
    right = np.array([t == lab for (t, _), lab in zip(out, labels, strict=True)])
    conf = np.array([c for _, c in out])
    order = np.argsort(-conf, kind="stable")
    hits = np.cumsum(right[order])
    best = 0.0
    for k in range(len(order)):  # cut only between different confidences
        if k + 1 < len(order) and conf[order[k + 1]] == conf[order[k]]:
            continue
        if hits[k] / (k + 1) >= TARGET_PRECISION:
            best = max(best, hits[k] / max(1, n_gold))
    return float(best)


def calibrate(probs: np.ndarray, labels: list[str]) -> tuple[np.ndarray, np.ndarray, float]:
    """Isotonic knots from raw best-type probability to P(right), and the dev threshold."""
    from dateline.learn.calibrate import Calibrator

    calib = np.zeros(0)
    out = decide(probs, CLASSES, calib, calib)
    raw = np.array([c for _, c in out])
    right = np.array([t == lab for (t, _), lab in zip(out, labels, strict=True)], dtype=float)
    cal = Calibrator.fit(raw, right)
    conf = np.round(cal.apply(raw), 3)  # as the stage records and compares it
    threshold = 1.0
    for thr in sorted(set(conf), reverse=True):
        kept = conf >= thr
        if right[kept].mean() >= TARGET_PRECISION:
            threshold = float(thr)
    return cal.xs, cal.ys, threshold


def lexicon_calibration(probs: np.ndarray, raws: list[dict[str, Any]], labels: list[str]
                        ) -> tuple[np.ndarray, np.ndarray]:
    """Isotonic knots from P(event) = 1 - P(NONE) to P(right) for the candidates the lexicon
    types (``lex_type`` not OTHER): right when the gold type is the lexicon's."""
    from dateline.learn.calibrate import Calibrator

    rows = [i for i, raw in enumerate(raws) if raw["lex_type"] in CLASSES[1:]]
    if not rows:
        return np.zeros(0), np.zeros(0)
    event = 1.0 - probs[rows, CLASSES.index(NONE)]
    right = np.array([labels[i] == raws[i]["lex_type"] for i in rows], dtype=float)
    cal = Calibrator.fit(event, right)
    return cal.xs, cal.ys


def dev_rows(build: Path) -> tuple[Rows, int]:
    """The team dev split's candidate rows and its number of gold events."""
    docs = load_split("dev", build)
    return candidate_rows(docs), sum(len(d.gold) for d in docs)


def select_fit(variants: dict[str, tuple[Rows, np.ndarray]], dev: Rows, n_gold_dev: int,
               seed: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Fit every (data variant, event weight) and pick it with the rounds by team dev recall
    at precision >= 0.85 (ties: log loss). Returns the choice (name, rounds, weight,
    booster, vocab) and the dev metrics of every setting."""
    from sklearn.metrics import log_loss

    y_dev = [CLASSES.index(lab) for lab in dev[1]]
    best: tuple[tuple[float, float], dict[str, Any]] | None = None
    metrics: dict[str, Any] = {"dev_logloss": {}, "dev_recall_at_target": {}}
    for name, ((raws, labels), row_weight) in variants.items():
        raws, context = with_context(raws, labels, row_weight)
        vocab = build_vocab(raws)
        X_dev = encode(dev[0], vocab, context=context)
        for weight in POSITIVE_WEIGHTS:
            booster = fit(raws, labels, vocab, max(ROUNDS), seed, weight, row_weight)
            for rounds in ROUNDS:
                probs = booster.predict(X_dev, num_iteration=rounds)
                loss = float(log_loss(y_dev, probs, labels=list(range(len(CLASSES)))))
                recall = recall_at_precision(probs, dev[1], n_gold_dev)
                key = f"{name}/w{weight:g}/{rounds}"
                metrics["dev_logloss"][key] = round(loss, 4)
                metrics["dev_recall_at_target"][key] = round(recall, 4)
                if best is None or (-recall, loss) < best[0]:
                    best = ((-recall, loss), {"name": name, "rounds": rounds, "weight": weight,
                                              "booster": booster, "vocab": vocab,
                                              "context": context})
    assert best is not None
    return best[1], metrics


def as_detector(choice: dict[str, Any], dev: Rows, lemmas: list[str] | None = None
                ) -> Detector:
    """The chosen booster cut at its rounds, calibrated and thresholded on team dev; it may
    type the OTHER candidates of ``lemmas`` (``event_lemmas`` of its running-text rows)."""
    import lightgbm as lgb

    text = choice["booster"].model_to_string(num_iteration=choice["rounds"])
    booster = lgb.Booster(model_str=text)
    probs = np.asarray(booster.predict(encode(dev[0], choice["vocab"],
                                              context=choice["context"])))
    calib_x, calib_y, threshold = calibrate(probs, dev[1])
    return Detector(booster, CLASSES, choice["vocab"], calib_x, calib_y, threshold,
                    event_lemmas=frozenset(lemmas or ()), context=choice["context"])


def with_context(raws: list[dict[str, Any]], labels: list[str], weight: np.ndarray | None
                 ) -> tuple[list[dict[str, Any]], ContextModel]:
    """The rows with their out-of-fold ``ctx_event`` (copies) and the context model fitted on
    all of them (``dateline.events.context``)."""
    bags = [raw["ctx"] for raw in raws]
    event = np.array([lab != NONE for lab in labels], dtype=float)
    row_weight = np.ones(len(raws)) if weight is None else weight
    oof = out_of_fold(bags, event, row_weight)
    rows = [{**raw, "ctx_event": float(p)} for raw, p in zip(raws, oof, strict=True)]
    return rows, fit_context(bags, event, row_weight)


def train_task(data_dir: Path | None, out_dir: Path, seed: int) -> dict[str, Any]:
    """``dateline train events``: fit on team train and the PLOVER records (+ M2E2, if dev
    says it helps), calibrate and choose the threshold on team dev, save in the package."""
    from dateline.events.m2e2data import M2E2_WEIGHT, with_m2e2
    from dateline.events.ploverdata import PLOVER_DEV, PLOVER_WEIGHT, with_plover
    from dateline.learn.persist import SavedModel, data_sha256, save_model

    build = data_dir or CORPUS_BUILD
    train = candidate_rows(load_split("train", build))
    dev, n_gold_dev = dev_rows(build)
    m2e2_path = SHARED / "data" / "events" / "m2e2" / "m2e2_text_events.jsonl"
    # the PLOVER records are always fitted on when present (issue 14: "fit on the corpus plus
    # events/dev.jsonl"): by cross-validation on them (plovercv, stop 28), the default mode's
    # top event per sentence is right on 0.848 of unseen records with them, 0.797 without
    rows, weight, tag = with_plover(train, np.ones(len(train[0])))
    variants: dict[str, tuple[Rows, np.ndarray]] = {"team" + tag: (rows, weight)}
    if m2e2_path.exists():
        variants["team+m2e2" + tag] = with_m2e2(rows, m2e2_path, weight)
    choice, metrics = select_fit(variants, dev, n_gold_dev, seed)
    name, rounds, weight = choice["name"], choice["rounds"], choice["weight"]
    det = as_detector(choice, dev, event_lemmas(*rows))  # running text, not M2E2's
    context = choice["context"]
    probs = det.probabilities(dev[0])
    metrics.update({"data": name, "rounds": rounds, "positive_weight": weight,
                    "threshold": det.threshold,
                    "dev_curve_uncalibrated": dev_curve(probs, dev[1], n_gold_dev),
                    "train_candidates": len(variants[name][0][0]),
                    "dev_candidates": len(dev[0])})
    files = [build / "train.jsonl", build / "dev.jsonl"] + ([m2e2_path] if "m2e2" in name else [])
    files += [PLOVER_DEV] if "plover" in name else []
    metrics["m2e2_weight"] = M2E2_WEIGHT if "m2e2" in name else None
    metrics["plover_weight"] = PLOVER_WEIGHT if "plover" in name else None
    data = "team running-text corpus train (fit), dev (rounds, calibration, threshold)"
    data += "; M2E2 VOA sentences (fit)" if "m2e2" in name else ""
    data += "; PLOVER GSR records events/dev.jsonl (fit)" if "plover" in name else ""
    save_model(out_dir, SavedModel(
        meta={"task": TASK, "classes": list(CLASSES), "features": list(FEATURES),
              "vocab": det.vocab, "threshold": det.threshold, "seed": seed, "params": PARAMS,
              "event_lemmas": sorted(det.event_lemmas), "sense_lemmas": sense_lemmas(*rows),
              "rounds": rounds, "positive_weight": weight, "metrics": metrics,
              "data_sha256": data_sha256(files), "data": data,
              "ctx_intercept": context.intercept, "ctx_c": CONTEXT_C, "ctx_hash": N_HASH},
        booster_text=det.booster.model_to_string(),
        arrays={"calib_x": det.calib_x, "calib_y": det.calib_y, "ctx_coef": context.coef,
                **dict(zip(("lex_x", "lex_y"), lexicon_calibration(probs, *dev), strict=True))}))
    return metrics

