"""Downloads of any filtered list, encoded by the one export path (``dateline.exports.formats``):
built in Python because the server's DuckDB connection may not write files."""
from __future__ import annotations

import pyarrow as pa
from fastapi.responses import Response

from dateline.exports.formats import DOWNLOADS, encode, jsonable

MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8",
         "parquet": "application/vnd.apache.parquet"}
__all__ = ["DOWNLOADS", "MEDIA", "download", "encode", "jsonable"]


def download(table: pa.Table, fmt: str, name: str) -> Response:
    """A file response (attachment) of the table in the format."""
    headers = {"Content-Disposition": f'attachment; filename="{name}.{fmt}"',
               "X-Total-Count": str(table.num_rows)}
    return Response(encode(table, fmt), media_type=MEDIA[fmt], headers=headers)
