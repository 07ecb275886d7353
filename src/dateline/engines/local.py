"""The local engine: the pipeline in N killable worker processes on this machine.

The parent loads the models once and forks the workers (see ``engines.pool``); each worker
processes whole batches (spaCy batches across the documents) under a per-document time
budget, and a worker that dies costs only the document it was on. ``isolate=False`` runs
the pipeline in this process instead (no time budget; for debugging and profiling).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice
from typing import Any

from dateline.config import Settings
from dateline.engines.pool import WorkerPool, cached_pipeline
from dateline.model import RawDoc


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive lists of at most ``size`` items."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def run_batches(batches: Iterable[list[RawDoc | dict[str, Any]]], settings: Settings,
                stage_names: Sequence[str] | None = None, workers: int | None = None,
                isolate: bool = True, pool: WorkerPool | None = None
                ) -> Iterator[list[dict[str, Any]]]:
    """Process given batches; yield one list of output records per batch, in order (on
    ``pool`` when given: it was forked before any database was opened, and stays open)."""
    workers = workers or settings.workers
    batches = iter(batches)
    first = next(batches, None)  # nothing to do (e.g. a resumed run that is done): no workers
    if first is None:
        return
    batches = chain([first], batches)
    if not isolate:
        pipeline = cached_pipeline(settings, stage_names)
        for batch in batches:
            yield list(pipeline.run(batch, batch_size=max(1, len(batch))))
        return
    if pool is not None:
        yield from pool.run(batches)
        return
    with WorkerPool(settings, stage_names, workers) as own:
        yield from own.run(batches)


def run_local(inputs: Iterable[RawDoc | dict[str, Any]], settings: Settings,
              stage_names: Sequence[str] | None = None, workers: int | None = None,
              isolate: bool = True) -> Iterator[list[dict[str, Any]]]:
    """Process inputs; yield one list of output records per input batch, in order."""
    yield from run_batches(batched(inputs, settings.batch_size), settings, stage_names,
                           workers, isolate)
