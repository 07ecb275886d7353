"""Exports of the store: ``dateline/1`` JSON Lines, and tables as CSV or Parquet (streamed
in Arrow batches through ``dateline.exports.formats``, which defuses formula cells)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

from dateline.exports.formats import write_batches
from dateline.store.db import Store
from dateline.store.query import PLOVER_ONLY
from dateline.store.rows import TABLE_COLUMNS

FORMATS = ("jsonl", "csv", "parquet")
EXPORT_TABLES = tuple(t for t in TABLE_COLUMNS if t != "documents") + ("documents",)
BATCH_ROWS = 50_000


def export_jsonl(store: Store, out: IO[str]) -> int:
    """Write every stored record as one ``dateline/1`` line; return the count."""
    n = 0
    for rec in store.iter_records():
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


def export_table(store: Store, table: str, fmt: str, path: Path) -> int:
    """Write one table as CSV or Parquet; return the row count."""
    if table not in TABLE_COLUMNS:
        raise ValueError(f"unknown table {table!r}; choose from {', '.join(TABLE_COLUMNS)}")
    if fmt not in ("csv", "parquet"):
        raise ValueError("tables export as csv or parquet")
    cols = [c for c in TABLE_COLUMNS[table] if not (table == "documents" and c == "record")]
    select = ", ".join(f'"{c}"' for c in cols)
    result = store.con.execute(f"SELECT {select} FROM {table}")
    reader: Any = (result.to_arrow_reader(BATCH_ROWS) if hasattr(result, "to_arrow_reader")
                   else result.fetch_record_batch(BATCH_ROWS))  # type: ignore[attr-defined]
    return write_batches(reader, fmt, path)


def summary(store: Store, top: int = 5) -> dict[str, Any]:
    """Counts, and the most frequent event types and actors, for the demo and `status`."""
    return {
        "tables": store.counts(),
        "event_types": store.sql(f"SELECT type, count(*) AS n FROM events WHERE {PLOVER_ONLY} "
                                 "GROUP BY 1 ORDER BY n DESC, type LIMIT ?", [top]),
        "statuses": store.sql(f"SELECT status, count(*) AS n FROM events WHERE {PLOVER_ONLY} "
                              "GROUP BY 1 ORDER BY n DESC, status LIMIT ?", [top]),
        "actors": store.sql("SELECT source_text AS actor, count(*) AS n FROM events WHERE "
                            f"source_text IS NOT NULL AND {PLOVER_ONLY} GROUP BY 1 "
                            "ORDER BY n DESC, actor LIMIT ?", [top]),
        "rejects": store.sql("SELECT code, count(*) AS n FROM rejects GROUP BY 1 "
                             "ORDER BY n DESC, code"),
    }
