"""Fetch overhead of `dateline watch`: one cycle over local feeds vs `ingest` of the same pages.

    .venv/bin/python benchmarks/watch.py [--articles 1000] [--feeds 50] [--runs 1]

The pages are the bundled Wikinews demo articles (repeated, each with its own line so no two
pages are equal) written as HTML files, served with their feeds by a loopback
``http.server``. "ingest" is ``dateline.ingest.ingest`` of the HTML files into a fresh store;
"watch" is one cycle of ``dateline watch`` (read every feed, fetch every page, pipeline,
store, relink) into another, with no pacing delay (one host serves everything here; real
sites get ``watch_delay_s``). Models are warmed first. Last line:
``watch: ingest_articles_per_s=... watch_articles_per_s=... ratio=...``.
"""
from __future__ import annotations

import argparse
import functools
import html
import json
import statistics
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path

from rich.console import Console

from dateline.config import Settings
from dateline.engines.pool import cached_pipeline
from dateline.ingest import ingest
from dateline.watch.command import one_cycle
from dateline.watch.politeness import PoliteClient
from dateline.watch.sources import Source

console = Console(stderr=True)


def write_site(root: Path, articles: int, feeds: int) -> list[str]:
    """Article pages under ``news/`` and ``feeds`` RSS files listing them; feed paths."""
    demo = resources.files("dateline.demo").joinpath("meantime_wikinews.jsonl")
    rows = [json.loads(line) for line in demo.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    (root / "news").mkdir(parents=True)
    (root / "feeds").mkdir()
    items: list[list[str]] = [[] for _ in range(feeds)]
    for i in range(articles):
        row = rows[i % len(rows)]
        paras = "".join(f"<p>{html.escape(p)}</p>" for p in row["text"].split("\n") if p)
        (root / "news" / f"{i}.html").write_text(
            f"<html><head><title>{html.escape(row['title'])}</title></head><body><article>"
            f"<h1>{html.escape(row['title'])}</h1>{paras}<p>Page {i} of the benchmark.</p>"
            "</article></body></html>", encoding="utf-8")
        items[i % feeds].append(f"<item><title>{i}</title><link>/news/{i}.html</link>"
                                f"<pubDate>Mon, 01 Mar 2021 10:00:00 GMT</pubDate></item>")
    paths = []
    for f, feed in enumerate(items):
        (root / "feeds" / f"{f}.xml").write_text(
            f"<?xml version='1.0'?><rss version='2.0'><channel><title>{f}</title>"
            + "".join(feed) + "</channel></rss>", encoding="utf-8")
        paths.append(f"/feeds/{f}.xml")
    return paths


class QuietHandler(SimpleHTTPRequestHandler):
    """A static file handler that does not log every request."""

    def log_message(self, *args: object) -> None:
        """Silence the per-request log."""


def serve(root: Path) -> ThreadingHTTPServer:
    """Serve ``root`` on a free loopback port in a daemon thread."""
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    """Time both runs and print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    settings = Settings(batch_size=32)
    cached_pipeline(settings, None)  # warm the models (forked workers inherit them)
    ingest_rates, watch_rates = [], []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site"
        feeds = write_site(root, args.articles, args.feeds)
        server = serve(root)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        wset = settings.replace(allow_fetch=True, watch_delay_s=0.0,
                                fetch_allow_hosts=(base.split("//")[1],))
        for run in range(args.runs):
            start = time.perf_counter()
            summ = ingest([str(root / "news")], Path(tmp) / f"ingest{run}.duckdb", settings)
            ingest_rates.append(summ.counts["stored"] / (time.perf_counter() - start))
            start = time.perf_counter()
            report = one_cycle(str(Path(tmp) / f"watch{run}.duckdb"),
                               [Source(base + f) for f in feeds], wset, PoliteClient(wset),
                               max_per_run=args.articles, stage_names=None, workers=None)
            watch_rates.append(report.counts["stored"] / (time.perf_counter() - start))
            console.print(f"run {run + 1}: ingest {summ.counts['stored']} stored, "
                          f"{ingest_rates[-1]:.1f}/s; watch {report.counts['stored']} stored "
                          f"({report.counts['fetched']} fetched), {watch_rates[-1]:.1f}/s")
        server.shutdown()
    i_rate, w_rate = statistics.median(ingest_rates), statistics.median(watch_rates)
    print(f"watch: articles={args.articles} feeds={args.feeds} "
          f"ingest_articles_per_s={i_rate:.2f} watch_articles_per_s={w_rate:.2f} "
          f"ratio={w_rate / i_rate:.2f}")


if __name__ == "__main__":
    main()
