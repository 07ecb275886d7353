"""End-to-end training rows for the pair model: the pipeline's own mentions of ECB+ train.

The linker scores the mentions the pipeline produces (events stage and mention detector, read
back from the store), not gold mentions. Here the ECB+ train documents go through the real
stages (titles and URLs given, as ``benchmarks/links.py`` does for dev), are written to an
in-memory store and read back exactly as ``relink`` reads them (``store_io.load_mentions``,
one representative per set of copies, ``learned.pair_mentions``). Each mention is aligned to a
gold mention of its document by trigger overlap; mentions outside ECB+'s annotated sentences
are unlabelled and left out. A pair is positive when both align to gold mentions of one
instance; a pair with an unaligned mention (annotated sentences) is negative. Features come
from ``pairs.group_features`` on the same ``Texts``/TF-IDF setup as ``learned.py``. Two ways
to pair (``build_e2e(mode=...)``): ``topic``, every pair of an ECB+ topic with IDF over the
topic's documents (as the gold-mention rows are built); ``store``, the pairs the linker
itself scores (IDF over every train document, ``learned._groups``'s sub-topics and groups).

ECB+ dev end to end (2026-12-06, ``benchmarks/pairs_e2e.py``, cut 0.3 / 0.4 / 0.5): xd F1
0.403 / 0.404 / 0.399 (topic), 0.420 / 0.407 / 0.362 (store), against 0.419 / 0.415 / 0.404
for the shipped gold-mention model; not shipped (a tie within seed noise). MEANTIME dev, a
check only: the store rows fell to xd F1 0.104 at 0.3 (gold-mention model 0.268).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np

from dateline.link.pairs import FEATURES, Mention, Texts, group_features, mention_sentences, weigh

CACHE = Path("/tmp/e2e_cache")
NONE = ""  # aligned to no gold mention, in an annotated sentence (a negative for every pair)


def pipeline_identity() -> str:
    """A hash of what the pipeline's records depend on: tuned values and every shipped model
    but the pair model itself (retraining it does not change the mentions)."""
    from dateline.learn.persist import MODELS_DIR, file_sha256
    from dateline.tuned import tuned_digest

    h = hashlib.sha256(tuned_digest().encode())
    for p in sorted(x for x in MODELS_DIR.rglob("*") if x.is_file()):
        if "link_pairs" not in p.relative_to(MODELS_DIR).parts:
            h.update(str(p.relative_to(MODELS_DIR)).encode() + file_sha256(p).encode())
    return h.hexdigest()[:12]


def pipeline_records(docs: list[dict], cache: Path | None = CACHE) -> list[dict]:
    """dateline/1 records of the documents from the real stages (cached on disk by input and
    pipeline identity; ``cache=None`` always runs the stages)."""
    key = hashlib.sha256(json.dumps([[d["id"], d["text"], d.get("title"), d.get("url"),
                                      d.get("published")] for d in docs]).encode())
    path = cache / f"records-{key.hexdigest()[:12]}-{pipeline_identity()}.jsonl" if cache else None
    if path is not None and path.exists():
        return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    from dateline.config import Settings
    from dateline.model import Article, to_record
    from dateline.pipeline import available_stages, build_stage

    settings = Settings()
    stages = [build_stage(n, settings) for n in available_stages()]
    out = []
    for d in docs:
        art = Article(id=d["id"], text=d["text"], published=d.get("published"),
                      title=d.get("title"), url=d.get("url"))
        for stage in stages:
            art = stage(art)
        out.append(to_record(art))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text("".join(json.dumps(r) + "\n" for r in out), encoding="utf-8")
        tmp.replace(path)
    return out


def stored_reps(records: list[dict]) -> tuple[list, dict[str, str], dict[str, str]]:
    """The stored mentions the linker would cluster for these records (one per set of
    copies), with the documents' texts and titles, read back from an in-memory store."""
    from dateline.link.assign import copy_groups
    from dateline.link.store_io import load_mentions, load_texts
    from dateline.store.db import Store

    with Store(":memory:") as store:
        store.write(records, store.start_run({"stages": ["pairtrain_e2e"]}))
        mentions = load_mentions(store.con)
        texts, titles = load_texts(store.con, sorted({m.doc_id for m in mentions}))
    return [g[0] for g in copy_groups(mentions, texts)], texts, titles


def stored_mentions(records: list[dict]) -> tuple[list[Mention], dict[str, str], dict[str, str]]:
    """The pair-model view (``learned.pair_mentions``) of :func:`stored_reps`."""
    from dateline.link.learned import pair_mentions

    reps, texts, titles = stored_reps(records)
    return pair_mentions(reps), texts, titles


def align(mention: Mention, gold: dict) -> str | None:
    """The gold instance a pipeline mention stands for, by trigger overlap with the gold
    mentions (or their parts) of its document: the instance of the most overlapping one,
    ``NONE`` when none overlaps in an annotated sentence, ``None`` (unlabelled) when the
    trigger starts outside ECB+'s annotated sentences (``gold["annotated"]``; everywhere
    annotated when that is missing)."""
    s, e = mention.start, mention.start + max(1, len(mention.text))
    annotated = gold.get("annotated")
    if annotated is not None and not any(a <= s < b for a, b in annotated):
        return None
    best, best_overlap = NONE, 0
    for g in gold["events"]:
        spans = [(g["start"], g["end"])] + [(p["start"], p["end"]) for p in g.get("parts", [])]
        overlap = max(min(e, b) - max(s, a) for a, b in spans)
        if overlap > best_overlap:
            best, best_overlap = str(g["instance"]), overlap
    return best


def pair_labels(instances: list[str], pairs: np.ndarray) -> np.ndarray:
    """1 for a pair of mentions aligned to one gold instance, else 0 (unaligned never link)."""
    inst = np.array(instances, dtype=object)
    i, j = pairs[:, 0], pairs[:, 1]
    same = (inst[i] == inst[j]) & (inst[i] != NONE)
    return same.astype(np.float32)


def topic_rows(mentions: list[Mention], texts: dict[str, str], titles: dict[str, str],
               golds: dict[str, dict]) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of the labelled pipeline-mention pairs of one topic (TF-IDF and
    sentences as in ``learned.learned_labels``, IDF over the topic's documents)."""
    if len(mentions) < 2:
        return np.zeros((0, len(FEATURES)), dtype=np.float32), np.zeros(0, dtype=np.float32)
    docs = sorted({m.doc for m in mentions})
    counted = Texts.count({d: texts[d] for d in docs}, titles)
    sent_text = mention_sentences(mentions, texts)
    w = weigh(counted, docs, counted.sentences(sent_text))
    inst = [align(m, golds[m.doc]) for m in mentions]
    keep = [k for k, x in enumerate(inst) if x is not None]
    pairs, X = group_features([mentions[k] for k in keep], w, keep,
                              [sent_text[k] for k in keep])
    return X, pair_labels([inst[k] for k in keep], pairs)  # type: ignore[misc]


def store_rows(reps: list, texts: dict[str, str], titles: dict[str, str],
               golds: dict[str, dict], topic_of: dict[str, str]
               ) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Features and labels of the labelled pairs the linker itself would score: IDF over every
    document, ``learned._groups``'s sub-topics and groups; keyed by the first mention's topic."""
    from dateline.link.learned import _groups, pair_mentions

    pm = pair_mentions(reps)
    docs = sorted({m.doc for m in pm})
    counted = Texts.count({d: texts[d] for d in docs}, titles)
    sent_text = mention_sentences(pm, texts)
    inst = np.array([align(m, golds[m.doc]) for m in pm], dtype=object)
    topic = np.array([topic_of[m.doc] for m in pm], dtype=object)
    out: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {}
    for g in _groups(reps, pm, counted, sent_text, counted.sentences(sent_text)):
        members = np.array(g.members)
        a, b = members[g.pairs[:, 0]], members[g.pairs[:, 1]]
        ok = np.array([x is not None for x in inst])[a] & np.array(
            [x is not None for x in inst])[b]
        y = ((inst[a] == inst[b]) & (inst[a] != NONE) & ok).astype(np.float32)
        for t in sorted(set(topic[a[ok]])):
            sel = ok & (topic[a] == t)
            out.setdefault(t, []).append((g.X[sel], y[sel]))
    return {t: (np.vstack([p[0] for p in v]), np.concatenate([p[1] for p in v]))
            for t, v in sorted(out.items())}


def build_e2e(path: Path, cache: Path | None = CACHE, mode: str = "topic"
              ) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per-topic (features, labels) of a gold split's pipeline mentions (``pairtrain.build``'s
    end-to-end counterpart; the gold member is read only to label)."""
    keep = ("id", "title", "url", "published", "text")
    raw = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    records = pipeline_records([{k: d.get(k) for k in keep} for d in raw], cache)
    golds = {d["id"]: d["gold"] for d in raw}
    topic_of = {d["id"]: str(d["topic"]) for d in raw}
    if mode == "store":
        reps, texts, titles = stored_reps(records)
        return store_rows(reps, texts, titles, golds, topic_of)
    mentions, texts, titles = stored_mentions(records)
    by_topic: dict[str, list[Mention]] = {}
    for m in mentions:
        by_topic.setdefault(topic_of[m.doc], []).append(m)
    return {t: topic_rows(ms, texts, titles, golds) for t, ms in sorted(by_topic.items())}


CUTS = (0.3, 0.4, 0.5)
# issue 15's floors on ECB+ dev end to end: a cut must keep these to be chosen (by xd F1)
FLOORS = {"conll_f1": 0.62, "mention_recall": 0.75}


def end_to_end(shared: Path, gold: Path, booster: Any, threshold: float, work: Path) -> dict:
    """Scorer figures of the learned linker with this pair model and cut on a gold split's
    documents: pipeline records, a fresh store, ``relink``, export (``benchmarks/links.py``)."""
    from dateline.link import assign, relink
    from dateline.link.learned import scored_by
    from dateline.link.pairtrain import score
    from dateline.store.db import Store
    from dateline.store.export import export_jsonl

    keep = ("id", "title", "url", "published", "text")
    docs = [{k: d.get(k) for k in keep} for d in map(json.loads, gold.open(encoding="utf-8"))]
    records = pipeline_records(docs)
    pred = work / "e2e_pred.jsonl"
    linker, assign.LINKER = assign.LINKER, "learned"
    try:
        with Store(":memory:") as store, scored_by(booster, threshold):
            store.write(records, store.start_run({"stages": ["pairtrain_e2e"]}))
            relink(store)
            with pred.open("w", encoding="utf-8") as f:
                export_jsonl(store, f)
    finally:
        assign.LINKER = linker
    return score(shared, gold, [json.loads(x) for x in pred.read_text().splitlines()], pred)


def choose_cut(shared: Path, gold: Path, booster: Any, work: Path) -> tuple[float, dict]:
    """The cut among ``CUTS`` with the best end-to-end xd F1 that keeps ``FLOORS`` (else the
    best xd F1); returns it with its figures."""
    scored = [(c, end_to_end(shared, gold, booster, c, work)) for c in CUTS]
    ok = [x for x in scored if all(x[1][k] >= v for k, v in FLOORS.items())] or scored
    return max(ok, key=lambda x: x[1]["xd_f1"])


def train_task(data_dir: Path | None, out_dir: Path, seed: int) -> dict:
    """``dateline train link_pairs_e2e --out DIR``: fit the pair model on the pipeline's own
    mentions of ECB+ train (:func:`build_e2e`, the linker's sub-topic groups), choose its cut
    end to end on ECB+ dev (:func:`choose_cut`), save it with topic-wise CV AUC on train.
    Not the shipped model (see ``link/pairtrain.py``); ``--out`` the ``link_pairs`` folder
    ships it."""
    import tempfile

    from dateline.learn.persist import SavedModel, save_model
    from dateline.link.pairtrain import (
        DEFAULT_DATA,
        PARAMS,
        ROUNDS,
        TASK,
        build,
        fit,
        predictions,
        score,
        topic_cv_auc,
    )

    links = data_dir or DEFAULT_DATA
    shared = links.parent.parent
    PARAMS["seed"] = seed
    train = build_e2e(links / "ecbplus_train.jsonl", mode="store")
    booster = fit(np.vstack([v[0] for v in train.values()]),
                  np.concatenate([v[1] for v in train.values()]))
    with tempfile.TemporaryDirectory() as tmp:
        thr, dev_e2e = choose_cut(shared, links / "ecbplus_dev.jsonl", booster, Path(tmp))
        dev_gold = score(shared, links / "ecbplus_dev.jsonl",
                         predictions(build(links / "ecbplus_dev.jsonl"), booster, thr),
                         Path(tmp) / "ecb_dev.jsonl")
    cv = topic_cv_auc({t: (None, None, None, X, y) for t, (X, y) in train.items()})
    metrics = {"threshold": thr, "ecbplus_dev_end_to_end": dev_e2e,
               "ecbplus_dev_gold_mentions": dev_gold, "topic_cv_auc_train": round(cv, 4)}
    save_model(out_dir, SavedModel(
        meta={"task": TASK, "features": list(FEATURES), "threshold": thr, "seed": seed,
              "params": PARAMS, "rounds": ROUNDS, "metrics": metrics,
              "data": "ECB+ 1.0 train: the pipeline's mentions in the annotated sentences, "
                      "labelled by gold instances (fit); dev end to end (cut); CC BY 3.0"},
        booster_text=booster.model_to_string()))
    return metrics
