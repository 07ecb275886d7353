"""Workers are forked before any DuckDB connection exists (forking a process whose DuckDB
threads hold locks can deadlock the child), replacements come from pre-forked spares, and
the pool learns where a batch stands from the pipeline's progress hook."""
from __future__ import annotations

import pytest

from dateline.config import Settings
from dateline.engines import pool as pool_module
from dateline.ingest import ingest
from dateline.model import RawDoc
from dateline.pipeline import Pipeline
from dateline.store import db as db_module

pytestmark = pytest.mark.slow
PAGE = ("<html><head><title>Budget</title></head><body><article>"
        + "<p>The council met on Monday and approved the new budget for the city.</p>" * 6
        + "</article></body></html>")


def test_ingest_forks_every_worker_before_the_store_opens(tmp_path, monkeypatch):
    events: list[str] = []
    spawn, store_init = pool_module.WorkerPool._spawn, db_module.Store.__init__
    monkeypatch.setattr(pool_module.WorkerPool, "_spawn",
                        lambda self: events.append("fork") or spawn(self))
    monkeypatch.setattr(db_module.Store, "__init__",
                        lambda self, *a, **k: events.append("open") or store_init(self, *a, **k))
    page = tmp_path / "p.html"
    page.write_text(PAGE, encoding="utf-8")
    summary = ingest([page], tmp_path / "s.duckdb", Settings(workers=2), ["extract"])
    assert summary.counts["stored"] == 1
    assert events[:events.index("open")] == ["fork"] * (2 + pool_module.SPARES)
    assert "fork" not in events[events.index("open"):]


def test_a_replaced_worker_comes_from_the_spares():
    with pool_module.WorkerPool(Settings(), ["extract"], workers=1, spares=1) as pool:
        spare = pool.spares[0]
        worker = pool.workers[0]
        pool._replace(worker)
        assert worker.proc is spare.proc and pool.spares == [] and pool.replaced == 1
        records = next(pool.run(iter([[RawDoc(id="a", kind="html", content=PAGE)]])))
        assert records[0]["id"] == "a" and not records[0].get("error")


def test_the_progress_hook_reports_each_phase():
    seen: list[tuple[str, int]] = []
    pipeline = Pipeline.from_settings(Settings(), ["extract"])
    raws = [RawDoc(id=str(i), kind="html", content=PAGE) for i in range(2)]
    pipeline.process_batch(raws, progress=lambda phase, at: seen.append((phase, at)))
    assert seen == [("b", 0), ("s", 0)]  # extracted together, then the stages
    seen.clear()
    pipeline.batch_extractor = None
    pipeline.process_batch(raws, progress=lambda phase, at: seen.append((phase, at)))
    assert seen == [("x", 0), ("x", 1), ("s", 0)]
