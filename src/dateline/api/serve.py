"""``dateline serve`` and ``dateline ingest --server``: the process that owns the database
while serving, and the ingest that hands its batches to it."""
from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from dateline.api.client import ingest_via_server, server_file
from dateline.config import Settings


def run_server(db: str, host: str = "127.0.0.1", port: int = 8000,
               accept_ingest: bool = False) -> None:
    """Serve the API and UI until interrupted; note the URL beside the database while the
    server takes ingest batches, so `dateline ingest` finds it."""
    import uvicorn

    from dateline.api.app import create_app

    app = create_app(db, accept_ingest=accept_ingest)
    note = Path(server_file(db))
    if accept_ingest:
        url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}"
        note.write_text(json.dumps({"url": url, "pid": os.getpid()}), encoding="utf-8")
    try:
        uvicorn.run(app, host=host, port=port, log_level="info")
    finally:
        if accept_ingest:
            note.unlink(missing_ok=True)


def ingest_to_server(paths: Iterable[str | os.PathLike[str]], url: str, settings: Settings,
                     stage_names: Sequence[str] | None = None, published: str | None = None,
                     workers: int | None = None,
                     on_batch: Callable[[dict[str, int]], None] | None = None
                     ) -> tuple[str | None, dict[str, int]]:
    """Run the pipeline here and hand every batch to the server at ``url``."""
    from dateline.engines.local import run_local
    from dateline.ingest import pipeline_identity
    from dateline.sources import ReadOptions, read_inputs

    options = ReadOptions(settings, published=published)
    batches: Any = run_local(read_inputs(paths, options), settings, stage_names, workers)
    return ingest_via_server(batches, url, pipeline_identity(settings, stage_names), on_batch)
