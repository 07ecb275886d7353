"""The data lists (/documents, /events, /quotes, /entities, /places) and one document."""
from __future__ import annotations

import json
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response

from dateline.api.db import ApiDb
from dateline.api.formats import download, jsonable
from dateline.api.params import (
    DocumentQuery,
    EntityQuery,
    EventQuery,
    ListQuery,
    PlaceQuery,
    QuoteQuery,
    single_values,
)
from dateline.api.queries import event_sql, table_sql

DOWNLOAD_MAX_ROWS = 1_000_000  # a download without an explicit limit holds at most this many

router = APIRouter(dependencies=[Depends(single_values)])


def get_db(request: Request) -> ApiDb:
    """The app's database."""
    return request.app.state.db


Db = Annotated[ApiDb, Depends(get_db)]


def page(db: ApiDb, name: str, q: ListQuery, sql: tuple[str, str, list[Any]],
         request: Request) -> dict[str, Any] | Response:
    """One JSON page with its total, or the whole filtered list as a download."""
    select, count, values = sql
    if q.format != "json":
        limit = q.limit if "limit" in q.model_fields_set else DOWNLOAD_MAX_ROWS
        table = db.arrow(f"{select} LIMIT ? OFFSET ?", values + [limit, q.offset])
        return download(table, q.format, name)
    rows = db.rows(f"{select} LIMIT ? OFFSET ?", values + [q.limit, q.offset])
    total = db.rows(count, values)[0]["n"]
    kept = [(k, v) for k, v in request.query_params.multi_items()
            if k not in ("format", "limit", "offset")]
    base = request.url.path + "?" + urlencode(kept + [("format", "")])
    return {"items": [jsonable(r) for r in rows], "total": total, "limit": q.limit,
            "offset": q.offset, "sort": q.sort, "filters": jsonable(q.filters()),
            "downloads": {f: base + f for f in ("csv", "jsonl", "parquet")}}


def _sorted(fn: Any) -> Any:
    try:
        return fn()
    except ValueError as exc:  # a sort key outside the allowlist
        raise HTTPException(400, str(exc)) from exc


@router.get("/events", summary="Events, filtered, sorted and paged")
def events(q: Annotated[EventQuery, Query()], db: Db, request: Request) -> Any:
    """Events by type, action, status, actor, country, date range, place box and text."""
    sql = _sorted(lambda: event_sql(q.filters(), q.sort))
    return page(db, "events", q, sql, request)


@router.get("/documents", summary="Documents, filtered, sorted and paged")
def documents(q: Annotated[DocumentQuery, Query()], db: Db, request: Request) -> Any:
    """Stored documents (without their text) by title/body text, language and date."""
    return page(db, "documents", q, _sorted(lambda: table_sql("documents", q.filters(),
                                                              q.sort)), request)


@router.get("/entities", summary="Entity mentions")
def entities(q: Annotated[EntityQuery, Query()], db: Db, request: Request) -> Any:
    """Entity mentions by document, type and text."""
    return page(db, "entities", q, _sorted(lambda: table_sql("entities", q.filters(),
                                                             q.sort)), request)


@router.get("/quotes", summary="Quotations and their speakers")
def quotes(q: Annotated[QuoteQuery, Query()], db: Db, request: Request) -> Any:
    """Quotations by document, kind, speaker and text."""
    return page(db, "quotes", q, _sorted(lambda: table_sql("quotes", q.filters(), q.sort)),
                request)


@router.get("/places", summary="Place mentions")
def places(q: Annotated[PlaceQuery, Query()], db: Db, request: Request) -> Any:
    """Place mentions by document, country, precision, text and bounding box."""
    return page(db, "places", q, _sorted(lambda: table_sql("places", q.filters(), q.sort)),
                request)


@router.get("/documents/{doc_id}", summary="One document's dateline/1 record")
def document(doc_id: Annotated[str, Path(max_length=300)], db: Db) -> dict[str, Any]:
    """The stored dateline/1 record, with current duplicate groups and event clusters."""
    rows = db.rows("SELECT record, dup_group FROM documents WHERE id = ?", [doc_id])
    if not rows:
        raise HTTPException(404, f"no document {doc_id!r}; /documents lists stored ones")
    rec = json.loads(rows[0]["record"])
    rec["dup_group"] = rows[0]["dup_group"]
    clusters = {r["event_id"]: r["cluster"] for r in db.rows(
        "SELECT event_id, cluster FROM events WHERE doc_id = ?", [doc_id])}
    for ev in rec.get("events") or []:
        ev["cluster"] = clusters.get(ev.get("id"), ev.get("cluster"))
    return rec
