"""The one way tables leave dateline as files: CSV (nested cells as JSON, formula cells
defused), JSON Lines and Parquet, from Arrow tables or streamed Arrow batches. The CLI
(``dateline export``), the API downloads and the ACLED/GDELT writers all go through here."""
from __future__ import annotations

import io
import json
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

DOWNLOADS = ("csv", "jsonl", "parquet")
# What spreadsheets evaluate as a formula (OWASP "CSV injection"): such cells get a "'".
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def jsonable(value: Any) -> Any:
    """A JSON-friendly copy of a DuckDB value (dates as ISO strings, JSON columns parsed)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return value


def defuse(cell: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, prefixed with an apostrophe (numbers
    written by a layout as numbers are not text and are left alone by their writers)."""
    if isinstance(cell, str) and cell.startswith(FORMULA_START):
        return "'" + cell
    return cell


def _flat(table: pa.Table) -> pa.Table:
    """Nested columns (lists, structs) as JSON text, so CSV can hold them."""
    for i, fld in enumerate(table.schema):
        if pa.types.is_nested(fld.type):
            texts = [None if v is None else json.dumps(jsonable(v), ensure_ascii=False)
                     for v in table.column(i).to_pylist()]
            table = table.set_column(i, fld.name, pa.array(texts, type=pa.string()))
    return table


def _defused(table: pa.Table) -> pa.Table:
    """Every text column with its formula cells defused."""
    for i, fld in enumerate(table.schema):
        if pa.types.is_string(fld.type) or pa.types.is_large_string(fld.type):
            cells = table.column(i).to_pylist()
            if any(defuse(c) is not c for c in cells):
                table = table.set_column(i, fld.name, pa.array([defuse(c) for c in cells],
                                                               type=pa.string()))
    return table


def csv_ready(table: pa.Table) -> pa.Table:
    """A table as it goes into CSV: nested cells as JSON, formulas defused, text as string."""
    table = _defused(_flat(table))
    return table.cast(pa.schema([pa.field(f.name, pa.string()) if pa.types.is_large_string(
        f.type) else f for f in table.schema]))


def encode(table: pa.Table, fmt: str) -> bytes:
    """The bytes of one download format."""
    sink = io.BytesIO()
    write_batches([table], fmt, sink)
    return sink.getvalue()


def write_batches(parts: Iterable[pa.Table | pa.RecordBatch], fmt: str,
                  sink: IO[bytes] | str | Path) -> int:
    """Stream Arrow tables or batches into one file of the format; return the row count."""
    if fmt not in DOWNLOADS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(DOWNLOADS)}")
    writer: Any = None
    schema: pa.Schema | None = None
    rows = 0
    out = open(sink, "wb") if isinstance(sink, str | Path) else sink  # noqa: SIM115
    try:
        for part in parts:
            table = part if isinstance(part, pa.Table) else pa.Table.from_batches([part])
            rows += table.num_rows
            if fmt == "jsonl":
                out.write("".join(json.dumps(jsonable(r), ensure_ascii=False) + "\n"
                                  for r in table.to_pylist()).encode("utf-8"))
                continue
            if fmt == "csv":
                table = csv_ready(table)
            if writer is None:
                schema = table.schema
                writer = (pacsv.CSVWriter(out, schema) if fmt == "csv"
                          else pq.ParquetWriter(out, schema))
            writer.write_table(table.cast(schema))
        if writer is None and fmt != "jsonl":  # no rows at all: still a valid empty file
            empty = pa.table({})
            (pacsv.write_csv if fmt == "csv" else pq.write_table)(empty, out)
    finally:
        if writer is not None:
            writer.close()
        if out is not sink:
            out.close()
    return rows
