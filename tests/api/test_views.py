"""The views on real-shaped data: the network merges entity-coded actors and keeps the top N,
the PLOVER toggle and actor keys filter events, the timeline reads the linking tables."""
from __future__ import annotations

import pytest
from apidata import app_over, build_linked_db


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    """A client over the test documents plus record_network(), after linking."""
    from fastapi.testclient import TestClient

    path = tmp_path_factory.mktemp("views") / "v.duckdb"
    with app_over(path, build_linked_db) as app, TestClient(app) as c:
        yield c


@pytest.mark.parametrize(("query", "nodes"), [
    ("", {"e:steve jobs", "e:apple", "c:RUS/GOV", "c:RUS/MIL", "c:SYR/GOV"}),
    ("?top=2", {"c:SYR/GOV", "e:apple"}),  # 2 events, then the first of the ties by name
    ("?type=SUPPORT", {"e:steve jobs", "e:apple"}),
    ("?actor=jobs", {"e:steve jobs", "e:apple"}),
])
def test_network_nodes(linked, query, nodes):
    body = linked.get("/network" + query).json()
    assert {n["id"] for n in body["nodes"]} == nodes
    assert all(e["source"] in nodes and e["target"] in nodes for e in body["edges"])


@pytest.mark.parametrize(("query", "weight", "types"), [
    ("", 1, {"SUPPORT": 1}), ("?plover=false", 2, {"OTHER": 1, "SUPPORT": 1})])
def test_network_merges_mentions_of_one_entity(linked, query, weight, types):
    edges = linked.get("/network" + query).json()["edges"]
    jobs = [e for e in edges if e["source"] == "e:steve jobs"]
    assert [(e["target"], e["n"], e["types"]) for e in jobs] == [("e:apple", weight, types)]


def test_network_labels_and_aliases(linked):
    nodes = {n["id"]: n for n in linked.get("/network?plover=false").json()["nodes"]}
    assert nodes["e:steve jobs"]["label"] == "Steve Jobs"
    assert set(nodes["e:steve jobs"]["aliases"]) == {"Steve Jobs", "Jobs"}
    assert nodes["c:RUS/GOV"]["label"] == "RUS GOV"


@pytest.mark.parametrize(("query", "expected"), [
    ("?actor_key=e:steve jobs", {"doc-net:e1", "doc-net:e2"}),
    ("?actor_key=e:steve jobs&plover=true", {"doc-net:e1"}),
    ("?actor_key=c:SYR/GOV", {"doc-order:e1", "doc-follow:e1"}),
    ("?plover=true&doc=doc-net", {"doc-net:e1", "doc-net:e3"}),
    ("?plover=true&type=OTHER", {"doc-net:e2"}),
    ("?plover=false&doc=doc-net", {"doc-net:e1", "doc-net:e2", "doc-net:e3"}),
    ("?main=true&doc=doc-net", {"doc-net:e1"}),
])
def test_event_filters_of_the_views(linked, query, expected):
    body = linked.get("/events" + query).json()
    assert {f"{r['doc_id']}:{r['event_id']}" for r in body["items"]} == expected
    assert body["total"] == len(expected)


@pytest.mark.parametrize("path", ["/storylines", "/followthrough"])
def test_links_list_the_linking_tables(linked, path):
    body = linked.get(path).json()
    assert body["total"] > 0 and "note" not in body
    if path == "/followthrough":
        assert all(isinstance(item["record"], dict) for item in body["items"])


@pytest.mark.parametrize(("query", "statuses"), [
    ("", ["carried_out", "carried_out"]), ("?type=CONCEDE", ["carried_out", "carried_out"]),
    ("?type=ASSAULT", [])])
def test_timeline_followthrough_records(linked, query, statuses):
    body = linked.get("/timeline" + query).json()
    assert [r["status"] for r in body["followthrough"]] == statuses
    assert body["note"] is None
    assert all(r["evidence"][0]["document"] == "doc-follow" for r in body["followthrough"])


def test_timeline_puts_free_lemmas_in_their_type_lane(linked):
    lanes = {lane["action"]: lane["events"] for lane in
             linked.get("/timeline?doc=doc-net").json()["lanes"]}
    assert sorted(lanes) == ["COERCE", "OTHER", "SUPPORT"]
    assert [e["action"] for e in lanes["OTHER"]] == ["say"]
