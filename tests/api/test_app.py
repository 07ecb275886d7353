"""The JSON API: lists, filters, paging, sorting, downloads, documents and the twins."""
from __future__ import annotations

import io
import json

import pyarrow.parquet as pq
import pytest


@pytest.mark.parametrize(("query", "expected"), [
    ("", {"doc-order:e1", "doc-order:e2", "doc-follow:e1", "doc-<xss>:e1"}),
    ("?type=concede", {"doc-order:e1", "doc-order:e2"}),
    ("?status=occurred", {"doc-follow:e1", "doc-<xss>:e1"}),
    ("?actor=putin", {"doc-order:e1"}),
    ("?actor=rus", {"doc-order:e1", "doc-order:e2", "doc-follow:e1"}),
    ("?country=SYR", {"doc-order:e1", "doc-follow:e1", "doc-<xss>:e1"}),
    ("?since=2016-03-15", {"doc-order:e2", "doc-follow:e1", "doc-<xss>:e1"}),
    ("?until=2016-03-14", {"doc-order:e1"}),
    ("?bbox=35,35,36,36", {"doc-follow:e1"}),
    ("?text=warplanes", {"doc-follow:e1"}),
    ("?doc=doc-order&status=announced", {"doc-order:e2"}),
    ("?min_confidence=0.8", {"doc-order:e1", "doc-order:e2", "doc-follow:e1", "doc-<xss>:e1"}),
    ("?min_confidence=0.81", set()),  # the test events are stored with confidence 0.8
    ("?main=true", {"doc-order:e1", "doc-order:e2", "doc-follow:e1"}),  # xss: stored without
    ("?main=false", {"doc-order:e1", "doc-order:e2", "doc-follow:e1", "doc-<xss>:e1"}),
])
def test_event_filters(client, query, expected):
    body = client.get("/events" + query).json()
    assert {f"{r['doc_id']}:{r['event_id']}" for r in body["items"]} == expected
    assert body["total"] == len(expected)


def test_paging_and_totals(client):
    first = client.get("/events?limit=2&sort=date").json()
    second = client.get("/events?limit=2&offset=2&sort=date").json()
    assert first["total"] == second["total"] == 4
    dates = [r["date"] for r in first["items"] + second["items"]]
    assert dates == sorted(dates)


@pytest.mark.parametrize(("sort", "key", "reverse"), [
    ("date", "date", False), ("-date", "date", True), ("type", "type", False),
    ("-confidence", "confidence", True)])
def test_sorting(client, sort, key, reverse):
    values = [r[key] for r in client.get(f"/events?sort={sort}").json()["items"]]
    assert values == sorted(values, reverse=reverse)


@pytest.mark.parametrize(("path", "field", "expected"), [
    ("/quotes?speaker=putin", "speaker", ["Vladimir Putin"]),
    ("/entities?type=PERSON", "text", ["Vladimir Putin"]),
    ("/places?country=RU", "name", ["Moscow"]),
    ("/places?bbox=37,55,38,56", "name", ["Moscow"]),
    ("/documents?since=2016-03-15&sort=published", "id", ["doc-follow", "doc-<xss>"]),
    ("/documents?text=jets", "id", ["doc-follow"]),
])
def test_other_lists(client, path, field, expected):
    assert [r[field] for r in client.get(path).json()["items"]] == expected


@pytest.mark.parametrize("path", ["/events.csv?type=CONCEDE", "/events?type=CONCEDE&format=csv"])
def test_csv_download(client, path):
    response = client.get(path)
    assert response.headers["content-type"].startswith("text/csv")
    lines = response.text.strip().splitlines()
    assert lines[0].startswith('"doc_id"') and len(lines) == 3


def test_jsonl_and_parquet_downloads(client):
    lines = client.get("/quotes.jsonl").text.strip().splitlines()
    assert {json.loads(line)["doc_id"] for line in lines} == {"doc-order", "doc-<xss>"}
    table = pq.read_table(io.BytesIO(client.get("/events.parquet?status=occurred").content))
    assert table.num_rows == 2 and "trigger" in table.column_names


def test_document_record(client):
    rec = client.get("/documents/doc-order").json()
    assert rec["schema"] == "dateline/1"
    quote = rec["quotes"][0]
    assert rec["text"][quote["start"]:quote["end"]] == quote["text"]
    assert client.get("/documents/nope").status_code == 404


@pytest.mark.parametrize(("path", "key"), [
    ("/map", "points"), ("/network", "edges"), ("/timeline", "lanes"), ("/stats", "counts")])
def test_json_twins(client, path, key):
    assert client.get(path).json()[key]


def test_timeline_phases(client):
    lanes = {lane["action"]: lane for lane in client.get("/timeline").json()["lanes"]}
    phases = {(e["doc_id"], e["event_id"]): e["phase"] for e in lanes["RETREAT"]["events"]}
    assert phases == {("doc-order", "e1"): "announcement", ("doc-order", "e2"): "announcement",
                      ("doc-follow", "e1"): "occurrence"}


@pytest.mark.parametrize("path", ["/storylines", "/followthrough"])
def test_links_before_linking_are_empty(client, path):
    body = client.get(path).json()
    assert body["items"] == [] and body["total"] == 0


def test_ui_pages_name_their_twins(client):
    pages = client.get("/ui").json()["pages"]
    for page in pages:
        html = client.get(page).text
        assert 'rel="alternate" type="application/json"' in html and "<script>" not in html


def test_openapi_lists_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/documents", "/documents/{doc_id}", "/events", "/quotes", "/entities",
                 "/places", "/storylines", "/followthrough", "/ingest/batch"):
        assert path in paths


def test_csv_cells_never_start_a_formula():
    import csv

    import pyarrow as pa

    from dateline.api.formats import encode

    table = pa.table({"actor": ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "Putin",
                                None], "n": [1, 2, 3, 4, 5, 6]})
    rows = list(csv.reader(io.StringIO(encode(table, "csv").decode())))
    assert [r[0] for r in rows[1:]] == ["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)",
                                        "Putin", ""]
    assert encode(table, "jsonl").decode().startswith('{"actor": "=HYPERLINK')  # data unchanged
