"""One watch cycle: read every source, queue new and changed article URLs, fetch them
politely, run the pipeline over what was fetched, write the records and relink.

The queue lives in DuckDB (``watch.state``): a body is kept once fetched and dropped once its
record is stored, so a cycle killed at any point is carried on by the next one with nothing
lost and no page fetched again (bar the one request in flight when it died).
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from dateline.config import Settings
from dateline.engines.local import batched, run_batches
from dateline.engines.pool import WorkerPool
from dateline.errors import DatelineError
from dateline.model import RawDoc
from dateline.sources.encoding import content_type_charset, decode_bytes
from dateline.sources.ids import content_hash, doc_id_for
from dateline.watch import state
from dateline.watch.politeness import PoliteClient, Throttled
from dateline.watch.sources import Source, SourceError, parse_listing

MAX_SITEMAPS = 20  # nested sitemaps read from one sitemap index in one cycle
TRANSIENT = {"network", "throttled", "http_5xx"}
Progress = Callable[[str, dict[str, int]], None]


class Sink(Protocol):
    """Where a cycle's records go: the local store, or a server that owns it."""

    def write(self, records: list[dict[str, Any]]) -> dict[str, int]:
        """Store one batch; return its counts (stored, updated, unchanged, rejected)."""
        ...

    def close(self, counts: dict[str, int]) -> None:
        """End the run (and link what it wrote)."""
        ...


@dataclass
class SourceResult:
    """What one source gave in a cycle."""

    url: str
    label: str
    outcome: str  # read, unchanged (304) or error
    new: int = 0
    changed: int = 0
    note: str = ""


@dataclass
class CycleReport:
    """What one cycle did: per source, and counts of fetches and records."""

    sources: list[SourceResult] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("fetched", "fetch_failed", "stored", "updated", "unchanged", "rejected"), 0))
    queue: dict[str, int] = field(default_factory=dict)


def _read_source(con: Any, client: PoliteClient, source: Source, settings: Settings
                 ) -> SourceResult:
    result = SourceResult(source.url, source.label, "read")
    todo, seen = [source.url], 0
    while todo and seen <= MAX_SITEMAPS:
        url = todo.pop(0)
        seen += 1
        headers = state.validators(con, url) if url == source.url else {}
        got = client.get(url, headers)
        if got.status == 304:
            result.outcome = "unchanged"
            state.source_ok(con, source.url, None, None, None, 0)
            continue
        if got.status != 200:
            raise SourceError(f"{url}: HTTP {got.status}", code=f"http_{got.status}")
        listing = parse_listing(got.body, got.url, settings.watch_max_new)
        todo.extend(listing.sitemaps[:MAX_SITEMAPS])
        new, changed = state.enqueue(con, source.url, listing.entries)
        result.new, result.changed = result.new + new, result.changed + changed
        if listing.total > len(listing.entries) and listing.kind != "sitemapindex":
            result.note = (f"lists {listing.total} entries; took the first "
                           f"{len(listing.entries)} (watch_max_new)")
            state.source_failed(con, source.url, result.note)
        state.source_ok(con, source.url, listing.kind,
                        got.headers.get("etag") if url == source.url else None,
                        got.headers.get("last-modified") if url == source.url else None, new)
    return result


def read_sources(con: Any, client: PoliteClient, sources: Sequence[Source],
                 settings: Settings, report: CycleReport, progress: Progress | None) -> None:
    """Read every source; a source that fails is noted and the others go on."""
    for source in sources:
        state.add_source(con, source)
        try:
            result = _read_source(con, client, source, settings)
        except DatelineError as exc:
            result = SourceResult(source.url, source.label, "error", note=f"{exc.code}: {exc}")
            state.source_failed(con, source.url, result.note)
        report.sources.append(result)
        if progress:
            progress("sources", {"sources": len(report.sources)})


def _fetch_one(con: Any, client: PoliteClient, url: str) -> float | None:
    """Fetch one queued URL; return the seconds to wait before retrying it, if throttled."""
    try:
        got = client.get(url)
    except Throttled as exc:
        state.mark_failed(con, url, exc.code, str(exc), retry_in_s=exc.wait_s)
        return exc.wait_s
    except DatelineError as exc:
        retry = 60.0 if exc.code in TRANSIENT else None
        state.mark_failed(con, url, exc.code, str(exc), retry_in_s=retry)
        return None
    if 200 <= got.status < 300:
        state.mark_fetched(con, url, got.body, got.url, got.content_type)
    else:
        code = "http_5xx" if got.status >= 500 else f"http_{got.status}"
        state.mark_failed(con, url, code, f"{url}: HTTP {got.status}",
                          retry_in_s=60.0 if got.status >= 500 else None)
    return None


def fetch_queued(con: Any, client: PoliteClient, limit: int, settings: Settings,
                 report: CycleReport, progress: Progress | None) -> None:
    """Fetch up to ``limit`` queued URLs; throttled ones are retried once within the cycle
    when the host's wait is short (``watch_max_wait_s``)."""
    retry: list[tuple[float, str]] = []
    for row in state.due(con, "queued", limit):
        wait = _fetch_one(con, client, row["url"])
        if wait is not None and wait <= settings.watch_max_wait_s:
            retry.append((time.monotonic() + wait, row["url"]))
        _tally(con, row["url"], report)
        if progress:
            progress("fetch", state.queue_counts(con))
    for when, url in sorted(retry):
        time.sleep(max(0.0, when - time.monotonic()))
        _fetch_one(con, client, url)
        _tally(con, url, report)


def _tally(con: Any, url: str, report: CycleReport) -> None:
    row = con.execute("SELECT status FROM watch_queue WHERE url = ?", [url]).fetchone()
    key = {"fetched": "fetched", "failed": "fetch_failed"}.get(row[0] if row else "")
    if key:
        report.counts[key] += 1


def _raw_doc(row: dict[str, Any], settings: Settings) -> RawDoc:
    body = row["body"] or b""
    text, encoding = decode_bytes(body, content_type_charset(row["content_type"] or ""),
                                  settings)
    kind = "page_text" if (row["content_type"] or "").startswith("text/plain") else "html"
    return RawDoc(id=doc_id_for(url=row["url"]), kind=kind, content=text, url=row["url"],
                  published_default=row["published"], title=row["title"],
                  origin=row["url"], encoding=encoding, content_hash=content_hash(body),
                  fetched=str(row["updated_at"]))


def process_fetched(con: Any, sink: Sink, settings: Settings,
                    stage_names: Sequence[str] | None, workers: int | None,
                    report: CycleReport, progress: Progress | None,
                    pool: WorkerPool | None = None) -> None:
    """Run the pipeline over every fetched body, write the records, close the queue rows."""
    urls = [r[0] for r in con.execute("SELECT url FROM watch_queue WHERE status = 'fetched' "
                                      "ORDER BY first_seen, url").fetchall()]
    by_id: dict[str, list[str]] = {}

    def docs() -> Iterator[RawDoc]:
        for url in urls:
            rows = state.rows(con, "SELECT * FROM watch_queue WHERE url = ?", [url])
            if rows and rows[0]["status"] == "fetched":
                doc = _raw_doc(rows[0], settings)
                by_id.setdefault(doc.id, []).append(url)
                yield doc

    for records in run_batches(batched(docs(), settings.batch_size), settings, stage_names,
                               workers, pool=pool):
        counts = sink.write(records)
        for key in ("stored", "updated", "unchanged", "rejected"):
            report.counts[key] += counts.get(key, 0)
        for rec in records:
            for url in by_id.pop(rec["id"], []):
                if rec.get("error"):
                    err = rec["error"]
                    state.mark_failed(con, url, err.get("code", "error"),
                                      err.get("message", ""))
                else:
                    state.mark_stored(con, url, rec["id"])
        if progress:
            progress("process", state.queue_counts(con))


def run_cycle(con: Any, sources: Sequence[Source], client: PoliteClient, sink: Sink,
              settings: Settings, max_per_run: int, stage_names: Sequence[str] | None = None,
              workers: int | None = None, progress: Progress | None = None,
              pool: WorkerPool | None = None) -> CycleReport:
    """One whole cycle (sources, fetches, pipeline, store, relink); see the module doc."""
    report = CycleReport()
    read_sources(con, client, sources, settings, report, progress)
    fetch_queued(con, client, max_per_run, settings, report, progress)
    process_fetched(con, sink, settings, stage_names, workers, report, progress, pool)
    sink.close(report.counts)
    report.queue = state.queue_counts(con)
    return report
