"""Row 5: a worker that dies (os._exit, SIGSEGV) costs only the document it was on; the
job finishes and the database is intact."""
from __future__ import annotations

import time

import duckdb
import pytest
from robustness._engine_faults import install, write_jsonl

from dateline.config import Settings
from dateline.ingest import ingest


@pytest.mark.parametrize("marker", ["@@X:EXIT@@", "@@X:SEGV@@", "@@S:EXIT@@", "@@S:SEGV@@"])
def test_only_the_crashing_document_is_marked(tmp_path, marker):
    settings = Settings(batch_size=8, doc_timeout_s=5.0, db_path=str(tmp_path / "x"))
    stages = install(settings)
    texts = [f"document {i} is fine." for i in range(40)]
    texts[13] = f"document 13 {marker} crashes its worker."
    src = write_jsonl(tmp_path / "in.jsonl", texts)
    start = time.perf_counter()
    summ = ingest([src], tmp_path / "db.duckdb", settings, stages, workers=2)
    assert time.perf_counter() - start < 30
    assert summ.counts["stored"] == 39 and summ.counts["rejected"] == 1
    assert summ.reject_codes == {"worker_crash": 1}
    con = duckdb.connect(str(tmp_path / "db.duckdb"), read_only=True)
    assert con.execute("SELECT doc_id, code FROM rejects").fetchall() == [("d0013",
                                                                           "worker_crash")]
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 39
    assert con.execute("SELECT status, count(*) FROM manifest GROUP BY 1 ORDER BY 1"
                       ).fetchall() == [("rejected", 1), ("stored", 39)]
