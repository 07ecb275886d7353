"""The store's write path as it was before columns were built directly (commit ee67ba7): one
dict per row, ``to_arrow`` over the rows, two look-up queries. Kept as the reference the
columnar writer must match row for row (test_write_equality.py)."""
from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa

from dateline.store.db import Store
from dateline.store.rows import ANNOTATION_TABLES, TABLE_COLUMNS, TYPES, text_hash
from dateline.timex.value import parse_day


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
                "background", "confidence", "cluster", "main"):
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
    published = parse_day(rec.get("published"))
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
    arrays = {col: pa.array([row.get(col) for row in rows], type=TYPES.get(col, pa.string()))
              for col in TABLE_COLUMNS[table]}
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


def _plan(store: Store, records: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    con = store.con
    good = [r for r in records if not r.get("error")]
    existing = dict(con.execute("SELECT id, content_hash FROM documents WHERE id IN "
                                "(SELECT unnest(?))", [[r["id"] for r in good]]).fetchall())
    groups = dict(con.execute("SELECT text_hash, min(dup_group) FROM documents WHERE "
                              "text_hash IN (SELECT unnest(?)) GROUP BY 1",
                              [[text_hash(r["text"]) for r in good]]).fetchall())
    errors = [r.get("id") for r in records if r.get("error")]
    known = {(r[0], r[1]) for r in con.execute(
        "SELECT doc_id, code FROM rejects WHERE doc_id IN (SELECT unnest(?))",
        [errors]).fetchall()}
    write: list[dict[str, Any]] = []
    replace: list[str] = []
    seen: set[Any] = set()
    for rec in records:
        if rec.get("error"):
            key = (rec.get("id"), rec["error"].get("code"))
            if key not in known:
                known.add(key)
                write.append(rec)
            continue
        if rec["id"] in seen or existing.get(rec["id"]) == rec.get("content_hash"):
            continue
        seen.add(rec["id"])
        if rec["id"] in existing:
            replace.append(rec["id"])
        th = text_hash(rec["text"])
        group = groups.setdefault(th, rec.get("dup_group") or "g-" + th[:16])
        write.append(rec | {"dup_group": group})
    return write, replace


def reference_write(store: Store, records: list[dict[str, Any]], run_id: str) -> None:
    """Store a batch the way the row-wise writer did."""
    write, replace = _plan(store, records)
    con = store.con
    con.execute("BEGIN TRANSACTION")
    for table in ("documents", *ANNOTATION_TABLES):
        if replace:
            key = "id" if table == "documents" else "doc_id"
            con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT unnest(?))", [replace])
    for table, rows in group_rows(write, run_id).items():
        if rows:
            con.register("_reference_batch", to_arrow(table, rows))
            cols = ", ".join(f'"{c}"' for c in TABLE_COLUMNS[table])
            con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _reference_batch")
            con.unregister("_reference_batch")
    con.execute("COMMIT")
