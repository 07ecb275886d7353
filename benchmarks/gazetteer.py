"""Gazetteer benchmark: build time (with --rebuild), load time, RSS and lookup rate.

    .venv/bin/python benchmarks/gazetteer.py [--rebuild]

Prints one line per measure; the load is measured in this fresh process, so run it twice
after a rebuild to see the warm-cache figure the pipeline gets.
"""
from __future__ import annotations

import argparse
import resource
import time


def rss_mb() -> float:
    """Peak resident set size of this process in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    """Measure and print."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rebuild", action="store_true", help="rebuild the cached index first")
    args = ap.parse_args()
    from dateline.geo import gazetteer as gz

    path = gz._cache_file()
    if args.rebuild or not path.is_file():
        t = time.perf_counter()
        gz.build_cache(path)
        print(f"build: {time.perf_counter() - t:.2f} s -> {path} "
              f"({path.stat().st_size / 1e6:.1f} MB)")
        print("(the load below reuses this process; rerun without --rebuild for a cold load)")
    base = rss_mb()
    t = time.perf_counter()
    gaz = gz.load_gazetteer()
    load_s = time.perf_counter() - t
    print(f"load: {load_s:.2f} s, {len(gaz)} places, {len(gaz.index)} names")
    print(f"rss: {rss_mb():.0f} MB peak (process before load {base:.0f} MB)")
    names = ["Syria", "Washington", "Latakia", "Springfield", "Paris", "Tartus", "Qwxz"] * 20000
    t = time.perf_counter()
    for n in names:
        gaz.lookup(n)
    dt = time.perf_counter() - t
    print(f"lookup: {len(names) / dt:,.0f} names/s ({dt / len(names) * 1e6:.1f} µs each)")


if __name__ == "__main__":
    main()
