"""Turn ``dateline/1`` records into column batches, one Arrow table per store table.

Columns are built directly (one Python list per column, one ``pyarrow.array`` each) rather
than through a dict per row: an article has ~50 events, so per-event work is what a store
write costs in the parent process.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa

from dateline.timex.value import parse_day

SPACE = re.compile(r"\s+")
TABLE_COLUMNS: dict[str, list[str]] = {
    "documents": ["id", "run_id", "url", "title", "published", "language", "dup_group",
                  "content_hash", "text_hash", "origin", "encoding", "site_name", "byline",
                  "captions", "credits", "text", "record", "ingested_at"],
    "entities": ["doc_id", "run_id", "start_char", "end_char", "text", "type", "entity_id"],
    "times": ["doc_id", "run_id", "start_char", "end_char", "text", "type", "value", "anchor",
              "year_inferred"],
    "places": ["doc_id", "run_id", "start_char", "end_char", "text", "name", "country", "lat",
               "lon", "geonames_id", "precision", "metonymic"],
    "quotes": ["doc_id", "run_id", "start_char", "end_char", "text", "kind", "cue", "speaker",
               "speaker_start", "speaker_end", "speaker_id", "reported_by"],
    "events": ["doc_id", "run_id", "event_id", "start_char", "end_char", "trigger",
               "trigger_start", "trigger_end", "type", "action", "cameo", "mode", "status",
               "disputed_by", "source_text", "source_id", "source_country", "source_sector",
               "target_text", "target_id", "target_country", "target_sector", "attributed_to",
               "date", "date_precision", "date_inferred", "background", "place_name",
               "place_country", "lat", "lon", "geonames_id", "place_precision", "quantities",
               "confidence", "cluster", "main", "published"],
    "rejects": ["doc_id", "run_id", "code", "message", "origin", "rejected_at"],
}
ANNOTATION_TABLES = ("entities", "times", "places", "quotes", "events")
# Arrow types where inference from Python values could go wrong (all-null columns, lists).
TYPES: dict[str, pa.DataType] = {
    "start_char": pa.int32(), "end_char": pa.int32(), "trigger_start": pa.int32(),
    "trigger_end": pa.int32(), "speaker_start": pa.int32(), "speaker_end": pa.int32(),
    "lat": pa.float64(), "lon": pa.float64(), "geonames_id": pa.int64(),
    "confidence": pa.float64(), "year_inferred": pa.bool_(), "metonymic": pa.bool_(),
    "date_inferred": pa.bool_(), "background": pa.bool_(), "main": pa.bool_(),
    "byline": pa.list_(pa.string()),
    "captions": pa.list_(pa.string()), "credits": pa.list_(pa.string()),
    "disputed_by": pa.list_(pa.string()), "published": pa.date32(),
    "ingested_at": pa.timestamp("us"), "rejected_at": pa.timestamp("us"),
}
SCHEMAS = {table: pa.schema([(c, TYPES.get(c, pa.string())) for c in cols])
           for table, cols in TABLE_COLUMNS.items()}
# event columns read from a nested object of the event: column -> (event key, object key)
NESTED = {f"{side}_{k}": (side, k) for side in ("source", "target")
          for k in ("text", "id", "country", "sector")} | {
    "place_name": ("place", "name"), "place_country": ("place", "country"),
    "lat": ("place", "lat"), "lon": ("place", "lon"), "geonames_id": ("place", "geonames_id"),
    "place_precision": ("place", "precision")}
EMPTY: dict[str, Any] = {}
Columns = dict[str, list[Any]]


def text_hash(text: str) -> str:
    """Hash of the whitespace-folded body: equal for the same article from other inputs."""
    return hashlib.sha256(SPACE.sub(" ", text).strip().encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _entity_id(item: dict[str, Any]) -> Any:
    """``id`` renamed ``entity_id``; of both keys, the later one wins (as a renaming dict)."""
    if "id" not in item:
        return item["entity_id"]
    keys = list(item)
    return item["id"] if keys.index("id") > keys.index("entity_id") else item["entity_id"]


def _quantities(value: Any) -> str:
    return json.dumps(value) if value else "[]"


def _span_columns(table: str, items: list[dict[str, Any]]) -> Columns:
    """Columns of a span table (no doc_id / run_id): start/end renamed *_char."""
    cols: Columns = {"start_char": [i["start"] for i in items],
                     "end_char": [i["end"] for i in items]}
    for col in TABLE_COLUMNS[table][4:]:
        if col == "entity_id":
            cols[col] = [i.get("id") if "entity_id" not in i else _entity_id(i) for i in items]
        else:
            cols[col] = [i.get(col) for i in items]
    return cols


def _event_columns(events: list[dict[str, Any]]) -> Columns:
    """Columns of the events table but doc_id, run_id and published."""
    cols: Columns = {"event_id": [e["id"] for e in events],
                     "start_char": [e["start"] for e in events],
                     "end_char": [e["end"] for e in events]}
    nested = {key: [e.get(key) or EMPTY for e in events] for key in ("source", "target",
                                                                    "place")}
    for col in TABLE_COLUMNS["events"][5:-1]:
        if col in NESTED:
            key, sub = NESTED[col]
            cols[col] = [o.get(sub) for o in nested[key]]
        elif col == "disputed_by":
            cols[col] = [list(e.get(col) or []) for e in events]
        elif col == "quantities":
            cols[col] = [_quantities(e.get(col)) for e in events]
        else:
            cols[col] = [e.get(col) for e in events]
    return cols


def _document(rec: dict[str, Any], run_id: str, published: Any, th: str,
              now: datetime) -> dict[str, Any]:
    return {"id": rec["id"], "run_id": run_id, "url": rec.get("url"), "title": rec.get("title"),
            "published": published, "language": rec.get("language"),
            "dup_group": rec.get("dup_group"), "content_hash": rec.get("content_hash"),
            "text_hash": th, "origin": rec.get("origin"), "encoding": rec.get("encoding"),
            "site_name": rec.get("site_name"), "byline": list(rec.get("byline") or []),
            "captions": list(rec.get("captions") or []),
            "credits": list(rec.get("credits") or []), "text": rec["text"],
            "record": json.dumps(rec, ensure_ascii=False), "ingested_at": now}


def reject_row(rec: dict[str, Any], run_id: str) -> dict[str, Any]:
    """The rejects row for an error record."""
    err = rec.get("error") or {}
    return {"doc_id": rec.get("id"), "run_id": run_id, "code": err.get("code", "error"),
            "message": err.get("message", ""), "origin": err.get("origin"),
            "rejected_at": _now()}


def _table(table: str, cols: Columns) -> pa.Table:
    schema = SCHEMAS[table]
    return pa.Table.from_arrays([pa.array(cols[f.name], type=f.type) for f in schema],
                                schema=schema)


def _rows_table(table: str, rows: list[dict[str, Any]]) -> pa.Table:
    return _table(table, {c: [r.get(c) for r in rows] for c in TABLE_COLUMNS[table]})


def group_tables(records: list[dict[str, Any]], run_id: str,
                 hash_of: Callable[[dict[str, Any]], str] | None = None) -> dict[str, pa.Table]:
    """One Arrow table per store table with rows for these records, in record order (error
    records become rejects rows); tables without rows are left out. ``hash_of`` gives a
    record's text hash when the caller has it already."""
    docs: list[dict[str, Any]] = []
    rejects: list[dict[str, Any]] = []
    items: dict[str, list[dict[str, Any]]] = {t: [] for t in ANNOTATION_TABLES}
    doc_ids: Columns = {t: [] for t in ANNOTATION_TABLES}
    published_of_events: list[Any] = []
    for rec in records:
        if rec.get("error"):
            rejects.append(reject_row(rec, run_id))
            continue
        published = parse_day(rec.get("published"))
        th = hash_of(rec) if hash_of else text_hash(rec["text"])
        docs.append(_document(rec, run_id, published, th, _now()))
        for table in ANNOTATION_TABLES:
            got = rec.get(table) or []
            if got:
                items[table].extend(got)
                doc_ids[table].extend([rec["id"]] * len(got))
        published_of_events.extend([published] * len(rec.get("events") or []))
    out: dict[str, pa.Table] = {}
    if docs:
        out["documents"] = _rows_table("documents", docs)
    for table in ANNOTATION_TABLES:
        if not items[table]:
            continue
        cols = (_event_columns(items[table]) if table == "events"
                else _span_columns(table, items[table]))
        cols["doc_id"] = doc_ids[table]
        cols["run_id"] = [run_id] * len(items[table])
        if table == "events":
            cols["published"] = published_of_events
        out[table] = _table(table, cols)
    if rejects:
        out["rejects"] = _rows_table("rejects", rejects)
    return out
