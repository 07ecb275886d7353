"""The Ray engine stores exactly the rows the local engine stores (skips without Ray)."""
from __future__ import annotations

import json
from importlib import resources

import pytest
from robustness._ingest_runs import snapshot

from dateline.config import Settings
from dateline.engines.ray import from_part, to_part
from dateline.ingest import ingest

N_DOCS = 8
STAGES = ["extract"]  # the plumbing; the full pipeline on Ray: benchmarks/scaling.py


@pytest.mark.parametrize("records", [[], [{"id": "a", "text": "x"}],
                                     [{"id": "b", "error": {"code": "timeout"}}] * 3])
def test_parquet_part_round_trip(records):
    assert from_part(to_part(records)) == records


@pytest.mark.slow
def test_ray_and_local_engines_store_identical_rows(tmp_path):
    pytest.importorskip("ray")
    demo = resources.files("dateline.demo").joinpath("meantime_wikinews.jsonl")
    lines = demo.read_text(encoding="utf-8").splitlines()[:N_DOCS]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + '\n{"id": "broken", "text": \n', encoding="utf-8")
    settings = Settings(batch_size=4)
    local = ingest([src], tmp_path / "local.duckdb", settings, STAGES, workers=1)
    ray = ingest([src], tmp_path / "ray.duckdb", settings, STAGES, workers=1, engine="ray")
    assert local.counts == ray.counts
    assert local.counts["stored"] == N_DOCS and local.counts["rejected"] == 1
    assert snapshot(tmp_path / "ray.duckdb") == snapshot(tmp_path / "local.duckdb")
    assert json.dumps(ray.table_counts) == json.dumps(local.table_counts)
