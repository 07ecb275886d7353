"""The command line: a thin layer over the Python API (``dateline.ingest``, ``dateline.store``).

The default database is ``dateline.duckdb`` in the current folder; ``--db`` or the
``DATELINE_DB_PATH`` variable point elsewhere.
"""
from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from dateline.config import load_settings
from dateline.errors import DatelineError
from dateline.ingest import estimate_inputs, iter_records
from dateline.ingest import ingest as run_ingest
from dateline.store.db import Store
from dateline.store.export import FORMATS, export_jsonl, export_table, summary
from dateline.store.query import EventFilter, query_events

app = typer.Typer(help="News pages to a sourced record of who did and said what, to whom, "
                       "when and where.", no_args_is_help=True, add_completion=False)
err = Console(stderr=True)
out = Console()

DbOpt = Annotated[str | None, typer.Option("--db", help="DuckDB file (default: "
                                           "$DATELINE_DB_PATH or ./dateline.duckdb)")]
StagesOpt = Annotated[list[str] | None, typer.Option(
    "--stages", help="Stages to run, e.g. 'extract' or 'nlp,entities,times' (default: all)")]
PublishedOpt = Annotated[str | None, typer.Option(
    "--published", help="YYYY-MM-DD, used when a document gives no date of its own")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="TOML settings file")]
MinConfidence = Annotated[float, typer.Option(
    "--min-confidence", min=0.0, max=1.0,
    help="only events whose confidence is at least this (for a PLOVER event, the calibrated "
         "chance that it is right); default 0: every stored event")]
MainOnly = Annotated[bool, typer.Option(
    "--main-only", help="only each sentence's main PLOVER event (the one whose trigger stands "
                        "highest in the parse; GDELT's root event): one act a sentence")]


def _settings(config: Path | None, db: str | None = None, **changes: object):
    settings = load_settings(config)
    return settings.replace(db_path=db, **changes)


def _fail(exc: Exception) -> NoReturn:
    err.print(f"[red]error:[/red] {exc}")
    raise typer.Exit(2)


@app.command()
def extract(paths: Annotated[list[str], typer.Argument(help="files, folders or globs")],
            published: PublishedOpt = None,
            url: Annotated[str | None, typer.Option(help="the page's URL")] = None,
            doc_id: Annotated[str | None, typer.Option("--id", help="document id")] = None,
            stages: StagesOpt = None,
            output: Annotated[Path | None, typer.Option("-o", "--output")] = None,
            workers: Annotated[int, typer.Option(help="worker processes")] = 1,
            config: ConfigOpt = None) -> None:
    """Print one dateline/1 JSON line per document (errors as error lines)."""
    settings = _settings(config)
    sink = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        for rec in iter_records(paths, settings, stages, published, url, doc_id, workers):
            sink.write(json.dumps(rec, ensure_ascii=False) + "\n")
    except DatelineError as exc:
        _fail(exc)
    finally:
        if output:
            sink.close()


def _print_summary(db: str, counts: dict[str, int], codes: dict[str, int],
                   tables: dict[str, int]) -> None:
    table = Table(title=f"ingest into {db}")
    keys = ("inputs", "stored", "updated", "unchanged", "skipped", "rejected")
    for key in keys:  # skipped: already done by this pipeline in an earlier run (resume)
        table.add_column(key, justify="right")
    table.add_row(*(str(counts.get(k, 0)) for k in keys))
    err.print(table)
    if codes:
        err.print("rejected: " + ", ".join(f"{c} x{n}" for c, n in sorted(codes.items())))
    err.print("rows: " + ", ".join(f"{t} {n}" for t, n in tables.items()))


def _ingest(paths: list[str], db: str, stages: list[str] | None, published: str | None,
            workers: int, config: Path | None, **engine: Any
            ) -> tuple[dict[str, int], dict[str, int]]:
    settings = _settings(config, db)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                  TextColumn("{task.completed} documents"), TimeElapsedColumn(),
                  TimeRemainingColumn(), console=err, transient=True) as progress:
        task = progress.add_task("ingesting", total=estimate_inputs(paths))
        summ = run_ingest(paths, db, settings, stages, published, workers,
                          on_batch=lambda c: progress.advance(task, c["inputs"]), **engine)
    _print_summary(db, summ.counts, summ.reject_codes, summ.table_counts)
    return summ.counts, summ.reject_codes


def _db(db: str | None, config: Path | None = None) -> str:
    return db or load_settings(config).db_path


@app.command()
def ingest(paths: Annotated[list[str] | None, typer.Argument(
               help="files, folders or globs")] = None,
           db: DbOpt = None, stages: StagesOpt = None, published: PublishedOpt = None,
           workers: Annotated[int, typer.Option(help="worker processes")] = 1,
           allow_rejects: Annotated[bool, typer.Option(
               help="exit 0 even when some inputs were rejected")] = False,
           config: ConfigOpt = None,
           server: Annotated[str | None, typer.Option(
               "--server", help="hand batches to a running `dateline serve --accept-ingest` "
               "at this URL (found automatically when it serves the same --db)")] = None,
           engine: Annotated[str, typer.Option(help="local (worker processes) or ray")]
           = "local",
           address: Annotated[str | None, typer.Option(
               help="Ray cluster address (with --engine ray; default: a local Ray)")] = None,
           resume: Annotated[bool, typer.Option(
               help="skip inputs this pipeline already stored or rejected in --db (a "
                    "killed ingest continues where it stopped)")] = True,
           reprocess_stale: Annotated[bool, typer.Option(
               help="also redo the inputs in --db that an older pipeline identity (version, "
                    "lexicons, trained weights, settings) finished")] = False,
           ) -> None:
    """Process inputs and store every record (and every reject) in the database."""
    from dateline.api.client import running_server

    paths = list(paths or [])
    if reprocess_stale:
        paths += _stale_files(_db(db, config), _settings(config), stages)
    if not paths:
        _fail(ValueError("nothing to ingest: give files, folders or globs"
                         + (" (no stale inputs found)" if reprocess_stale else "")))
    url = server or running_server(_db(db, config))
    try:
        if url:
            counts = _ingest_remote(paths, url, stages, published, workers, config)
        else:
            counts, _ = _ingest(paths, _db(db, config), stages, published, workers, config,
                                engine=engine, address=address, resume=resume)
    except DatelineError as exc:
        _fail(exc)
    if counts["rejected"] and not allow_rejects:
        err.print("[yellow]some inputs were rejected[/yellow] (see `dateline status`); "
                  "pass --allow-rejects to exit 0 anyway")
        raise typer.Exit(1)


def _stale(db: str, settings: Any, stages: list[str] | None) -> list[str]:
    from dateline.engines.manifest import stale_inputs
    from dateline.ingest import identity_key, pipeline_identity

    if not Path(db).is_file():
        return []
    with Store(db, read_only=True) as store:
        if not store.sql("SELECT 1 AS x FROM information_schema.tables WHERE table_name = "
                         "'manifest'"):
            return []
        return stale_inputs(store.con, identity_key(pipeline_identity(settings, stages)))


def _stale_files(db: str, settings: Any, stages: list[str] | None) -> list[str]:
    from dateline.engines.manifest import origin_file

    files = sorted({origin_file(o) for o in _stale(db, settings, stages)})
    missing = [f for f in files if not Path(f).exists()]
    if missing:
        err.print(f"[yellow]{len(missing)} stale input files are gone[/yellow] (e.g. "
                  f"{missing[0]}): their records stay as they are")
    return [f for f in files if Path(f).exists()]


def _ingest_remote(paths: list[str], url: str, stages: list[str] | None,
                   published: str | None, workers: int, config: Path | None) -> dict[str, int]:
    from dateline.api.serve import ingest_to_server

    run_id, counts = ingest_to_server(paths, url, _settings(config), stages, published, workers)
    err.print(f"handed to {url} (run {run_id}): " + ", ".join(f"{k} {v}" for k, v in
                                                              counts.items()))
    return counts


@app.command()
def serve(db: DbOpt = None,
          host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
          port: Annotated[int, typer.Option(help="TCP port")] = 8000,
          accept_ingest: Annotated[bool, typer.Option(
              help="own the database for writing and take `dateline ingest` batches "
                   "from this machine (default: read-only)")] = False) -> None:
    """Serve the HTTP API (JSON, CSV, JSONL, Parquet) and the web UI over the database."""
    from dateline.api.serve import run_server

    try:
        run_server(_db(db), host, port, accept_ingest)
    except DatelineError as exc:
        _fail(exc)


@app.command()
def demo(db: DbOpt = None, workers: Annotated[int, typer.Option()] = 1) -> None:
    """Ingest the bundled Wikinews corpus (CC BY 4.0) and print a summary."""
    corpus = resources.files("dateline.demo").joinpath("meantime_wikinews.jsonl")
    path = _db(db)
    with resources.as_file(corpus) as corpus_path:
        _ingest([str(corpus_path)], path, None, None, workers, None)
    with Store(path, read_only=True) as store:
        _print_overview(summary(store))
    err.print(f"\nNext: [bold]dateline serve --db {path}[/bold] to browse it, or "
              f"[bold]dateline query --db {path} --type CONCEDE[/bold].")


def _print_overview(info: dict) -> None:
    for key in ("event_types", "statuses", "actors", "rejects"):
        rows = info[key]
        if rows:
            first = next(iter(rows[0]))
            out.print(f"{key}: " + ", ".join(f"{r[first]} ({r['n']})" for r in rows))


@app.command()
def status(db: DbOpt = None) -> None:
    """Counts of stored rows, rejects by reason, and the last runs."""
    path = _db(db)
    with Store(path, read_only=True) as store:
        info = summary(store)
        out.print("tables: " + ", ".join(f"{t} {n}" for t, n in info["tables"].items()))
        for row in info["rejects"]:
            out.print(f"rejected {row['code']}: {row['n']}")
        for run in store.sql("SELECT run_id, started_at, inputs, stored, unchanged, updated, "
                             "rejected FROM runs ORDER BY started_at DESC LIMIT 5"):
            out.print(f"run {run['run_id']} {run['started_at']:%Y-%m-%d %H:%M}: "
                      f"{run['inputs']} inputs, {run['stored']} stored, {run['updated']} "
                      f"updated, {run['unchanged']} unchanged, {run['rejected']} rejected")
        _print_manifest(store)
    stale = _stale(path, load_settings(), None)
    if stale:
        out.print(f"stale: {len(stale)} inputs were finished by another pipeline identity "
                  "than this install's (dateline version, lexicons, trained weights, "
                  "settings, model or stages); `dateline ingest --reprocess-stale` redoes "
                  "them")
    _print_watch(path)


def _print_watch(path: str) -> None:
    from dateline.watch.command import print_sources
    from dateline.watch.state import open_state, state_path

    if not Path(state_path(path)).is_file():
        return
    try:
        con = open_state(path, read_only=True)
    except DatelineError as exc:  # a watch holds it during a cycle
        out.print(f"watch state: {exc}")
        return
    try:
        print_sources(con, out)
    finally:
        con.close()


def _print_manifest(store: Store) -> None:
    from dateline.engines.manifest import manifest_summary

    if not store.sql("SELECT 1 AS x FROM information_schema.tables WHERE table_name = "
                     "'manifest'"):
        return
    info = manifest_summary(store.con)
    out.print("inputs: " + (", ".join(f"{k} {v}" for k, v in info["status"].items())
                            or "none recorded"))
    for row in info["reasons"]:
        out.print(f"  rejected {row['code']} x{row['n']}: {row['example']}", soft_wrap=True)


@app.command()
def show(doc_id: str, db: DbOpt = None) -> None:
    """Print one stored document's dateline/1 record."""
    with Store(_db(db), read_only=True) as store:
        rec = store.get_record(doc_id)
    if rec is None:
        err.print(f"no document {doc_id!r}; `dateline query` lists stored ones")
        raise typer.Exit(1)
    out.print_json(json.dumps(rec, ensure_ascii=False))


@app.command()
def query(db: DbOpt = None,
          type: Annotated[str | None, typer.Option(help="PLOVER type")] = None,
          action: Annotated[str | None, typer.Option()] = None,
          status: Annotated[str | None, typer.Option(help="occurred, ordered, …")] = None,
          actor: Annotated[str | None, typer.Option(help="actor text or ISO3")] = None,
          country: Annotated[str | None, typer.Option()] = None,
          since: Annotated[str | None, typer.Option(help="event date from")] = None,
          until: Annotated[str | None, typer.Option(help="event date to")] = None,
          sort: Annotated[str | None, typer.Option(help="date, -date, type, …")] = None,
          limit: Annotated[int, typer.Option()] = 50,
          min_confidence: MinConfidence = 0.0,
          main_only: MainOnly = False,
          as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List stored events by type, status, actor, country and date."""
    flt = EventFilter(type=type, action=action, status=status, actor=actor, country=country,
                      since=since, until=until, min_confidence=min_confidence,
                      main_only=main_only)
    with Store(_db(db), read_only=True) as store:
        try:
            rows = query_events(store, flt, sort, limit)
        except ValueError as exc:
            _fail(exc)
    if as_json:
        for row in rows:
            out.print(json.dumps(row, default=str, ensure_ascii=False), soft_wrap=True)
        return
    cols = ("doc_id", "event_id", "date", "type", "action", "status", "source_text",
            "target_text", "trigger")
    table = Table()
    for col in cols:
        table.add_column(col)
    for row in rows:
        table.add_row(*(str(row.get(c) or "") for c in cols))
    out.print(table)


@app.command()
def export(format: Annotated[str, typer.Option(
               "--format", help="jsonl, csv, parquet, gdelt, acled or plover")] = "jsonl",
           table: Annotated[str, typer.Option(help="table for csv/parquet")] = "events",
           output: Annotated[Path | None, typer.Option("-o", "--output")] = None,
           min_confidence: MinConfidence = 0.0,
           main_only: MainOnly = False,
           db: DbOpt = None) -> None:
    """Export dateline/1 records (jsonl), a table (csv, parquet), or events in the GDELT 2.0,
    ACLED-style CSV or PLOVER/POLECAT-style JSON layouts (gdelt, acled, plover)."""
    from dateline.exports import EXPORTS, write_export

    if format in EXPORTS:
        with Store(_db(db), read_only=True) as store:
            sink = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
            n = write_export(store.con, format, sink, min_confidence, main_only)
            if output:
                sink.close()
        err.print(f"exported {n} events as {format}")
        return
    if format not in FORMATS:
        _fail(ValueError(f"unknown format {format!r}; choose from {', '.join(FORMATS)}"))
    with Store(_db(db), read_only=True) as store:
        if format == "jsonl":
            sink = output.open("w", encoding="utf-8") if output else sys.stdout
            n = export_jsonl(store, sink)
            if output:
                sink.close()
        else:
            if output is None:
                _fail(ValueError(f"--format {format} needs -o FILE"))
            n = export_table(store, table, format, output)
    err.print(f"exported {n} {'records' if format == 'jsonl' else table + ' rows'}")


from dateline.link.commands import followthrough_cmd, relink_cmd, storylines_cmd  # noqa: E402

app.command("storylines")(storylines_cmd)
app.command("followthrough")(followthrough_cmd)
app.command("relink")(relink_cmd)

from dateline.learn.commands import train_cmd  # noqa: E402

app.command("train")(train_cmd)


if __name__ == "__main__":
    app()

from dateline.watch.command import watch_cmd  # noqa: E402

app.command("watch")(watch_cmd)
