"""The Python API for runs: extract records from inputs, or ingest them into the store."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.config import Settings
from dateline.engines.local import run_local
from dateline.pipeline import Pipeline, resolve_stage_names
from dateline.sources import ReadOptions, read_inputs
from dateline.store.db import Store


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
    """Stage names, model name/version and config hash for a run stamp."""
    info: dict[str, Any] = {"stages": ["extract", *resolve_stage_names(stage_names)],
                            "config_hash": settings.config_hash()}
    if "nlp" in info["stages"]:
        from dateline.stages.nlp import model_name

        info["model"] = model_name(settings.spacy_model)
        try:
            from importlib.metadata import version

            info["model_version"] = version(info["model"].replace("_", "-"))
        except Exception:  # noqa: BLE001 - a model without package metadata
            info["model_version"] = ""
    return info


def ingest(paths: Iterable[str | os.PathLike[str]], db: str | Path, settings: Settings,
           stage_names: Sequence[str] | None = None, published: str | None = None,
           workers: int | None = None,
           on_batch: Callable[[dict[str, int]], None] | None = None) -> IngestSummary:
    """Run the pipeline over the inputs and store every record and reject in ``db``."""
    with Store(db) as store:
        run_id = store.start_run(pipeline_identity(settings, stage_names))
        total = {"inputs": 0, "stored": 0, "unchanged": 0, "updated": 0, "rejected": 0}
        codes: dict[str, int] = {}
        options = ReadOptions(settings, published=published)
        for batch in run_local(read_inputs(paths, options), settings, stage_names, workers):
            counts = store.write(batch, run_id)
            for key, val in counts.items():
                total[key] += val
            for rec in batch:
                if rec.get("error"):
                    code = rec["error"].get("code", "error")
                    codes[code] = codes.get(code, 0) + 1
            if on_batch:
                on_batch(counts)
        store.finish_run(run_id, total)
        return IngestSummary(run_id, str(db), total, codes, store.counts())


__all__ = ["IngestSummary", "Pipeline", "ingest", "iter_records", "pipeline_identity"]
