"""Gold-mention vs pipeline-mention (end-to-end) training of the pair model, scored end to end.

    PYTHONPATH=src .venv/bin/python benchmarks/pairs_e2e.py
        [--variants shipped gold e2e both e2e-store both-store] [--thresholds 0.3 0.4 0.5]
        [--seeds 13 1 2] [--cv] [--meantime [--no-ecb]]

Fits one pair model per training variant on ECB+ train (``gold``: gold mentions,
``pairtrain.build``; ``e2e``: the pipeline's mentions, ``pairtrain_e2e.build_e2e``; ``both``:
the rows of the two; with ``-store``, e.g. ``e2e-store``, the pipeline-mention pairs are
those the linker itself scores: IDF over all of train, its sub-topic groups, which is what
``dateline train link_pairs`` fits), then links ECB+ dev's pipeline records (cached,
``pairtrain_e2e.pipeline_records``) through the store with each model and cut, as
``benchmarks/links.py --clusters --gold ecbplus_dev.jsonl --linker learned`` does, and prints
the scorer's figures. ``shipped`` scores the shipped weights. Choose on ECB+ dev only;
``--meantime`` adds MEANTIME dev as a check.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from links import GOLD, SHARED  # noqa: E402

LINKS = SHARED / "data" / "links"


def rows(variant: str) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per-topic (X, y) of ECB+ train for one training variant."""
    from dateline.link.pairtrain import build
    from dateline.link.pairtrain_e2e import build_e2e

    train = LINKS / "ecbplus_train.jsonl"
    gold = {t: (v[3], v[4]) for t, v in build(train).items()} if variant.startswith(
        ("gold", "both")) else {}
    e2e = {}
    if variant != "gold":
        e2e = build_e2e(train, mode="store" if variant.endswith("-store") else "topic")
    out = {}
    for t in sorted(set(gold) | set(e2e)):
        parts = [p for p in (gold.get(t), e2e.get(t)) if p is not None]
        out[t] = (np.vstack([p[0] for p in parts]), np.concatenate([p[1] for p in parts]))
    return out


def end_to_end(gold: Path, booster, threshold: float) -> dict[str, float]:
    """Scorer figures of the learned linker with this booster and cut on a dev set."""
    from dateline.link.pairtrain_e2e import end_to_end as run

    with tempfile.TemporaryDirectory() as tmp:
        return run(SHARED, gold, booster, threshold, Path(tmp))


def main() -> None:
    """Command-line entry."""
    from dateline.learn.persist import load_model, model_dir
    from dateline.link.pairtrain import PARAMS, fit, topic_cv_auc

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--variants", nargs="+", default=["shipped", "e2e", "both"])
    ap.add_argument("--thresholds", nargs="+", type=float, default=[0.3, 0.4, 0.5])
    ap.add_argument("--meantime", action="store_true", help="MEANTIME dev too (a check)")
    ap.add_argument("--no-ecb", action="store_true", help="skip ECB+ dev")
    ap.add_argument("--cv", action="store_true", help="topic-wise CV AUC on ECB+ train")
    ap.add_argument("--seeds", nargs="+", type=int, default=[13], help="LightGBM seeds")
    args = ap.parse_args()
    for variant in args.variants:
        if variant == "shipped":
            booster = load_model(model_dir("link_pairs")).booster()
        else:
            split = rows(variant)
            y = np.concatenate([v[1] for v in split.values()])
            print(f"[{variant}] train pairs {len(y)}, positive {int(y.sum())}", flush=True)
            if args.cv:
                auc = topic_cv_auc({t: (None, None, None, X, yy) for t, (X, yy) in split.items()})
                print(f"[{variant}] topic-CV AUC (ECB+ train) {auc:.4f}", flush=True)
        for seed in args.seeds if variant != "shipped" else [None]:
            if seed is not None:
                PARAMS["seed"] = seed
                booster = fit(np.vstack([v[0] for v in split.values()]), y)
            for thr in args.thresholds:
                for gold in ([] if args.no_ecb else [LINKS / "ecbplus_dev.jsonl"]) + (
                        [GOLD] if args.meantime else []):
                    s = end_to_end(gold, booster, thr)
                    print(f"[{variant} seed {seed} @ {thr}] {gold.name}: "
                          f"conll={s['conll_f1']:.3f} mention_recall={s['mention_recall']:.3f} "
                          f"xd_f1={s['xd_f1']:.3f} "
                          f"xd_mention_recall={s['xd_mention_recall']:.3f}", flush=True)


if __name__ == "__main__":
    main()
