"""The input manifest: keys, finished lookups per pipeline, attempts, and the summary."""
from __future__ import annotations

import duckdb
import pytest

from dateline.engines.manifest import Manifest, input_key, manifest_summary
from dateline.model import RawDoc, error_record
from dateline.store.migrations import migrate


@pytest.fixture()
def con():
    c = duckdb.connect(":memory:")
    migrate(c)
    return c


@pytest.mark.parametrize("item,key", [
    (RawDoc(id="a", kind="text", content="x", origin="f.jsonl:3"), "f.jsonl:3#a"),
    (error_record("b", "bad_json", "m", "f.jsonl:4"), "f.jsonl:4#b"),
    (error_record("c", "not_found", "m"), "#c"),
])
def test_input_key(item, key):
    assert input_key(item) == key


def test_finished_is_per_pipeline_and_attempts_count(con):
    docs = [RawDoc(id=f"d{i}", kind="text", content="x", origin=f"f:{i}") for i in range(3)]
    man = Manifest(con, "pipe-A", "r1")
    man.mark_pending(docs, shard=0)
    assert man.finished([input_key(d) for d in docs]) == {}
    records = [{"id": "d0"}, error_record("d1", "timeout", "slow"), {"id": "d2"}]
    man.mark_pending(docs, shard=0)  # a retry after a kill
    man.mark_finished(docs, records, shard=0)
    done = man.finished([input_key(d) for d in docs])
    assert done == {"f:0#d0": ("stored", None), "f:1#d1": ("rejected", "timeout"),
                    "f:2#d2": ("stored", None)}
    assert Manifest(con, "pipe-B", "r2").finished(list(done)) == {}
    summary = manifest_summary(con)
    assert summary["status"] == {"rejected": 1, "stored": 2}
    assert summary["reasons"] == [{"code": "timeout", "n": 1, "example": "slow"}]
    assert summary["redone_shards"] == 1
