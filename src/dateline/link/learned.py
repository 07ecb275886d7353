"""The learned event linker: document sub-topics, then the pair model, over all mentions.

Called by ``link/assign.py`` with one representative per set of copies. There is no block by
type or action: reports of one event are coded apart ("quake" and "struck", a withdrawal
coded CONCEDE in one article and an OTHER "pullout" in another). On ECB+ dev end to end,
blocks by type and action gave xd F1 0.367 (CoNLL 0.621), blocks by type 0.383, no block
0.410 (CoNLL 0.635).

The pair model is fitted on ECB+ train's gold mentions (``link/pairtrain.py``), but scores
the pipeline's mentions here. Fitting it instead on the pipeline's own mentions of ECB+ train
(``link/pairtrain_e2e.py``: read from a store and grouped exactly as here, with
:func:`pair_mentions` and ``_groups``, labelled by trigger overlap with gold mentions in
ECB+'s annotated sentences) gave on ECB+ dev end to end (2026-12-06) CoNLL 0.638 / xd F1
0.420 at cut 0.3, against 0.635 / 0.419 for the gold-mention model: within seed noise
(seeds 1 and 2: 0.413 / 0.420 against 0.415 / 0.413), so the gold-mention model stays.

1. **Sub-topics**: the documents are grouped by average linkage of their TF-IDF (IDF over
   the documents being linked, cut ``[link] subtopic_cut``, chosen on ECB+ dev).
2. **Pairs**: within a sub-topic every mention pair is scored by the shipped pair model
   (``link/pairs.py`` features, TF-IDF fitted on the same documents), in as few predict
   calls as memory allows; pairs whose actors (two different ISO3 countries) or written
   dates disagree cannot link; average linkage of ``1 - p`` is cut at ``[link]
   pair_threshold``.
3. **Reports**: two reporting triggers whose reports (the quotations each introduces, from
   the stored quotes, ``link/reported.py``) share no content word (TF-IDF cosine at most
   ``[link] report_content_cut``) or name two speakers who share no word ("Angela
   Merkel" and "Barack Obama"; a pronoun names no one) are two statements: their pair
   counts as no evidence (p = 0), though their clusters may still merge through other
   mentions. Two reports of one speech hold many "said"s, and the pair model, fitted on
   ECB+'s few annotated sentences, links a repeated trigger in related documents whatever
   it reports. A speech verb without a quotation (or whose quotation names no speaker)
   takes its event's source as its speaker. In ECB+ train (gold mentions, the quotes
   stage's quotations) 3.1% of the
   cross-document pairs of reporting mentions with disjoint reports corefer (62 of 2,052),
   and 3.4% of those whose named speakers share no word (of 3,125; 32.5% when they share one).

Everything depends only on the mentions given (sorted, IDF from their documents), so the
store relinks every mention when new documents come (``assign.unblocked``).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
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
    content_cosine,
    group_features,
    mention_sentences,
    speakers_apart,
    weigh,
)
from dateline.link.reported import Quote, attach_contents, source_speakers
from dateline.link.subtopics import subtopics_of
from dateline.tuned import tuned

_T = tuned("link")
PAIR_THRESHOLD = float(_T["pair_threshold"])
SUBTOPIC_CUT = float(_T["subtopic_cut"])
REPORT_CUT = float(_T["report_content_cut"])
# Mentions in one sub-topic scored as one group (two million pairs at most); larger
# sub-topics (a story many articles follow, reprints linked one by one) are split by type
# and action. End to end, ECB+ dev's largest sub-topics hold 1,449, 1,241 and 1,011 mentions.
MAX_GROUP = 2000
CHUNK = 400_000  # pair rows per predict call (memory bound; one call for most stores)
FORBID = 1e6  # a cannot-link pair's probability is -FORBID: no average can cross the cut


_OVERRIDE: dict[str, Any] = {}


@lru_cache(maxsize=1)
def pair_model() -> Any:
    """The shipped LightGBM pair scorer (loaded once per process)."""
    from dateline.learn.persist import load_model, model_dir

    return load_model(model_dir("link_pairs")).booster()


@contextmanager
def scored_by(booster: Any, threshold: float) -> Iterator[None]:
    """Link with this pair model and cut instead of the shipped ones, inside the block
    (``pairtrain_e2e`` chooses a new model's cut end to end)."""
    _OVERRIDE.update(booster=booster, threshold=threshold)
    try:
        yield
    finally:
        _OVERRIDE.clear()


@dataclass
class Group:
    """The mentions (indices into the representatives) of one block and sub-topic."""

    members: list[int]
    pairs: np.ndarray
    X: np.ndarray
    unsaid: np.ndarray  # per pair: two reports whose contents or speakers are apart


def learned_labels(reps: list[Mention], texts: dict[str, str], titles: dict[str, str],
                   quotes: dict[str, list[Quote]] | None = None) -> list[int]:
    """A cluster label per mention (an index into ``reps``) from the pair model; ``quotes``
    (the documents' stored quotations) tell what reporting triggers report."""
    if not reps:
        return []
    docs = sorted({m.doc_id for m in reps})
    counted = Texts.count({d: texts[d] for d in docs}, titles)
    pm = pair_mentions(reps)
    attach_contents(pm, texts, quotes or {})
    source_speakers(reps, pm)
    sent_text = mention_sentences(pm, texts)
    sents = counted.sentences(sent_text)
    groups = list(_groups(reps, pm, counted, sent_text, sents,
                          counted.sentences([m.content for m in pm])))
    probs = _predict([g.X for g in groups])
    labels = list(range(len(reps)))  # singletons unless a group merges them
    for g, p in zip(groups, probs, strict=True):
        p = np.where(g.unsaid, 0.0, p)  # no evidence, not a cannot-link
        p = np.where(_forbidden([reps[k] for k in g.members], g.pairs), -FORBID, p)
        local = cluster_mentions(len(g.members), g.pairs, p,
                                 _OVERRIDE.get("threshold", PAIR_THRESHOLD))
        first: dict[int, int] = {}
        for k, lab in zip(g.members, local, strict=True):
            labels[k] = first.setdefault(lab, k)
    return labels


def pair_mentions(reps: list[Mention]) -> list[PairMention]:
    """The pair model's view of stored mentions (the same at link time and in training)."""
    # An OTHER event's action is its predicate's lemma; a coded event keeps its trigger text
    # (its action is a PLOVER act), so the reporting-verb feature sees the surface word there.
    return [PairMention(m.doc_id, m.start if m.trigger_start is None else m.trigger_start,
                        m.end, m.trigger or m.action,
                        m.action if m.type == "OTHER" else m.trigger) for m in reps]


def _groups(reps: list[Mention], pm: list[PairMention], counted: Texts, sent_text: list[str],
            sents: Any, contents: Any = None) -> Iterator[Group]:
    """The sub-topic groups (two mentions or more) of the mentions, with pair features
    (``contents``: word counts of what each mention reports, rows as ``sents``)."""
    if len(reps) < 2:
        return
    docs = sorted({m.doc_id for m in reps})
    w = weigh(counted, docs, sents, contents)
    topic = dict(zip(docs, subtopics_of(w.D, SUBTOPIC_CUT), strict=True))
    by_topic: dict[int, list[int]] = defaultdict(list)
    for k, m in enumerate(reps):
        by_topic[topic[m.doc_id]].append(k)
    for key in sorted(by_topic):
        for members in _bounded(by_topic[key], reps):
            if len(members) < 2:
                continue
            pairs, X = group_features([pm[k] for k in members], w, members,
                                      [sent_text[k] for k in members])
            same = content_cosine([pm[k] for k in members], w.C[members], pairs[:, 0],
                                  pairs[:, 1])
            apart = (same >= 0) & (same <= REPORT_CUT)
            apart |= speakers_apart([pm[k] for k in members], pairs[:, 0], pairs[:, 1])
            yield Group(members, pairs, X, apart)


def _bounded(rows: list[int], reps: list[Mention]) -> list[list[int]]:
    """A sub-topic's mentions as one group, or, past ``MAX_GROUP`` mentions (pairs grow
    with the square), one group per block (type and action) so that the cost stays bounded."""
    if len(rows) <= MAX_GROUP:
        return [rows]
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for r in rows:
        blocks[reps[r].block].append(r)
    return [blocks[k] for k in sorted(blocks)]


def _predict(matrices: list[np.ndarray]) -> list[np.ndarray]:
    """Pair probabilities for every group, in as few predict calls as memory allows."""
    out: list[np.ndarray] = []
    booster = _OVERRIDE["booster"] if "booster" in _OVERRIDE else pair_model()
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
