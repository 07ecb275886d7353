"""With `dateline serve --accept-ingest` owning the store, watch hands its batches to the
server (which shows them at once) and keeps its own state beside the store."""
from __future__ import annotations

import json
import os
import sys
import urllib.request
from pathlib import Path

import duckdb
import pytest
from watch.site import Site, article_page, demo_articles, rss, start

from dateline.api import create_app
from dateline.api.client import server_file
from dateline.config import Settings
from dateline.errors import StoreError
from dateline.watch.command import one_cycle
from dateline.watch.politeness import PoliteClient
from dateline.watch.sources import Source

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))
from apidata import build_db, live_server  # noqa: E402

pytestmark = pytest.mark.slow
DATE = "Mon, 01 Mar 2021 10:00:00 GMT"


@pytest.fixture
def site():
    """A loopback site with a feed of two articles."""
    s = start(Site())
    rows = demo_articles(2)
    for i in range(2):
        s.page(f"/news/{i}", article_page(rows[i]))
    s.page("/feed.xml", rss(s.base, [(f"/news/{i}", str(i), DATE) for i in range(2)]))
    yield s
    assert s.server is not None
    s.server.shutdown()


def _cycle(site: Site, db: Path) -> None:
    port = site.base.rsplit(":", 1)[1]
    settings = Settings(allow_fetch=True, fetch_allow_hosts=(f"127.0.0.1:{port}",),
                        watch_delay_s=0.0)
    one_cycle(str(db), [Source(site.base + "/feed.xml")], settings, PoliteClient(settings),
              max_per_run=10, stage_names=None, workers=1)


def _announce(db: Path, url: str) -> None:
    Path(server_file(str(db))).write_text(json.dumps({"url": url, "pid": os.getpid()}))


def _statuses(db: Path) -> dict[str, int]:
    with duckdb.connect(f"{db}.watch.duckdb", read_only=True) as con:
        return dict(con.execute("SELECT status, count(*) FROM watch_queue GROUP BY 1"
                                ).fetchall())


def test_watch_hands_batches_to_a_running_server(site, tmp_path):
    db = build_db(tmp_path / "s.duckdb", [])
    app = create_app(db, accept_ingest=True)
    with live_server(app) as url:
        _announce(db, url)
        _cycle(site, db)
        with urllib.request.urlopen(url + "/documents?limit=50") as answer:  # noqa: S310
            listed = json.loads(answer.read())
    rows = listed["items"] if isinstance(listed, dict) else listed
    assert sorted(r["url"] for r in rows) == [f"{site.base}/news/{i}" for i in range(2)]
    assert _statuses(db) == {"stored": 2}


def test_a_refused_batch_stays_fetched_for_the_next_cycle(site, tmp_path):
    db = build_db(tmp_path / "r.duckdb", [])
    with live_server(create_app(db)) as url:  # a read-only server refuses batches
        _announce(db, url)
        with pytest.raises(StoreError, match="accept-ingest"):
            _cycle(site, db)
    assert _statuses(db) == {"fetched": 2}
    Path(server_file(str(db))).unlink()
    _cycle(site, db)  # no server now: the next cycle stores them locally, with no refetch
    assert _statuses(db) == {"stored": 2}
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone() == (2,)
    assert [len(site.hits(f"/news/{i}")) for i in range(2)] == [1, 1]
