"""Ingest while serving: a running ``dateline serve --accept-ingest`` owns the DuckDB file,
so ``dateline ingest --server URL`` hands it dateline/1 batches over loopback HTTP.

Only loopback clients may post, with JSON and the ``X-Dateline-Ingest`` header: a web page
in a browser cannot send either without a CORS preflight, which this server never grants.
"""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from pydantic import BaseModel, Field

from dateline.api.routes_data import Db

MAX_BATCH = 5000  # records in one POST; the engine's batches are far smaller
LOOPBACK = {"127.0.0.1", "::1", "localhost"}
SCHEMA = "dateline/1"

router = APIRouter()


class RunInfo(BaseModel):
    """The pipeline identity of a handed-off run (ingest.pipeline_identity)."""

    stages: list[str] = Field(default_factory=list)
    model: str | None = None
    model_version: str | None = None
    config_hash: str | None = None


class IngestBatch(BaseModel):
    """One batch of dateline/1 records (error records included), for one run."""

    records: list[dict[str, Any]] = Field(max_length=MAX_BATCH)
    run_id: str | None = Field(None, max_length=40)
    run: RunInfo | None = None


class FinishRun(BaseModel):
    """The end of a handed-off run, with its totals."""

    run_id: str = Field(max_length=40)
    counts: dict[str, int] = Field(default_factory=dict)


def loopback_only(request: Request, x_dateline_ingest: Annotated[str | None, Header()] = None
                  ) -> None:
    """Refuse anything but a same-machine client sending the ingest header."""
    host = request.client.host if request.client else ""
    if host not in LOOPBACK:
        raise HTTPException(403, "ingest batches are taken from this machine only")
    if x_dateline_ingest is None:
        raise HTTPException(403, "send the X-Dateline-Ingest header (dateline.api.client "
                                 "does)")
    if request.headers.get("origin") or request.headers.get("sec-fetch-site") == "cross-site":
        raise HTTPException(403, "ingest batches are not taken from web pages")


def _check(records: list[dict[str, Any]]) -> None:
    for i, rec in enumerate(records):
        if rec.get("schema", SCHEMA) != SCHEMA or not isinstance(rec.get("id"), str):
            raise HTTPException(422, f"record {i} is not a {SCHEMA} record with an id")
        if not rec.get("error") and not isinstance(rec.get("text"), str):
            raise HTTPException(422, f"record {i} ({rec['id']!r}) has no text")


@router.post("/ingest/batch", dependencies=[Depends(loopback_only)],
             summary="Store a batch of dateline/1 records (loopback only)")
def ingest_batch(batch: IngestBatch, db: Db) -> dict[str, Any]:
    """Write the batch in one transaction; start a run when none is given."""
    _check(batch.records)
    run_id = batch.run_id or db.start_run((batch.run or RunInfo()).model_dump())
    counts = db.write(batch.records, run_id)
    return {"run_id": run_id, "counts": counts}


@router.post("/ingest/finish", dependencies=[Depends(loopback_only)],
             summary="Close a handed-off run with its totals (loopback only)")
def ingest_finish(body: FinishRun, db: Db) -> dict[str, Any]:
    """Stamp the run's end and totals."""
    db.finish_run(body.run_id, body.counts)
    return {"run_id": body.run_id, "finished": True}


@router.get("/ingest/status", summary="Whether this server takes ingest batches")
def ingest_status(db: Db) -> dict[str, Any]:
    """Writable or not, and the database path."""
    return {"accepts_ingest": db.writable, "db": db.path}
