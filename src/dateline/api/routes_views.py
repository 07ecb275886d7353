"""JSON twins of the UI's views (map, network, timeline), the linking layer's lists
(/storylines, /followthrough) and /stats for the UI's filter menus."""
from __future__ import annotations

import importlib.util
import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from dateline.api.db import ApiDb
from dateline.api.formats import jsonable
from dateline.api.network import build_network
from dateline.api.params import EventQuery, LinkQuery, NetworkQuery, single_values
from dateline.api.queries import TableSpec, event_where
from dateline.api.routes_data import Db, page
from dateline.vocab import FOLLOW_ORDER, INTENT_STATUSES

router = APIRouter(dependencies=[Depends(single_values)])

MAP_MAX_POINTS = 2000  # distinct places drawn at once; beyond, the busiest are kept
TIMELINE_MAX_EVENTS = 2000
HAPPENED = ("occurred", "ongoing")
# One lane per PLOVER action; an event whose action is a free lemma (OTHER's predicates and
# a few coded events) goes to its type's lane, so lanes stay a short list.
LANE_SQL = "CASE WHEN action = upper(action) THEN action ELSE coalesce(type, 'OTHER') END"
# The linking layer's tables (store/links.sql), then older or other names for them.
LINK_TABLES = {"storylines": ("link_storylines", "storylines"),
               "followthrough": ("link_followthrough", "followthrough", "follow_through")}
LINK_SORTS = ("storyline", "cluster", "announced", "as_of", "status", "action", "type")


def _where(q: EventQuery, extra: str) -> tuple[str, list[Any]]:
    where, values = event_where(q.filters())
    return (f"{where} AND {extra}" if where else f" WHERE {extra}"), values


@router.get("/map", summary="Event places (JSON twin of the map page)")
def event_map(q: Annotated[EventQuery, Query()], db: Db) -> dict[str, Any]:
    """Places of the filtered events with their counts and types, busiest first."""
    where, values = _where(q, "lat IS NOT NULL AND lon IS NOT NULL")
    rows = db.rows("SELECT place_name AS name, place_country AS country, lat, lon, "
                   "count(*) AS n, list(DISTINCT type ORDER BY type) AS types FROM events"
                   f"{where} GROUP BY ALL ORDER BY n DESC, name LIMIT ?",
                   values + [MAP_MAX_POINTS])
    return {"points": jsonable(rows), "filters": jsonable(q.filters()),
            "basemap": "/static/world-110m.geojson"}


@router.get("/network", summary="Who acts on whom (JSON twin of the network page)")
def network(q: Annotated[NetworkQuery, Query()], db: Db) -> dict[str, Any]:
    """The top actors by degree (PLOVER events unless plover=false) and their links."""
    filters = q.filters()
    filters.pop("top", None)
    body = build_network(db, filters, q.top)
    return body | {"filters": jsonable(filters)}


@router.get("/timeline", summary="Announcements against follow-through, by action")
def timeline(q: Annotated[EventQuery, Query()], db: Db) -> dict[str, Any]:
    """Dated events grouped by action, each marked announcement, occurrence or other."""
    where, values = _where(q, "action IS NOT NULL AND coalesce(date, CAST(published AS "
                              "VARCHAR)) IS NOT NULL")
    rows = db.rows(f"SELECT {LANE_SQL} AS lane, action, type, status, "
                   "coalesce(date, CAST(published AS VARCHAR)) AS date, doc_id, event_id, "
                   "source_text, target_text, trigger, cluster "
                   f"FROM events{where} ORDER BY lane = 'OTHER', lane, date, doc_id LIMIT ?",
                   values + [TIMELINE_MAX_EVENTS])
    lanes: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        status = row["status"]
        row["phase"] = ("announcement" if status in INTENT_STATUSES else
                        "occurrence" if status in HAPPENED else "other")
        lanes.setdefault(row.pop("lane"), []).append(jsonable(row))
    links = followthrough_rows(db, q.filters())
    return {"lanes": [{"action": a, "events": ev} for a, ev in lanes.items()],
            "followthrough": links[0], "note": links[1], "filters": jsonable(q.filters())}


def link_rows(db: ApiDb, name: str) -> tuple[list[dict[str, Any]], str | None]:
    """Every row of a linking table (bounded, stored records parsed), or [] and a note."""
    table = _link_table(db, name)
    if table is None:
        return [], _link_note(name)
    rows = db.rows(f"SELECT * FROM {table} LIMIT ?", [TIMELINE_MAX_EVENTS])
    return [_parsed(jsonable(r)) for r in rows], None


def _parsed(row: dict[str, Any]) -> dict[str, Any]:
    """A link row whose ``record`` column (stored JSON text) is an object again."""
    if isinstance(row.get("record"), str):
        try:
            row["record"] = json.loads(row["record"])
        except ValueError:
            pass
    return row


def followthrough_rows(db: ApiDb, filters: dict[str, Any]) -> tuple[list[dict[str, Any]],
                                                                    str | None]:
    """Follow-through records matching the type/action filters, resolved ones first."""
    rows, note = link_rows(db, "followthrough")
    out: list[dict[str, Any]] = []
    for row in rows:
        record = row.get("record")
        rec: dict[str, Any] = record if isinstance(record, dict) else row
        kind = str(rec.get("type") or "").upper()
        if filters.get("type") and kind != str(filters["type"]).upper():
            continue
        if filters.get("plover") and not filters.get("type") and kind in ("", "OTHER"):
            continue
        if filters.get("action") and str(rec.get("action") or "").upper() != \
                str(filters["action"]).upper():
            continue
        out.append(rec)
    rank: dict[str, int] = {s: i for i, s in enumerate(FOLLOW_ORDER)}
    out.sort(key=lambda r: (rank.get(str(r.get("status")), len(rank)),
                            str(r.get("announced") or ""), str(r.get("cluster") or "")))
    return out, note


def _link_table(db: ApiDb, name: str) -> str | None:
    tables = db.tables()
    return next((t for t in LINK_TABLES[name] if t in tables), None)


def _link_note(name: str) -> str:
    if importlib.util.find_spec("dateline.link") is None:
        return f"no {name} yet: the linking layer (dateline.link) is not installed"
    return (f"no {name} in this database yet: the linking layer (dateline.link) writes them "
            "when it has run over the stored events")


def _link_list(name: str, q: LinkQuery, db: ApiDb, request: Request) -> dict[str, Any] | Any:
    if q.sort and q.sort.removeprefix("-") not in LINK_SORTS:
        raise HTTPException(400, f"unknown sort key {q.sort!r}; choose from "
                                 f"{', '.join(LINK_SORTS)}")
    table = _link_table(db, name)
    if table is None:
        return {"items": [], "total": 0, "limit": q.limit, "offset": q.offset, "sort": q.sort,
                "filters": jsonable(q.filters()), "note": _link_note(name)}
    cols = tuple(r["column_name"] for r in db.rows(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
        "ORDER BY ordinal_position", [table]))
    sorts = {c: c for c in LINK_SORTS if c in cols}
    spec = TableSpec(table, cols, sorts, next(iter(sorts), cols[0]),
                     equal={k: k for k in ("action", "status", "storyline") if k in cols})
    where, values = spec.where(q.filters())
    try:
        order = spec.order(q.sort)
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from exc
    sql = (f"SELECT * FROM {table}{where}{order}", f"SELECT count(*) AS n FROM {table}{where}",
           values)
    body = page(db, name, q, sql, request)
    if isinstance(body, dict):
        body["items"] = [_parsed(r) for r in body["items"]]
    return body


@router.get("/storylines", summary="Storylines from the linking layer")
def storylines(q: Annotated[LinkQuery, Query()], db: Db, request: Request) -> Any:
    """Storylines as the linking layer stored them, or an empty list with a note."""
    return _link_list("storylines", q, db, request)


@router.get("/followthrough", summary="Follow-through of announcements (CONTRACT.md)")
def followthrough(q: Annotated[LinkQuery, Query()], db: Db, request: Request) -> Any:
    """Announced/ordered/promised/threatened clusters and whether they came true."""
    return _link_list("followthrough", q, db, request)


@router.get("/stats", summary="Counts and the values the UI's filter menus offer")
def stats(db: Db) -> dict[str, Any]:
    """Row counts, event types and statuses with counts, and the date range."""
    counts = {t: db.rows(f"SELECT count(*) AS n FROM {t}")[0]["n"]
              for t in ("documents", "events", "quotes", "entities", "places")}
    return {"counts": counts,
            "types": db.rows("SELECT type, count(*) AS n FROM events GROUP BY 1 ORDER BY 2 "
                             "DESC, 1"),
            "statuses": db.rows("SELECT status, count(*) AS n FROM events GROUP BY 1 ORDER "
                                "BY 2 DESC, 1"),
            "dates": jsonable(db.rows("SELECT min(date) AS first, max(date) AS last FROM "
                                      "events")[0]),
            "writable": db.writable}
