"""Peak resident memory of an ingest: the parent (reader + writer) and each worker.

    .venv/bin/python benchmarks/memory.py [--docs 360] [--workers 2]

Samples /proc every 0.2 s during a full-pipeline ingest of the demo corpus repeated to
``--docs`` documents and prints the peak RSS of the parent and of each worker process.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

from dateline.config import Settings
from dateline.engines.pool import worker_rss_mb
from dateline.ingest import ingest

sys.path.insert(0, str(Path(__file__).parent))
from throughput import make_corpus  # noqa: E402

SAMPLE_S = 0.2


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as fh:
            return [int(p) for p in fh.read().split()]
    except OSError:
        return []


def main(argv: list[str] | None = None) -> None:
    """Run one ingest while sampling memory; print the peaks."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=360)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    peaks: dict[int, float] = {}
    stop = threading.Event()

    def sample() -> None:
        me = os.getpid()
        while not stop.is_set():
            for pid in [me, *_children(me)]:
                peaks[pid] = max(peaks.get(pid, 0.0), worker_rss_mb(pid))
            time.sleep(SAMPLE_S)

    with tempfile.TemporaryDirectory() as tmp:
        corpus, _ = make_corpus(Path(tmp), args.docs)
        thread = threading.Thread(target=sample, daemon=True)
        thread.start()
        ingest([corpus], Path(tmp) / "m.duckdb", Settings(), workers=args.workers,
               resume=False)
        stop.set()
        thread.join()
    parent = peaks.pop(os.getpid(), 0.0)
    workers = sorted(peaks.values(), reverse=True)[: args.workers]
    print(f"memory: parent_peak_rss_mb={parent:.0f} worker_peak_rss_mb="
          + ",".join(f"{w:.0f}" for w in workers))


if __name__ == "__main__":
    main()
