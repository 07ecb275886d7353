"""Incremental linking equals a full rebuild: runs ingested one at a time, on a DuckDB file."""
from __future__ import annotations

import random

import pytest

from dateline.link import assign, relink
from dateline.store.db import Store


def _state(store: Store) -> tuple[dict, set, set]:
    clusters = {(r["doc_id"], r["event_id"]): r["cluster"]
                for r in store.sql("SELECT doc_id, event_id, cluster FROM events")}
    stories = {tuple(r.values()) for r in store.sql(
        "SELECT storyline, cluster, source_key, action, target_key FROM link_storylines")}
    follow = {(r["cluster"], r["status"]) for r in store.sql(
        "SELECT cluster, status FROM link_followthrough")}
    return clusters, stories, follow


@pytest.mark.parametrize("linker", ["rules", "learned"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_runs_one_at_a_time_equal_full(tmp_path, storyline_records, monkeypatch, linker, seed):
    """Three runs in a shuffled order, each relinked alone, give the full rebuild's clusters,
    storylines and follow-through."""
    monkeypatch.setattr(assign, "LINKER", linker)
    records = list(storyline_records)
    random.Random(seed).shuffle(records)
    runs = [records[:5], records[5:11], records[11:]]
    with Store(tmp_path / "incremental.duckdb") as store:
        for batch in runs:
            store.write(batch, store.start_run({}))
            relink(store, [r["id"] for r in batch])
        incremental = _state(store)
    with Store(tmp_path / "full.duckdb") as store:
        store.write(records, store.start_run({}))
        relink(store, None)
        full = _state(store)
    assert incremental[0] == full[0]
    assert None not in full[0].values() and len(set(full[0].values())) > 3
    assert incremental[1] == full[1]
    assert incremental[2] == full[2]


def test_reprints_share_their_original_cluster(store, storyline_records):
    """Exact copies are linked once and take the cluster of the mention they repeat."""
    copy = dict(storyline_records[0], id="a01-copy")
    store.write(list(storyline_records) + [copy], store.start_run({}))
    relink(store)
    ids = {r["id"]: r["events"][0]["cluster"] for r in store.iter_records()}
    assert ids["a01-copy"] == ids["a01"] == ids["a03"]
