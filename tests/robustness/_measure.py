"""Run ``ingest()`` on a hostile input in a fresh process and report time and memory.

Usage: ``python _measure.py DB WARM HOSTILE... [--each] [--stages a,b] [--set key=value]``.
The warm input is ingested first (models, imports, worker fork), then the hostile one is
timed; peak RSS is the largest of this process and its workers, before and after. Prints
one JSON line (a list of them with ``--each``: one per input, each in its own store):
seconds, extra_rss_mb, peak_rss_mb, counts, codes, messages, db. The RSS growth of a later
input only shows when it exceeds every earlier peak: that is the bound the rows check.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time

import duckdb

from dateline.config import Settings
from dateline.ingest import ingest


def _own_hwm_kb() -> int:
    """This process's RSS high-water mark. Not ru_maxrss: Linux carries that over execve
    from the launching process (here the pytest process, which may hold the models)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _peak_mb() -> float:
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(_own_hwm_kb(), kids) / 1024


def main(argv: list[str]) -> None:
    """Measure one hostile ingest after a warm one."""
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("warm")
    ap.add_argument("hostile", nargs="+")
    ap.add_argument("--stages", default="extract")
    ap.add_argument("--set", action="append", default=[])
    ap.add_argument("--each", action="store_true", help="measure each hostile input alone")
    args = ap.parse_args(argv)
    changes = {}
    for item in args.set:
        key, val = item.split("=", 1)
        changes[key] = type(getattr(Settings(), key))(val)
    settings = Settings(**changes)
    stages = args.stages.split(",")
    ingest([args.warm], args.db + ".warm", settings, stages, resume=False)
    results = [_one(path, f"{args.db}.{i}" if args.each else args.db, settings, stages)
               for i, path in enumerate(args.hostile if args.each else [args.hostile])]
    print(json.dumps(results if args.each else results[0]))


def _one(paths: str | list[str], db: str, settings: Settings, stages: list[str]) -> dict:
    """Ingest one hostile input (after the warm one) and measure it."""
    before = _peak_mb()
    start = time.perf_counter()
    summ = ingest(paths if isinstance(paths, list) else [paths], db, settings, stages,
                  resume=False)
    seconds = time.perf_counter() - start
    con = duckdb.connect(db, read_only=True)
    messages = [r[0] for r in con.execute("SELECT message FROM rejects").fetchall()]
    con.close()
    return {"seconds": seconds, "extra_rss_mb": _peak_mb() - before,
            "peak_rss_mb": _peak_mb(), "counts": summ.counts, "codes": summ.reject_codes,
            "messages": messages, "db": db}


if __name__ == "__main__":
    main(sys.argv[1:])
