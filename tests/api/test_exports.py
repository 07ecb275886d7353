"""Event exports: GDELT 2.0 layout, ACLED-style CSV, PLOVER-style JSON."""
from __future__ import annotations

import csv
import io
import json

import duckdb
import pytest

from dateline.exports import write_export
from dateline.exports.gdelt import COLUMNS


def _export(db_path, fmt: str) -> str:
    con = duckdb.connect(str(db_path), read_only=True)
    sink = io.StringIO()
    write_export(con, fmt, sink)
    con.close()
    return sink.getvalue()


def test_gdelt_layout(db_path):
    assert len(COLUMNS) == 61
    rows = [line.split("\t") for line in _export(db_path, "gdelt").splitlines()]
    assert rows and all(len(r) == 61 for r in rows)
    follow = next(r for r in rows if r[COLUMNS.index("SOURCEURL")] == "https://example.org/b")
    expect = {"SQLDATE": "20160315", "Actor1Code": "RUSMIL", "Actor2CountryCode": "SYR",
              "EventCode": "0871", "EventRootCode": "08", "QuadClass": "2",
              "ActionGeo_CountryCode": "SY", "ActionGeo_Type": "4", "GoldsteinScale": ""}
    assert {k: follow[COLUMNS.index(k)] for k in expect} == expect


@pytest.mark.parametrize(("event", "field", "expected"), [
    ("doc-<xss>:e1", "event_type", "Battles"),
    ("doc-<xss>:e1", "civilian_targeting", "Civilian targeting"),
    ("doc-follow:e1", "country", "Syrian Arab Republic"),
    ("doc-order:e1", "event_type", "Strategic developments"),
])
def test_acled_rows(db_path, event, field, expected):
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(_export(db_path,
                                                                             "acled")))}
    assert rows[event][field] == expected


def test_plover_records(db_path):
    recs = {r["id"]: r for r in map(json.loads, _export(db_path, "plover").splitlines())}
    order = recs["doc-order:e1"]
    assert (order["event"], order["mode"], order["status"]) == ("CONCEDE", "withdraw",
                                                                "ordered")
    assert order["actor"]["country"] == "RUS" and order["location"]["geonames_id"] == 163843


def test_exports_keep_the_events_of_at_least_min_confidence(db_path):
    con = duckdb.connect(str(db_path), read_only=True)
    counts = {}
    for mc in (0.0, 0.8, 0.81):  # the test events are stored with confidence 0.8
        counts[mc] = write_export(con, "plover", io.StringIO(), min_confidence=mc)
    con.close()
    assert counts[0.0] == counts[0.8] > 0 and counts[0.81] == 0


def test_exports_keep_each_sentences_main_event(db_path):
    con = duckdb.connect(str(db_path), read_only=True)
    sink = io.StringIO()
    n = write_export(con, "plover", sink, main_only=True)
    every = write_export(con, "plover", io.StringIO())
    con.close()
    ids = [json.loads(line)["id"] for line in sink.getvalue().splitlines()]
    assert n == len(ids) < every
    assert ids == ["doc-follow:e1", "doc-order:e1", "doc-order:e2"]  # the xss event has none
