"""CLI commands over the link tables: ``dateline storylines``, ``followthrough`` and ``relink``.

Plain Typer-compatible functions, registered in ``dateline.cli``; they read the store and
print Rich tables, or JSON lines with ``--json``.
"""
from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from dateline.link import relink
from dateline.link.followthrough import read_followthrough
from dateline.store.db import Store

out = Console()
DbOpt = Annotated[str | None, typer.Option("--db", help="DuckDB file (default: "
                                           "$DATELINE_DB_PATH or ./dateline.duckdb)")]
JsonOpt = Annotated[bool, typer.Option("--json", help="one JSON object a line")]

STORYLINE_SQL = """
SELECT s.storyline, s.cluster, s.source_key, s.action, s.target_key, c.type, c.mentions,
       c.documents, c.first_report, f.status
FROM link_storylines s JOIN event_clusters c USING (cluster)
LEFT JOIN link_followthrough f USING (cluster)
WHERE (? IS NULL OR upper(s.source_key) = upper(?) OR s.source_key ILIKE ?)
ORDER BY s.source_key, s.action, s.storyline, c.first_report, s.cluster
"""


def _open(db: str | None) -> Store:
    """The store, read-only; a clear exit when it predates the link tables."""
    store = Store(_db(db), read_only=True)
    have = {r["table_name"] for r in store.sql("SELECT table_name FROM information_schema.tables")}
    if not {"link_storylines", "link_followthrough", "event_clusters"} <= have:
        store.close()
        Console(stderr=True).print("this database has no link tables yet: run "
                                   "[bold]dateline relink --db FILE[/bold] first")
        raise typer.Exit(1)
    return store


def _db(db: str | None) -> str:
    if db:
        return db
    from dateline.config import load_settings

    return load_settings(None).db_path


def storylines_cmd(db: DbOpt = None,
                   actor: Annotated[str | None, typer.Option(help="source ISO3 or text")] = None,
                   as_json: JsonOpt = False) -> None:
    """List storylines: chains of event clusters sharing actor and action over time."""
    with _open(db) as store:
        rows = store.sql(STORYLINE_SQL, [actor, actor, actor])
    if as_json:
        for row in rows:
            out.print(json.dumps(row, default=str, ensure_ascii=False), soft_wrap=True)
        return
    table = Table(title="storylines")
    cols = ("storyline", "source_key", "action", "target_key", "first_report", "cluster",
            "type", "mentions", "documents", "status")
    for col in cols:
        table.add_column(col)
    for row in rows:
        table.add_row(*(str(row.get(c) if row.get(c) is not None else "") for c in cols))
    out.print(table)


def followthrough_cmd(db: DbOpt = None,
                      actor: Annotated[str | None, typer.Option(help="source ISO3 or text")
                                       ] = None,
                      type: Annotated[str | None, typer.Option(help="type or action, e.g. "
                                                               "RETREAT")] = None,
                      as_json: JsonOpt = False,
                      include_other: Annotated[bool, typer.Option(
                          "--include-other", help="also announcements of OTHER acts")
                                               ] = False) -> None:
    """Say-do: has each announced, ordered, promised or threatened act been carried out?"""
    with _open(db) as store:
        recs = read_followthrough(store.con, actor, type, plover=not include_other)
    if as_json:
        for rec in recs:
            out.print(json.dumps(rec, ensure_ascii=False), soft_wrap=True)
        return
    table = Table(title="follow-through")
    for col in ("announced", "source", "type", "action", "target", "status", "as_of",
                "evidence", "repeats", "cluster"):
        table.add_column(col)
    for r in recs:
        roles: dict[str, int] = {}
        for ev in r["evidence"]:
            roles[ev["role"]] = roles.get(ev["role"], 0) + 1
        table.add_row(r["announced"] or "", _who(r["source"]), r["type"], r["action"],
                      _who(r["target"]), r["status"], r["as_of"] or "",
                      ", ".join(f"{k} {v}" for k, v in sorted(roles.items())),
                      str(len(r["repeats"])), r["cluster"])
    out.print(table)


def _who(actor: dict | None) -> str:
    if not actor:
        return ""
    return actor.get("country") or actor.get("text") or ""


def relink_cmd(db: DbOpt = None,
               full: Annotated[bool, typer.Option(help="rebuild every cluster")] = False
               ) -> None:
    """Link documents not yet linked (or, with --full, rebuild all clusters and storylines)."""
    with Store(_db(db)) as store:
        counts = relink(store, None) if full else relink(store, _unlinked(store))
    out.print(", ".join(f"{k} {v}" for k, v in counts.items()))


def _unlinked(store: Store) -> list[str]:
    rows = store.sql("SELECT DISTINCT doc_id FROM events WHERE cluster IS NULL UNION "
                     "SELECT id FROM documents WHERE id NOT IN "
                     "(SELECT doc_id FROM link_signatures)")
    return sorted(r["doc_id"] for r in rows)
