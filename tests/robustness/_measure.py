"""Run ``ingest()`` on a hostile input in a fresh process and report time and memory.

Usage: ``python _measure.py DB WARM_INPUT HOSTILE_INPUT [--stages a,b] [--set key=value]``.
The warm input is ingested first (models, imports, worker fork), then the hostile one is
timed; peak RSS is the largest of this process and its workers, before and after. Prints
one JSON line: seconds, extra_rss_mb, peak_rss_mb, counts, codes, messages.
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


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def main(argv: list[str]) -> None:
    """Measure one hostile ingest after a warm one."""
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("warm")
    ap.add_argument("hostile", nargs="+")
    ap.add_argument("--stages", default="extract")
    ap.add_argument("--set", action="append", default=[])
    args = ap.parse_args(argv)
    changes = {}
    for item in args.set:
        key, val = item.split("=", 1)
        changes[key] = type(getattr(Settings(), key))(val)
    settings = Settings(**changes)
    stages = args.stages.split(",")
    ingest([args.warm], args.db + ".warm", settings, stages, resume=False)
    before = _peak_mb()
    start = time.perf_counter()
    summ = ingest(args.hostile, args.db, settings, stages, resume=False)
    seconds = time.perf_counter() - start
    con = duckdb.connect(args.db, read_only=True)
    messages = [r[0] for r in con.execute("SELECT message FROM rejects").fetchall()]
    print(json.dumps({"seconds": seconds, "extra_rss_mb": _peak_mb() - before,
                      "peak_rss_mb": _peak_mb(), "counts": summ.counts,
                      "codes": summ.reject_codes, "messages": messages}))


if __name__ == "__main__":
    main(sys.argv[1:])
