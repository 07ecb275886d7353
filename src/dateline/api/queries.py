"""Filtered, paginated reads for the API: events through ``dateline.store.query``, the other
tables through small allowlisted specs. Every value is a bound parameter; every column and
sort key comes from the specs below, never from the request."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dateline.store.query import PLOVER_ONLY, EventFilter, order_by


def like(value: str) -> str:
    """A literal substring pattern for ILIKE ... ESCAPE '\\' (%, _ and \\ match themselves)."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True)
class TableSpec:
    """What one list endpoint may select, filter and sort by."""

    table: str
    columns: tuple[str, ...]
    sorts: dict[str, str]
    default_order: str
    equal: dict[str, str] = field(default_factory=dict)  # param -> column (case-insensitive)
    contains: dict[str, tuple[str, ...]] = field(default_factory=dict)  # param -> columns
    date_col: str | None = None  # since/until compare on it
    bbox: bool = False  # lon/lat columns

    def where(self, params: dict[str, Any]) -> tuple[str, list[Any]]:
        """WHERE clause and bound values for the given (already validated) filters."""
        clauses: list[str] = []
        values: list[Any] = []
        for name, col in self.equal.items():
            if params.get(name):
                clauses.append(f"upper(CAST({col} AS VARCHAR)) = upper(?)")
                values.append(params[name])
        for name, cols in self.contains.items():
            if params.get(name):
                clauses.append("(" + " OR ".join(f"{c} ILIKE ? ESCAPE '\\'" for c in cols)
                               + ")")
                values += [like(params[name])] * len(cols)
        if self.date_col and params.get("since"):
            clauses.append(f"CAST({self.date_col} AS VARCHAR) >= ?")
            values.append(params["since"])
        if self.date_col and params.get("until"):
            clauses.append(f"CAST({self.date_col} AS VARCHAR) <= ? || '~'")
            values.append(params["until"])
        if self.bbox and params.get("bbox"):
            box = params["bbox"]
            clauses.append("lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?")
            values += [box[0], box[2], box[1], box[3]]
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", values

    def order(self, sort: str | None) -> str:
        """ORDER BY from an allowlisted key ('-key' descending); ValueError otherwise."""
        if not sort:
            return f" ORDER BY {self.default_order}"
        key = sort.removeprefix("-")
        if key not in self.sorts:
            raise ValueError(f"unknown sort key {key!r}; choose from {', '.join(self.sorts)}")
        direction = "DESC" if sort.startswith("-") else "ASC"
        return f" ORDER BY {self.sorts[key]} {direction} NULLS LAST, {self.default_order}"

    def filter_names(self) -> set[str]:
        """Every filter parameter this table takes."""
        names = set(self.equal) | set(self.contains)
        if self.date_col:
            names |= {"since", "until"}
        if self.bbox:
            names.add("bbox")
        return names


SPAN = ("doc_id", "start_char", "end_char", "text")
SPECS: dict[str, TableSpec] = {
    "documents": TableSpec(
        "documents", ("id", "url", "title", "published", "language", "dup_group", "site_name",
                      "origin", "ingested_at"),
        {"published": "published", "id": "id", "title": "title", "ingested": "ingested_at"},
        "id", equal={"language": "language", "dup_group": "dup_group"},
        contains={"text": ("title", "text")}, date_col="published"),
    "entities": TableSpec(
        "entities", (*SPAN, "type", "entity_id"),
        {"doc": "doc_id", "type": "type", "text": "text"}, "doc_id, start_char",
        equal={"doc": "doc_id", "type": "type"}, contains={"text": ("text",)}),
    "quotes": TableSpec(
        "quotes", (*SPAN, "kind", "cue", "speaker", "speaker_start", "speaker_end",
                   "speaker_id", "reported_by"),
        {"doc": "doc_id", "speaker": "speaker", "kind": "kind"}, "doc_id, start_char",
        equal={"doc": "doc_id", "kind": "kind"},
        contains={"speaker": ("speaker",), "text": ("text",)}),
    "places": TableSpec(
        "places", (*SPAN, "name", "country", "lat", "lon", "geonames_id", "precision"),
        {"doc": "doc_id", "name": "name", "country": "country"}, "doc_id, start_char",
        equal={"doc": "doc_id", "country": "country", "precision": "precision"},
        contains={"text": ("text", "name")}, bbox=True),
}
# Each (document, entity id) named by its longest mention: "Jobs" (E3) -> "Steve Jobs".
ENTITY_NAMES = ("SELECT doc_id, entity_id, first(text ORDER BY length(text) DESC, text) AS name "
                "FROM entities WHERE entity_id IS NOT NULL GROUP BY doc_id, entity_id")


def actor_key_sql(side: str, names: str) -> tuple[str, str]:
    """(key, label) SQL of one event side: its entity's name, else its country (+sector)."""
    name = f"coalesce({names}.name, ev.{side}_text)"
    code = f"ev.{side}_country || coalesce('/' || ev.{side}_sector, '')"
    key = (f"CASE WHEN ev.{side}_id IS NOT NULL THEN 'e:' || lower({name}) "
           f"WHEN ev.{side}_country IS NOT NULL THEN 'c:' || {code} END")
    label = (f"CASE WHEN ev.{side}_id IS NOT NULL THEN {name} "
             f"ELSE replace({code}, '/', ' ') END")
    return key, label


def actor_keys_sql(events_sql: str) -> str:
    """Per event of ``events_sql`` (aliased ev): doc_id, event_id, type, texts and both keys."""
    (skey, slabel), (tkey, tlabel) = actor_key_sql("source", "sn"), actor_key_sql("target", "tn")
    return (f"SELECT ev.doc_id, ev.event_id, ev.type, ev.source_text, ev.target_text, "
            f"{skey} AS skey, {slabel} AS slabel, {tkey} AS tkey, {tlabel} AS tlabel "
            f"FROM ({events_sql}) ev "
            f"LEFT JOIN ({ENTITY_NAMES}) sn "
            "ON sn.doc_id = ev.doc_id AND sn.entity_id = ev.source_id "
            f"LEFT JOIN ({ENTITY_NAMES}) tn "
            "ON tn.doc_id = ev.doc_id AND tn.entity_id = ev.target_id")


def event_where(params: dict[str, Any]) -> tuple[str, list[Any]]:
    """WHERE clause and values of the store's filter plus the API's own (plover, actor_key)."""
    where, values = event_filter(params).where()
    clauses = [where.removeprefix(" WHERE ")] if where else []
    if params.get("plover") and not params.get("type"):
        clauses.append(PLOVER_ONLY)
    if params.get("actor_key"):
        keys = actor_keys_sql("SELECT * FROM events")
        clauses.append(f"(doc_id, event_id) IN (SELECT doc_id, event_id FROM ({keys}) k "
                       "WHERE k.skey = ? OR k.tkey = ?)")
        values = values + [params["actor_key"]] * 2
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", values


def event_filter(params: dict[str, Any]) -> EventFilter:
    """The store's EventFilter from validated request parameters."""
    return EventFilter(type=params.get("type"), action=params.get("action"),
                       status=params.get("status"), actor=params.get("actor"),
                       country=params.get("country"), doc_id=params.get("doc"),
                       since=params.get("since"), until=params.get("until"),
                       text=params.get("text"), bbox=params.get("bbox"),
                       cluster=params.get("cluster"),
                       min_confidence=params.get("min_confidence"),
                       main_only=bool(params.get("main")))


def event_sql(params: dict[str, Any], sort: str | None) -> tuple[str, str, list[Any]]:
    """(select-without-limit, count, values) for events."""
    where, values = event_where(params)
    return (f"SELECT * FROM events{where}{order_by(sort)}",
            f"SELECT count(*) AS n FROM events{where}", values)


def table_sql(name: str, params: dict[str, Any], sort: str | None) -> tuple[str, str, list[Any]]:
    """(select-without-limit, count, values) for one of SPECS."""
    spec = SPECS[name]
    where, values = spec.where(params)
    cols = ", ".join(spec.columns)
    return (f"SELECT {cols} FROM {spec.table}{where}{spec.order(sort)}",
            f"SELECT count(*) AS n FROM {spec.table}{where}", values)
