"""Across articles: near-duplicates, event clusters, storylines and follow-through.

The ingest calls :func:`relink` after writing a batch, with the batch's document ids; the
work is then limited to those documents, the event blocks (type, action) they touch and
the storylines of the clusters that changed.
"""
from __future__ import annotations

from typing import Any

from dateline.link.clusters import assign_clusters
from dateline.link.dedup import dedup_store
from dateline.link.store_io import block_key, clear_clusters, load_mentions, write_clusters


def relink(store: Any, doc_ids: list[str] | None = None) -> dict[str, int]:
    """Update duplicates, clusters, storylines and follow-through for new documents.

    ``doc_ids=None`` rebuilds every cluster; otherwise only the given documents' events are
    (re)assigned, to existing clusters where they match. Returns counts of what changed.
    """
    con = store.con if hasattr(store, "con") else store
    counts = {"dup_changed": dedup_store(con, doc_ids)}
    if doc_ids is None:
        clear_clusters(con)
        mentions = load_mentions(con)
    else:
        clear_clusters(con, doc_ids)
        blocks = sorted({block_key(m.type, m.action, None)
                         for m in load_mentions(con, doc_ids=doc_ids)})
        mentions = load_mentions(con, blocks=blocks)
    changed = assign_clusters(mentions, con)
    counts["mentions_assigned"] = write_clusters(con, changed)
    counts.update(_relink_stories(con, {m.cluster for m in changed if m.cluster}, doc_ids))
    return counts


def _relink_stories(con: Any, clusters: set[str], doc_ids: list[str] | None) -> dict[str, int]:
    try:
        from dateline.link.storylines import update_storylines
    except ImportError:
        return {}
    return update_storylines(con, None if doc_ids is None else clusters)


__all__ = ["relink"]
