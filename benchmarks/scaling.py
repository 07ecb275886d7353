"""Throughput of the local and Ray engines by worker count, and Ray's overhead.

    .venv/bin/python benchmarks/scaling.py [--docs 360] [--workers 1,2] [--engines local,ray]

Same corpus as ``throughput.py`` (the demo articles repeated with distinct ids), full
pipeline, ingest into a fresh DuckDB per run. Ray's time includes ``ray.init`` and the
actors' model loading (that is its real fixed cost); the local engine's includes forking
its workers. Last line: ``ray_overhead: fixed_s=... per_doc_ratio=...``.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from dateline.config import Settings
from dateline.engines.pool import cached_pipeline
from dateline.ingest import ingest

sys.path.insert(0, str(Path(__file__).parent))
from throughput import make_corpus  # noqa: E402


def timed_ingest(corpus: Path, db: Path, engine: str, workers: int) -> float:
    """Seconds for one ingest of the corpus with an engine and worker count."""
    start = time.perf_counter()
    ingest([corpus], db, Settings(), workers=workers, resume=False, engine=engine)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    """Measure each engine at each worker count, at two corpus sizes (fixed vs per-doc)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=360)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--engines", default="local,ray")
    args = ap.parse_args(argv)
    counts = [int(w) for w in args.workers.split(",")]
    cached_pipeline(Settings(), None)
    results: dict[tuple[str, int, int], float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "small").mkdir()
        small, _ = make_corpus(folder / "small", args.docs // 4)
        large, _ = make_corpus(folder, args.docs)
        for engine in args.engines.split(","):
            for w in counts:
                for size, corpus in ((args.docs // 4, small), (args.docs, large)):
                    secs = timed_ingest(corpus, folder / f"{engine}-{w}-{size}.duckdb",
                                        engine, w)
                    results[(engine, w, size)] = secs
                    print(f"{engine} workers={w} docs={size}: {secs:.1f} s, "
                          f"{size / secs:.1f} articles/s", flush=True)
    _overhead(results, counts, args.docs)


def _overhead(results: dict[tuple[str, int, int], float], counts: list[int], docs: int
              ) -> None:
    w = max(counts)
    small = docs // 4
    if ("ray", w, docs) not in results:
        return
    slope = {e: (results[(e, w, docs)] - results[(e, w, small)]) / (docs - small)
             for e in ("local", "ray")}
    fixed = {e: results[(e, w, small)] - slope[e] * small for e in ("local", "ray")}
    print(f"ray_overhead: workers={w} fixed_s={fixed['ray'] - fixed['local']:.1f} "
          f"per_doc_ratio={slope['ray'] / slope['local']:.2f}")


if __name__ == "__main__":
    main()
