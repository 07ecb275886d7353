"""The gazetteer: sources indexed, lexicon aliases, abbreviations, cache rebuilds."""
from __future__ import annotations

import pytest

from dateline.geo import gazetteer as gz


@pytest.mark.parametrize(("name", "kind", "country"), [
    ("Syria", "country", "SY"),
    ("Russian Federation", "country", "RU"),
    ("U.S.", "country", "US"),
    ("Britain", "country", "GB"),
    ("Latakia", "city", "SY"),
    ("Tartus", "city", "SY"),
    ("Raqqa", "city", "SY"),
    ("Hmeimim", "point", "SY"),
    ("Tamil Nadu", "admin1", "IN"),
    ("Va.", "admin1", "US"),
    ("Europe", "continent", ""),
    ("Middle East", "region", ""),
])
def test_lookup_finds_entry(gazetteer, name, kind, country):
    assert any(c.kind == kind and c.country == country for c in gazetteer.lookup(name))


@pytest.mark.parametrize(("name", "geonames_id"), [
    ("Syria", 163843), ("Jerusalem", 281184), ("Washington", 4140963),
])
def test_lookup_carries_geonames_ids(gazetteer, name, geonames_id):
    assert geonames_id in {c.geonames_id for c in gazetteer.lookup(name)}


def test_countries_have_coordinates(gazetteer):
    for name in ("Syria", "Russia", "Egypt", "Turkey", "Iraq", "Israel", "United States"):
        country = next(c for c in gazetteer.lookup(name) if c.kind == "country")
        assert country.lat is not None and -90 <= country.lat <= 90


def test_abbreviation_needs_its_period(gazetteer):
    assert not any(c.kind == "admin1" and c.country == "US" for c in gazetteer.lookup("Va"))


def test_capital_flag(gazetteer):
    dc = next(c for c in gazetteer.lookup("Washington") if c.geonames_id == 4140963)
    assert dc.capital and dc.kind == "city"


def test_unknown_name_is_empty(gazetteer):
    assert gazetteer.lookup("Qwxzplace") == []


def test_fingerprint_follows_lexicon(monkeypatch, tmp_path):
    before = gz.fingerprint()
    extra = tmp_path / "extra.tsv"
    extra.write_bytes(gz.sources.PLACES_EXTRA.read_bytes() + b"# changed\n")
    monkeypatch.setattr(gz.sources, "PLACES_EXTRA", extra)
    assert gz.fingerprint() != before


def test_cache_dir_honours_env(monkeypatch, tmp_path):
    monkeypatch.setenv("DATELINE_CACHE", str(tmp_path))
    assert gz.cache_dir() == tmp_path


def _tiny_index() -> dict:
    cols = {c: [] for c in gz.COLUMNS}
    for c, v in zip(gz.COLUMNS, (163843, "Syria", "SY", 35.0, 38.0, 1, "", "country"),
                    strict=True):
        cols[c].append(v)
    return {"columns": cols, "index": {"syria": 0}, "refs": {"country:SY": 0}, "counties": {}}


def test_cache_built_once_and_stale_removed(monkeypatch, tmp_path):
    monkeypatch.setenv("DATELINE_CACHE", str(tmp_path))
    monkeypatch.setattr(gz, "build", _tiny_index)
    (tmp_path / "gazetteer-old.marshal").write_bytes(b"stale")
    gaz = gz.load_gazetteer.__wrapped__()
    assert [c.name for c in gaz.lookup("Syria")] == ["Syria"]
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == [gz._cache_file().name]


def test_unwritable_cache_builds_in_memory(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("DATELINE_CACHE", str(blocker / "sub"))
    monkeypatch.setattr(gz, "build", _tiny_index)
    assert gz.load_gazetteer.__wrapped__().ref("country:SY").name == "Syria"
