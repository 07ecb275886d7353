"""Cost of ``relink --full`` on the 2,000-document benchmark store, for each linker.

    .venv/bin/python benchmarks/relink.py [--docs 2000] [--db STORE] [--linker rules|learned]
                                          [--no-copies]

The store is ``benchmarks/throughput.py``'s corpus (the 90 Wikinews demo articles repeated
with distinct ids) ingested without linking (``--db`` reuses one; it is copied, never
relinked in place). Each run relinks a fresh copy from scratch and prints seconds and counts.
``--no-copies`` links every reprint on its own (what the cost would be without reprints:
the demo repeated 22 times is the worst case for that).
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def build_store(folder: Path, docs: int, workers: int) -> Path:
    """Ingest the repeated demo corpus into a new store without linking."""
    from throughput import make_corpus

    from dateline.config import Settings
    from dateline.ingest import ingest

    corpus, _ = make_corpus(folder, docs)
    db = folder / "bench.duckdb"
    ingest([corpus], db, Settings(), workers=workers, resume=False, link=False)
    return db


def time_relink(db: Path, linker: str, copies: bool) -> tuple[float, dict[str, int]]:
    """Seconds for ``relink(store, None)`` with one linker; also its counts."""
    from dateline.link import assign, relink
    from dateline.store.db import Store

    assign.LINKER = linker
    if not copies:
        sign = assign._signature
        assign._signature = lambda m, d: (m.doc_id, *sign(m, d))  # every mention on its own
    with Store(db) as store:
        start = time.perf_counter()
        counts = relink(store, None)
        seconds = time.perf_counter() - start
        counts["clusters"] = store.sql("SELECT count(DISTINCT cluster) n FROM events")[0]["n"]
    return seconds, counts


def main(argv: list[str] | None = None) -> None:
    """Build or reuse the store, then time one full relink per linker asked for."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--db", type=Path, help="an unlinked store to reuse (copied first)")
    ap.add_argument("--linker", choices=("rules", "learned"), action="append")
    ap.add_argument("--no-copies", action="store_true")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = args.db or build_store(folder, args.docs, args.workers)
        for linker in args.linker or ["rules", "learned"]:
            db = folder / f"relink-{linker}.duckdb"
            shutil.copy(source, db)
            seconds, counts = time_relink(db, linker, not args.no_copies)
            print(f"relink --full [{linker}{', no copies' if args.no_copies else ''}] "
                  f"{seconds:.1f} s: {counts}", flush=True)


if __name__ == "__main__":
    main()
