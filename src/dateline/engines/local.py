"""The local engine: the pipeline in this process or in N worker processes.

Each worker builds the pipeline once (models load once per worker) and processes whole
batches; results come back in input order.
"""
from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from dateline.config import Settings
from dateline.model import RawDoc
from dateline.pipeline import Pipeline

_WORKER_PIPELINE: Pipeline | None = None


def _init_worker(settings: Settings, stage_names: Sequence[str] | None) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = Pipeline.from_settings(settings, stage_names)


def _work(batch: list[RawDoc | dict[str, Any]]) -> list[dict[str, Any]]:
    assert _WORKER_PIPELINE is not None
    return list(_WORKER_PIPELINE.run(batch, batch_size=len(batch) or 1))


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive lists of at most ``size`` items."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def run_local(inputs: Iterable[RawDoc | dict[str, Any]], settings: Settings,
              stage_names: Sequence[str] | None = None, workers: int | None = None
              ) -> Iterator[list[dict[str, Any]]]:
    """Process inputs; yield one list of output records per input batch, in order."""
    workers = workers or settings.workers
    batches = batched(inputs, settings.batch_size)
    if workers <= 1:
        pipeline = Pipeline.from_settings(settings, stage_names)
        for batch in batches:
            yield list(pipeline.run(batch, batch_size=len(batch)))
        return
    ctx = mp.get_context("fork")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(settings, stage_names)) as pool:
        yield from pool.imap(_work, batches)
