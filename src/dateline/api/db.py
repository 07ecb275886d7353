"""The server's one DuckDB connection: locked down, time-limited reads, serialized writes.

GUIDE.md: one process owns a DuckDB file. ``dateline serve`` is that process while it runs;
an ingest hands its batches to it (``POST /ingest/batch``) instead of opening the file.
"""
from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from dateline.errors import StoreError
from dateline.store.db import Store

# Wall-clock budget of one API query. Calibrated with benchmarks/api_latency.py: filtered
# event pages on 100,000 events take < 0.1 s at p95, so 5 s only ends runaway queries.
QUERY_BUDGET_S = 5.0
LOCKDOWN = ("SET enable_external_access = false", "SET lock_configuration = true")


class QueryTimeout(Exception):
    """A query ran past its budget and was interrupted."""


class ApiDb:
    """Owns the database for the server: read cursors from a pool, one writer at a time."""

    def __init__(self, path: str | Path, writable: bool = False,
                 budget_s: float = QUERY_BUDGET_S):
        self.path = str(path)
        self.writable = writable
        self.budget_s = budget_s
        if not writable and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"no database at {self.path}: run `dateline ingest` first, or "
                             "serve with --accept-ingest to start an empty one", code="missing")
        self.store = Store(self.path, read_only=not writable)
        for statement in LOCKDOWN:
            self.store.con.execute(statement)
        self._write_lock = threading.Lock()
        self._cursor_lock = threading.Lock()
        self._pool: queue.SimpleQueue[duckdb.DuckDBPyConnection] = queue.SimpleQueue()
        self._written: dict[str, set[str]] = {}  # run id -> documents to link at its end

    def close(self) -> None:
        """Close the database (checkpointing it)."""
        self.store.close()

    @contextmanager
    def _cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        try:
            cur = self._pool.get_nowait()
        except queue.Empty:
            with self._cursor_lock:
                cur = self.store.con.cursor()
        try:
            yield cur
        finally:
            self._pool.put(cur)

    def _run(self, sql: str, params: list[Any], fetch: str, budget_s: float | None) -> Any:
        with self._cursor() as cur:
            timer = threading.Timer(budget_s or self.budget_s, cur.interrupt)
            timer.start()
            try:
                cur.execute(sql, params)
                if fetch == "arrow":
                    return cur.to_arrow_reader().read_all()  # type: ignore[union-attr]
                names = [d[0] for d in cur.description]
                return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
            except duckdb.InterruptException as exc:
                raise QueryTimeout(f"the query ran past {budget_s or self.budget_s:g} s; "
                                   "narrow the filters or page with a smaller limit") from exc
            finally:
                timer.cancel()

    def rows(self, sql: str, params: list[Any] | None = None,
             budget_s: float | None = None) -> list[dict[str, Any]]:
        """Rows of a read query as dicts, interrupted after the budget."""
        return self._run(sql, params or [], "rows", budget_s)

    def arrow(self, sql: str, params: list[Any] | None = None,
              budget_s: float | None = None) -> pa.Table:
        """A read query's result as an Arrow table, interrupted after the budget."""
        return self._run(sql, params or [], "arrow", budget_s)

    def tables(self) -> set[str]:
        """Names of the tables in the database (linking tables appear when `link` has run)."""
        return {r["table_name"] for r in self.rows(
            "SELECT table_name FROM information_schema.tables")}

    def start_run(self, info: dict[str, Any]) -> str:
        """Record a handed-off run; return its id."""
        self._require_writable()
        with self._write_lock:
            return self.store.start_run(info)

    def finish_run(self, run_id: str, counts: dict[str, int]) -> None:
        """Link the run's documents (as a local ingest does), then stamp its end and counts."""
        from dateline.link import relink

        self._require_writable()
        with self._write_lock:
            written = self._written.pop(run_id, set())
            if written:
                relink(self.store, sorted(written))
            self.store.finish_run(run_id, counts)

    def write(self, records: list[dict[str, Any]], run_id: str) -> dict[str, int]:
        """Store one handed-off batch (one transaction, one writer at a time)."""
        self._require_writable()
        with self._write_lock:
            counts = self.store.write(records, run_id)
        self._written.setdefault(run_id, set()).update(
            r["id"] for r in records if not r.get("error"))
        return counts

    def _require_writable(self) -> None:
        if not self.writable:
            raise StoreError("this server opened the database read-only; restart it with "
                             "`dateline serve --accept-ingest` to take ingest batches",
                             code="read_only")
