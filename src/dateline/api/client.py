"""Client side of ingest while serving: hand dateline/1 batches to a running server.

``dateline ingest --server URL`` (or any Python caller) runs the pipeline locally and posts
each batch to ``URL/ingest/batch``; the server, which owns the DuckDB file, stores it.
"""
from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from typing import Any

from dateline.errors import StoreError

HANDOFF_TIMEOUT_S = 60.0  # one batch of a few hundred records stores in well under a second


def _post(url: str, body: dict[str, Any], timeout: float) -> dict[str, Any]:
    data = json.dumps(body, ensure_ascii=False, default=str).encode("utf-8")
    request = urllib.request.Request(url, data=data, method="POST", headers={
        "Content-Type": "application/json", "X-Dateline-Ingest": "1"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace")[:500]
        raise StoreError(f"the server at {url} refused the batch ({exc.code}): {detail}",
                         code="handoff") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise StoreError(f"no dateline server answers at {url} ({exc}); start one with "
                         "`dateline serve --accept-ingest`, or ingest without --server",
                         code="handoff") from exc


def hand_off(records: list[dict[str, Any]], url: str, run_id: str | None = None,
             run: dict[str, Any] | None = None,
             timeout: float = HANDOFF_TIMEOUT_S) -> dict[str, Any]:
    """Post one batch to ``url`` (the server's base URL); return ``{run_id, counts}``."""
    body = {"records": records, "run_id": run_id, "run": run}
    return _post(url.rstrip("/") + "/ingest/batch", body, timeout)


def finish(url: str, run_id: str, counts: dict[str, int],
           timeout: float = HANDOFF_TIMEOUT_S) -> dict[str, Any]:
    """Close a handed-off run with its totals."""
    return _post(url.rstrip("/") + "/ingest/finish", {"run_id": run_id, "counts": counts},
                 timeout)


def ingest_via_server(batches: Iterable[list[dict[str, Any]]], url: str,
                      run: dict[str, Any] | None = None,
                      on_batch: Callable[[dict[str, int]], None] | None = None
                      ) -> tuple[str | None, dict[str, int]]:
    """Hand every batch to the server as one run; return the run id and the totals."""
    run_id: str | None = None
    total = {"inputs": 0, "stored": 0, "unchanged": 0, "updated": 0, "rejected": 0}
    for batch in batches:
        answer = hand_off(batch, url, run_id, run)
        run_id = answer["run_id"]
        for key, value in answer["counts"].items():
            total[key] = total.get(key, 0) + value
        if on_batch:
            on_batch(answer["counts"])
    if run_id:
        finish(url, run_id, total)
    return run_id, total


def server_file(db: str) -> str:
    """Where a serving process notes its URL beside the database file."""
    return f"{db}.serve.json"


def running_server(db: str) -> str | None:
    """The URL of a live ``dateline serve --accept-ingest`` owning ``db``, if any."""
    try:
        with open(server_file(db), encoding="utf-8") as fh:
            info = json.load(fh)
        os.kill(int(info["pid"]), 0)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return str(info["url"])
