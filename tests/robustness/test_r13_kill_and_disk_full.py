"""Row 13: ``kill -9`` of the ingest at 5 random points, and once with the disk full. The
database opens every time; in the end every input is stored or rejected exactly once.

The full disk is a 384 KiB tmpfs mounted for the test (the CI runs as root); where mounting is
not allowed the test falls back to a file-size limit (RLIMIT_FSIZE) on the ingest process,
which fails its writes with EFBIG the same way.
"""
from __future__ import annotations

import random
import resource
import subprocess
from pathlib import Path

from robustness._ingest_runs import ingest_cmd, make_corpus, manifest, run, snapshot

N_DOCS = 600
BAD_EVERY = 25  # every 25th line is broken JSON: 24 rejects
KILLS = 5
KILL_WINDOW_S = (0.2, 1.0)  # s after the first committed shards
FULL_BYTES = 384 << 10  # the "disk": 1 MiB held ~880 of these documents


def _expected(tmp_path: Path, src: Path) -> dict:
    clean = run(ingest_cmd(src, tmp_path / "clean.duckdb"))
    assert clean is not None and clean.returncode == 0, clean.stderr.decode()[-2000:]
    return snapshot(tmp_path / "clean.duckdb")


def _check_accounting(db: Path) -> None:
    info = manifest(db)
    rejected = N_DOCS // BAD_EVERY
    assert info["status"] == {"stored": N_DOCS - rejected, "rejected": rejected}
    assert info["docs"] == (N_DOCS - rejected, N_DOCS - rejected)  # none doubled


def test_kill_9_at_random_points_loses_and_doubles_nothing(tmp_path):
    src = make_corpus(tmp_path / "in.jsonl", N_DOCS, bad_every=BAD_EVERY)
    expected = _expected(tmp_path, src)
    db = tmp_path / "killed.duckdb"
    rng = random.Random(13)
    for _ in range(KILLS):
        run(ingest_cmd(src, db), kill_after=rng.uniform(*KILL_WINDOW_S),
                   progress=db)
        if db.exists():
            snapshot(db)  # opens after every kill
    final = run(ingest_cmd(src, db))
    assert final is not None and final.returncode == 0, final.stderr.decode()[-2000:]
    assert snapshot(db) == expected
    _check_accounting(db)


def _mount_small(folder: Path) -> bool:
    folder.mkdir()
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={FULL_BYTES}", "tmpfs",
                               str(folder)], capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (FULL_BYTES, FULL_BYTES))


def test_disk_full_fails_cleanly_then_resumes(tmp_path):
    src = make_corpus(tmp_path / "in.jsonl", N_DOCS, bad_every=BAD_EVERY)
    expected = _expected(tmp_path, src)
    folder = tmp_path / "small"
    mounted = _mount_small(folder)
    try:
        db = folder / "full.duckdb"
        kw = {} if mounted else {"preexec_fn": _limit_file_size}
        failed = run(ingest_cmd(src, db), **kw)
        assert failed is not None and failed.returncode != 0
        assert b"rerun the same command to resume" in b" ".join(failed.stderr.split())
        partial = snapshot(db)  # opens, with whatever shards were committed
        assert len(partial["documents"]) < N_DOCS
        if mounted:
            subprocess.run(["mount", "-o", "remount,size=64m", str(folder)], check=True)
        final = run(ingest_cmd(src, db))
        assert final is not None and final.returncode == 0, final.stderr.decode()[-2000:]
        assert snapshot(db) == expected
        _check_accounting(db)
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)
