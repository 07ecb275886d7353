"""ROBUSTNESS row 11: hostile API filters get 4xx or match literally; the database is
unchanged; queries are time-limited; external access is disabled and locked."""
from __future__ import annotations

import hashlib

import duckdb
import pytest
from fastapi.testclient import TestClient

from dateline.api import create_app
from dateline.api.db import ApiDb, QueryTimeout


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parents[1] / "api"))
    from apidata import build_db

    path = build_db(tmp_path_factory.mktemp("r11") / "h.duckdb")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    app = create_app(path)
    with TestClient(app) as client:
        yield client, app
    app.state.db.close()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before  # database unchanged


@pytest.mark.parametrize(("query", "status"), [
    ("/events?sort=date;DROP TABLE events", 422), ("/events?sort=bogus", 400),
    ("/events?sort=-source_text", 400), ("/events?limit=100000", 422),
    ("/events?limit=-1", 422), ("/events?offset=-5", 422), ("/events?country=US'--", 422),
    ("/events?since=2016'; DROP TABLE events;--", 422), ("/events?bbox=1,2,3,nan", 422),
    ("/events?bbox=0,0,500,10", 422), ("/events?type=" + "A" * 5000, 422),
    ("/events?min_confidence=1.5", 422), ("/events?min_confidence=nan", 422),
    ("/events?min_confidence=0.5;DROP TABLE events", 422),
    ("/events?" + "&".join(["type=ASSAULT"] * 500), 400), ("/events?format=xml", 422),
    ("/events?evil=1", 422), ("/documents/" + "x" * 400, 422), ("/quotes?sort=speaker;", 422),
    ("/followthrough?sort=x", 400),
])
def test_invalid_input_is_4xx(api, query, status):
    assert api[0].get(query).status_code == status


@pytest.mark.parametrize(("query", "expected"), [
    ("/events?actor=' OR 1=1 --", 0), ("/events?actor=%25", 0), ("/events?actor=_", 0),
    ("/events?text=\"><svg onload=alert(3)>", 1), ("/events?actor=RUS; DROP TABLE events", 0),
    ("/documents?text=50%25", 1), ("/documents?text=O'Brien", 1), ("/documents?text=_", 0),
    ("/documents?text=\\", 0), ("/quotes?speaker=\"><svg", 1),
    ("/documents?text=DROP TABLE events;", 1),
])
def test_injected_strings_match_literally(api, query, expected):
    body = api[0].get(query).json()
    assert body["total"] == expected
    assert api[0].get("/stats").json()["counts"]["events"] == 4


def test_queries_are_time_limited(api):
    db: ApiDb = api[1].state.db
    with pytest.raises(QueryTimeout, match="ran past"):
        db.rows("SELECT count(*) FROM range(1000000000000) a", budget_s=0.3)
    assert db.rows("SELECT count(*) AS n FROM events")[0]["n"] == 4  # cursor still usable


def test_timeout_is_a_503(api, monkeypatch):
    def slow(*_args, **_kw):
        raise QueryTimeout("the query ran past 5 s")
    monkeypatch.setattr(api[1].state.db, "rows", slow)
    answer = api[0].get("/events")
    assert answer.status_code == 503 and "ran past" in answer.json()["detail"]


@pytest.mark.parametrize("sql", [
    "SELECT * FROM read_csv('/etc/passwd')", "COPY events TO '/tmp/dateline-r11.csv'",
    "SET enable_external_access = true", "SET lock_configuration = false",
    "ATTACH '/tmp/dateline-r11.duckdb' AS other", "INSTALL httpfs"])
def test_external_access_disabled_and_locked(api, sql):
    with pytest.raises(duckdb.Error):
        api[1].state.db.rows(sql)
