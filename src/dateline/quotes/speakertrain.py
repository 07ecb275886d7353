"""Train the quote speaker ranker on PolNeAR train (``dateline train quote_speakers``).

Every train article is parsed once (spaCy docs cached under ``build/quote_speakers/``, keyed
by the data's hash), its entities found and its quotes placed by the rules; each rule quote
that the shared scorer matches to a gold attribution with a source gives a group of
candidates, labelled right when the shared scorer would count that mention (its span or its
resolved name) as the gold source. A LightGBM binary model scores candidates; the threshold
below which a quote keeps the rules' speaker (or none) is chosen on 5-fold cross-validation
by document.
Never reads the dev split.

    python -m dateline.quotes.speakertrain --shared ../shared   # CV report, no model written
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from dateline.quotes.speakers import CATEGORICAL, FEATURES, TASK, Candidate, document_rows

PARAMS: dict[str, Any] = {
    "objective": "binary", "num_leaves": 15, "learning_rate": 0.1, "min_data_in_leaf": 20,
    "feature_fraction": 0.9, "bagging_fraction": 0.8, "bagging_freq": 1, "seed": 13,
    "num_threads": 1, "verbose": -1, "deterministic": True}
ROUNDS = 100
# 15 leaves x 100 rounds at rate 0.1: 5-fold CV speaker accuracy as good as 200 rounds at
# 0.05 and within 0.006 of 31 x 400, at a third of the former's prediction time (0.7 ms for
# 160 candidate rows on one core; measured 2026-12-05 before the learned cue model).
FOLDS = 5
THRESHOLDS = (0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3)
# How much the best candidate must out-score the rules' own choice to replace it.
MARGINS = (0.0, 0.02, 0.05, 0.1, 0.15, 0.2)
# A threshold (and then a margin) may cost at most this much cross-validated all-speaker
# accuracy against the best threshold: below it a quote keeps the rules' speaker, or none;
# no speaker and a wrong speaker both count wrong in the scorer, but a wrong speaker
# misleads a reader, so the highest threshold and margin within this tolerance are taken.
NULL_TOLERANCE = 0.003
RULE = FEATURES.index("is_rule")
ROOT = Path(__file__).resolve().parents[3]
DEFAULT_DATA = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared")) / "data" / "quotes"
CACHE = ROOT / "build" / TASK


@dataclass
class DocSet:
    """One document's candidate rows, labels and the scorer's matched quote groups."""

    X: np.ndarray
    y: np.ndarray
    group: np.ndarray          # quote index of every row
    pairs_all: list[int]       # quote indices matched (ALL) to a gold quote with a source
    pairs_direct: list[int]    # the same for the DIRECT matching
    rule_ok: dict[int, bool]   # quote index -> the rules' speaker counted right
    kinds: list[str]           # kind of every rule quote


def scorer(shared: Path) -> ModuleType:
    """The shared ``score_quotes.py`` as a module (matching and speaker rules)."""
    spec = importlib.util.spec_from_file_location("score_quotes",
                                                  shared / "eval" / "score_quotes.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def parsed_articles(path: Path) -> list[Any]:
    """Articles of a quotes JSONL with spaCy docs (cached on disk) and entities."""
    from spacy.tokens import DocBin

    from dateline.config import Settings
    from dateline.extract import extract_article
    from dateline.sources.jsonl import input_docs
    from dateline.stages.entities import EntityStage
    from dateline.stages.nlp import NlpStage

    lines = path.read_text(encoding="utf-8").splitlines()
    settings = Settings()
    articles = [extract_article(raw, settings) for raw in input_docs(lines)]
    nlp = NlpStage(settings)
    digest = hashlib.sha256(path.read_bytes() + nlp.model.encode()).hexdigest()[:12]
    cache = CACHE / f"{path.stem}-{digest}.spacy"
    if cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.nlp.vocab))
        articles = [nlp._attach(a, d) for a, d in zip(articles, docs, strict=True)]
    else:
        articles = nlp.pipe(articles)
        cache.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=[a.doc for a in articles]).to_disk(cache)
    ents = EntityStage(settings)
    return [ents(a) for a in articles]


def doc_set(article: Any, gold: dict, sc: ModuleType) -> DocSet:
    """Rows, labels and matched groups of one article against its gold quotes."""
    from dateline.stages.quotes import QuoteStage

    pairing = QuoteStage.pair(article)
    quotes, res = pairing.quotes, pairing.resolver
    cands, X = document_rows(article, res, quotes, pairing.regions, pairing.frames)
    golds = [{"span": (g["start"], g["end"]), "q": g} for g in gold["quotes"]]
    preds: list[dict[str, Any]] = [{"span": (q.start, q.end), "i": i}
                                   for i, q in enumerate(quotes)]
    gold_of: dict[int, dict] = {}
    for p, g in sc.match(preds, golds)[0]:
        if g["q"].get("speaker_start") is not None:
            gold_of[p["i"]] = g["q"]
    direct = [p for p in preds if quotes[p["i"]].kind == "direct"]
    pairs_direct = [p["i"] for p, g in sc.match(direct, [g for g in golds if g["q"]["direct"]])[0]
                    if g["q"].get("speaker_start") is not None]
    rule_ok = {i: bool(sc.speaker_ok(_as_pred(quotes[i].speaker_start, quotes[i].speaker_end,
                                                quotes[i].speaker), g))
               for i, g in gold_of.items()}
    y = np.array([_label(c, gold_of.get(c.quote), rule_ok, res, article.text, sc)
                  for c in cands], dtype=np.float64)
    group = np.array([c.quote for c in cands], dtype=np.int64)
    return DocSet(X, y, group, sorted(gold_of), pairs_direct, rule_ok, [q.kind for q in quotes])


def _as_pred(start: int | None, end: int | None, speaker: str | None) -> dict[str, Any]:
    sspan = (start, end) if start is not None and end is not None else None
    return {"sspan": sspan, "speaker": speaker}


def _label(c: Candidate, gold: dict | None, rule_ok: dict[int, bool], res: Any, text: str,
           sc: ModuleType) -> bool:
    """Whether the scorer would count this candidate, once chosen, as the right speaker."""
    if gold is None:
        return False
    if c.is_rule:
        return rule_ok[c.quote]
    found = res.resolve(c.start, c.end)
    name = (found[0] if found else None) or text[c.start:c.end]
    return bool(sc.speaker_ok(_as_pred(c.start, c.end, name), gold))


def build(data: Path, shared: Path) -> list[DocSet]:
    """Doc sets of every train article (gold read only here, never by the pipeline)."""
    import json

    sc = scorer(shared)
    path = data / "train.jsonl"
    golds = [json.loads(line)["gold"] for line in path.read_text(encoding="utf-8").splitlines()]
    return [doc_set(a, g, sc) for a, g in zip(parsed_articles(path), golds, strict=True)]


def fit(sets: list[DocSet], seed: int) -> Any:
    """A LightGBM booster over the candidate rows of ``sets``."""
    import lightgbm as lgb

    X = np.vstack([s.X for s in sets])
    y = np.concatenate([s.y for s in sets])
    data = lgb.Dataset(X, y, feature_name=list(FEATURES), categorical_feature=list(CATEGORICAL),
                       free_raw_data=False)
    return lgb.train({**PARAMS, "seed": seed}, data, ROUNDS)


def accuracy(sets: list[DocSet], scores: list[np.ndarray], threshold: float | None,
             margin: float = 0.0) -> dict[str, float]:
    """Speaker accuracy (direct, all) of the chosen candidates; ``None`` = the rules."""
    out = {}
    for name in ("direct", "all"):
        ok = n = 0
        for s, sc in zip(sets, scores, strict=True):
            for qi in (s.pairs_direct if name == "direct" else s.pairs_all):
                n += 1
                rows = np.flatnonzero(s.group == qi)
                if threshold is None or not len(rows):
                    ok += s.rule_ok.get(qi, False)
                    continue
                best = rows[int(np.argmax(sc[rows]))]
                rule = rows[s.X[rows, RULE] > 0]
                keep_rule = sc[best] < threshold or (
                    len(rule) > 0 and sc[best] - sc[rule[0]] < margin)
                if not keep_rule:
                    ok += bool(s.y[best])
                elif len(rule):  # the rules' choice stands
                    ok += s.rule_ok.get(qi, False)
        out[f"{name}_speaker_acc"] = round(ok / n, 4) if n else 0.0
    return out


def cross_validate(sets: list[DocSet], seed: int) -> dict[str, Any]:
    """Out-of-fold accuracies by threshold, then by margin over the rules' choice (folds of
    whole documents), and the rules' own."""
    scores: list[np.ndarray] = [np.zeros(0)] * len(sets)
    for k in range(FOLDS):
        train = [s for i, s in enumerate(sets) if i % FOLDS != k]
        booster = fit(train, seed)
        for i, s in enumerate(sets):
            if i % FOLDS == k:
                scores[i] = booster.predict(s.X) if len(s.X) else np.zeros(0)
    table = {str(t): accuracy(sets, scores, t) for t in THRESHOLDS}
    best = max(v["all_speaker_acc"] for v in table.values())
    thr = max(t for t in THRESHOLDS
              if table[str(t)]["all_speaker_acc"] >= best - NULL_TOLERANCE)
    margins = {str(m): accuracy(sets, scores, thr, m) for m in MARGINS}
    margin = max(m for m in MARGINS
                 if margins[str(m)]["all_speaker_acc"] >= best - NULL_TOLERANCE)
    return {"rules": accuracy(sets, scores, None), "by_threshold": table, "threshold": thr,
            "by_margin": margins, "margin": margin, "cv": margins[str(margin)]}


def train_task(data_dir: Path | None, out_dir: Path, seed: int) -> dict[str, Any]:
    """`dateline train quote_speakers`: fit on PolNeAR train, threshold by CV, save."""
    from dateline.learn.persist import SavedModel, data_sha256, save_model

    data = data_dir or DEFAULT_DATA
    sets = build(data, data.parent.parent)
    cv = cross_validate(sets, seed)
    booster = fit(sets, seed)
    metrics = {"cv_folds": FOLDS, "cv_rules": cv["rules"], "cv_model": cv["cv"],
               "cv_by_threshold": cv["by_threshold"], "cv_by_margin": cv["by_margin"],
               "rows": int(sum(len(s.y) for s in sets)),
               "positives": int(sum(s.y.sum() for s in sets))}
    save_model(out_dir, SavedModel(
        meta={"task": TASK, "features": list(FEATURES), "categorical": list(CATEGORICAL),
              "threshold": cv["threshold"], "margin": cv["margin"], "seed": seed,
              "params": PARAMS, "rounds": ROUNDS,
              "metrics": metrics, "data_sha256": data_sha256([data / "train.jsonl"]),
              "data": "PolNeAR v1.0.0 train split (fit and 5-fold CV); dev never read"},
        booster_text=booster.model_to_string()))
    return {"threshold": cv["threshold"], "margin": cv["margin"], **metrics}


def main(argv: list[str] | None = None) -> None:
    """Print the cross-validated figures (rules vs model by threshold) without saving."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_DATA.parent.parent)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)
    sets = build(args.shared / "data" / "quotes", args.shared)
    cv = cross_validate(sets, args.seed)
    print("rules:", cv["rules"])
    for t, v in cv["by_threshold"].items():
        print(f"threshold {t}: {v}")
    for m, v in cv["by_margin"].items():
        print(f"margin {m}: {v}")
    print("chosen threshold:", cv["threshold"], "margin:", cv["margin"], cv["cv"])


if __name__ == "__main__":
    main()
