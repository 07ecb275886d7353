"""Name keys: one normalised form for gazetteer names and text mentions.

``name_key("São Paulo")`` → ``"sao paulo"``; ``name_key("U.S.")`` → ``"us"``. Accents are
folded, case dropped, periods and apostrophes removed, other punctuation becomes a space.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DROP = re.compile(r"[.'’`]")
_SPACE = re.compile(r"[^a-z0-9]+")
_LEADING_THE = re.compile(r"^the\s+")
# English abbreviations of name words, expanded so "St. Petersburg" meets "Saint Petersburg"
_ABBREV_WORDS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The lookup key of a place name (ASCII, lower case, single spaces)."""
    folded = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(ch for ch in folded if not unicodedata.combining(ch))
    low = _DROP.sub("", ascii_only.lower())
    words = _LEADING_THE.sub("", _SPACE.sub(" ", low).strip()).split(" ")
    if len(words) > 1:
        words = [_ABBREV_WORDS.get(w, w) for w in words[:-1]] + words[-1:]
    return " ".join(words)


def fold(name: str) -> str:
    """The name without accents, case kept ("Ţarţūs" → "Tartus")."""
    folded = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def is_latin(name: str) -> bool:
    """Whether a name is written in Latin script (after folding accents)."""
    folded = unicodedata.normalize("NFKD", name)
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in folded)
