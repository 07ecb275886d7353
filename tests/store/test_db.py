"""The DuckDB store: identity, dup groups, rejects, replacement and exports on a real file."""
from __future__ import annotations

import copy
import json

import duckdb
import pytest

from dateline.store.db import Store
from dateline.store.export import export_jsonl, export_table
from dateline.store.query import EventFilter, count_events, query_events


def _rec(doc_id: str, text: str, content_hash: str | None = None, events=None) -> dict:
    return {"schema": "dateline/1", "id": doc_id, "url": None, "title": "T",
            "published": "2017-12-11", "language": "en", "dup_group": None, "text": text,
            "captions": [], "credits": ["AP"], "content_hash": content_hash or text,
            "entities": [{"start": 0, "end": 5, "text": text[:5], "type": "PERSON", "id": "E1"}],
            "times": [], "places": [{"start": 0, "end": 5, "text": text[:5], "name": "X",
                                     "country": "SY", "lat": 35.0, "lon": 38.0,
                                     "geonames_id": 163843, "precision": "country"}],
            "quotes": [], "events": events or []}


def _event(eid: str, etype: str, status: str, date: str, src: str = "RUS") -> dict:
    return {"id": eid, "start": 0, "end": 10, "trigger": "ordered", "trigger_start": 0,
            "trigger_end": 7, "type": etype, "action": "RETREAT", "cameo": "0874",
            "mode": None, "status": status, "disputed_by": ["e9"],
            "source": {"text": "Putin", "id": "E1", "country": src, "sector": "GOV"},
            "target": None, "attributed_to": None, "date": date, "date_precision": "day",
            "date_inferred": False, "background": False,
            "place": {"name": "Hmeimim", "country": "SY", "lat": 35.4, "lon": 35.9,
                      "geonames_id": None, "precision": "point"},
            "quantities": [{"text": "23 warplanes", "value": 23, "unit": "warplanes"}],
            "confidence": 0.9, "cluster": None}


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.duckdb") as st:
        yield st


def test_second_write_adds_nothing(store):
    run = store.start_run({"stages": ["extract"]})
    recs = [_rec("a", "Putin visited Syria."), _rec("b", "Assad met Putin.")]
    first = store.write(recs, run)
    before = store.counts()
    second = store.write(copy.deepcopy(recs), run)
    assert first["stored"] == 2 and second == {"inputs": 2, "stored": 0, "unchanged": 2,
                                               "updated": 0, "rejected": 0}
    assert store.counts() == before


def test_same_text_other_id_shares_dup_group(store):
    run = store.start_run({})
    store.write([_rec("a", "Putin  visited Syria.")], run)
    store.write([_rec("copy", "Putin visited Syria.", "other-hash"), _rec("c", "Other text")],
                run)
    groups = dict(store.con.execute("SELECT id, dup_group FROM documents").fetchall())
    assert groups["a"] == groups["copy"] != groups["c"]
    assert store.counts()["documents"] == 3  # nothing deleted


def test_changed_content_replaces_rows(store):
    run = store.start_run({})
    store.write([_rec("a", "Putin visited Syria.", events=[_event("e1", "CONSULT",
                                                                  "occurred", "2017-12-11")])],
                run)
    counts = store.write([_rec("a", "Putin left Syria.", "h2")], run)
    assert counts["updated"] == 1
    assert store.counts()["documents"] == 1 and store.counts()["events"] == 0
    assert store.get_record("a")["text"] == "Putin left Syria."


def test_rejects_are_rows_once(store):
    run = store.start_run({})
    bad = {"schema": "dateline/1", "id": "x", "error": {"code": "bad_json", "message": "m"}}
    assert store.write([bad, _rec("a", "ok")], run)["rejected"] == 1
    store.write([copy.deepcopy(bad)], run)
    assert [r["code"] for r in store.rejects()] == ["bad_json"]


def test_event_rows_and_filters(store):
    run = store.start_run({})
    evs = [_event("e1", "CONCEDE", "ordered", "2017-12-11"),
           _event("e2", "ASSAULT", "occurred", "2015-09", src="USA")]
    store.write([_rec("a", "Putin ordered a withdrawal.", events=evs)], run)
    assert count_events(store, EventFilter(type="concede")) == 1
    assert [r["event_id"] for r in query_events(store, EventFilter(actor="usa"))] == ["e2"]
    assert [r["event_id"] for r in query_events(store, EventFilter(since="2016"))] == ["e1"]
    assert [r["event_id"] for r in query_events(store, EventFilter(until="2015-12"))] == ["e2"]
    assert count_events(store, EventFilter(bbox=(35.0, 35.0, 36.0, 36.0))) == 2
    assert count_events(store, EventFilter(actor="'; DROP TABLE events; --")) == 0
    assert store.counts()["events"] == 2
    with pytest.raises(ValueError, match="unknown sort key"):
        query_events(store, EventFilter(), sort="1; DROP TABLE x")
    row = query_events(store, EventFilter(status="ordered"))[0]
    assert row["disputed_by"] == ["e9"] and json.loads(row["quantities"])[0]["value"] == 23


def test_exports(store, tmp_path):
    run = store.start_run({})
    store.write([_rec("a", "Putin visited Syria.",
                      events=[_event("e1", "CONSULT", "occurred", "2017-12-11")])], run)
    store.con.execute("UPDATE events SET cluster = 'c1'")
    lines = []

    class Sink:
        def write(self, s):
            lines.append(s)

    assert export_jsonl(store, Sink()) == 1
    rec = json.loads(lines[0])
    assert rec["events"][0]["cluster"] == "c1" and rec["dup_group"].startswith("g-")
    assert export_table(store, "events", "parquet", tmp_path / "e.parquet") == 1
    assert duckdb.sql(f"SELECT count(*) FROM '{tmp_path / 'e.parquet'}'").fetchall()[0][0] == 1
    assert export_table(store, "documents", "csv", tmp_path / "d.csv") == 1
    assert "record" not in (tmp_path / "d.csv").read_text().splitlines()[0].split(",")


def test_locked_file_gives_clear_error(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "l.duckdb"
    Store(path).close()
    holder = duckdb.connect(str(path))
    code = ("import sys\nfrom dateline.store.db import Store\nfrom dateline.errors import "
            "StoreError\ntry:\n    Store(sys.argv[1])\nexcept StoreError as e:\n"
            "    print(e.code, e)\n")
    try:
        res = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                             text=True, timeout=120)
    finally:
        holder.close()
    assert res.stdout.startswith("locked"), res.stdout + res.stderr
    assert "dateline serve" in res.stdout


def test_like_wildcards_match_literally(store):
    run = store.start_run({})
    ev = _event("e1", "CONSULT", "occurred", "2017-12-11")
    ev["source"]["text"] = "100% Foods_Inc"
    other = _event("e2", "CONSULT", "occurred", "2017-12-11")
    other["source"]["text"] = "1000 Foodsx Inc"
    store.write([_rec("a", "x", events=[ev, other])], run)
    assert [r["event_id"] for r in query_events(store, EventFilter(actor="0% Foods_"))] == ["e1"]
    assert count_events(store, EventFilter(text="%")) == 1


def test_summary_and_exports_leave_out_other_events(store):
    """OTHER events (predicates kept for linking) never reach PLOVER counts or exports."""
    import io

    from dateline.exports import write_export
    from dateline.store.export import summary

    other = {**_event("e2", "OTHER", "occurred", "2017-12-11"), "action": "say"}
    other["source"] = {**other["source"], "text": "Talker"}
    store.write([_rec("a", "Putin visited Syria.",
                      events=[_event("e1", "CONSULT", "occurred", "2017-12-11"), other])],
                store.start_run({}))
    info = summary(store)
    assert [r["type"] for r in info["event_types"]] == ["CONSULT"]
    assert [r["actor"] for r in info["actors"]] == ["Putin"]
    for fmt in ("gdelt", "acled", "plover"):
        sink = io.StringIO()
        assert write_export(store.con, fmt, sink) == 1, fmt
        assert "Talker" not in sink.getvalue()


def test_min_confidence_filter_keeps_the_confident_events(store):
    run = store.start_run({})
    evs = [_event("e1", "CONCEDE", "ordered", "2017-12-11"),
           {**_event("e2", "ASSAULT", "occurred", "2015-09"), "confidence": 0.05}]
    store.write([_rec("a", "Putin ordered a withdrawal.", events=evs)], run)
    assert count_events(store, EventFilter(min_confidence=0.0)) == 2  # 0: every stored event
    assert [r["event_id"] for r in query_events(store, EventFilter(min_confidence=0.5))] == ["e1"]
    assert count_events(store, EventFilter(min_confidence=0.95)) == 0


def test_main_event_is_stored_and_is_gdelt_root_event(store):
    import io

    from dateline.exports import write_export
    from dateline.exports.gdelt import COLUMNS

    main = {**_event("e1", "CONSULT", "occurred", "2017-12-11"), "main": True}
    other = _event("e2", "ACCUSE", "occurred", "2017-12-11")  # stored before the field: none
    store.write([_rec("a", "Putin visited Syria.", events=[main, other])], store.start_run({}))
    rows = store.sql("SELECT event_id, main FROM events ORDER BY event_id")
    assert [(r["event_id"], r["main"]) for r in rows] == [("e1", True), ("e2", None)]
    sink = io.StringIO()
    assert write_export(store.con, "gdelt", sink) == 2
    col = COLUMNS.index("IsRootEvent")
    assert sorted(line.split("\t")[col] for line in sink.getvalue().splitlines()) == ["0", "1"]
