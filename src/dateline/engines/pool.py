"""Killable worker processes: a per-document time budget and crash isolation.

The parent builds the pipeline once (models load once) and forks workers, so a worker that
is killed or dies is replaced in milliseconds without reloading the model. Each worker
takes a whole batch (spaCy batches across its documents) and reports which document it is
extracting alone, so a runaway or crashing extraction is pinned to one document; a failure
while the batch is extracted together or in the batched stages reruns that batch one
document per task, so the culprit stands alone.
The culprit becomes an error record (``timeout`` or ``worker_crash``); every other
document is processed.
"""
from __future__ import annotations

import dataclasses
import gc
import logging
import multiprocessing as mp
import os
import signal
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from multiprocessing.connection import Connection, wait
from typing import Any

from dateline.config import Settings
from dateline.model import RawDoc, error_record
from dateline.pipeline import Pipeline

log = logging.getLogger(__name__)

Item = RawDoc | dict[str, Any]
Result = tuple[int, int, dict[str, Any]]  # (batch seq, slot in the batch, record)
Outcome = tuple[list["_Task"], list[Result]]  # (tasks to retry, finished records)
_PIPELINES: dict[tuple[Settings, tuple[str, ...]], Pipeline] = {}
# How long a worker may take to stop after being asked; measured: < 0.1 s when idle.
STOP_GRACE_S = 2.0
SPARES = 1  # idle workers forked up front to replace a crashed or timed-out one
# The batched stages get doc_timeout_s * (1 + STAGE_SHARE * batch size): the full pipeline
# takes 0.05-0.3 s per news article on one core (demo corpus), under a tenth of the 10 s
# default budget, so a healthy batch of 32 never comes near its 42 s.
STAGE_SHARE = 0.1
WARM_UP = (("html", "<html><head><title>Warm-up</title></head><body><article><p>On 3 March "
                    "2016 the mayor of Paris said: \"We will open the bridge.\"</p><p>The "
                    "council agreed.</p></article></body></html>"),
           ("text", "On Monday, President Putin ordered troops to leave Syria, Reuters said."))


def cached_pipeline(settings: Settings, stage_names: Sequence[str] | None) -> Pipeline:
    """The pipeline for these settings and stages, built once per process."""
    # the database path and worker count do not change a pipeline: one per process for all
    key = (dataclasses.replace(settings, db_path="", workers=1), tuple(stage_names or ()))
    if key not in _PIPELINES:
        pipeline = Pipeline.from_settings(settings, stage_names)
        # Warm up before forking: lazy imports and caches (trafilatura, lexicons) fill once
        # here instead of in every fresh worker, where they would eat the time budget.
        pipeline.process_batch([RawDoc(id="warm-up", kind=kind, content=content)
                                for kind, content in WARM_UP])
        _PIPELINES[key] = pipeline
    return _PIPELINES[key]


def _report(conn: Connection, task_id: int, phase: str, at: int) -> None:
    """Tell the parent where a task stands (the pipeline's progress hook)."""
    conn.send((phase, task_id, at))


def _worker_main(conn: Connection, settings: Settings, stage_names: Sequence[str] | None,
                 ) -> None:
    """A worker's loop: receive (task id, raws), report progress, send the records back."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when workers stop
    pipeline = cached_pipeline(settings, stage_names)
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        task_id, raws = msg
        records = pipeline.process_batch(raws, progress=partial(_report, conn, task_id))
        conn.send(("done", task_id, records))


@dataclass
class _Task:
    """A slice of one input batch: which slots of the batch and their raw documents."""

    seq: int
    slots: list[int]
    raws: list[RawDoc]
    task_id: int = 0
    # "q" sent, no word yet; "x" extracting document ``at`` alone; "b" extracting the batch
    # together; "s" running the batched stages. Only "x" pins a failure on one document.
    phase: str = "q"
    at: int = 0
    deadline: float = 0.0


@dataclass
class _Worker:
    """One worker process, its pipe and the task it holds (if any)."""

    proc: Any
    conn: Connection
    task: _Task | None = None


@dataclass
class _Batch:
    """Output slots of one input batch; complete when no slot is None."""

    records: list[dict[str, Any] | None]
    left: int = field(default=0)


class WorkerPool:
    """N forked workers processing batches with time budgets, crash isolation and order."""

    def __init__(self, settings: Settings, stage_names: Sequence[str] | None = None,
                 workers: int = 1, spares: int = SPARES):
        self.settings = settings
        self.stage_names = stage_names
        self.size = max(1, workers)
        self.ctx = mp.get_context("fork")
        cached_pipeline(settings, stage_names)  # load models once, before forking
        # The models live as long as the pool: keep the collector from traversing them in
        # every full collection (the parent's unpickling of worker records triggers those)
        # and the forked workers from touching, and so copying, their pages. Undone in close.
        gc.freeze()
        self.workers: list[_Worker] = [self._spawn() for _ in range(self.size)]
        # idle workers forked now, so a crash or timeout later is replaced without forking a
        # parent that may by then hold a DuckDB connection and its threads
        self.spares: list[_Worker] = [self._spawn() for _ in range(max(0, spares))]
        self._next_id = 0
        self.replaced = 0

    def _spawn(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=_worker_main, args=(child, self.settings,
                                                            self.stage_names), daemon=True)
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def close(self) -> None:
        """Stop every worker (politely, then by force)."""
        everyone = self.workers + self.spares
        for w in everyone:
            try:
                w.conn.send(None)
            except (OSError, ValueError):
                pass
        end = time.monotonic() + STOP_GRACE_S
        for w in everyone:
            w.proc.join(max(0.0, end - time.monotonic()))
            if w.proc.is_alive():
                w.proc.kill()
                w.proc.join()
            w.conn.close()
        self.workers, self.spares = [], []
        gc.unfreeze()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- scheduling
    def _budget(self, task: _Task) -> float:
        if task.phase == "x":
            return self.settings.doc_timeout_s
        return self.settings.doc_timeout_s * (1 + STAGE_SHARE * len(task.raws))

    @staticmethod
    def _pinned(task: _Task) -> bool:
        """Whether a failure now is known to be one document's (``task.at``)."""
        return task.phase == "x" or len(task.raws) == 1

    def _dispatch(self, worker: _Worker, task: _Task) -> None:
        self._next_id += 1
        task.task_id, task.phase, task.at = self._next_id, "q", 0  # queued: nothing known
        task.deadline = time.monotonic() + self._budget(task)
        worker.task = task
        worker.conn.send((task.task_id, task.raws))

    def _replace(self, worker: _Worker) -> None:
        if worker.proc.is_alive():
            worker.proc.kill()
        worker.proc.join()
        worker.conn.close()
        fresh = self.spares.pop() if self.spares else self._spawn()
        worker.proc, worker.conn, worker.task = fresh.proc, fresh.conn, None
        self.replaced += 1

    def _fail(self, task: _Task, code: str, message: str) -> Outcome:
        """Split a failed task: the pinned culprit gets an error, the rest is retried."""
        if self._pinned(task):
            bad = task.at if task.phase == "x" else 0
            raw = task.raws[bad]
            rec = error_record(raw.id, code, message, raw.origin)
            rest = [i for i in range(len(task.raws)) if i != bad]
            retry = [_Task(task.seq, [task.slots[i] for i in rest],
                           [task.raws[i] for i in rest])] if rest else []
            return retry, [(task.seq, task.slots[bad], rec)]
        # the culprit is somewhere in the batched stages: one document per task finds it
        return [_Task(task.seq, [slot], [raw]) for slot, raw in zip(task.slots, task.raws,
                                                                    strict=True)], []

    def _on_message(self, worker: _Worker, msg: tuple) -> list[Result] | None:
        kind, task_id, payload = msg
        task = worker.task
        if task is None or task_id != task.task_id:
            return None
        if kind == "done":
            worker.task = None
            return [(task.seq, slot, rec) for slot, rec in zip(task.slots, payload, strict=True)]
        task.phase, task.at = kind, payload
        task.deadline = time.monotonic() + self._budget(task)
        return None

    def _died(self, worker: _Worker) -> Outcome:
        task = worker.task
        worker.proc.join(0.5)
        code = worker.proc.exitcode
        self._replace(worker)
        if task is None:
            return [], []
        how = f"signal {signal.Signals(-code).name}" if code and code < 0 else f"exit {code}"
        where = f"document {task.at}" if task.phase == "x" else f"phase {task.phase!r}"
        log.warning("worker died (%s) during %s; isolating the document", how, where)
        return self._fail(task, "worker_crash", f"the worker process died ({how}) while "
                          "processing this document; it was isolated and the batch went on")

    def _timed_out(self, worker: _Worker) -> Outcome:
        task = worker.task
        assert task is not None
        self._replace(worker)
        budget = self._budget(task)
        return self._fail(task, "timeout", f"processing took over the {budget:g} s budget "
                          "(settings.doc_timeout_s); the worker was stopped and the batch "
                          "went on")

    def _poll(self, timeout: float) -> Outcome:
        """Wait for worker messages, deaths or deadlines; return retries and results."""
        busy = [w for w in self.workers if w.task is not None]
        handles: list[Any] = [w.conn for w in busy] + [w.proc.sentinel for w in busy]
        wait(handles, timeout=timeout)
        retries: list[_Task] = []
        results: list[Result] = []
        for w in busy:
            closed = False
            try:
                while w.task is not None and w.conn.poll():
                    results += self._on_message(w, w.conn.recv()) or []
            except (EOFError, OSError):
                closed = True
            if w.task is None:
                continue
            if closed or not w.proc.is_alive():
                more, res = self._died(w)
            elif time.monotonic() > w.task.deadline:
                more, res = self._timed_out(w)
            else:
                continue
            retries += more
            results += res
        return retries, results

    def run(self, batches: Iterator[list[Item]]) -> Iterator[list[dict[str, Any]]]:
        """Process batches; yield one list of records per batch, in input order."""
        pending: dict[int, _Batch] = {}
        queue: list[_Task] = []
        next_seq = emit = 0
        exhausted = False
        while True:
            # hand finished batches to the writer before taking new input, so that at any
            # moment at most one shard per worker is pending (what a kill -9 can cost)
            while emit in pending and pending[emit].left == 0:
                yield pending.pop(emit).records  # type: ignore[misc]
                emit += 1
            for w in self.workers:
                if w.task is not None:
                    continue
                if not queue and not exhausted:
                    batch = next(batches, None)
                    if batch is None:
                        exhausted = True
                    else:
                        queue += self._admit(batch, next_seq, pending)
                        next_seq += 1
                if queue:
                    self._dispatch(w, queue.pop(0))
            if exhausted and not queue and all(w.task is None for w in self.workers):
                if emit == next_seq:
                    return
            retries, results = self._poll(self._wait_time())
            queue = retries + queue
            self._store(results, pending)

    def _wait_time(self) -> float:
        deadlines = [w.task.deadline for w in self.workers if w.task is not None]
        if not deadlines:
            return 0.0
        return max(0.0, min(deadlines) - time.monotonic()) + 0.01

    def _admit(self, batch: list[Item], seq: int, pending: dict[int, _Batch]) -> list[_Task]:
        out = _Batch([None] * len(batch))
        slots, raws = [], []
        for i, item in enumerate(batch):
            if isinstance(item, dict):
                out.records[i] = item
            else:
                slots.append(i)
                raws.append(item)
        out.left = len(slots)
        pending[seq] = out
        return [_Task(seq, slots, raws)] if raws else []

    @staticmethod
    def _store(results: list[Result], pending: dict[int, _Batch]) -> None:
        for seq, slot, rec in results:
            entry = pending[seq]
            if entry.records[slot] is None:
                entry.left -= 1
            entry.records[slot] = rec


def worker_rss_mb(pid: int | None = None) -> float:
    """Resident memory of a process in MB (Linux /proc), 0.0 where unknown."""
    try:
        with open(f"/proc/{pid or os.getpid()}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0
