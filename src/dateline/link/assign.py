"""Event clusters from scratch for a set of blocks: copies once, then the chosen linker.

``[link] linker`` (tuned.toml) picks the linker: ``rules`` (``link/clusters.py``: TF-IDF of
the sentences, actor, date and number checks, calibrated on MEANTIME dev) or ``learned``
(``link/learned.py``: document sub-topics and the pair model trained on ECB+).

A mention of an exact reprint (same text, date and coding) is linked once; its copies take
its cluster (reprints add no evidence, only pairs). A cluster is named after its earliest
mention. The rules depend only on the mentions of a block (type and action), so relinking
every block that new documents touch gives the clusters of a full rebuild; the learned linker
has no blocks, so new documents relink every mention (``unblocked``).
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date
from typing import Any

from dateline.link.clusters import Mention, cluster_id, rule_labels
from dateline.link.store_io import event_sentences
from dateline.tuned import tuned

LINKER = str(tuned("link").get("linker", "rules"))


def unblocked(linker: str | None = None) -> bool:
    """Whether the linker clusters all mentions together (the learned one has no blocks), so
    that linking new documents relinks every stored mention."""
    return (linker or LINKER) == "learned"


def _order(m: Mention) -> tuple:
    return (m.published or date.max, m.doc_id, m.start, m.event_id)


def _signature(m: Mention, digest: str) -> tuple:
    """What makes two mentions copies of one another (an exact reprint's same event)."""
    return (digest, m.published, m.start, m.end, m.trigger_start, m.block, m.status, m.date,
            m.date_inferred, m.source_key, m.target_key)


def copy_groups(mentions: list[Mention], texts: dict[str, str]) -> list[list[Mention]]:
    """The mentions grouped by copies (an exact reprint's same event), each group's first
    mention its representative: what the linker clusters (and ``pairtrain_e2e`` trains on)."""
    digest = {d: hashlib.sha1(t.encode()).hexdigest() for d, t in texts.items()}
    copies: dict[tuple, list[Mention]] = defaultdict(list)
    for m in sorted(mentions, key=lambda x: (x.doc_id, x.start, x.event_id)):
        copies[_signature(m, digest[m.doc_id])].append(m)
    return list(copies.values())


def link_mentions(mentions: list[Mention], texts: dict[str, str], titles: dict[str, str],
                  con: Any = None, linker: str | None = None) -> None:
    """Give every mention its cluster (``m.cluster``), recomputed from these mentions only.

    ``texts`` and ``titles``: of the mentions' documents; ``con``: the store, for the rules'
    entity names and every event sentence of those documents.
    """
    groups = copy_groups(mentions, texts)
    reps = [ms[0] for ms in groups]
    if (linker or LINKER) == "learned":
        from dateline.link.learned import learned_labels
        from dateline.link.reported import load_quotes

        quotes = load_quotes(con, sorted(texts)) if con is not None else None
        labels = learned_labels(reps, texts, titles, quotes)
    else:
        sentences = event_sentences(con, texts) if con is not None else defaultdict(list)
        if con is None:  # mentions that are not stored: their own sentences
            for m in mentions:
                sentences[m.doc_id].append(m.sentence)
        labels = rule_labels(reps, sentences, con)
    members: dict[int, list[Mention]] = defaultdict(list)
    for group, label in zip(groups, labels, strict=True):
        members[label] += group
    for group in members.values():
        cid = cluster_id(min(group, key=_order))
        for m in group:
            m.cluster = cid
