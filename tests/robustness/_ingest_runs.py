"""Helpers for the kill -9 / resume rows: a generated corpus, a CLI ingest in a child
process that can be killed at a chosen moment, and a run-independent snapshot of a store."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb

# run-specific columns: which run wrote a row and when, not what was stored
VOLATILE = {"run_id", "ingested_at", "rejected_at"}
# store writes seen before the kill clock starts: the run stamp and the first shard's
# pending rows come before the workers start; the writes after them are committed shards
WRITES_BEFORE_KILL = 3
TABLES = ("documents", "entities", "times", "places", "quotes", "events", "rejects")


def make_corpus(path: Path, n: int, bad_every: int = 0) -> Path:
    """``n`` short distinct documents as JSONL; every ``bad_every``-th line is broken."""
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            if bad_every and i % bad_every == bad_every - 1:
                fh.write('{"id": "broken-' + str(i) + '", "text": \n')
                continue
            text = (f"Report {i}: the council of town {i} voted {i % 7} times on Monday "
                    f"to fund bridge number {i * 3}.")
            fh.write(json.dumps({"id": f"doc-{i:05d}", "text": text,
                                 "published": f"2024-05-0{1 + i % 9}"}) + "\n")
    return path


def ingest_cmd(src: Path, db: Path, *extra: str) -> list[str]:
    """The CLI ingest command line (extraction only: no model to load)."""
    return [sys.executable, "-m", "dateline.cli", "ingest", str(src), "--db", str(db),
            "--stages", "extract", "--allow-rejects", *extra]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1


def run(cmd: list[str], kill_after: float | None = None, progress: Path | None = None,
        **kw: Any) -> subprocess.CompletedProcess | None:
    """Run a command; with ``kill_after``, SIGKILL it that many seconds after it starts
    (or after ``progress``, a database, shows committed shards); None if it was killed."""
    env = dict(os.environ, DATELINE_BATCH_SIZE=os.environ.get("DATELINE_BATCH_SIZE", "20"))
    wal = progress.with_name(progress.name + ".wal") if progress else None
    before = (_size(progress), _size(wal)) if progress and wal else None
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            start_new_session=True, **kw)
    if kill_after is None:
        out, err = proc.communicate(timeout=300)
        return subprocess.CompletedProcess(cmd, proc.returncode, out, err)
    if progress and wal:  # wait for shards to be committed: kill points fall in the work
        seen = {before}

        def committing() -> bool:
            seen.add((_size(progress), _size(wal)))
            return proc.poll() is not None or len(seen) > WRITES_BEFORE_KILL
        wait_until(committing, timeout=120)
    try:
        out, err = proc.communicate(timeout=kill_after)
        return subprocess.CompletedProcess(cmd, proc.returncode, out, err)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the ingest and its workers, like kill -9
        proc.communicate()
        return None


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows without run-specific columns, sorted; opening it must work."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        snap = {}
        for table in TABLES:
            cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()
                    if r[0] not in VOLATILE]
            rows = con.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
            snap[table] = sorted(rows, key=repr)
        return snap
    finally:
        con.close()


def manifest(db: Path) -> dict[str, Any]:
    """Status counts, inputs recorded twice, and shards processed more than once."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        status = dict(con.execute("SELECT status, count(*) FROM manifest GROUP BY 1"
                                  ).fetchall())
        redone = con.execute("SELECT count(DISTINCT shard) FROM manifest WHERE attempts > 1"
                             ).fetchone()[0]
        docs = con.execute("SELECT count(*), count(DISTINCT id) FROM documents").fetchone()
        return {"status": status, "redone_shards": redone, "docs": docs}
    finally:
        con.close()


def wait_until(pred: Any, timeout: float = 30.0) -> bool:
    """Poll ``pred`` until true or timeout."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(0.05)
    return False


WARM_PAGE = ("<html><head><title>Warm</title></head><body><article><p>The council met on "
             "Monday and voted to rebuild the old bridge over the river.</p></article>"
             "</body></html>")


def measure(tmp_path: Path, hostile: list[Path], stages: str = "extract",
            settings: dict[str, Any] | None = None, each: bool = False) -> Any:
    """Time and memory of ingesting ``hostile`` in a fresh process (after a warm page);
    with ``each``, every input is measured alone (one process for all: faster CI)."""
    warm = tmp_path / "warm.html"
    warm.write_text(WARM_PAGE, encoding="utf-8")
    script = Path(__file__).with_name("_measure.py")
    cmd = [sys.executable, str(script), str(tmp_path / "m.duckdb"), str(warm),
           *map(str, hostile), "--stages", stages, *(["--each"] if each else [])]
    for key, val in (settings or {}).items():
        cmd += ["--set", f"{key}={val}"]
    done = subprocess.run(cmd, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()[-3000:]
    return json.loads(done.stdout.decode().strip().splitlines()[-1])


def db_rows(db: Path, query: str) -> list[tuple]:
    """Rows of a read-only query on a store."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()
