"""Pair-model and clustering variants of the learned linker, scored end to end on ECB+ dev.

    PYTHONPATH=src .venv/bin/python benchmarks/pair_variants.py --variants base bag5 ...
        [--cuts 0.3] [--subtopic-cuts 0.85] [--linkages average] [--seeds 13 100 200]
        [--extra FEATURE ...] [--shipped] [--meantime]

Each variant is a way to fit the pair model on ECB+ train's gold mentions (``pairtrain.build``,
rows cached in ``/tmp/pair_variants``): LightGBM parameters and how many boosters (seeds)
are averaged. Every variant is fitted once per ``--seeds`` entry (a bag's seeds are the
entry and the next ones: ``bag5`` at seed 13 is seeds 13..17), then links ECB+ dev's pipeline
records (cached, ``pairtrain_e2e.pipeline_records``) through a fresh store at each cut and
sub-topic cut, as ``benchmarks/links.py --clusters --gold ecbplus_dev.jsonl --linker
learned`` does. Choose on ECB+ dev only; ``--meantime`` scores MEANTIME dev too, a check
for the chosen variant, never a thing to choose by. ``--extra`` appends trial feature columns
(``sent_names_conflict``, ``ctxN_jaccard``) to every pair matrix, in training and at link
time; both are now in ``link/pairs.py`` (2026-12-06, the table in docs/history.md).
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from links import SHARED  # noqa: E402

LINKS = SHARED / "data" / "links"
CACHE = Path("/tmp/pair_variants")

# name -> (parameter overrides of pairtrain.PARAMS, number of boosters averaged)
VARIANTS: dict[str, tuple[dict, int]] = {
    "base": ({}, 1),
    "bag5": ({}, 5),
    "bag9": ({}, 9),
    "reg": ({"num_leaves": 7, "min_data_in_leaf": 200, "feature_fraction": 0.7,
             "lambda_l2": 10.0}, 1),
    "reg_bag5": ({"num_leaves": 7, "min_data_in_leaf": 200, "feature_fraction": 0.7,
                  "lambda_l2": 10.0}, 5),
    "ff07": ({"feature_fraction": 0.7}, 1),
    "ff07_bag5": ({"feature_fraction": 0.7}, 5),
    "mcs200": ({"min_data_in_leaf": 200}, 1),
    "mcs200_bag5": ({"min_data_in_leaf": 200}, 5),
    "leaves7": ({"num_leaves": 7}, 1),
    "leaves7_bag5": ({"num_leaves": 7}, 5),
}


_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
EXTRA: list[str] = []  # extra feature columns under trial (``--extra``), appended to FEATURES


def _extra_columns(mentions: list, sent_text: list[str], i: np.ndarray, j: np.ndarray,
                   names: list[str]) -> list[np.ndarray]:
    """Trial features from the sentences alone (the same in training and at link time)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from dateline.link.pairs import _NAME, _jaccard_rows

    cols = []
    for name in names:
        if name == "sent_names_conflict":
            sets = [set(_NAME.findall(s)) for s in sent_text]
            has = np.array([bool(x) for x in sets])
            cols.append(has[i] & has[j] & (_jaccard_rows(sets, i, j) == 0))
        elif name.startswith("ctx"):  # ctx5_jaccard: content words within 5 words
            width = int(name[3:].split("_")[0])
            sets = []
            for m, sent in zip(mentions, sent_text, strict=True):
                words = [(w.start(), w.group().lower()) for w in _WORD.finditer(sent)]
                at = sent.find(m.text)
                k = min(range(len(words)), key=lambda q: abs(words[q][0] - at), default=0)
                sets.append({w for _, w in words[max(0, k - width):k + width + 1]
                             if w not in ENGLISH_STOP_WORDS and w != m.text.lower()})
            cols.append(_jaccard_rows(sets, i, j))
        else:
            raise ValueError(name)
    return cols


def with_extra(names: list[str]) -> None:
    """Append the trial columns to every pair-feature matrix (training and linking)."""
    from dateline.link import learned, pairs, pairtrain

    base = pairs.group_features

    def grouped(mentions, w, rows, sent_text):
        P, X = base(mentions, w, rows, sent_text)
        if len(P) == 0:
            return P, np.zeros((0, X.shape[1] + len(names)), dtype=np.float32)
        extra = _extra_columns(mentions, sent_text, P[:, 0], P[:, 1], names)
        return P, np.hstack([X] + [np.asarray(c, np.float32)[:, None] for c in extra])

    pairs.group_features = grouped
    learned.group_features = grouped
    pairs.FEATURES = pairtrain.FEATURES = tuple(pairs.FEATURES) + tuple(names)
    EXTRA[:] = names


class Bag:
    """Boosters whose probabilities are averaged (``predict`` as a LightGBM booster's)."""

    def __init__(self, boosters: list) -> None:
        self.boosters = boosters

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The mean probability of the boosters."""
        return np.mean([b.predict(X) for b in self.boosters], axis=0)


def train_rows() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per-topic (X, y) of ECB+ train's gold-mention pairs (cached on disk per feature list)."""
    from dateline.link.pairs import FEATURES

    CACHE.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha256("|".join(FEATURES).encode()).hexdigest()[:12]
    path = CACHE / f"train-{key}.npz"
    if path.exists():
        with np.load(path, allow_pickle=False) as data:
            topics = sorted({k.split("/", 1)[1] for k in data.files})
            return {t: (data[f"X/{t}"], data[f"y/{t}"]) for t in topics}
    from dateline.link.pairtrain import build

    rows = {t: (v[3], v[4]) for t, v in build(LINKS / "ecbplus_train.jsonl").items()}
    np.savez(path, **{f"{p}/{t}": v[k] for t, v in rows.items() for k, p in enumerate("Xy")})
    return rows


def fit_variant(rows: dict, name: str, seed: int):
    """The variant's booster (or bag of boosters) fitted on the rows from ``seed`` on."""
    from dateline.link import pairtrain

    over, n = VARIANTS[name]
    X = np.vstack([v[0] for v in rows.values()])
    y = np.concatenate([v[1] for v in rows.values()])
    saved = dict(pairtrain.PARAMS)
    boosters = []
    try:
        for k in range(n):
            pairtrain.PARAMS.update(over, seed=seed + k)
            boosters.append(pairtrain.fit(X, y))
            pairtrain.PARAMS.clear()
            pairtrain.PARAMS.update(saved)
    finally:
        pairtrain.PARAMS.clear()
        pairtrain.PARAMS.update(saved)
    return boosters[0] if n == 1 else Bag(boosters)


def end_to_end(gold: Path, booster, cut: float, subtopic_cut: float,
               method: str = "average") -> dict[str, float]:
    """Scorer figures of the learned linker with this model, cut, sub-topic cut and linkage."""
    from dateline.link import learned
    from dateline.link.pairtrain_e2e import end_to_end as run

    shipped, learned.SUBTOPIC_CUT = learned.SUBTOPIC_CUT, subtopic_cut
    clusters = learned.cluster_mentions

    def linked(n: int, pairs: np.ndarray, probs: np.ndarray, threshold: float) -> list[int]:
        if n < 2 or method == "average":
            return clusters(n, pairs, probs, threshold)
        from scipy.cluster.hierarchy import fcluster, linkage

        dist = np.ones((n, n))
        dist[pairs[:, 0], pairs[:, 1]] = 1.0 - probs
        condensed = dist[np.triu_indices(n, k=1)]
        return [int(x) for x in fcluster(linkage(condensed, method=method),
                                         t=1.0 - threshold, criterion="distance")]

    learned.cluster_mentions = linked
    try:
        with tempfile.TemporaryDirectory() as tmp:
            return run(SHARED, gold, booster, cut, Path(tmp))
    finally:
        learned.SUBTOPIC_CUT = shipped
        learned.cluster_mentions = clusters


def main() -> None:
    """Command-line entry."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--variants", nargs="*", default=["base", "bag5"])
    ap.add_argument("--cuts", nargs="+", type=float, default=[0.3])
    ap.add_argument("--subtopic-cuts", nargs="+", type=float, default=[0.85])
    ap.add_argument("--seeds", nargs="+", type=int, default=[13])
    ap.add_argument("--linkages", nargs="+", default=["average"],
                    help="scipy linkage methods of the mention clustering")
    ap.add_argument("--extra", nargs="*", default=[], help="trial feature columns")
    ap.add_argument("--meantime", action="store_true", help="MEANTIME dev too (a check)")
    ap.add_argument("--shipped", action="store_true", help="score the shipped weights too")
    args = ap.parse_args()
    t0 = time.perf_counter()
    if args.extra:
        with_extra(args.extra)
    rows = train_rows() if args.variants else {}
    golds = [LINKS / "ecbplus_dev.jsonl"] + ([LINKS / "dev.jsonl"] if args.meantime else [])
    jobs = []
    if args.shipped:
        from dateline.learn.persist import load_model, model_dir

        jobs.append(("shipped", None, load_model(model_dir("link_pairs")).booster()))
    for name in args.variants:
        for seed in args.seeds:
            jobs.append((name, seed, None))
    for name, seed, booster in jobs:
        if booster is None:
            booster = fit_variant(rows, name, seed)
        for gold in golds:
            for sc in args.subtopic_cuts:
                for method, cut in [(m, c) for m in args.linkages for c in args.cuts]:
                    s = end_to_end(gold, booster, cut, sc, method)
                    print(f"{gold.name:18s} {name:14s} seed={seed} cut={cut} sub={sc} "
                          f"{method} "
                          + " ".join(f"{k}={s[k]:.3f}" for k in
                                     ("conll_f1", "mention_recall", "xd_f1",
                                      "xd_mention_recall"))
                          + f"  [{time.perf_counter() - t0:.0f}s]", flush=True)


if __name__ == "__main__":
    main()
