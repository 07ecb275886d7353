"""Where the lexicons live, their declared schemas, the one reader, and their digest for
the run identity.

The TSV lexicons ship in ``dateline/lexicons``; ``DATELINE_LEXICON_DIR`` points every loader
at another folder holding the same files (to try an edited lexicon without touching the
install). The digest covers every file in that folder, so an edited row changes the run
identity and a resumed ingest redoes its inputs.
"""
from __future__ import annotations

import csv
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from dateline.errors import DatelineError

PACKAGE_DIR = Path(__file__).resolve().parent / "lexicons"
ENV_DIR = "DATELINE_LEXICON_DIR"


def lexicon_dir() -> Path:
    """The lexicon folder in use: ``$DATELINE_LEXICON_DIR``, else the package's own."""
    override = os.environ.get(ENV_DIR)
    return Path(override) if override else PACKAGE_DIR


def lexicon_path(name: str) -> Path:
    """The path of one lexicon file in the folder in use."""
    return lexicon_dir() / name


def lexicon_digest() -> str:
    """A short hash over the names and bytes of every lexicon file in use."""
    digest = hashlib.sha256()
    for path in sorted(p for p in lexicon_dir().iterdir() if p.is_file()):
        digest.update(path.name.encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:12]


class LexiconError(DatelineError):
    """A lexicon file that does not match its declared schema."""

    code = "bad_lexicon"


@dataclass(frozen=True)
class Schema:
    """A lexicon's columns (its header), those that may not be empty, and its key."""

    columns: tuple[str, ...]
    required: tuple[str, ...] = ()
    unique: tuple[str, ...] = ()


SCHEMAS: dict[str, Schema] = {
    "actors.tsv": Schema(("text", "kind", "country", "sector", "note"), ("text", "kind")),
    "demonyms.tsv": Schema(("demonym", "country"), ("demonym", "country")),
    "entity_fixes.tsv": Schema(("text", "from_type", "action", "to_type"),
                               ("text", "from_type", "action")),
    "event_intents.tsv": Schema(("action", "intent_type", "threat_mode", "negated_type",
                                 "reversed_type", "reversed_mode", "note"),
                                ("action", "intent_type"), ("action",)),
    "event_triggers.tsv": Schema(("phrase", "pos", "type", "action", "mode", "cameo", "frame",
                                  "note"), ("phrase", "pos", "type", "action")),
    "event_words.tsv": Schema(("word", "class", "note"), ("word", "class")),
    "gender_words.tsv": Schema(("word", "gender", "kind"), ("word", "gender", "kind"), ("word",)),
    "given_names.tsv": Schema(("name", "gender", "male", "female"), ("name", "gender"), ("name",)),
    "link_weak_actions.tsv": Schema(("lemma", "kind"), ("lemma", "kind"), ("lemma",)),
    "news_agencies.tsv": Schema(("name",), ("name",), ("name",)),
    "numbers.tsv": Schema(("word", "value"), ("word", "value"), ("word",)),
    "page_chrome.tsv": Schema(("kind", "pattern"), ("kind", "pattern")),
    "place_cues.tsv": Schema(("lemma", "role"), ("lemma", "role")),
    "place_features.tsv": Schema(("word", "class"), ("word", "class")),
    "places_extra.tsv": Schema(("name", "alias_of", "country", "lat", "lon", "geonames_id",
                                "precision", "source"), ("name",)),
    "pronouns.tsv": Schema(("word", "agrees", "gender"), ("word", "agrees")),
    "speech_verbs.tsv": Schema(("lemma", "class"), ("lemma", "class")),
    "timex_words.tsv": Schema(("kind", "word", "value"), ("kind", "word")),
    "titles.tsv": Schema(("word", "type", "kind"), ("word", "type")),
    "us_state_abbrev.tsv": Schema(("abbrev", "usps"), ("abbrev", "usps"), ("abbrev",)),
}


def read_lexicon(name: str) -> list[dict[str, str]]:
    """The rows of one lexicon in the folder in use (see ``read_lexicon_file``)."""
    return read_lexicon_file(lexicon_path(name))


def read_lexicon_file(path: Path) -> list[dict[str, str]]:
    """The rows of a lexicon file as dicts, checked against the schema of its name: the
    header must be the declared columns and every row must have as many fields (``#`` lines
    are comments; cells are stripped)."""
    schema = SCHEMAS.get(path.name)
    if schema is None:
        raise LexiconError(f"{path.name}: no schema declared in dateline.lexicon.SCHEMAS")
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [(n, line) for n, line in enumerate(fh, 1)
                 if line.strip() and not line.startswith("#")]
    reader = csv.reader((line for _, line in lines), delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = list(reader)
    if not rows or tuple(c.strip() for c in rows[0]) != schema.columns:
        raise LexiconError(f"{path}: header {rows[0] if rows else []} is not the declared "
                           f"{list(schema.columns)}")
    out = []
    for (number, _), fields in zip(lines[1:], rows[1:], strict=True):
        if len(fields) != len(schema.columns):
            raise LexiconError(f"{path.name}:{number}: {len(fields)} fields, the header has "
                               f"{len(schema.columns)}")
        out.append({c: f.strip() for c, f in zip(schema.columns, fields, strict=True)})
    return out
