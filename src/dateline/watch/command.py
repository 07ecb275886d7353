"""``dateline watch``: follow feeds and sitemaps, once (for cron or a systemd timer) or every
N minutes in one process, keeping the store current.

The watch state (sources, queue, fetch log) lives beside the store in ``<db>.watch.duckdb``.
Records go to the store, or, while a ``dateline serve --accept-ingest`` owns it (DuckDB lets
one process write a file), to that server, which shows them at once.
"""
from __future__ import annotations

import re
import time
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.status import Status
from rich.table import Table

from dateline.api.client import running_server
from dateline.config import Settings, load_settings
from dateline.engines.pool import WorkerPool
from dateline.errors import DatelineError
from dateline.store.db import Store
from dateline.watch import state
from dateline.watch.cycle import CycleReport, Sink, run_cycle
from dateline.watch.politeness import PoliteClient
from dateline.watch.sinks import ServerSink, StoreSink
from dateline.watch.sources import Source, parse_sources

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
err = Console(stderr=True)


def parse_every(text: str) -> float:
    """Seconds in a period such as ``90s``, ``15m``, ``2h`` or ``1d`` (a bare number: s)."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text.lower())
    if not match or float(match.group(1)) <= 0:
        raise typer.BadParameter(f"{text!r}: give a period such as 90s, 15m, 2h or 1d")
    return float(match.group(1)) * UNITS[match.group(2) or "s"]


def summary_table(report: CycleReport, cycle: int) -> Table:
    """The per-source table printed after a cycle, with the cycle's totals as caption."""
    table = Table(title=f"watch cycle {cycle}")
    for col in ("source", "outcome", "new", "changed", "note"):
        table.add_column(col, justify="right" if col in ("new", "changed") else "left")
    for r in report.sources:
        table.add_row(r.label or r.url, r.outcome, str(r.new), str(r.changed), r.note[:80])
    table.caption = (", ".join(f"{k} {v}" for k, v in report.counts.items())
                     + " | queue " + (", ".join(f"{k} {v}" for k, v in report.queue.items())
                                      or "empty"))
    return table


def one_cycle(db: str, sources: Sequence[Source], settings: Settings, client: PoliteClient,
              max_per_run: int, stage_names: Sequence[str] | None, workers: int | None,
              status: Status | None = None, cycle: int = 1) -> CycleReport:
    """Open the state and the sink, run one cycle, close both (the store and the state are
    free between cycles)."""
    server = running_server(db)
    with ExitStack() as stack:  # workers fork before any DuckDB file opens (fork safety)
        pool = stack.enter_context(WorkerPool(settings, stage_names, workers or 1))
        con = state.open_state(db)
        stack.callback(con.close)
        client.log = lambda url, code, ms, size, note: state.log_request(
            con, url, url.split("/")[2] if "//" in url else url, code, ms, size, note)
        sink: Sink = (ServerSink(server, settings, stage_names) if server else
                      StoreSink(stack.enter_context(Store(db)), settings, stage_names))

        def progress(phase: str, info: dict[str, int]) -> None:
            if status is not None:
                status.update(f"cycle {cycle} · {len(sources)} sources · {phase} · queue "
                              + ", ".join(f"{k} {v}" for k, v in info.items()))

        try:
            return run_cycle(con, sources, client, sink, settings, max_per_run, stage_names,
                             workers, progress, pool)
        finally:
            client.log = None


def watch_cmd(
    sources: Annotated[list[str], typer.Argument(
        help="feed or sitemap URLs, or files listing them (one URL a line, then a label)")],
    db: Annotated[str | None, typer.Option(help="DuckDB file (default: ./dateline.duckdb)")]
    = None,
    every: Annotated[str, typer.Option(help="time between cycles: 90s, 15m, 2h")] = "15m",
    once: Annotated[bool, typer.Option(help="one cycle, then exit (for cron/systemd)")]
    = False,
    max_per_run: Annotated[int, typer.Option(help="articles fetched in one cycle at most")]
    = 1000,
    allow_host: Annotated[list[str] | None, typer.Option(
        "--allow-host", help="let this host (or host:port) past the public-address guard")]
    = None,
    stages: Annotated[list[str] | None, typer.Option("--stages")] = None,
    workers: Annotated[int, typer.Option(help="worker processes")] = 1,
    config: Annotated[Path | None, typer.Option("--config", help="TOML settings file")] = None,
) -> None:
    """Poll feeds and sitemaps, fetch new articles politely, store and link them."""
    base = load_settings(config)
    settings = base.replace(allow_fetch=True, fetch_allow_hosts=tuple(
        {*base.fetch_allow_hosts, *(h.lower() for h in allow_host or [])}))
    period = parse_every(every)
    path = db or settings.db_path
    try:
        followed = parse_sources(sources)
    except DatelineError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    client = PoliteClient(settings)
    cycle = 0
    while True:
        cycle += 1
        started = time.monotonic()
        try:
            with err.status(f"cycle {cycle} · {len(followed)} sources") as status:
                report = one_cycle(path, followed, settings, client, max_per_run, stages,
                                   workers, status, cycle)
        except DatelineError as exc:
            err.print(f"[red]cycle {cycle} failed:[/red] {exc}")
            if once:
                raise typer.Exit(2) from exc
        else:
            err.print(summary_table(report, cycle))
        if once:
            return
        time.sleep(max(0.0, period - (time.monotonic() - started)))


def print_sources(con: Any, console: Console) -> None:
    """The `status` lines for watched sources (nothing when the store watches none)."""
    for row in state.source_report(con):
        ok = f"{row['last_success']:%Y-%m-%d %H:%M}" if row["last_success"] else "never"
        line = (f"source {row['label'] or row['source_url']}: last success {ok}, "
                f"{row['found']} found, {row['stored']} stored")
        if row["last_error"]:
            line += f"; last error {row['last_error_at']:%Y-%m-%d %H:%M}: {row['last_error']}"
        console.print(line, soft_wrap=True)
