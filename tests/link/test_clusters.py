"""Cross-document event clusters: blocking, dates, actors, incremental assignment."""
from __future__ import annotations

from datetime import date

import pytest

from dateline.link import relink
from dateline.link.clusters import Mention, assign_clusters, dates_agree


def _m(doc: str, sentence: str, **kw) -> Mention:
    base = {"start": 0, "end": len(sentence), "type": "OTHER", "action": "launch",
            "status": "occurred", "published": date(2020, 1, 1)}
    base.update(kw)
    event_id = base.pop("event_id", "e0")
    return Mention(doc_id=doc, event_id=event_id, sentence=sentence, **base)


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("2016-03-14", "2016-03-14", True),
    ("2016-03", "2016-03-14", True),
    ("2016-03-14", "2017-12-11", False),
    ("2016", "2017-12", False),
    (None, "2017-12-11", True),
])
def test_dates_agree(a, b, expected):
    x = _m("d1", "x", date=a, date_inferred=a is None)
    y = _m("d2", "y", date=b, date_inferred=b is None)
    assert dates_agree(x, y) is expected


S1 = "Apple launched the new iPhone model at a crowded event in San Francisco."
S2 = "The new iPhone model was launched by Apple at an event in San Francisco on Tuesday."
S3 = "Boeing launched a satellite from a base in Florida after two delays."


@pytest.mark.parametrize(("second", "kw", "same"), [
    (S2, {}, True),
    (S3, {}, False),
    (S2, {"action": "sell"}, False),
    (S2, {"source_key": "FRA"}, False),
    (S2, {"source_key": "the company"}, True),
    (S2, {"date": "2019-05-01", "date_inferred": False}, False),
    (S1, {"doc_id": "d1", "event_id": "e1"}, True),
    (S2, {"doc_id": "d1", "event_id": "e1", "source_key": "FRA"}, False),
])
def test_pair_linking(second, kw, same):
    a = _m("d1", S1, source_key="USA", date="2020-01-01", date_inferred=False)
    b = _m(kw.pop("doc_id", "d2"), second, **{"source_key": "USA", **kw})
    assign_clusters([a, b])
    assert (a.cluster == b.cluster) is same


@pytest.mark.parametrize(("first", "second", "same"), [
    ("The Dow fell 3% on Monday.", "The Dow fell 3% as banks slid.", True),
    ("The Dow fell 3% on Monday.", "The Nasdaq fell 5% on Monday.", False),
    ("Shares fell sharply.", "Later they fell again.", True),
])
def test_same_document_merge(first, second, same):
    a = _m("d1", first, action="fall")
    b = _m("d1", second, action="fall", event_id="e1")
    assign_clusters([a, b])
    assert (a.cluster == b.cluster) is same


def test_storyline_corpus_clusters(cluster_of, store, storyline_records):
    store.write(storyline_records, store.start_run({}))
    relink(store)
    first_order = {cluster_of(store, d) for d in ("a01", "a02", "a03")}
    first_order.add(store.get_record("a16")["events"][1]["cluster"])
    second_order = {cluster_of(store, d) for d in ("a08", "a09")}
    assert len(first_order) == 1 and len(second_order) == 1
    assert first_order != second_order
    assert cluster_of(store, "a04") not in first_order  # the act is not its announcement
    assert len(store.sql("SELECT * FROM event_clusters WHERE mentions = 4")) == 1


def test_incremental_assignment_keeps_existing(store, storyline_records):
    run = store.start_run({})
    store.write(storyline_records[:8], run)
    relink(store, [r["id"] for r in storyline_records[:8]])
    before = {r["id"]: r["events"][0]["cluster"] for r in store.iter_records()}
    new = storyline_records[8:]
    store.write(new, run)
    counts = relink(store, [r["id"] for r in new])
    after = {r["id"]: r["events"][0]["cluster"] for r in store.iter_records()}
    assert all(after[d] == c for d, c in before.items())
    assert after["a09"] == after["a08"]
    assert counts["mentions_assigned"] == len(new)


def test_cluster_view_reports_first_report(cluster_of, store, storyline_records):
    store.write(storyline_records, store.start_run({}))
    relink(store)
    row = store.sql("SELECT * FROM event_clusters WHERE cluster = ?",
                    [cluster_of(store, "a03")])[0]
    assert row["mentions"] == 4 and row["documents"] == 4
    assert str(row["first_report"]) == "2016-03-14"
    assert row["sources"] == ["a01", "a02", "a03", "a16"]
