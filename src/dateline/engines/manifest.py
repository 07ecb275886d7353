"""The input manifest: every input an ingest has seen, and whether it ended stored,
rejected (with a code and message) or is still pending. A rerun skips what the same
pipeline already finished, so a killed ingest resumes where it stopped.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from dateline.model import RawDoc

FINISHED = ("stored", "rejected")
COLUMNS = ["input_key", "origin", "doc_id", "pipeline", "status", "code", "message", "run_id",
           "shard", "attempts", "updated_at"]
SCHEMA = pa.schema([("input_key", pa.string()), ("origin", pa.string()),
                    ("doc_id", pa.string()), ("pipeline", pa.string()),
                    ("status", pa.string()), ("code", pa.string()), ("message", pa.string()),
                    ("run_id", pa.string()), ("shard", pa.int64()), ("attempts", pa.int32()),
                    ("updated_at", pa.timestamp("us"))])


def input_key(item: RawDoc | dict[str, Any]) -> str:
    """The stable key of one input: where it came from and its document id."""
    if isinstance(item, RawDoc):
        return f"{item.origin}#{item.id}"
    return f"{(item.get('error') or {}).get('origin', '')}#{item.get('id')}"


def _origin(item: RawDoc | dict[str, Any]) -> str:
    return item.origin if isinstance(item, RawDoc) else (item.get("error") or {}).get(
        "origin", "")


class Manifest:
    """Reads and writes the ``manifest`` table of one store for one pipeline identity."""

    def __init__(self, con: Any, pipeline: str, run_id: str):
        self.con = con
        self.pipeline = pipeline
        self.run_id = run_id

    def finished(self, keys: Sequence[str]) -> dict[str, tuple[str, str | None]]:
        """Keys this pipeline already finished: key -> (status, reject code)."""
        if not keys:
            return {}
        rows = self.con.execute(
            "SELECT input_key, status, code FROM manifest WHERE input_key IN "
            "(SELECT unnest(?)) AND pipeline = ? AND status IN ('stored', 'rejected')",
            [list(keys), self.pipeline]).fetchall()
        return {r[0]: (r[1], r[2]) for r in rows}

    def _upsert(self, rows: list[dict[str, Any]], bump: bool) -> None:
        unique = {r["input_key"]: r for r in rows}  # one row per key per statement
        if not unique:
            return
        manifest_rows = pa.Table.from_pylist(list(unique.values()), schema=SCHEMA)  # noqa: F841
        attempts = "manifest.attempts + 1" if bump else "manifest.attempts"
        cols = ", ".join(COLUMNS)
        self.con.execute(
            f"INSERT INTO manifest ({cols}) SELECT {cols} FROM manifest_rows "
            "ON CONFLICT (input_key) DO UPDATE SET origin = excluded.origin, "
            "doc_id = excluded.doc_id, "
            "pipeline = excluded.pipeline, status = excluded.status, code = excluded.code, "
            "message = excluded.message, run_id = excluded.run_id, shard = excluded.shard, "
            f"attempts = {attempts}, updated_at = excluded.updated_at")

    def _row(self, item: RawDoc | dict[str, Any], shard: int, status: str,
             error: dict[str, Any] | None = None) -> dict[str, Any]:
        doc_id = item.id if isinstance(item, RawDoc) else item.get("id")
        return {"input_key": input_key(item), "origin": _origin(item), "doc_id": doc_id,
                "pipeline": self.pipeline, "status": status,
                "code": (error or {}).get("code"), "message": (error or {}).get("message"),
                "run_id": self.run_id, "shard": shard, "attempts": 1,
                "updated_at": datetime.now(UTC).replace(tzinfo=None)}

    def mark_pending(self, items: Sequence[RawDoc | dict[str, Any]], shard: int) -> None:
        """Record that these inputs were handed to a worker (one commit per shard)."""
        self._upsert([self._row(i, shard, "pending") for i in items], bump=True)

    def mark_finished(self, items: Sequence[RawDoc | dict[str, Any]],
                      records: Sequence[dict[str, Any]], shard: int) -> None:
        """Record where each input ended, from its output record (stored or rejected)."""
        rows = []
        for item, rec in zip(items, records, strict=True):
            error = rec.get("error")
            rows.append(self._row(item, shard, "rejected" if error else "stored", error))
        self._upsert(rows, bump=False)


def manifest_summary(con: Any) -> dict[str, Any]:
    """Counts by status, reject reasons, and the pending inputs' runs (for ``status``)."""
    status = dict(con.execute("SELECT status, count(*) FROM manifest GROUP BY 1 ORDER BY 1"
                              ).fetchall())
    reasons = con.execute("SELECT code, count(*), any_value(message) FROM manifest WHERE "
                          "status = 'rejected' GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()
    redone = con.execute("SELECT count(DISTINCT shard) FROM manifest WHERE attempts > 1"
                         ).fetchone()[0]
    return {"status": status, "reasons": [{"code": c, "n": n, "example": m}
                                          for c, n, m in reasons], "redone_shards": redone}


ORIGIN_SUFFIX = re.compile(r"(:\d+|@\d+|#item\d+)$")  # jsonl line, WARC offset, feed item


def origin_file(origin: str) -> str:
    """The input file an origin names (without its line, offset or item suffix)."""
    return origin if Path(origin).exists() else ORIGIN_SUFFIX.sub("", origin)


def stale_inputs(con: Any, pipeline: str) -> list[str]:
    """Origins of the inputs finished by another pipeline identity than ``pipeline``."""
    return [r[0] for r in con.execute(
        "SELECT origin FROM manifest WHERE status IN ('stored', 'rejected') AND "
        "pipeline <> ? ORDER BY origin", [pipeline]).fetchall()]
