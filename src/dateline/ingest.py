"""The Python API for runs: extract records from inputs, or ingest them into the store.

An ingest cuts the input stream into shards of ``settings.batch_size`` inputs. Each shard is
marked ``pending`` in the store's manifest when it is handed to a worker, and its records,
rejects and manifest rows are committed when it comes back. A rerun of the same command
(``resume=True``) skips every input the same pipeline already finished, so an ingest killed
at any point loses nothing, doubles nothing, and redoes at most the shards in flight.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from dateline.config import Settings
from dateline.engines.local import batched, run_batches, run_local
from dateline.engines.manifest import Manifest, input_key
from dateline.engines.pool import WorkerPool
from dateline.errors import StoreError
from dateline.model import RawDoc
from dateline.pipeline import Pipeline, resolve_stage_names
from dateline.sources import ReadOptions, expand_paths, read_inputs, reader_for
from dateline.store.db import Store

Item = RawDoc | dict[str, Any]
COUNT_KEYS = ("inputs", "stored", "unchanged", "updated", "rejected", "skipped")


@dataclass
class IngestSummary:
    """What one ingest did: counts, reject reasons, the run id and the database."""

    run_id: str
    db: str
    counts: dict[str, int] = field(default_factory=dict)
    reject_codes: dict[str, int] = field(default_factory=dict)
    table_counts: dict[str, int] = field(default_factory=dict)


def iter_records(paths: Iterable[str | os.PathLike[str]], settings: Settings,
                 stage_names: Sequence[str] | None = None, published: str | None = None,
                 url: str | None = None, doc_id: str | None = None,
                 workers: int | None = None) -> Iterator[dict[str, Any]]:
    """``dateline/1`` records (or error records) for every document in the inputs."""
    options = ReadOptions(settings, published=published, url=url, doc_id=doc_id)
    inputs = read_inputs(paths, options)
    for batch in run_local(inputs, settings, stage_names, workers):
        yield from batch


def pipeline_identity(settings: Settings, stage_names: Sequence[str] | None) -> dict[str, Any]:
    """What decides a run's records: stage names, spaCy model and version, config hash,
    dateline's version, and digests of the lexicons and the shipped trained weights."""
    from dateline import __version__
    from dateline.learn.persist import weights_digest
    from dateline.lexicon import lexicon_digest
    from dateline.tuned import tuned_digest

    info: dict[str, Any] = {"stages": ["extract", *resolve_stage_names(stage_names)],
                            "config_hash": settings.config_hash(), "version": __version__,
                            "lexicons": lexicon_digest(), "weights": weights_digest(),
                            "tuned": tuned_digest()}
    if "nlp" in info["stages"]:
        from dateline.stages.nlp import model_name

        info["model"] = model_name(settings.spacy_model)
        try:
            from importlib.metadata import version

            info["model_version"] = version(info["model"].replace("_", "-"))
        except Exception:  # noqa: BLE001 - a model without package metadata
            info["model_version"] = ""
    return info


def identity_key(identity: dict[str, Any]) -> str:
    """A short hash of a pipeline identity: equal keys give equal records, and any change of
    version, lexicon, weights, settings or model gives a new key (resume then redoes)."""
    blob = json.dumps(identity, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def estimate_inputs(paths: Iterable[str | os.PathLike[str]]) -> int | None:
    """How many documents the inputs hold, where cheap to tell (for an ETA); else None."""
    total = 0
    for path in expand_paths(paths):
        target = reader_for(path) or ""
        if target.endswith(":read_jsonl") and path.is_file():
            with path.open("rb") as fh:
                total += sum(1 for line in fh if line.strip())
        elif target.endswith((":read_html", ":read_text")):
            total += 1
        else:
            return None
    return total


class _Run:
    """The bookkeeping of one ingest: shards in flight, counts and reject codes."""

    def __init__(self, store: Store, manifest: Manifest, resume: bool,
                 on_batch: Callable[[dict[str, int]], None] | None):
        self.store, self.manifest, self.resume = store, manifest, resume
        self.on_batch = on_batch
        self.flight: deque[tuple[int, list[Item]]] = deque()
        self.counts = dict.fromkeys(COUNT_KEYS, 0)
        self.codes: dict[str, int] = {}
        self.written: list[str] = []  # ids of documents stored or replaced, for relinking

    def _add(self, counts: dict[str, int]) -> None:
        for key, val in counts.items():
            self.counts[key] = self.counts.get(key, 0) + val
        if self.on_batch:
            self.on_batch(counts)

    def shards(self, inputs: Iterable[Item], size: int) -> Iterator[list[Item]]:
        """Shards still to do; finished inputs are counted and skipped, the rest marked."""
        for shard, chunk in enumerate(batched(inputs, size)):
            done = self.manifest.finished([input_key(i) for i in chunk]) if self.resume else {}
            todo = [i for i in chunk if input_key(i) not in done]
            if done:
                skipped = {"inputs": len(done), "skipped": len(done), "rejected": 0}
                for status, code in done.values():
                    if status == "rejected":
                        skipped["rejected"] += 1
                        self.codes[code or "error"] = self.codes.get(code or "error", 0) + 1
                self._add(skipped)
            if not todo:
                continue
            self.manifest.mark_pending(todo, shard)
            self.flight.append((shard, todo))
            yield todo

    def commit(self, records: list[dict[str, Any]]) -> None:
        """Store one finished shard's records and close its manifest rows."""
        shard, items = self.flight.popleft()
        counts = self.store.write(records, self.manifest.run_id)
        self.manifest.mark_finished(items, records, shard)
        self.written.extend(r["id"] for r in records if not r.get("error"))
        for rec in records:
            if rec.get("error"):
                code = rec["error"].get("code", "error")
                self.codes[code] = self.codes.get(code, 0) + 1
        self._add(counts)


def _engine(name: str, address: str | None) -> Callable[..., Iterator[list[dict[str, Any]]]]:
    if name == "local":
        return run_batches
    if name == "ray":
        from dateline.engines.ray import ray_batches

        return functools.partial(ray_batches, address=address)
    raise ValueError(f"unknown engine {name!r}; choose local or ray")


def ingest(paths: Iterable[str | os.PathLike[str]], db: str | Path, settings: Settings,
           stage_names: Sequence[str] | None = None, published: str | None = None,
           workers: int | None = None,
           on_batch: Callable[[dict[str, int]], None] | None = None, *,
           resume: bool = True, engine: str = "local", address: str | None = None,
           link: bool = True) -> IngestSummary:
    """Run the pipeline over the inputs and store every record and reject in ``db``.

    With ``link`` (the default) the documents written are then linked incrementally:
    near-duplicates, cross-document event clusters, storylines and follow-through.
    """
    runner = _engine(engine, address)
    with ExitStack() as stack:
        if engine == "local":  # fork the workers before the store opens (fork safety)
            pool = stack.enter_context(WorkerPool(settings, stage_names,
                                                  workers or settings.workers))
            runner = functools.partial(run_batches, pool=pool)
        store = stack.enter_context(Store(db))
        identity = pipeline_identity(settings, stage_names)
        run_id = store.start_run(identity)
        run = _Run(store, Manifest(store.con, identity_key(identity), run_id), resume,
                   on_batch)
        inputs = read_inputs(paths, ReadOptions(settings, published=published))
        try:
            with store.threads(1) if engine == "local" else nullcontext():
                for records in runner(run.shards(inputs, settings.batch_size), settings,
                                      stage_names, workers):
                    run.commit(records)
        except StoreError:
            raise
        except duckdb.Error as exc:
            raise StoreError(f"writing to {db} failed ({exc}); the committed shards are "
                             "safe: fix the cause (e.g. free disk space) and rerun the "
                             "same command to resume", code="write_failed") from exc
        if link and run.written:
            from dateline.link import relink

            relink(store, sorted(set(run.written)))
        store.finish_run(run_id, run.counts)
        return IngestSummary(run_id, str(db), run.counts, run.codes, store.counts())


__all__ = ["IngestSummary", "Pipeline", "estimate_inputs", "identity_key", "ingest",
           "iter_records", "pipeline_identity"]
