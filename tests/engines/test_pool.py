"""The worker pool: order kept, reader errors passed through, failures isolated by cause."""
from __future__ import annotations

import pytest
from robustness._engine_faults import install

from dateline.config import Settings
from dateline.engines.local import run_batches, run_local
from dateline.engines.pool import WorkerPool
from dateline.model import RawDoc, error_record

SETTINGS = Settings(batch_size=4, doc_timeout_s=2.0)


def _docs(texts: list[str]) -> list[RawDoc]:
    return [RawDoc(id=f"d{i}", kind="text", content=t, origin=f"mem:{i}")
            for i, t in enumerate(texts)]


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_records_come_back_in_input_order(workers):
    stages = install(SETTINGS)
    docs = _docs([f"text {i}" for i in range(23)])
    out = [r["id"] for batch in run_local(docs, SETTINGS, stages, workers) for r in batch]
    assert out == [d.id for d in docs]


def test_reader_errors_keep_their_slot():
    stages = install(SETTINGS)
    items = [*_docs(["a", "b"]), error_record("bad", "bad_json", "broken line"),
             *_docs(["c"])]
    batches = list(run_batches([items], SETTINGS, stages))
    assert [r["id"] for r in batches[0]] == ["d0", "d1", "bad", "d0"]
    assert batches[0][2]["error"]["code"] == "bad_json"


@pytest.mark.parametrize("texts,codes", [
    (["ok", "@@X:EXIT@@", "ok", "ok"], [None, "worker_crash", None, None]),
    (["@@S:SEGV@@", "ok", "ok", "ok", "ok"], ["worker_crash", None, None, None, None]),
    (["ok", "ok", "@@X:HANG@@"], [None, None, "timeout"]),
    (["ok", "@@S:EXIT@@", "ok", "@@S:EXIT@@"], [None, "worker_crash", None, "worker_crash"]),
])
def test_each_failure_costs_only_its_document(texts, codes):
    settings = Settings(batch_size=8, doc_timeout_s=1.0)
    stages = install(settings)
    with WorkerPool(settings, stages, workers=1) as pool:
        out = [r for batch in pool.run(iter([_docs(texts)])) for r in batch]
        replaced = pool.replaced
    assert [(r.get("error") or {}).get("code") for r in out] == codes
    assert replaced >= sum(c is not None for c in codes)


def test_in_process_and_isolated_runs_agree():
    stages = install(SETTINGS)
    docs = _docs([f"same text {i}" for i in range(9)])
    isolated = [r for b in run_local(docs, SETTINGS, stages, 2) for r in b]
    inproc = [r for b in run_local(docs, SETTINGS, stages, 1, isolate=False) for r in b]
    assert isolated == inproc


def test_batches_of_reader_errors_alone_pass_in_order():
    stages = install(SETTINGS)
    errors = [error_record(f"bad{i}", "bad_json", "broken line") for i in range(2)]
    batches = [_docs(["a"]), errors, errors, _docs(["b", "c"])]
    with WorkerPool(SETTINGS, stages, workers=1) as pool:
        out = [[r["id"] for r in batch] for batch in pool.run(iter(batches))]
    assert out == [["d0"], ["bad0", "bad1"], ["bad0", "bad1"], ["d0", "d1"]]
