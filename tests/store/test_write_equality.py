"""The columnar store writer stores exactly what the row-wise writer stored: the same record
batches (new, unchanged, replaced, duplicated text, repeated ids, rejects, edge-case fields)
written into two real DuckDB files give equal rows in every table."""
from __future__ import annotations

import copy
from typing import Any

from api.apidata import sample_records
from store.rowwise_reference import reference_write

from dateline.model import error_record
from dateline.store.db import TABLES, Store
from dateline.vocab import Status

RUN = "r-equal"
STAMPS = {"documents": "ingested_at", "rejects": "rejected_at"}


def _edge_record() -> dict[str, Any]:
    """Fields the row builder must treat exactly as before: non-ASCII, tuples, missing and
    empty nested objects, enum values, quantities, disputes, both entity id spellings."""
    text = "Zürich: the café's owner said 23 warplanes left — «vraiment»."
    event = {"id": "x1", "start": 0, "end": 20, "trigger": "left", "trigger_start": 40,
             "trigger_end": 44, "type": "OTHER", "status": Status.OCCURRED,
             "disputed_by": ("x2",), "source": {}, "target": {"text": "café", "id": "E9"},
             "place": {"name": "Zürich", "lat": 47.37, "lon": 8.54},
             "quantities": [{"text": "23 warplanes", "value": 23, "unit": "warplänes"}],
             "confidence": 0.5}
    bare = {"id": "x2", "start": 1, "end": 2, "place": None, "source": None,
            "quantities": None, "disputed_by": None, "date_inferred": True}
    return {"schema": "dateline/1", "id": "edge", "title": "Ünïcode", "text": text,
            "published": "2016-03-14T10:00:00Z", "content_hash": "h-edge",
            "byline": ("A. Writer",), "captions": None, "credits": ["AP", "Reuters"],
            "origin": "feed.jsonl:3", "encoding": "utf-8", "site_name": "Example",
            "entities": [{"start": 0, "end": 6, "text": "Zürich", "type": "GPE", "id": "E1"},
                         {"start": 8, "end": 11, "text": "the", "type": "X",
                          "entity_id": "E2"},
                         {"entity_id": "E3", "start": 8, "end": 11, "id": "E4"},
                         {"id": "E5", "start": 8, "end": 11, "entity_id": "E6"}],
            "times": [{"start": 0, "end": 3, "text": "Zür", "type": "DATE"}],
            "places": [{"start": 0, "end": 6, "text": "Zürich", "name": "Zürich",
                        "geonames_id": 2657896, "metonymic": True}],
            "quotes": [{"start": 5, "end": 9, "text": "said", "kind": "indirect",
                        "speaker_start": 0, "speaker_end": 3}],
            "events": [event, bare]}


def _batches() -> list[list[dict[str, Any]]]:
    first = [*sample_records(), _edge_record(),
             error_record("bad", "timeout", "too slow", "in.jsonl:9"),
             {"schema": "dateline/1", "id": "empty", "text": "  ", "content_hash": "h-e"}]
    second = copy.deepcopy(first)  # unchanged, and the reject already known
    changed = copy.deepcopy(first[0]) | {"content_hash": "h-new", "text": first[0]["text"] + "!"}
    same_text = copy.deepcopy(first[1]) | {"id": "copy-of-1", "content_hash": "h-copy"}
    again = copy.deepcopy(same_text) | {"content_hash": "h-copy-2"}  # same id twice
    rejects = [error_record("bad", "worker_crash", "died"), {"id": "odd", "error": {}} | {
        "error": {"code": "extract"}}]
    third = [changed, same_text, again, *rejects, copy.deepcopy(first[3])]
    return [first, second, third, []]


def _rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    for table in TABLES:
        if table == "runs":
            continue
        skip = f" EXCLUDE ({STAMPS[table]})" if table in STAMPS else ""
        out[table] = store.con.execute(f"SELECT *{skip} FROM {table} ORDER BY ALL").fetchall()
    return out


def test_columnar_write_stores_what_the_rowwise_write_stored(tmp_path):
    with Store(tmp_path / "columnar.duckdb") as new, \
            Store(tmp_path / "rowwise.duckdb") as old:
        for batch in _batches():
            new.write(copy.deepcopy(batch), RUN)
            reference_write(old, copy.deepcopy(batch), RUN)
        got, want = _rows(new), _rows(old)
    assert {t: len(r) for t, r in got.items()} == {t: len(r) for t, r in want.items()}
    assert all(want[t] for t in ("documents", "entities", "times", "places", "quotes",
                                 "events", "rejects"))
    for table in want:
        assert got[table] == want[table], table
