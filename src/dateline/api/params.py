"""Query parameters of the list endpoints, validated at the edge (pydantic): unknown or
repeated parameters, over-long values, bad dates, countries and boxes are 4xx answers."""
from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from fastapi import HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field, field_validator

MAX_LIMIT = 1000  # largest page; the store's own cap (dateline.store.query.MAX_LIMIT)
MAX_OFFSET = 10_000_000
MAX_VALUE_LEN = 200  # longest filter value: an actor name or phrase, never a document
DATE_RE = r"^\d{4}(-\d{2}(-\d{2})?)?$"

Text = Annotated[str | None, Field(None, max_length=MAX_VALUE_LEN)]
Code = Annotated[str | None, Field(None, max_length=40)]
DateStr = Annotated[str | None, Field(None, pattern=DATE_RE,
                                      description="YYYY, YYYY-MM or YYYY-MM-DD")]
Country = Annotated[str | None, Field(None, pattern=r"^[A-Za-z]{2,3}$",
                                      description="ISO 3166-1 alpha-2 or alpha-3")]
BBox = Annotated[str | None, Field(None, max_length=100,
                                   description="min_lon,min_lat,max_lon,max_lat")]


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """Four comma-separated degrees, west,south,east,north; ValueError otherwise."""
    parts = value.split(",")
    if len(parts) != 4:
        raise ValueError("bbox takes four numbers: min_lon,min_lat,max_lon,max_lat")
    w, s, e, n = (float(p) for p in parts)
    if not (-180 <= w <= e <= 180 and -90 <= s <= n <= 90):
        raise ValueError("bbox must satisfy -180<=min_lon<=max_lon<=180 and "
                         "-90<=min_lat<=max_lat<=90")
    return w, s, e, n


class ListQuery(BaseModel):
    """Paging, sorting and the output format, common to every list."""

    model_config = ConfigDict(extra="forbid")
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)
    sort: str | None = Field(None, max_length=40, pattern=r"^-?[a-z_]+$",
                             description="an allowlisted key; '-key' sorts descending")
    format: Literal["json", "csv", "jsonl", "parquet"] = "json"

    def filters(self) -> dict[str, Any]:
        """The filter values given (paging, sort and format left out)."""
        skip = {"limit", "offset", "sort", "format"}
        values = {k: v for k, v in self.model_dump().items() if k not in skip and v}
        if "bbox" in values:
            values["bbox"] = parse_bbox(values["bbox"])
        return values

    @field_validator("bbox", check_fields=False)
    @classmethod
    def _check_bbox(cls, value: str | None) -> str | None:
        if value:
            parse_bbox(value)
        return value


class EventQuery(ListQuery):
    """Filters of /events (and of the map, network and timeline twins)."""

    type: Code = None
    action: Code = None
    status: Code = None
    actor: Text = None
    country: Country = None
    doc: Text = None
    since: DateStr = None
    until: DateStr = None
    text: Text = None
    bbox: BBox = None
    cluster: Text = None
    min_confidence: float | None = Field(None, ge=0.0, le=1.0, description=(
        "events whose confidence (the calibrated chance that the event is right) is at least "
        "this; none: every stored event"))
    plover: bool | None = Field(None, description="true: PLOVER events only (no OTHER); "
                                                  "ignored when a type is given")
    main: bool | None = Field(None, description=(
        "true: each sentence's main PLOVER event only (the one whose trigger stands highest "
        "in the parse; GDELT's root event)"))
    actor_key: Text = Field(None, description="an actor as the network merges it: "
                                              "'e:<entity name>' or 'c:<ISO3>[/<sector>]'")


class NetworkQuery(EventQuery):
    """Filters of /network: PLOVER events only unless plover=false; the top actors."""

    plover: bool | None = True
    top: int = Field(30, ge=1, le=200, description="keep this many actors, by degree")


class DocumentQuery(ListQuery):
    """Filters of /documents."""

    text: Text = None
    language: Code = None
    dup_group: Text = None
    since: DateStr = None
    until: DateStr = None


class EntityQuery(ListQuery):
    """Filters of /entities."""

    doc: Text = None
    type: Code = None
    text: Text = None


class QuoteQuery(ListQuery):
    """Filters of /quotes."""

    doc: Text = None
    kind: Code = None
    speaker: Text = None
    text: Text = None


class PlaceQuery(ListQuery):
    """Filters of /places."""

    doc: Text = None
    country: Country = None
    precision: Code = None
    text: Text = None
    bbox: BBox = None


class LinkQuery(ListQuery):
    """Filters of /storylines and /followthrough."""

    action: Code = None
    status: Code = None
    storyline: Text = None


def single_values(request: Request) -> None:
    """Reject a parameter given more than once (a list smuggled past the validators)."""
    seen: set[str] = set()
    for key, _ in request.query_params.multi_items():
        if key in seen:
            raise HTTPException(400, f"parameter {key!r} given more than once; give it once")
        seen.add(key)


def sort_error(exc: ValueError) -> HTTPException:
    """A 400 for a sort key outside the allowlist."""
    return HTTPException(400, str(exc))


def is_date(value: str) -> bool:
    """Whether a value looks like YYYY[-MM[-DD]]."""
    return bool(re.match(DATE_RE, value))
