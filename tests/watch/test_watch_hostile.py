"""Bad sources each give a clear error with bounded work while the good source goes on, and a
watch killed with SIGKILL mid-cycle is carried on by the next run with nothing lost or
fetched twice (as ROBUSTNESS.md row 13 asks of ingest)."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import duckdb
import pytest
from watch.site import Site, article_page, demo_articles, rss, start

from dateline.config import Settings
from dateline.watch.command import one_cycle
from dateline.watch.politeness import PoliteClient
from dateline.watch.sources import Source

pytestmark = pytest.mark.slow
DATE = "Mon, 01 Mar 2021 10:00:00 GMT"


@pytest.fixture
def site():
    """A fresh loopback site."""
    s = start(Site())
    yield s
    assert s.server is not None
    s.server.shutdown()


def _settings(site: Site, **changes) -> Settings:
    port = site.base.rsplit(":", 1)[1]
    return Settings(allow_fetch=True, fetch_allow_hosts=(f"127.0.0.1:{port}",),
                    watch_delay_s=0.0, **changes)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _endless(req) -> None:
    req.send_response(200)
    req.send_header("Content-Type", "text/html")
    req.end_headers()
    chunk = b"<p>" + b"x" * 65_530 + b"</p>"
    for _ in range(10 * 2**30 // len(chunk)):  # "10 GB", until the client hangs up
        req.wfile.write(chunk)


def _loop(target: str):
    def handle(req) -> None:
        req.send_response(302)
        req.send_header("Location", target)
        req.end_headers()
    return handle


def test_six_bad_sources_fail_clearly_and_the_good_one_goes_on(site, tmp_path):
    rows = demo_articles(2)
    for i in range(2):
        site.page(f"/news/{i}", article_page(rows[i]))
    site.page("/good.xml", rss(site.base, [(f"/news/{i}", str(i), DATE) for i in range(2)]
                               + [("/huge", "huge", DATE)]))
    site.routes["/huge"] = _endless
    site.page("/broken.xml", b"<?xml version='1.0'?><rss><channel><item><title>x</titl")
    site.page("/page.html", b"<!DOCTYPE html><html><head><meta charset=utf-8><title>Home"
                            b"</title></head><body><p>Welcome<br></body></html>")
    site.routes["/loop/a"] = _loop("/loop/b")
    site.routes["/loop/b"] = _loop("/loop/a")
    many = [(f"/n/{i}", "t", DATE) for i in range(100_000)]
    site.page("/many.xml", rss(site.base, many))
    dead = f"http://127.0.0.1:{_free_port()}/feed.xml"
    sources = [Source(site.base + "/good.xml", "good"), Source(dead, "dead"),
               Source(site.base + "/broken.xml", "broken"),
               Source(site.base + "/page.html", "html"),
               Source(site.base + "/loop/a", "loop"), Source(site.base + "/many.xml", "many")]
    settings = _settings(site, watch_max_new=50).replace(
        fetch_allow_hosts=(f"127.0.0.1:{site.base.rsplit(':', 1)[1]}",
                           f"127.0.0.1:{dead.split(':')[2].split('/')[0]}"))
    db = str(tmp_path / "w.duckdb")
    started = time.monotonic()
    report = one_cycle(db, sources, settings, PoliteClient(settings), max_per_run=13,
                       stage_names=None, workers=1)
    assert time.monotonic() - started < 120
    outcome = {r.label: (r.outcome, r.note.split(":")[0]) for r in report.sources}
    assert outcome["good"] == ("read", "")
    assert outcome["dead"] == ("error", "network")
    assert outcome["broken"] == ("error", "malformed_xml")
    assert outcome["html"] == ("error", "not_a_feed")
    assert outcome["loop"] == ("error", "redirect_loop")
    many = next(r for r in report.sources if r.label == "many")
    assert many.new == 50 and "lists 100000 entries" in many.note
    with duckdb.connect(db + ".watch.duckdb", read_only=True) as con:
        queue = dict(con.execute("SELECT url, coalesce(code, status) FROM watch_queue"
                                 ).fetchall())
        errors = dict(con.execute("SELECT label, last_error FROM watch_sources").fetchall())
    with duckdb.connect(db, read_only=True) as con:
        stored = {r[0] for r in con.execute("SELECT url FROM documents").fetchall()}
    assert queue[site.base + "/huge"] == "too_large"
    assert stored == {f"{site.base}/news/{i}" for i in range(2)}
    assert len(queue) == 3 + 50
    assert sum(1 for v in queue.values() if v == "http_404") == 10  # max_per_run bounds work
    assert "HTML page" in errors["html"] and "redirects" in errors["loop"]


def _watch_cmd(site: Site, db) -> list[str]:
    port = site.base.rsplit(":", 1)[1]
    return [sys.executable, "-c", "from dateline.cli import app; app()", "watch",
            site.base + "/feed.xml", "--db", str(db), "--once", "--allow-host",
            f"127.0.0.1:{port}", "--stages", "extract,nlp"]


def _slow_page(body: bytes):
    def handle(req) -> None:
        time.sleep(0.2)
        req.send_response(200)
        req.send_header("Content-Type", "text/html")
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        req.wfile.write(body)
    return handle


def _kill_when(proc: subprocess.Popen, ready, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None and not ready():
        time.sleep(0.02)
    if proc.poll() is None:  # the whole session, as a crash takes it: no orphaned workers
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def _statuses(db) -> dict[str, int]:
    with duckdb.connect(f"{db}.watch.duckdb", read_only=True) as con:
        return dict(con.execute("SELECT status, count(*) FROM watch_queue GROUP BY 1"
                                ).fetchall())


def test_kill_9_mid_cycle_loses_nothing_and_fetches_nothing_twice(site, tmp_path):
    n = 8
    rows = demo_articles(n)
    for i in range(n):
        site.routes[f"/news/{i}"] = _slow_page(article_page(rows[i]))
    site.page("/feed.xml", rss(site.base, [(f"/news/{i}", str(i), DATE) for i in range(n)]))
    db = tmp_path / "w.duckdb"
    env = {**os.environ, "DATELINE_WATCH_DELAY_S": "0"}

    def article_hits() -> int:
        return sum(len(site.hits(f"/news/{i}")) for i in range(n))

    # 1: killed while fetching; 2: killed once every page is fetched, while processing
    _kill_when(subprocess.Popen(_watch_cmd(site, db), env=env, stderr=subprocess.DEVNULL,
                                start_new_session=True), lambda: article_hits() >= 3)
    first = article_hits()
    assert _statuses(db).get("queued", 0) >= n - first  # it died with URLs still to fetch
    _kill_when(subprocess.Popen(_watch_cmd(site, db), env=env, stderr=subprocess.DEVNULL,
                                start_new_session=True), lambda: article_hits() >= n + (first == 3))
    assert _statuses(db).get("fetched", 0) > 0  # it died with bodies fetched, not stored
    done = subprocess.run(_watch_cmd(site, db), env=env, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    with duckdb.connect(str(db), read_only=True) as con:
        urls = [r[0] for r in con.execute("SELECT url FROM documents").fetchall()]
    queue = _statuses(db)
    assert sorted(urls) == sorted(f"{site.base}/news/{i}" for i in range(n))  # none doubled
    assert queue == {"stored": n}
    hits = [len(site.hits(f"/news/{i}")) for i in range(n)]
    assert sum(h - 1 for h in hits) <= 2, hits  # at most the request in flight at each kill
