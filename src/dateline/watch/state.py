"""The watch state: sources, the URL queue and the fetch log, in ``<db>.watch.duckdb`` beside
the store (migration ``001_watch``), so a server that owns the store never blocks the watch.

Every change is its own statement, committed at once, so a cycle killed at any point leaves
rows that say exactly where each URL stood: ``queued`` (to fetch), ``fetched`` (body kept,
to process), ``stored`` or ``failed``.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from dateline.errors import StoreError
from dateline.store.migrations import WATCH_MIGRATIONS, migrate
from dateline.watch.sources import Entry, Source

MAX_ATTEMPTS = 3  # transient failures (network, 5xx, throttled) before a URL is given up


def state_path(db: str | Path) -> str:
    """The watch state file of a store."""
    return f"{db}.watch.duckdb"


def open_state(db: str | Path, read_only: bool = False) -> Any:
    """A connection to a store's watch state, migrated to the current schema."""
    path = state_path(db)
    try:
        con = duckdb.connect(path, read_only=read_only)
    except duckdb.Error as exc:
        raise StoreError(f"cannot open {path}: {exc}. Another `dateline watch` may be in a "
                         "cycle on the same store", code="locked") from exc
    if not read_only:
        migrate(con, WATCH_MIGRATIONS)
    return con


def now() -> datetime:
    """The current UTC time, naive, as the store keeps timestamps."""
    return datetime.now(UTC).replace(tzinfo=None)


def rows(con: Any, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    """The rows of a query as dicts."""
    cur = con.execute(sql, params or [])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def add_source(con: Any, source: Source) -> None:
    """Register a source (keeping its validators and tallies if it is known)."""
    con.execute("INSERT INTO watch_sources (source_url, label, found, stored) "
                "VALUES (?, ?, 0, 0) ON CONFLICT (source_url) DO UPDATE SET "
                "label = coalesce(nullif(excluded.label, ''), watch_sources.label)",
                [source.url, source.label])


def validators(con: Any, url: str) -> dict[str, str]:
    """The conditional-GET headers for a source from its last successful read."""
    row = con.execute("SELECT etag, last_modified FROM watch_sources WHERE source_url = ?",
                      [url]).fetchone()
    headers = {}
    if row and row[0]:
        headers["If-None-Match"] = row[0]
    if row and row[1]:
        headers["If-Modified-Since"] = row[1]
    return headers


def source_ok(con: Any, url: str, kind: str | None, etag: str | None,
              last_modified: str | None, found: int) -> None:
    """A source read (or unchanged, 304): keep its validators, count what it listed anew."""
    con.execute("UPDATE watch_sources SET last_checked = ?, last_success = ?, "
                "kind = coalesce(?, kind), etag = coalesce(?, etag), "
                "last_modified = coalesce(?, last_modified), found = found + ? "
                "WHERE source_url = ?", [now(), now(), kind, etag, last_modified, found, url])


def source_failed(con: Any, url: str, message: str) -> None:
    """A source that could not be read this cycle: note the error, keep the rest."""
    con.execute("UPDATE watch_sources SET last_checked = ?, last_error = ?, last_error_at = ? "
                "WHERE source_url = ?", [now(), message[:1000], now(), url])


def enqueue(con: Any, source_url: str, entries: Iterable[Entry]) -> tuple[int, int]:
    """Queue unseen URLs, and seen ones whose feed entry changed; return (new, changed).

    One lookup for the whole listing, then one bulk insert and one bulk update (Arrow)."""
    listed = list({e.url: e for e in entries}.values())
    known = {url: (version, status) for url, version, status in con.execute(
        "SELECT url, entry_version, status FROM watch_queue WHERE url IN (SELECT unnest(?))",
        [[e.url for e in listed]]).fetchall()} if listed else {}
    new = [e for e in listed if e.url not in known]
    changed = [e for e in listed if e.url in known and known[e.url][0] != e.version
               and known[e.url][1] in ("stored", "failed")]
    at = now()
    if new:
        con.register("_watch_new", pa.table({
            "url": [e.url for e in new], "entry_version": [e.version for e in new],
            "published": [e.published for e in new], "title": [e.title for e in new]}))
        try:
            con.execute("INSERT INTO watch_queue (url, source_url, entry_version, published, "
                        "title, status, attempts, first_seen, updated_at) SELECT url, ?, "
                        "entry_version, published, title, 'queued', 0, ?, ? FROM _watch_new",
                        [source_url, at, at])
        finally:
            con.unregister("_watch_new")
    if changed:
        con.register("_watch_changed", pa.table({
            "url": [e.url for e in changed], "entry_version": [e.version for e in changed],
            "published": [e.published for e in changed],
            "title": [e.title for e in changed]}))
        try:
            con.execute("UPDATE watch_queue SET entry_version = c.entry_version, published = "
                        "c.published, title = c.title, status = 'queued', attempts = 0, "
                        "code = NULL, message = NULL, not_before = NULL, updated_at = ? "
                        "FROM _watch_changed c WHERE watch_queue.url = c.url", [at])
        finally:
            con.unregister("_watch_changed")
    return len(new), len(changed)


def due(con: Any, status: str, limit: int) -> list[dict[str, Any]]:
    """Queue rows in ``status`` whose time has come, oldest first."""
    return rows(con, "SELECT * FROM watch_queue WHERE status = ? AND (not_before IS NULL OR "
                 "not_before <= ?) ORDER BY first_seen, url LIMIT ?", [status, now(), limit])


def mark_fetched(con: Any, url: str, body: bytes, final_url: str, content_type: str) -> None:
    """Keep a fetched body until its record is stored (a kill then costs no refetch)."""
    con.execute("UPDATE watch_queue SET status = 'fetched', body = ?, final_url = ?, "
                "content_type = ?, attempts = attempts + 1, updated_at = ? WHERE url = ?",
                [body, final_url, content_type, now(), url])


def mark_failed(con: Any, url: str, code: str, message: str, retry_in_s: float | None = None
                ) -> None:
    """A URL that failed: retried later (``retry_in_s``) until MAX_ATTEMPTS, else failed."""
    row = con.execute("SELECT attempts FROM watch_queue WHERE url = ?", [url]).fetchone()
    attempts = (row[0] if row else 0) + 1
    retry = retry_in_s is not None and attempts < MAX_ATTEMPTS
    con.execute("UPDATE watch_queue SET status = ?, attempts = ?, code = ?, message = ?, "
                "body = NULL, not_before = ?, updated_at = ? WHERE url = ?",
                ["queued" if retry else "failed", attempts, code, message[:1000],
                 now() + timedelta(seconds=retry_in_s or 0) if retry else None, now(), url])


def mark_stored(con: Any, url: str, doc_id: str) -> None:
    """A URL whose record is in the store: drop its body and count it for its source."""
    con.execute("UPDATE watch_queue SET status = 'stored', doc_id = ?, body = NULL, "
                "code = NULL, message = NULL, updated_at = ? WHERE url = ?",
                [doc_id, now(), url])
    con.execute("UPDATE watch_sources SET stored = stored + 1 WHERE source_url = "
                "(SELECT source_url FROM watch_queue WHERE url = ?)", [url])


def log_request(con: Any, url: str, host: str, status: int, ms: float, size: int,
                note: str) -> None:
    """One line of the fetch log."""
    con.execute("INSERT INTO watch_log VALUES (?, ?, ?, ?, ?, ?, ?)",
                [now(), url, host, status, ms, size, note])


def queue_counts(con: Any) -> dict[str, int]:
    """How many URLs stand in each status."""
    return dict(con.execute("SELECT status, count(*) FROM watch_queue GROUP BY status "
                            "ORDER BY status").fetchall())


def source_report(con: Any) -> list[dict[str, Any]]:
    """Each source with its last success, last error, and articles found and stored."""
    return rows(con, "SELECT source_url, label, kind, last_success, last_error, "
                 "last_error_at, found, stored FROM watch_sources ORDER BY source_url")
