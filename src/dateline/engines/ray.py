"""The Ray engine: actors that hold the model, Parquet parts back, one writer.

``pip install 'dateline[ray]'``; the default install does not need Ray. Each actor builds
the pipeline once and processes whole batches in its own killable worker (the local
``WorkerPool`` with one worker, so the per-document time budget and crash isolation hold
under Ray too). An actor returns its batch as a Parquet part (one ``record`` JSON column,
carried by Ray's object store, so it works on a cluster without shared storage); the
driver reads the parts in input order and hands them to the single DuckDB writer.

    dateline ingest FILES --engine ray [--address ray://head:10001] --workers 8
"""
from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from dateline.config import Settings
from dateline.errors import DatelineError
from dateline.model import RawDoc

IN_FLIGHT_PER_ACTOR = 2  # one batch running, one queued: actors never wait for the driver


def to_part(records: list[dict[str, Any]]) -> bytes:
    """A batch of records as Parquet bytes (one JSON ``record`` column)."""
    table = pa.table({"record": [json.dumps(r, ensure_ascii=False) for r in records]})
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


def from_part(part: bytes) -> list[dict[str, Any]]:
    """The records of a Parquet part, in order."""
    table = pq.read_table(io.BytesIO(part))
    return [json.loads(r) for r in table.column("record").to_pylist()]


class PipelineActor:
    """Holds the models and one killable worker; turns a batch into a Parquet part."""

    def __init__(self, settings: Settings, stage_names: Sequence[str] | None,
                 isolate: bool = True):
        from dateline.engines.pool import WorkerPool, cached_pipeline

        self.pipeline = cached_pipeline(settings, stage_names)
        self.pool = WorkerPool(settings, stage_names, 1) if isolate else None

    def process(self, batch: list[RawDoc | dict[str, Any]]) -> bytes:
        """Records for one batch, as a Parquet part."""
        if self.pool is None:
            return to_part(list(self.pipeline.run(batch, batch_size=max(1, len(batch)))))
        return to_part(next(self.pool.run(iter([batch]))))

    def ready(self) -> bool:
        """True once the models are loaded."""
        return True


def _ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise DatelineError("the Ray engine needs Ray: pip install 'dateline[ray]' (or "
                            "use the default --engine local)", code="engine") from exc
    return ray


def ray_batches(batches: Iterable[list[RawDoc | dict[str, Any]]], settings: Settings,
                stage_names: Sequence[str] | None = None, workers: int | None = None,
                address: str | None = None) -> Iterator[list[dict[str, Any]]]:
    """Process batches on Ray actors; yield one list of records per batch, in order."""
    ray = _ray()
    batches = iter(batches)
    first = next(batches, None)
    if first is None:
        return
    n = max(1, workers or settings.workers)
    started = not ray.is_initialized()
    if started:
        ray.init(address=address, include_dashboard=False, ignore_reinit_error=True,
                 log_to_driver=False, **({} if address else {"num_cpus": n}))
    remote = ray.remote(num_cpus=1)(PipelineActor)
    actors = [remote.remote(settings, stage_names) for _ in range(n)]
    try:
        ray.get([a.ready.remote() for a in actors])
        yield from _drive(ray, actors, first, batches)
    finally:
        for actor in actors:
            ray.kill(actor)
        if started:
            ray.shutdown()


def _drive(ray: Any, actors: list[Any], first: list[Any], batches: Iterator[list[Any]]
           ) -> Iterator[list[dict[str, Any]]]:
    """Keep every actor busy, read parts back and yield them in input order."""
    pending: dict[Any, int] = {}
    done: dict[int, bytes] = {}
    seq = emit = 0
    source = chain([first], batches)
    exhausted = False
    limit = IN_FLIGHT_PER_ACTOR * len(actors)
    while True:
        while not exhausted and len(pending) < limit:
            batch = next(source, None)
            if batch is None:
                exhausted = True
                break
            pending[actors[seq % len(actors)].process.remote(batch)] = seq
            seq += 1
        while emit in done:
            yield from_part(done.pop(emit))
            emit += 1
        if exhausted and not pending:
            return
        ready, _ = ray.wait(list(pending), num_returns=1)
        for ref in ready:
            done[pending.pop(ref)] = ray.get(ref)
