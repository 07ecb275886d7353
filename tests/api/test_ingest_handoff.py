"""Ingest while serving: batches handed to the server that owns the database."""
from __future__ import annotations

import copy

import pytest
from apidata import build_db, live_server, record_followup

from dateline.api import create_app
from dateline.api.client import finish, hand_off, ingest_via_server
from dateline.errors import StoreError


def _renamed(n: int) -> dict:
    rec = copy.deepcopy(record_followup())
    rec["id"], rec["content_hash"] = f"handed-{n}", f"h-{n}"
    return rec


def test_hand_off_stores_batches(tmp_path):
    db = build_db(tmp_path / "w.duckdb", [])
    app = create_app(db, accept_ingest=True)
    with live_server(app) as url:
        run_id, totals = ingest_via_server([[_renamed(1), _renamed(2)], [_renamed(3)]], url,
                                           {"stages": ["test"]})
        again = hand_off([_renamed(1)], url)
        assert totals["stored"] == 3 and again["counts"]["unchanged"] == 1
        rows = app.state.db.rows("SELECT stored, finished_at FROM runs WHERE run_id = ?",
                                 [run_id])
        assert rows[0]["stored"] == 3 and rows[0]["finished_at"] is not None
        assert app.state.db.rows("SELECT count(*) AS n FROM documents")[0]["n"] == 3
        # the finished run was linked, as a local ingest is: copies share a group
        groups = app.state.db.rows("SELECT count(DISTINCT dup_group) AS n FROM documents")
        assert groups[0]["n"] == 1


def test_read_only_server_refuses_batches(db_path):
    with live_server(create_app(db_path)) as url:
        with pytest.raises(StoreError, match="accept-ingest"):
            hand_off([_renamed(9)], url)
        with pytest.raises(StoreError, match="403"):
            finish(url, "r-x", {})


@pytest.mark.parametrize(("headers", "status"), [
    ({}, 403),  # no ingest header
    ({"X-Dateline-Ingest": "1", "Origin": "http://evil.example"}, 403),  # from a web page
    ({"X-Dateline-Ingest": "1"}, 200),
])
def test_ingest_endpoint_guards(tmp_path, headers, status):
    from fastapi.testclient import TestClient

    app = create_app(build_db(tmp_path / "g.duckdb", []), accept_ingest=True)
    with TestClient(app, client=("127.0.0.1", 5000)) as client:
        answer = client.post("/ingest/batch", json={"records": [_renamed(1)]}, headers=headers)
    assert answer.status_code == status


def test_ingest_endpoint_loopback_only(tmp_path):
    from fastapi.testclient import TestClient

    app = create_app(build_db(tmp_path / "r.duckdb", []), accept_ingest=True)
    with TestClient(app, client=("203.0.113.9", 5000)) as client:
        answer = client.post("/ingest/batch", json={"records": [_renamed(1)]},
                             headers={"X-Dateline-Ingest": "1"})
    assert answer.status_code == 403


def test_no_server_is_a_clear_error():
    with pytest.raises(StoreError, match="no dateline server answers"):
        hand_off([_renamed(1)], "http://127.0.0.1:9", timeout=2)
