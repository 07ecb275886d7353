"""Storylines: chains of event clusters that share the source actor and the action over time.

Russia RETREAT Syria is one storyline: the March 2016 order (CONCEDE, action RETREAT), the
first jets leaving (RETREAT), a denial of any real reduction, the December 2017 order and
its completion. The key is (source, action, target); a cluster whose target is unknown joins
the one storyline of its source and action when there is exactly one, else its own.
Clusters without a known source form no storyline (their follow-through stands alone).
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from dateline.link.clusters import Mention
from dateline.link.store_io import insert_rows, load_mentions
from dateline.vocab import INTENT_STATUSES


@dataclass
class ClusterInfo:
    """One event cluster with what storylines and follow-through need (built, then read)."""

    id: str
    mentions: list[Mention] = field(default_factory=list)

    def _mode(self, attr: str) -> str | None:
        values = Counter(getattr(m, attr) for m in self.mentions if getattr(m, attr))
        return values.most_common(1)[0][0] if values else None

    @cached_property
    def action(self) -> str:
        """The action most mentions give."""
        return self._mode("action") or ""

    @cached_property
    def type(self) -> str:
        """The type most mentions give."""
        return self._mode("type") or ""

    @cached_property
    def source_key(self) -> str | None:
        """The source actor's key most mentions give."""
        return self._mode("source_key")

    @cached_property
    def target_key(self) -> str | None:
        """The target key most mentions give, ignoring targets equal to the source.

        An act aimed at its own actor ("Russia withdraws from Russia") is a coding slip of
        an unknown target; counting it would split the storyline.
        """
        values = Counter(m.target_key for m in self.mentions
                         if m.target_key and m.target_key != m.source_key)
        return values.most_common(1)[0][0] if values else None

    @cached_property
    def first_report(self) -> date | None:
        """The earliest publication date among the mentions."""
        days = [m.published for m in self.mentions if m.published]
        return min(days) if days else None

    @cached_property
    def announcer_key(self) -> str | None:
        """The source key most intent mentions give: who announced, ordered, promised or
        threatened the act. A source named only by the cluster's other mentions (a hope,
        a report) did not announce it."""
        values = Counter(m.source_key for m in self.mentions
                         if m.source_key and m.status in INTENT_STATUSES)
        return values.most_common(1)[0][0] if values else None

    @cached_property
    def intent(self) -> bool:
        """An announcement cluster: intent statuses are at least half of its mentions."""
        n = sum(1 for m in self.mentions if m.status in INTENT_STATUSES)
        return n > 0 and 2 * n >= len(self.mentions)

    def actor(self, side: str, intent_only: bool = False) -> dict[str, Any] | None:
        """The first mention's actor dict on one side ('source' or 'target'); with
        ``intent_only``, the first announcing mention's."""
        for m in sorted(self.mentions, key=lambda x: (x.published or date.max, x.doc_id)):
            if intent_only and m.status not in INTENT_STATUSES:
                continue
            if getattr(m, side):
                return dict(getattr(m, side))
        return None


def group_clusters(mentions: list[Mention]) -> dict[str, ClusterInfo]:
    """Cluster id -> ClusterInfo for clustered mentions."""
    out: dict[str, ClusterInfo] = {}
    for m in mentions:
        if m.cluster:
            out.setdefault(m.cluster, ClusterInfo(m.cluster)).mentions.append(m)
    return out


def storyline_id(source: str, action: str, target: str | None) -> str:
    """A stable storyline id from its key."""
    key = json.dumps([source, action, target])
    return "s-" + hashlib.sha1(key.encode()).hexdigest()[:12]


def build_storylines(clusters: dict[str, ClusterInfo]) -> dict[str, list[ClusterInfo]]:
    """Storyline id -> its clusters in order of first report."""
    keyed: dict[tuple[str, str, str | None], list[ClusterInfo]] = defaultdict(list)
    untargeted: list[ClusterInfo] = []
    for c in clusters.values():
        if not c.source_key:
            continue
        if c.target_key:
            keyed[(c.source_key, c.action, c.target_key)].append(c)
        else:
            untargeted.append(c)
    targets: dict[tuple[str, str], list[str | None]] = defaultdict(list)
    for k in keyed:
        targets[k[:2]].append(k[2])
    for c in untargeted:
        source = c.source_key or ""  # untargeted clusters all have a source (kept above)
        options = targets.get((source, c.action), [])
        key = (source, c.action, options[0] if len(options) == 1 else None)
        keyed[key].append(c)
    return {storyline_id(*k): sorted(v, key=lambda c: (c.first_report or date.max, c.id))
            for k, v in keyed.items()}


def update_storylines(con: Any, clusters: set[str] | None = None,
                      every: list[Mention] | None = None) -> dict[str, int]:
    """Recompute the storylines (and follow-through) touched by ``clusters`` (None: all).

    ``every``: with ``clusters=None``, the store's mentions as the caller already holds
    them (clusters set), so they are not read again.
    """
    from dateline.link.followthrough import store_followthrough

    if clusters is None:
        mentions = every if every is not None else load_mentions(con)
    else:
        actions = sorted({r[0] for r in con.execute(
            "SELECT DISTINCT lower(coalesce(action, trigger, '')) FROM events WHERE cluster "
            "IN (SELECT unnest(?))", [sorted(clusters)]).fetchall()})
        mentions = load_mentions(con, actions=actions)
    infos = group_clusters(mentions)
    stories = build_storylines(infos)
    _write(con, stories, sorted(infos) if clusters is not None else None)
    n = store_followthrough(con, infos, stories, full=clusters is None,
                            pool=mentions if clusters is None else None)
    return {"storylines": len(stories), "followthrough": n}


def _write(con: Any, stories: dict[str, list[ClusterInfo]], scope: list[str] | None) -> None:
    if scope is None:
        con.execute("DELETE FROM link_storylines")
    else:
        con.execute("DELETE FROM link_storylines WHERE cluster IN (SELECT unnest(?))", [scope])
    rows = []
    for sid, members in stories.items():
        days = [m.published for c in members for m in c.mentions if m.published]
        for c in members:
            rows.append((sid, c.id, c.source_key, c.action, c.target_key,
                         min(days) if days else None, max(days) if days else None))
    insert_rows(con, "link_storylines", ["storyline", "cluster", "source_key", "action",
                                         "target_key", "first_date", "last_date"], rows)


def storyline_of(stories: dict[str, list[ClusterInfo]]) -> dict[str, str]:
    """Cluster id -> storyline id."""
    return {c.id: sid for sid, members in stories.items() for c in members}
