"""The learned event linker: document sub-topics within a block, then the pair model.

Called by ``link/assign.py`` with one representative per set of copies. Within each block
(PLOVER type and action, a hard boundary):

1. **Sub-topics**: the block's documents are grouped by average linkage of their TF-IDF
   (IDF over the block's documents, cut ``[link] subtopic_cut``, chosen on ECB+ dev).
2. **Pairs**: within a sub-topic every mention pair is scored by the shipped pair model
   (``link/pairs.py`` features, TF-IDF fitted on the block's documents), in one predict call
   for all blocks; pairs whose actors (two different ISO3 countries) or written dates
   disagree cannot link; average linkage of ``1 - p`` is cut at ``[link] pair_threshold``.

Everything depends only on the block's mentions (sorted, IDF from the block).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from dateline.link.clusters import Mention
from dateline.link.features import interval
from dateline.link.pairs import Mention as PairMention
from dateline.link.pairs import (
    Texts,
    cluster_mentions,
    group_features,
    mention_sentences,
    weigh,
)
from dateline.link.subtopics import subtopics_of
from dateline.tuned import tuned

_T = tuned("link")
PAIR_THRESHOLD = float(_T["pair_threshold"])
SUBTOPIC_CUT = float(_T["subtopic_cut"])
CHUNK = 400_000  # pair rows per predict call (memory bound; one call for most stores)
FORBID = 1e6  # a cannot-link pair's probability is -FORBID: no average can cross the cut


@lru_cache(maxsize=1)
def pair_model() -> Any:
    """The shipped LightGBM pair scorer (loaded once per process)."""
    from dateline.learn.persist import load_model, model_dir

    return load_model(model_dir("link_pairs")).booster()


@dataclass
class Group:
    """The mentions (indices into the representatives) of one block and sub-topic."""

    members: list[int]
    pairs: np.ndarray
    X: np.ndarray


def learned_labels(reps: list[Mention], texts: dict[str, str],
                   titles: dict[str, str]) -> list[int]:
    """A cluster label per mention (an index into ``reps``) from the pair model."""
    if not reps:
        return []
    docs = sorted({m.doc_id for m in reps})
    counted = Texts.count({d: texts[d] for d in docs}, titles)
    pm = [PairMention(m.doc_id, m.start if m.trigger_start is None else m.trigger_start,
                      m.end, m.trigger or m.action) for m in reps]
    sent_text = mention_sentences(pm, texts)
    sents = counted.sentences(sent_text)
    groups = list(_groups(reps, pm, counted, sent_text, sents))
    probs = _predict([g.X for g in groups])
    labels = list(range(len(reps)))  # singletons unless a group merges them
    for g, p in zip(groups, probs, strict=True):
        p = np.where(_forbidden([reps[k] for k in g.members], g.pairs), -FORBID, p)
        local = cluster_mentions(len(g.members), g.pairs, p, PAIR_THRESHOLD)
        first: dict[int, int] = {}
        for k, lab in zip(g.members, local, strict=True):
            labels[k] = first.setdefault(lab, k)
    return labels


def _groups(reps: list[Mention], pm: list[PairMention], counted: Texts, sent_text: list[str],
            sents: Any) -> Iterator[Group]:
    """The sub-topic groups (two mentions or more) of every block, with pair features."""
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, m in enumerate(reps):
        blocks[m.block].append(k)
    for key in sorted(blocks):
        idx = blocks[key]
        if len(idx) < 2:
            continue
        docs = sorted({reps[k].doc_id for k in idx})
        w = weigh(counted, docs, sents[idx])
        topic = dict(zip(docs, subtopics_of(w.D, SUBTOPIC_CUT), strict=True))
        by_topic: dict[int, list[int]] = defaultdict(list)
        for r, k in enumerate(idx):
            by_topic[topic[reps[k].doc_id]].append(r)
        for rows in by_topic.values():
            if len(rows) < 2:
                continue
            members = [idx[r] for r in rows]
            pairs, X = group_features([pm[k] for k in members], w, rows,
                                      [sent_text[k] for k in members])
            yield Group(members, pairs, X)


def _predict(matrices: list[np.ndarray]) -> list[np.ndarray]:
    """Pair probabilities for every group, in as few predict calls as memory allows."""
    out: list[np.ndarray] = []
    booster = pair_model()
    batch: list[np.ndarray] = []

    def flush() -> None:
        if batch:
            probs = booster.predict(np.vstack(batch))
            cuts = np.cumsum([len(x) for x in batch])[:-1]
            out.extend(np.split(probs, cuts))
            batch.clear()

    size = 0
    for X in matrices:
        if size + len(X) > CHUNK:
            flush()
            size = 0
        batch.append(X)
        size += len(X)
    flush()
    return out


def _forbidden(ms: list[Mention], pairs: np.ndarray) -> np.ndarray:
    """Pairs that cannot be one event: two ISO3 actors that differ, or written dates apart."""
    i, j = pairs[:, 0], pairs[:, 1]
    bad = np.zeros(len(pairs), dtype=bool)
    for side in ("source_key", "target_key"):
        keys = [getattr(m, side) for m in ms]
        iso = np.array([bool(k and len(k) == 3 and k.isupper()) for k in keys])
        code = np.unique(np.array([k or "" for k in keys], dtype=object).astype(str),
                         return_inverse=True)[1]
        bad |= iso[i] & iso[j] & (code[i] != code[j])
    spans = [None if m.date_inferred else interval(m.date) for m in ms]
    has = np.array([s is not None for s in spans])
    lo = np.array([s[0].toordinal() if s else 0 for s in spans])
    hi = np.array([s[1].toordinal() if s else 0 for s in spans])
    bad |= has[i] & has[j] & ((lo[i] > hi[j]) | (lo[j] > hi[i]))
    return bad
