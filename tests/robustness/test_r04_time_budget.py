"""Row 4: a document that makes processing run long is ended by the per-document time
budget with ``timeout``; the batch goes on. One case hangs on purpose (in extraction and
in the batched stages); one is a real page that makes extraction slow (200,000 ``<p>``)."""
from __future__ import annotations

import time

import pytest
from robustness._engine_faults import install, write_jsonl

from dateline.config import Settings
from dateline.ingest import ingest

BUDGET_S = 1.0  # the test's budget (default 10 s); the mechanism is the same


@pytest.mark.parametrize("marker", ["@@X:HANG@@", "@@S:HANG@@"])
def test_runaway_document_times_out_and_batch_goes_on(tmp_path, marker):
    settings = Settings(batch_size=8, doc_timeout_s=BUDGET_S)
    stages = install(settings)
    texts = [f"document {i} is fine." for i in range(24)]
    texts[5] = f"document 5 {marker} never ends."
    src = write_jsonl(tmp_path / "in.jsonl", texts)
    start = time.perf_counter()
    summ = ingest([src], tmp_path / "db.duckdb", settings, stages, workers=2)
    elapsed = time.perf_counter() - start
    assert summ.reject_codes == {"timeout": 1}
    assert summ.counts["stored"] == 23
    # extraction pins the document at once; the stage phase bisects (log2(8) + 1 budgets)
    assert elapsed < BUDGET_S * (8 if marker.startswith("@@S") else 3) + 10


def test_slow_real_page_is_stopped_by_the_budget(tmp_path):
    html = "<html><body>" + "<p>word " * 200_000 + "</body></html>"
    (tmp_path / "slow.html").write_text(html, encoding="utf-8")
    (tmp_path / "ok.html").write_text("<html><head><title>Fine</title></head><body><article>"
                                      + "<p>The council met on Monday to vote.</p>" * 5
                                      + "</article></body></html>", encoding="utf-8")
    settings = Settings(doc_timeout_s=BUDGET_S, batch_size=4)
    start = time.perf_counter()
    summ = ingest([tmp_path], tmp_path / "db.duckdb", settings, ["extract"], workers=1)
    elapsed = time.perf_counter() - start
    assert summ.counts["inputs"] == 2
    assert summ.counts["stored"] >= 1, (summ.counts, summ.reject_codes)  # the fine page always
    # the 200,000-<p> page either extracts within the budget or ends with `timeout`
    assert set(summ.reject_codes) <= {"timeout", "too_large", "depth", "empty"}
    assert elapsed < 30
