"""Filtered, paginated reads of the events table, shared by the CLI and the HTTP API.

Every value is a bound parameter; sort keys come from an allowlist; nothing a user types
is ever spliced into SQL.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dateline.store.db import Store

EVENT_SORTS = {"date": "date", "published": "published", "type": "type", "status": "status",
               "confidence": "confidence", "doc": "doc_id", "source": "source_text"}
MAX_LIMIT = 1000
# The events a PLOVER count, summary, export or default view shows: OTHER events (predicates
# kept for cross-document linking) never appear there.
PLOVER_ONLY = "type IS NOT NULL AND upper(type) <> 'OTHER'"
LIKE = "ILIKE ? ESCAPE '\\'"  # user text is escaped by _escape_like and matched literally


@dataclass(frozen=True)
class EventFilter:
    """What a user may filter events by."""

    type: str | None = None
    action: str | None = None
    status: str | None = None
    actor: str | None = None  # matches source/target text, id or country
    country: str | None = None  # ISO3 of either actor, or ISO2 of the place
    doc_id: str | None = None
    since: str | None = None  # event date (TIMEX3 value prefix compare) >= since
    until: str | None = None
    text: str | None = None  # substring of the trigger or actor texts
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    cluster: str | None = None
    min_confidence: float | None = None  # events whose confidence is at least this
    main_only: bool = False  # each sentence's main PLOVER event only (``main``: GDELT's root)

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE clause and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        for col, val in (("type", self.type), ("action", self.action),
                         ("status", self.status), ("doc_id", self.doc_id),
                         ("cluster", self.cluster)):
            if val:
                clauses.append(f"upper({col}) = upper(?)" if col in ("type", "action")
                               else f"{col} = ?")
                params.append(val)
        if self.actor:
            clauses.append(f"(source_text {LIKE} OR target_text {LIKE} OR source_country = "
                           "upper(?) OR target_country = upper(?))")
            like = f"%{_escape_like(self.actor)}%"
            params += [like, like, self.actor, self.actor]
        if self.country:
            clauses.append("(source_country = upper(?) OR target_country = upper(?) OR "
                           "place_country = upper(?))")
            params += [self.country] * 3
        if self.since:
            clauses.append("date >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("date <= ? || '~'")
            params.append(self.until)
        if self.text:
            clauses.append(f"(trigger {LIKE} OR source_text {LIKE} OR target_text {LIKE})")
            params += [f"%{_escape_like(self.text)}%"] * 3
        if self.min_confidence:
            clauses.append("confidence >= ?")
            params.append(float(self.min_confidence))
        if self.main_only:
            clauses.append("main")
        if self.bbox:
            clauses.append("lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?")
            params += [self.bbox[0], self.bbox[2], self.bbox[1], self.bbox[3]]
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def order_by(sort: str | None) -> str:
    """An ORDER BY clause from an allowlisted key, '-key' for descending."""
    if not sort:
        return " ORDER BY doc_id, start_char"
    desc = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in EVENT_SORTS:
        raise ValueError(f"unknown sort key {key!r}; choose from {', '.join(EVENT_SORTS)}")
    return f" ORDER BY {EVENT_SORTS[key]} {'DESC' if desc else 'ASC'} NULLS LAST, doc_id"


def query_events(store: Store, flt: EventFilter, sort: str | None = None, limit: int = 100,
                 offset: int = 0) -> list[dict[str, Any]]:
    """One page of events matching the filter."""
    where, params = flt.where()
    limit = max(1, min(int(limit), MAX_LIMIT))
    sql = f"SELECT * FROM events{where}{order_by(sort)} LIMIT ? OFFSET ?"
    return store.sql(sql, params + [limit, max(0, int(offset))])


def count_events(store: Store, flt: EventFilter) -> int:
    """How many events match the filter."""
    where, params = flt.where()
    return store.sql(f"SELECT count(*) AS n FROM events{where}", params)[0]["n"]
