"""Across articles: near-duplicates, event clusters, storylines and follow-through.

The ingest calls :func:`relink` after writing a batch, with the batch's document ids; the
event blocks (type, action) those documents touch are then clustered again in full
(``link/assign.py``), so linking one run at a time gives the clusters of ``relink --full``;
only the mentions whose cluster changed are written, and only their storylines recomputed.
"""
from __future__ import annotations

from typing import Any

from dateline.link.assign import link_mentions, unblocked
from dateline.link.clusters import Mention
from dateline.link.dedup import dedup_store
from dateline.link.store_io import block_key, load_mentions, load_texts, write_clusters


def relink(store: Any, doc_ids: list[str] | None = None) -> dict[str, int]:
    """Update duplicates, clusters, storylines and follow-through for new documents.

    ``doc_ids=None`` rebuilds every cluster; otherwise the blocks of the given documents'
    events are clustered again (with every stored mention of those blocks; with the learned
    linker, which has no blocks, every stored mention). Returns counts
    of what changed.
    """
    con = store.con if hasattr(store, "con") else store
    counts = {"dup_changed": dedup_store(con, doc_ids)}
    if doc_ids is None or unblocked():
        mentions = load_mentions(con)
    else:
        blocks = sorted({block_key(m.type, m.action, None)
                         for m in load_mentions(con, doc_ids=doc_ids)})
        mentions = load_mentions(con, blocks=blocks) if blocks else []
    before = {(m.doc_id, m.event_id): m.cluster for m in mentions}
    texts, titles = load_texts(con, sorted({m.doc_id for m in mentions}))
    link_mentions(mentions, texts, titles, con)
    changed = [m for m in mentions
               if doc_ids is None or m.cluster != before[(m.doc_id, m.event_id)]]
    if doc_ids is None:
        con.execute("UPDATE events SET cluster = NULL")
    counts["mentions_assigned"] = write_clusters(con, changed)
    touched = {m.cluster for m in changed} | {before[(m.doc_id, m.event_id)] for m in changed}
    counts.update(_relink_stories(con, {c for c in touched if c},
                                  None if doc_ids is not None else mentions))
    return counts


def _relink_stories(con: Any, clusters: set[str], every: list[Mention] | None
                    ) -> dict[str, int]:
    """Storylines of the touched clusters, or (``every`` mention given) of all."""
    try:
        from dateline.link.storylines import update_storylines
    except ImportError:
        return {}
    counts = update_storylines(con, None if every is not None else clusters, every)
    for table in ("link_storylines", "link_followthrough"):  # clusters that no longer exist
        con.execute(f"DELETE FROM {table} WHERE cluster NOT IN "
                    "(SELECT cluster FROM events WHERE cluster IS NOT NULL)")
    return counts


__all__ = ["relink"]
