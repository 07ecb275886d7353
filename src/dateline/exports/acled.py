"""ACLED-style CSV: ACLED's column names, filled from our events where a column has a
counterpart (dates, event type by PLOVER type, actors, country, location, coordinates, the
source). Fatalities, interaction codes and admin areas stay empty."""
from __future__ import annotations

import csv
from typing import IO, Any

import pycountry

from dateline.exports import mappings
from dateline.exports.formats import defuse

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
           "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
           "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region",
           "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
           "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
           "timestamp")
TIME_PRECISION = {"day": 1, "month": 2, "year": 3}  # ACLED: 1 day, 2 week/month, 3 longer
GEO_PRECISION = {"point": 1, "city": 1, "admin1": 2, "region": 3, "country": 3}


def _types(row: dict[str, Any]) -> list[str]:
    maps = mappings()
    if row.get("type") == "ASSAULT" and row.get("mode") in maps["assault_mode_acled"]:
        return maps["assault_mode_acled"][row["mode"]]
    return maps["plover_acled"].get(row.get("type") or "", maps["plover_acled_default"])


def _country(iso2: str | None) -> tuple[Any, str]:
    found = pycountry.countries.get(alpha_2=iso2) if iso2 else None
    return (int(found.numeric), found.name) if found else ("", "")


def acled_row(row: dict[str, Any]) -> dict[str, Any]:
    """One event as an ACLED-style row."""
    disorder, event_type, sub_type = _types(row)
    iso, country = _country(row.get("place_country"))
    published = row.get("published")
    when = row.get("date") if row.get("date_precision") == "day" else (
        published.isoformat() if published else row.get("date"))
    notes = f"{row.get('source_text') or '?'} {row.get('trigger') or ''} " \
            f"{row.get('target_text') or ''} [{row.get('status')}]".strip()
    return {"event_id_cnty": f"{row['doc_id']}:{row['event_id']}", "event_date": when or "",
            "year": (when or "")[:4], "time_precision":
            TIME_PRECISION.get(row.get("date_precision") or "", 3),
            "disorder_type": disorder, "event_type": event_type, "sub_event_type": sub_type,
            "actor1": row.get("source_text") or "", "actor2": row.get("target_text") or "",
            "civilian_targeting": "Civilian targeting" if row.get("target_sector") == "CVL"
            else "", "iso": iso, "country": country, "location": row.get("place_name") or "",
            "latitude": row.get("lat") if row.get("lat") is not None else "",
            "longitude": row.get("lon") if row.get("lon") is not None else "",
            "geo_precision": GEO_PRECISION.get(row.get("place_precision") or "", ""),
            "source": row.get("url") or row["doc_id"], "notes": notes}


def write(rows: list[dict[str, Any]], sink: IO[str]) -> int:
    """Write the events as ACLED-style CSV with a header."""
    writer = csv.DictWriter(sink, fieldnames=COLUMNS, restval="", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: defuse(v) for k, v in acled_row(row).items()})
    return len(rows)
