"""The actor network behind /network: events' sources and targets merged into actors (an
entity by its longest name in its document, else a country and sector code), pairs of
actors weighted by their event count, and only the best-connected actors kept."""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from dateline.api.db import ApiDb
from dateline.api.queries import actor_keys_sql, event_where

NETWORK_MAX_EDGES = 300  # pairs drawn at once; beyond, the heaviest are kept
ALIASES_SHOWN = 5  # surface forms listed on a node's hover text


def network_rows(db: ApiDb, filters: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per filtered event whose two sides are both named or coded actors."""
    where, values = event_where(filters)
    keys = actor_keys_sql(f"SELECT * FROM events{where}")
    return db.rows(f"SELECT * FROM ({keys}) WHERE skey IS NOT NULL AND tkey IS NOT NULL "
                   "AND skey <> tkey ORDER BY doc_id, event_id", values)


def _nodes(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    aliases: dict[str, Counter[str]] = defaultdict(Counter)
    degree: Counter[str] = Counter()
    for row in rows:
        for side in ("s", "t"):
            key = row[f"{side}key"]
            labels[key][row[f"{side}label"] or key[2:]] += 1
            text = row["source_text" if side == "s" else "target_text"]
            if text:
                aliases[key][text] += 1
            degree[key] += 1
    return {key: {"id": key, "label": min(labels[key].items(), key=lambda kv: (-kv[1], kv[0]))[0],
                  "kind": "entity" if key.startswith("e:") else "country",
                  "country": key[2:5] if key.startswith("c:") else None,
                  "n": degree[key],
                  "aliases": [a for a, _ in aliases[key].most_common(ALIASES_SHOWN)]}
            for key in degree}


def _edges(rows: list[dict[str, Any]], kept: set[str]) -> list[dict[str, Any]]:
    pairs: defaultdict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for row in rows:
        if row["skey"] in kept and row["tkey"] in kept:
            pairs[(row["skey"], row["tkey"])][row["type"] or "OTHER"] += 1
    edges: list[dict[str, Any]] = [
        {"source": s, "target": t, "n": sum(types.values()),
         "type": min(types.items(), key=lambda kv: (-kv[1], kv[0]))[0],
         "types": dict(sorted(types.items()))} for (s, t), types in pairs.items()]
    edges.sort(key=lambda e: (-e["n"], e["source"], e["target"]))
    return edges[:NETWORK_MAX_EDGES]


def build_network(db: ApiDb, filters: dict[str, Any], top: int) -> dict[str, Any]:
    """Nodes (the ``top`` actors by event count, ties by name) and the edges among them."""
    rows = network_rows(db, filters)
    nodes = _nodes(rows)
    ranked = sorted(nodes.values(), key=lambda n: (-n["n"], n["label"].lower(), n["id"]))
    kept = {n["id"] for n in ranked[:top]}
    edges = _edges(rows, kept)  # a kept actor may have no edge among the kept: it stays
    return {"nodes": ranked[:top], "edges": edges, "actors_total": len(nodes), "top": top,
            "events": len(rows)}
