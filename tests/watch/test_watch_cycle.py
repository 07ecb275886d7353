"""`dateline watch` end to end against a loopback news site: new, changed and unchanged
entries, conditional GET, robots.txt, Retry-After and per-host pacing."""
from __future__ import annotations

import duckdb
import pytest
from typer.testing import CliRunner
from watch.site import Site, article_page, demo_articles, rss, start

from dateline.cli import app

pytestmark = pytest.mark.slow
runner = CliRunner()
DATES = ["Mon, 01 Mar 2021 10:00:00 GMT", "Tue, 02 Mar 2021 10:00:00 GMT",
         "Wed, 03 Mar 2021 10:00:00 GMT", "Thu, 04 Mar 2021 10:00:00 GMT",
         "Fri, 05 Mar 2021 10:00:00 GMT"]


@pytest.fixture
def site(monkeypatch):
    """A fresh loopback site, and a short per-host delay so tests run quickly."""
    monkeypatch.setenv("DATELINE_WATCH_DELAY_S", "0.05")
    s = start(Site())
    yield s
    assert s.server is not None
    s.server.shutdown()


def _publish(site: Site, rows, n: int, changed: set[int] = frozenset()) -> None:
    items = []
    for i in range(n):
        title = rows[i]["title"] + (" (updated)" if i in changed else "")
        extra = " An update added this closing sentence." if i in changed else ""
        site.page(f"/news/{i}", article_page(rows[i], extra))
        items.append((f"/news/{i}", title, DATES[i]))
    site.page("/feed.xml", rss(site.base, items), "application/rss+xml", etag=True)


def _watch(site: Site, db, *extra: str):
    port = site.base.rsplit(":", 1)[1]
    result = runner.invoke(app, ["watch", f"{site.base}/feed.xml", "--db", str(db), "--once",
                                 "--allow-host", f"127.0.0.1:{port}", *extra])
    assert result.exit_code == 0, result.output
    return result


def _docs(db) -> dict[str, str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return dict(con.execute("SELECT url, text FROM documents").fetchall())


def test_new_changed_and_unchanged_entries(site, tmp_path):
    rows = demo_articles(5)
    db = tmp_path / "w.duckdb"
    _publish(site, rows, 3)
    _watch(site, db)
    assert len(_docs(db)) == 3
    assert [len(site.hits(f"/news/{i}")) for i in range(3)] == [1, 1, 1]

    _publish(site, rows, 5, changed={1})  # two new entries, one changed
    _watch(site, db)
    docs = _docs(db)
    assert len(docs) == 5
    assert [len(site.hits(f"/news/{i}")) for i in range(5)] == [1, 2, 1, 1, 1]
    assert "closing sentence" in docs[f"{site.base}/news/1"]
    feed = site.hits("/feed.xml")
    assert "If-None-Match" not in feed[0]["headers"]
    assert feed[1]["headers"].get("If-None-Match")  # a conditional request

    _watch(site, db)  # nothing changed: the feed answers 304 and no article is fetched
    assert len(site.hits("/feed.xml")) == 3
    assert sum(len(site.hits(f"/news/{i}")) for i in range(5)) == 6
    with duckdb.connect(f"{db}.watch.duckdb", read_only=True) as con:
        assert con.execute("SELECT status FROM watch_log WHERE url LIKE '%feed.xml' "
                           "ORDER BY requested_at").fetchall()[-1] == (304,)
        assert con.execute("SELECT found, stored FROM watch_sources").fetchone() == (5, 6)
    status = runner.invoke(app, ["status", "--db", str(db)])
    assert "5 found, 6 stored" in status.output


def test_robots_disallow_is_honoured_on_every_hop(site, tmp_path):
    rows = demo_articles(2)
    site.page("/robots.txt", b"User-agent: *\nDisallow: /private/\n", "text/plain")
    site.page("/news/0", article_page(rows[0]))
    site.page("/private/1", article_page(rows[1]))

    def redirect(req):
        req.send_response(302)
        req.send_header("Location", "/private/1")
        req.end_headers()

    site.routes["/go/1"] = redirect
    site.page("/feed.xml", rss(site.base, [("/news/0", "a", DATES[0]),
                                           ("/private/1", "b", DATES[1]),
                                           ("/go/1", "c", DATES[2])]))
    db = tmp_path / "w.duckdb"
    _watch(site, db)
    assert not site.hits("/private/1")  # neither directly nor through the redirect
    assert len(site.hits("/go/1")) == 1
    with duckdb.connect(f"{db}.watch.duckdb", read_only=True) as con:
        codes = dict(con.execute("SELECT url, code FROM watch_queue").fetchall())
    assert codes[f"{site.base}/private/1"] == "robots_disallowed"
    assert codes[f"{site.base}/go/1"] == "robots_disallowed"
    assert list(_docs(db)) == [f"{site.base}/news/0"]


def test_retry_after_429_and_pacing_per_host(site, tmp_path, monkeypatch):
    monkeypatch.setenv("DATELINE_WATCH_DELAY_S", "0.4")
    rows = demo_articles(3)
    for i in (0, 2):
        site.page(f"/news/{i}", article_page(rows[i]))
    page = article_page(rows[1])

    def busy_once(req):
        if len(site.hits("/news/1")) == 1:
            req.send_response(429)
            req.send_header("Retry-After", "2")
            req.end_headers()
            return
        req.send_response(200)
        req.send_header("Content-Type", "text/html")
        req.send_header("Content-Length", str(len(page)))
        req.end_headers()
        req.wfile.write(page)

    site.routes["/news/1"] = busy_once
    site.page("/feed.xml", rss(site.base, [(f"/news/{i}", str(i), DATES[i]) for i in range(3)]))
    db = tmp_path / "w.duckdb"
    _watch(site, db)
    assert len(_docs(db)) == 3
    tries = site.hits("/news/1")
    assert len(tries) == 2 and tries[1]["at"] - tries[0]["at"] >= 2.0
    times = sorted(r["at"] for r in site.requests)
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 0.4 - 0.02, gaps  # one host: never two requests closer than the delay
