"""Turn ``dateline/1`` records into column batches, one Arrow table per store table."""
from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
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
               "confidence", "cluster", "published"],
    "rejects": ["doc_id", "run_id", "code", "message", "origin", "rejected_at"],
}
ANNOTATION_TABLES = ("entities", "times", "places", "quotes", "events")
# Arrow types where inference from Python values could go wrong (all-null columns, lists).
TYPES: dict[str, pa.DataType] = {
    "start_char": pa.int32(), "end_char": pa.int32(), "trigger_start": pa.int32(),
    "trigger_end": pa.int32(), "speaker_start": pa.int32(), "speaker_end": pa.int32(),
    "lat": pa.float64(), "lon": pa.float64(), "geonames_id": pa.int64(),
    "confidence": pa.float64(), "year_inferred": pa.bool_(), "metonymic": pa.bool_(),
    "date_inferred": pa.bool_(), "background": pa.bool_(), "byline": pa.list_(pa.string()),
    "captions": pa.list_(pa.string()), "credits": pa.list_(pa.string()),
    "disputed_by": pa.list_(pa.string()), "published": pa.date32(),
    "ingested_at": pa.timestamp("us"), "rejected_at": pa.timestamp("us"),
}


def text_hash(text: str) -> str:
    """Hash of the whitespace-folded body: equal for the same article from other inputs."""
    return hashlib.sha256(SPACE.sub(" ", text).strip().encode()).hexdigest()


def _date(value: str | None) -> Any:
    return parse_day(value)


def _actor(prefix: str, actor: dict[str, Any] | None) -> dict[str, Any]:
    actor = actor or {}
    return {f"{prefix}_{k}": actor.get(k) for k in ("text", "id", "country", "sector")}


def _event_row(ev: dict[str, Any], published: Any) -> dict[str, Any]:
    place = ev.get("place") or {}
    row = {"event_id": ev["id"], "start_char": ev["start"], "end_char": ev["end"],
           "disputed_by": list(ev.get("disputed_by") or []),
           "place_name": place.get("name"), "place_country": place.get("country"),
           "lat": place.get("lat"), "lon": place.get("lon"),
           "geonames_id": place.get("geonames_id"), "place_precision": place.get("precision"),
           "quantities": json.dumps(ev.get("quantities") or []), "published": published}
    for key in ("trigger", "trigger_start", "trigger_end", "type", "action", "cameo", "mode",
                "status", "attributed_to", "date", "date_precision", "date_inferred",
                "background", "confidence", "cluster"):
        row[key] = ev.get(key)
    row.update(_actor("source", ev.get("source")))
    row.update(_actor("target", ev.get("target")))
    return row


def _span_rows(items: list[dict[str, Any]], renames: dict[str, str]) -> list[dict[str, Any]]:
    rows = []
    for item in items:
        row = {renames.get(k, k): v for k, v in item.items()}
        row["start_char"] = row.pop("start")
        row["end_char"] = row.pop("end")
        rows.append(row)
    return rows


def record_rows(rec: dict[str, Any], run_id: str) -> dict[str, list[dict[str, Any]]]:
    """All store rows for one normal (non-error) record, keyed by table."""
    now = datetime.now(UTC).replace(tzinfo=None)
    published = _date(rec.get("published"))
    doc = {"id": rec["id"], "run_id": run_id, "url": rec.get("url"), "title": rec.get("title"),
           "published": published, "language": rec.get("language"),
           "dup_group": rec.get("dup_group"), "content_hash": rec.get("content_hash"),
           "text_hash": text_hash(rec["text"]), "origin": rec.get("origin"),
           "encoding": rec.get("encoding"), "site_name": rec.get("site_name"),
           "byline": list(rec.get("byline") or []), "captions": list(rec.get("captions") or []),
           "credits": list(rec.get("credits") or []), "text": rec["text"],
           "record": json.dumps(rec, ensure_ascii=False), "ingested_at": now}
    rows: dict[str, list[dict[str, Any]]] = {"documents": [doc]}
    rows["entities"] = _span_rows(rec.get("entities") or [], {"id": "entity_id"})
    rows["times"] = _span_rows(rec.get("times") or [], {})
    rows["places"] = _span_rows(rec.get("places") or [], {})
    rows["quotes"] = _span_rows(rec.get("quotes") or [], {})
    rows["events"] = [_event_row(e, published) for e in rec.get("events") or []]
    for table in ANNOTATION_TABLES:
        for row in rows[table]:
            row["doc_id"] = rec["id"]
            row["run_id"] = run_id
    return rows


def reject_row(rec: dict[str, Any], run_id: str) -> dict[str, Any]:
    """The rejects row for an error record."""
    err = rec.get("error") or {}
    return {"doc_id": rec.get("id"), "run_id": run_id, "code": err.get("code", "error"),
            "message": err.get("message", ""), "origin": err.get("origin"),
            "rejected_at": datetime.now(UTC).replace(tzinfo=None)}


def to_arrow(table: str, rows: list[dict[str, Any]]) -> pa.Table:
    """An Arrow table with the store table's columns, in order, typed where it matters."""
    columns = TABLE_COLUMNS[table]
    arrays = {}
    for col in columns:
        values = [row.get(col) for row in rows]
        arrays[col] = pa.array(values, type=TYPES.get(col, pa.string()))
    return pa.table(arrays)


def group_rows(records: list[dict[str, Any]], run_id: str) -> dict[str, list[dict[str, Any]]]:
    """Rows of many records merged per table."""
    merged: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rec in records:
        if rec.get("error"):
            merged["rejects"].append(reject_row(rec, run_id))
            continue
        for table, rows in record_rows(rec, run_id).items():
            merged[table].extend(rows)
    return merged
