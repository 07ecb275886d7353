"""Where a watch cycle's records go: the local store (then relinked), or a running
``dateline serve --accept-ingest`` that owns the store (it links each run at its end)."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dateline.api.client import finish, hand_off
from dateline.config import Settings
from dateline.ingest import pipeline_identity
from dateline.store.db import Store


class StoreSink:
    """Write into an open store as one run; relink what the run wrote when it closes."""

    def __init__(self, store: Store, settings: Settings, stage_names: Sequence[str] | None):
        self.store = store
        self.run_id = store.start_run(pipeline_identity(settings, stage_names))
        self.written: set[str] = set()

    def write(self, records: list[dict[str, Any]]) -> dict[str, int]:
        """Store one batch in one transaction."""
        counts = self.store.write(records, self.run_id)
        self.written.update(r["id"] for r in records if not r.get("error"))
        return counts

    def close(self, counts: dict[str, int]) -> None:
        """Link the documents written, and stamp the run's end."""
        if self.written:
            from dateline.link import relink

            relink(self.store, sorted(self.written))
        self.store.finish_run(self.run_id, _run_counts(counts))


class ServerSink:
    """Hand each batch to the server that owns the store, as ``ingest --server`` does."""

    def __init__(self, url: str, settings: Settings, stage_names: Sequence[str] | None):
        self.url = url
        self.run = pipeline_identity(settings, stage_names)
        self.run_id: str | None = None

    def write(self, records: list[dict[str, Any]]) -> dict[str, int]:
        """Post one batch; a refusal raises, and its URLs stay fetched for the next cycle."""
        answer = hand_off(records, self.url, self.run_id, self.run)
        self.run_id = answer["run_id"]
        return dict(answer["counts"])

    def close(self, counts: dict[str, int]) -> None:
        """Close the server-side run (the server links it)."""
        if self.run_id:
            finish(self.url, self.run_id, _run_counts(counts))


def _run_counts(counts: dict[str, int]) -> dict[str, int]:
    stored = counts.get("stored", 0)
    done = stored + counts.get("updated", 0) + counts.get("unchanged", 0)
    return {"inputs": done + counts.get("rejected", 0), "stored": stored,
            "updated": counts.get("updated", 0), "unchanged": counts.get("unchanged", 0),
            "rejected": counts.get("rejected", 0)}
