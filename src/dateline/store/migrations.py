"""Named schema migrations, applied in order and recorded in the ``migrations`` table."""
from __future__ import annotations

from importlib import resources
from typing import Any

MIGRATIONS: list[tuple[str, str]] = [
    ("001_initial", "schema.sql"),
    ("002_manifest", "manifest.sql"),  # inputs and their status, for resumable ingests
    ("002_links", "links.sql"),
    # a sentence's main PLOVER event (dateline.events.salience); null in rows stored before
    ("003_event_main", "ALTER TABLE events ADD COLUMN IF NOT EXISTS main BOOLEAN"),
]
# `dateline watch` keeps its state (sources, URL queue, fetch log) in its own DuckDB file
# beside the store, so a `dateline serve` that owns the store never blocks it.
WATCH_MIGRATIONS: list[tuple[str, str]] = [
    ("001_watch", "watch.sql"),
]


def _sql(name: str) -> str:
    return resources.files("dateline.store").joinpath(name).read_text(encoding="utf-8")


def migrate(con: Any, migrations: list[tuple[str, str]] | None = None) -> list[str]:
    """Apply every migration not yet recorded; return the names applied now."""
    con.execute("CREATE TABLE IF NOT EXISTS migrations (name VARCHAR PRIMARY KEY, "
                "applied_at TIMESTAMP DEFAULT current_timestamp)")
    done = {row[0] for row in con.execute("SELECT name FROM migrations").fetchall()}
    applied = []
    for name, source in MIGRATIONS if migrations is None else migrations:
        if name in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(_sql(source) if source.endswith(".sql") else source)
            con.execute("INSERT INTO migrations (name) VALUES (?)", [name])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied
