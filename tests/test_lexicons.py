"""Every lexicon TSV has a declared schema (``dateline.lexicon.SCHEMAS``) and passes it: the
header, the field count of every row, non-empty keys, and the codes a column must hold."""
from __future__ import annotations

import re

import pytest

from dateline.lexicon import PACKAGE_DIR, SCHEMAS, read_lexicon
from dateline.vocab import PLOVER_TYPES, CameoRoot, FrameKind, Mode

ISO2 = re.compile(r"[A-Z]{2}")
ISO3 = re.compile(r"[A-Z]{3}")
CAMEO = re.compile(r"\d{2,4}")
NUMBER = re.compile(r"-?\d+(\.\d+)?")
ARGUMENT = re.compile(r"(mover|theme|object|target|names|prep):[a-z]+")  # an argument condition
TYPES = set(PLOVER_TYPES) | {"OTHER"}
# column -> check of a non-empty, non "-" cell, per file ("*" = any file)
CHECKS = {
    ("*", "country"): lambda v: ISO3.fullmatch(v) or ISO2.fullmatch(v),
    ("demonyms.tsv", "country"): ISO2.fullmatch,
    ("actors.tsv", "country"): ISO3.fullmatch,
    ("event_triggers.tsv", "type"): TYPES.__contains__,
    ("event_triggers.tsv", "cameo"): lambda v: CAMEO.fullmatch(v) and v[:2] in set(CameoRoot),
    ("event_triggers.tsv", "mode"): lambda v: v in set(Mode),
    ("event_intents.tsv", "threat_mode"): lambda v: v in set(Mode),
    ("event_intents.tsv", "reversed_mode"): lambda v: v in set(Mode),
    ("event_triggers.tsv", "frame"): lambda v: v in set(FrameKind) or ARGUMENT.fullmatch(v),
    ("event_intents.tsv", "intent_type"): TYPES.__contains__,
    ("event_intents.tsv", "negated_type"): TYPES.__contains__,
    ("numbers.tsv", "value"): NUMBER.fullmatch,
    ("places_extra.tsv", "lat"): NUMBER.fullmatch,
    ("places_extra.tsv", "lon"): NUMBER.fullmatch,
    ("us_state_abbrev.tsv", "usps"): ISO2.fullmatch,
    ("page_chrome.tsv", "pattern"): re.compile,
    ("pronouns.tsv", "gender"): ("m", "f").__contains__,
    ("gender_words.tsv", "gender"): ("m", "f").__contains__,
    ("gender_words.tsv", "kind"): ("honorific", "role", "family").__contains__,
    ("given_names.tsv", "gender"): ("m", "f").__contains__,
    ("given_names.tsv", "male"): str.isdigit,
    ("given_names.tsv", "female"): str.isdigit,
}


def test_every_lexicon_file_has_a_schema_and_every_schema_a_file():
    files = {p.name for p in PACKAGE_DIR.glob("*.tsv")}
    assert files == set(SCHEMAS), "declare new lexicons in dateline.lexicon.SCHEMAS"


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_lexicon_rows_match_their_schema(name):
    schema = SCHEMAS[name]
    rows = read_lexicon(name)  # checks the header and the field count of every row
    assert rows, f"{name} is empty"
    for row in rows:
        assert list(row) == list(schema.columns)
        for col in schema.required:
            assert row[col] not in ("", None), f"{name}: empty {col} in {row}"
        for col, value in row.items():
            check = CHECKS.get((name, col)) or CHECKS.get(("*", col))
            if check and value not in ("", "-", "*"):
                assert check(value), f"{name}: bad {col} {value!r} in {row}"
    if schema.unique:
        keys = [tuple(r[c] for c in schema.unique) for r in rows]
        dup = {k for k in keys if keys.count(k) > 1}
        assert not dup, f"{name}: duplicate keys {sorted(dup)[:5]}"


def test_a_malformed_lexicon_is_refused_with_its_line(tmp_path, monkeypatch):
    from dateline.lexicon import ENV_DIR, LexiconError

    for path in PACKAGE_DIR.glob("*.tsv"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "numbers.tsv").write_text("word\tvalue\none\t1\ntwo\n", encoding="utf-8")
    monkeypatch.setenv(ENV_DIR, str(tmp_path))
    with pytest.raises(LexiconError, match="numbers.tsv:3"):
        read_lexicon("numbers.tsv")
    (tmp_path / "numbers.tsv").write_text("word\tvalues\none\t1\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="header"):
        read_lexicon("numbers.tsv")
