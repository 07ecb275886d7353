"""Row 15: a 1,000-document run interrupted 5 times (kill -9) and resumed ends with a store
identical to an uninterrupted run, with at most one shard redone per interruption."""
from __future__ import annotations

import random

from robustness._ingest_runs import ingest_cmd, make_corpus, manifest, run, snapshot

N_DOCS = 1000
INTERRUPTIONS = 5
# seconds after the run's first committed shards (1,000 documents take ~3-6 s of work)
KILL_WINDOW_S = (0.1, 0.5)
SHARD = "10"  # documents per shard: 100 commits, so every kill lands inside the work


def test_five_interruptions_then_resume_equals_uninterrupted(tmp_path, monkeypatch):
    monkeypatch.setenv("DATELINE_BATCH_SIZE", SHARD)
    src = make_corpus(tmp_path / "in.jsonl", N_DOCS)
    clean = run(ingest_cmd(src, tmp_path / "clean.duckdb"))
    assert clean is not None and clean.returncode == 0, clean.stderr.decode()[-2000:]
    rng = random.Random(15)
    db = tmp_path / "resumed.duckdb"
    killed = 0
    for _ in range(INTERRUPTIONS):
        done = run(ingest_cmd(src, db), kill_after=rng.uniform(*KILL_WINDOW_S),
                   progress=db)
        killed += done is None
        if db.exists():
            snapshot(db)  # the database opens after every kill
    final = run(ingest_cmd(src, db))
    assert final is not None and final.returncode == 0, final.stderr.decode()[-2000:]
    assert killed >= INTERRUPTIONS - 1, f"only {killed} runs were interrupted: lower the delays"
    assert snapshot(db) == snapshot(tmp_path / "clean.duckdb")
    info = manifest(db)
    assert info["status"] == {"stored": N_DOCS}
    assert info["docs"] == (N_DOCS, N_DOCS)
    assert info["redone_shards"] <= killed
