"""Downloads of any filtered list: CSV, JSON Lines and Parquet, built from Arrow tables in
Python (the server's DuckDB connection may not write files: external access is off)."""
from __future__ import annotations

import io
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from fastapi.responses import Response

DOWNLOADS = ("csv", "jsonl", "parquet")
MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8",
         "parquet": "application/vnd.apache.parquet"}


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


def _flat(table: pa.Table) -> pa.Table:
    """Nested columns (lists, structs) as JSON text, so CSV can hold them."""
    for i, fld in enumerate(table.schema):
        if pa.types.is_nested(fld.type):
            texts = [None if v is None else json.dumps(jsonable(v), ensure_ascii=False)
                     for v in table.column(i).to_pylist()]
            table = table.set_column(i, fld.name, pa.array(texts, type=pa.string()))
    return table


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheets evaluate (OWASP CSV injection)


def _defused(table: pa.Table) -> pa.Table:
    """Text cells a spreadsheet would run as a formula, prefixed with an apostrophe."""
    for i, fld in enumerate(table.schema):
        if pa.types.is_string(fld.type) or pa.types.is_large_string(fld.type):
            cells = table.column(i).to_pylist()
            if any(c and c.startswith(FORMULA_START) for c in cells):
                safe = [("'" + c) if c and c.startswith(FORMULA_START) else c for c in cells]
                table = table.set_column(i, fld.name, pa.array(safe, type=pa.string()))
    return table


def encode(table: pa.Table, fmt: str) -> bytes:
    """The bytes of one download format."""
    if fmt == "parquet":
        sink = io.BytesIO()
        pq.write_table(table, sink)
        return sink.getvalue()
    if fmt == "csv":
        sink = io.BytesIO()
        pacsv.write_csv(_defused(_flat(table)), sink)
        return sink.getvalue()
    lines = (json.dumps(jsonable(row), ensure_ascii=False) for row in table.to_pylist())
    return "".join(line + "\n" for line in lines).encode("utf-8")


def download(table: pa.Table, fmt: str, name: str) -> Response:
    """A file response (attachment) of the table in the format."""
    headers = {"Content-Disposition": f'attachment; filename="{name}.{fmt}"',
               "X-Total-Count": str(table.num_rows)}
    return Response(encode(table, fmt), media_type=MEDIA[fmt], headers=headers)
