"""PLOVER/POLECAT-style JSON Lines: one event a line with PLOVER's event, mode, actor and
recipient, the geolocation, and the sourcing we add (document, offsets, status)."""
from __future__ import annotations

import json
from typing import IO, Any


def _party(row: dict[str, Any], side: str) -> dict[str, Any] | None:
    if not any(row.get(f"{side}_{k}") for k in ("text", "country", "sector")):
        return None
    return {"name": row.get(f"{side}_text"), "id": row.get(f"{side}_id"),
            "country": row.get(f"{side}_country"), "sector": row.get(f"{side}_sector")}


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """One event in the PLOVER/POLECAT spirit."""
    published = row.get("published")
    location = None
    if row.get("place_name") or row.get("lat") is not None:
        location = {"placename": row.get("place_name"), "country": row.get("place_country"),
                    "lat": row.get("lat"), "lon": row.get("lon"),
                    "geonames_id": row.get("geonames_id"),
                    "feature_type": row.get("place_precision")}
    return {"id": f"{row['doc_id']}:{row['event_id']}", "date": row.get("date"),
            "date_resolution": row.get("date_precision"), "event": row.get("type"),
            "mode": row.get("mode"), "action": row.get("action"), "cameo": row.get("cameo"),
            "status": row.get("status"), "context": [], "actor": _party(row, "source"),
            "recipient": _party(row, "target"), "location": location,
            "attributed_to": row.get("attributed_to"), "confidence": row.get("confidence"),
            "cluster": row.get("cluster"),
            "source": {"document": row["doc_id"], "url": row.get("url"),
                       "headline": row.get("title"), "language": row.get("language"),
                       "publication_date": published.isoformat() if published else None,
                       "start": row.get("start_char"), "end": row.get("end_char"),
                       "trigger": row.get("trigger")}}


def write(rows: list[dict[str, Any]], sink: IO[str]) -> int:
    """Write the events as PLOVER-style JSON Lines."""
    for row in rows:
        sink.write(json.dumps(plover_record(row), ensure_ascii=False, default=str) + "\n")
    return len(rows)
