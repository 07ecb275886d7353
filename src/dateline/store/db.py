"""The DuckDB store: documents, annotations, rejects and runs, written in Arrow batches.

Identity (CONTRACT.md): a record whose ``id`` is stored with the same content hash adds
nothing; the same id with new content replaces the old rows; the same article text under
another id is stored as its own document in the same ``dup_group``.
"""
from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from dateline import __version__
from dateline.errors import StoreError
from dateline.store.migrations import migrate
from dateline.store.rows import ANNOTATION_TABLES, TABLE_COLUMNS, group_tables, text_hash

TABLES = ("documents", *ANNOTATION_TABLES, "rejects", "runs")


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Store:
    """One DuckDB file (or ``:memory:``); the writer of a run, or a read-only reader."""

    def __init__(self, path: str | Path = "dateline.duckdb", read_only: bool = False):
        self.path = str(path)
        self.read_only = read_only
        try:
            if not read_only and self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            raise StoreError(f"cannot open {self.path}: {exc}. Another dateline process "
                             "(an ingest or `dateline serve`) may hold it: stop it, or hand "
                             "the batch to the running server", code="locked") from exc
        self._in_order: dict[str, bool] = {}
        if not read_only:
            migrate(self.con)
            stored = dict(self.con.execute(
                "SELECT table_name, list(column_name ORDER BY ordinal_position) FROM "
                "information_schema.columns WHERE table_schema = current_schema() GROUP BY 1"
                ).fetchall())
            self._in_order = {t: stored.get(t) == cols for t, cols in TABLE_COLUMNS.items()}

    def close(self) -> None:
        """Close the connection (checkpointing the WAL)."""
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def threads(self, n: int) -> Iterator[None]:
        """DuckDB's worker threads set to ``n`` for the duration, then restored (an ingest
        with local worker processes writes single-threaded: the workers own the cores, and
        each statement then costs less CPU)."""
        before = int(self.scalar("SELECT current_setting('threads')"))
        self.con.execute(f"SET threads = {int(n)}")
        try:
            yield
        finally:
            with suppress(duckdb.Error):
                self.con.execute(f"SET threads = {before}")

    # ---------------------------------------------------------------- runs
    def start_run(self, info: dict[str, Any]) -> str:
        """Record a new run with its pipeline identity; return its id."""
        run_id = "r-" + uuid.uuid4().hex[:12]
        self.con.execute(
            "INSERT INTO runs (run_id, started_at, pipeline_version, model, model_version, "
            "config_hash, stages, inputs, stored, unchanged, updated, rejected) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0)",
            [run_id, _now(), __version__, info.get("model"), info.get("model_version"),
             info.get("config_hash"), ",".join(info.get("stages", []))])
        return run_id

    def finish_run(self, run_id: str, counts: dict[str, int]) -> None:
        """Stamp a run's end and its counts."""
        self.con.execute(
            "UPDATE runs SET finished_at = ?, inputs = ?, stored = ?, unchanged = ?, "
            "updated = ?, rejected = ? WHERE run_id = ?",
            [_now(), counts.get("inputs", 0), counts.get("stored", 0),
             counts.get("unchanged", 0), counts.get("updated", 0), counts.get("rejected", 0),
             run_id])

    # ---------------------------------------------------------------- writes
    def _stored(self, ids: list[str], hashes: list[str]) -> tuple[dict[str, str],
                                                                   dict[str, str]]:
        """The stored content hash of each of these ids, and the smallest stored dup group
        of each of these text hashes (one query for both)."""
        if not ids and not hashes:
            return {}, {}
        rows = self.con.execute(
            "SELECT false, id, content_hash FROM documents WHERE id IN (SELECT unnest(?)) "
            "UNION ALL SELECT true, text_hash, min(dup_group) FROM documents WHERE "
            "text_hash IN (SELECT unnest(?)) GROUP BY text_hash", [ids, hashes]).fetchall()
        existing = {key: value for by_hash, key, value in rows if not by_hash}
        groups = {key: value for by_hash, key, value in rows if by_hash}
        return existing, groups

    def _known_rejects(self, errors: list[dict[str, Any]]) -> set[tuple[Any, Any]]:
        ids = [e.get("id") for e in errors]
        if not ids:
            return set()
        rows = self.con.execute("SELECT doc_id, code FROM rejects WHERE doc_id IN "
                                "(SELECT unnest(?))", [ids]).fetchall()
        return {(r[0], r[1]) for r in rows}

    def _plan(self, records: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str],
                                                             dict[str, int], dict[str, str]]:
        """Which records to write, which stored ids they replace, the counts, and the text
        hash of each record written (by id; hashed once per record)."""
        good = [r for r in records if not r.get("error")]
        hash_of = {id(r): text_hash(r["text"]) for r in good}
        existing, groups = self._stored([r["id"] for r in good], list(hash_of.values()))
        counts = {"inputs": len(records), "stored": 0, "unchanged": 0, "updated": 0,
                  "rejected": 0}
        known = self._known_rejects([r for r in records if r.get("error")])
        write: list[dict[str, Any]] = []
        replace: list[str] = []
        hashes: dict[str, str] = {}
        for rec in records:
            if rec.get("error"):
                counts["rejected"] += 1
                key = (rec.get("id"), rec["error"].get("code"))
                if key not in known:
                    known.add(key)
                    write.append(rec)
                continue
            if rec["id"] in hashes or existing.get(rec["id"]) == rec.get("content_hash"):
                counts["unchanged"] += 1
                continue
            if rec["id"] in existing:
                replace.append(rec["id"])
                counts["updated"] += 1
            else:
                counts["stored"] += 1
            th = hashes[rec["id"]] = hash_of[id(rec)]
            group = groups.setdefault(th, rec.get("dup_group") or "g-" + th[:16])
            write.append(rec | {"dup_group": group})
        return write, replace, counts, hashes

    def write(self, records: list[dict[str, Any]], run_id: str) -> dict[str, int]:
        """Store a batch of records (and error records as rejects) in one transaction."""
        write, replace, counts, hashes = self._plan(records)
        tables = group_tables(write, run_id, lambda rec: hashes[rec["id"]])
        self.con.execute("BEGIN TRANSACTION")
        try:
            if replace:
                for table in ("documents", *ANNOTATION_TABLES):
                    key = "id" if table == "documents" else "doc_id"
                    self.con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT unnest(?))",
                                     [replace])
            for table, batch in tables.items():
                self._insert(table, batch)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return counts

    def _insert(self, table: str, batch: pa.Table) -> None:
        if self._in_order.get(table):  # the batch's columns are the table's, in its order
            self.con.from_arrow(batch).insert_into(table)  # no view to (un)register
            return
        self.con.register("_dateline_batch", batch)
        try:
            cols = ", ".join(f'"{c}"' for c in TABLE_COLUMNS[table])
            self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _dateline_batch")
        finally:
            self.con.unregister("_dateline_batch")

    # ---------------------------------------------------------------- reads
    def counts(self) -> dict[str, int]:
        """Row count of every table."""
        return {t: self.scalar(f"SELECT count(*) FROM {t}") for t in TABLES}

    def scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        """The first column of the first row of a query (None when there is no row)."""
        row = self.con.execute(sql, params or []).fetchone()
        return row[0] if row else None

    def get_record(self, doc_id: str) -> dict[str, Any] | None:
        """The stored ``dateline/1`` record of a document, with current groups and clusters."""
        row = self.con.execute("SELECT record, dup_group FROM documents WHERE id = ?",
                               [doc_id]).fetchone()
        if row is None:
            return None
        return self._current(json.loads(row[0]), row[1])

    def _current(self, rec: dict[str, Any], dup_group: str | None) -> dict[str, Any]:
        rec["dup_group"] = dup_group
        clusters = dict(self.con.execute("SELECT event_id, cluster FROM events WHERE doc_id = ?",
                                         [rec["id"]]).fetchall())
        for ev in rec.get("events") or []:
            ev["cluster"] = clusters.get(ev["id"], ev.get("cluster"))
        return rec

    def iter_records(self) -> Iterator[dict[str, Any]]:
        """Every stored record, in id order."""
        ids = [r[0] for r in self.con.execute("SELECT id FROM documents ORDER BY id").fetchall()]
        for doc_id in ids:
            rec = self.get_record(doc_id)
            if rec is not None:
                yield rec

    def rejects(self) -> list[dict[str, Any]]:
        """Every reject row, newest first."""
        cur = self.con.execute("SELECT doc_id, code, message, origin, rejected_at FROM rejects "
                               "ORDER BY rejected_at DESC")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def sql(self, query: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Run a read query; rows as dicts."""
        cur = self.con.execute(query, params or [])
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
