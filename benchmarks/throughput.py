"""End-to-end ingest throughput vs bare spaCy, per-stage cost, and peak RSS per worker.

    .venv/bin/python benchmarks/throughput.py [--docs 2000] [--runs 3] [--workers 2] [--quick]

The corpus is the bundled Wikinews demo (90 articles) repeated with distinct ids. "End to
end" is ``dateline.ingest.ingest`` into a fresh DuckDB file (reading, extraction, every
available stage, the store) with N worker processes; "bare spaCy" is ``nlp.pipe`` with the
same model as ``spacy.load`` gives it (full default pipeline) over the same article texts
with the same process count. (dateline's loader gives the model's attribute ruler an indexed
matcher, ``dateline.stages.attrmatch``, and its lemmatizer an array pass,
``dateline.stages.lemmacache``: the same annotations, about 5 and 1.3 ms an article less.)
Model loading is excluded from both (each is warmed first). Prints the median of the runs and
the median of each run's own ratio (pipeline and spaCy timed back to back, the figure least
moved by other load on a shared machine); the last line is ``throughput: articles_per_s=...
ratio_to_spacy=...`` (the ratio of the medians).
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from dateline.config import Settings, load_settings
from dateline.engines.pool import cached_pipeline
from dateline.ingest import ingest
from dateline.pipeline import Pipeline
from dateline.sources import ReadOptions, read_inputs


def make_corpus(folder: Path, n: int) -> tuple[Path, list[str]]:
    """The demo corpus repeated to ``n`` documents with distinct ids; also their texts."""
    demo = resources.files("dateline.demo").joinpath("meantime_wikinews.jsonl")
    base = [json.loads(line) for line in demo.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    path = folder / "corpus.jsonl"
    texts = []
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            doc = dict(base[i % len(base)])
            doc["id"] = f"{doc['id']}-r{i // len(base)}"
            doc.pop("url", None)  # the url would give every repeat the same id
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
            texts.append(doc["text"])
    return path, texts


def run_pipeline(corpus: Path, folder: Path, workers: int, tag: str) -> float:
    """Seconds for one end-to-end ingest into a fresh store (cross-document linking, a
    corpus-level step after the pipeline, is timed apart by ``time_relink``)."""
    settings = load_settings()  # DATELINE_* variables apply (e.g. DATELINE_MIN_CONFIDENCE)
    start = time.perf_counter()
    summ = ingest([corpus], folder / f"bench-{tag}.duckdb", settings, workers=workers,
                  resume=False, link=False)
    seconds = time.perf_counter() - start
    if summ.counts["rejected"]:
        print(f"  ({summ.counts['rejected']} rejected: {summ.reject_codes})", file=sys.stderr)
    return seconds


def time_relink(db: Path) -> float:
    """Seconds to link every document of a store from scratch (``dateline relink --full``)."""
    from dateline.link import relink
    from dateline.store.db import Store

    with Store(db) as store:
        start = time.perf_counter()
        relink(store, None)
        return time.perf_counter() - start


@lru_cache(maxsize=1)
def stock_spacy() -> Any:
    """The model as ``spacy.load`` gives it: no dateline change (dateline's own loader swaps
    the attribute ruler's matcher for a faster one with the same annotations)."""
    import spacy

    from dateline.stages.nlp import model_name

    return spacy.load(model_name(Settings().spacy_model))


def run_spacy(texts: list[str], workers: int) -> float:
    """Seconds for bare ``nlp.pipe`` (stock spaCy, full default pipeline) over the same
    texts."""
    nlp = stock_spacy()
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32, n_process=workers):
        pass
    return time.perf_counter() - start


class _Timed:
    """A stage wrapper that adds the time spent in it to ``costs[name]``."""

    def __init__(self, stage: Any, costs: dict[str, float]):
        self.stage, self.costs = stage, costs
        self.name, self.requires, self.produces = stage.name, stage.requires, stage.produces
        if hasattr(stage, "pipe"):
            self.pipe = lambda arts: self._timed(stage.pipe, arts)

    def _timed(self, func: Any, arg: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return func(arg)
        finally:
            self.costs[self.name] += time.perf_counter() - t0

    def __call__(self, article: Any) -> Any:
        return self._timed(self.stage, article)


def stage_costs(corpus: Path, sample: int) -> dict[str, float]:
    """Seconds per document spent in extraction and each stage (in-process, one core)."""
    settings = load_settings()  # DATELINE_* variables apply (e.g. DATELINE_MIN_CONFIDENCE)
    base = cached_pipeline(settings, None)
    costs: dict[str, float] = defaultdict(float)
    timed = _Timed(type("Extract", (), {"name": "extract", "requires": frozenset(),
                                         "produces": frozenset(),
                                         "__call__": staticmethod(base.extractor)})(), costs)
    pipeline = Pipeline(timed, [_Timed(s, costs) for s in base.stages], settings)
    raws = [r for r in read_inputs([corpus], ReadOptions(settings))][:sample]
    for i in range(0, len(raws), settings.batch_size):
        pipeline.process_batch(raws[i:i + settings.batch_size])
    return {k: v / max(1, len(raws)) for k, v in costs.items()}


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print the medians."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--quick", action="store_true", help="200 documents, 1 run (CI smoke)")
    ap.add_argument("--no-stages", action="store_true", help="skip the per-stage profile")
    args = ap.parse_args(argv)
    if args.quick:
        args.docs, args.runs = 200, 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus, texts = make_corpus(folder, args.docs)
        cached_pipeline(load_settings(), None)  # models load before timing
        run_spacy(texts[:50], 1)
        pipe_s, spacy_s = [], []
        for r in range(args.runs):
            pipe_s.append(run_pipeline(corpus, folder, args.workers, str(r)))
            spacy_s.append(run_spacy(texts, args.workers))
            print(f"run {r + 1}: pipeline {args.docs / pipe_s[-1]:.1f}/s, spaCy "
                  f"{args.docs / spacy_s[-1]:.1f}/s", file=sys.stderr)
        link_s = time_relink(folder / "bench-0.duckdb")
        print(f"relink --full of {args.docs} documents: {link_s:.1f} s")
        worker_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        parent_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if not args.no_stages:
            costs = stage_costs(corpus, min(180, args.docs))
            total = sum(costs.values())
            print("per-document cost (one core): " + ", ".join(
                f"{k} {v * 1000:.1f} ms ({v / total:.0%})" for k, v in costs.items()))
    rate = args.docs / statistics.median(pipe_s)
    spacy_rate = args.docs / statistics.median(spacy_s)
    print(f"documents={args.docs} workers={args.workers} runs={args.runs} "
          f"peak_rss_mb: worker={worker_rss:.0f} parent={parent_rss:.0f}")
    print(f"spacy: articles_per_s={spacy_rate:.1f}")
    # each run's pipeline and spaCy timings are taken back to back: their ratio is the one
    # least moved by other load on a shared machine
    paired = [s / p for p, s in zip(pipe_s, spacy_s, strict=True)]
    print("paired ratios: " + " ".join(f"{x:.2f}" for x in paired)
          + f" (median {statistics.median(paired):.2f})")
    print(f"throughput: articles_per_s={rate:.1f} ratio_to_spacy={rate / spacy_rate:.2f}")


if __name__ == "__main__":
    main()
