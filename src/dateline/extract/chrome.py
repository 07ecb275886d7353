"""Page-chrome patterns (lexicons/page_chrome.tsv) and per-language stop words.

Both are data: the patterns come from the lexicon file, the stop words from spaCy's
language data (``spacy.lang.<code>.stop_words``), loaded once and cached.
"""
from __future__ import annotations

import importlib
import re
from functools import cache, lru_cache

from dateline.lexicon import read_lexicon

WORD = re.compile(r"\w+", re.UNICODE)
# Languages whose spaCy stop lists the cleaner compares to guess a page's language.
STOP_LANGS = ("en", "fr", "de", "es", "pt", "it", "nl", "cs", "pl", "sv", "da", "ro", "tr",
              "ru", "uk")
KINDS = ("drop", "media", "caption", "blurb", "credits", "end", "byline")
# A byline is a short line: "By the end of the year, ..." opens a paragraph, not a byline.
BYLINE_MAX_WORDS = 15


@lru_cache(maxsize=1)
def chrome_patterns() -> dict[str, re.Pattern[str]]:
    """One compiled alternation per kind from ``page_chrome.tsv``."""
    parts: dict[str, list[str]] = {k: [] for k in KINDS}
    for row in read_lexicon("page_chrome.tsv"):
        kind, pattern = row["kind"], row["pattern"]
        if kind in parts and pattern:
            parts[kind].append(f"(?:{pattern.strip()})")
    return {k: re.compile("|".join(v) or r"(?!x)x", re.IGNORECASE) for k, v in parts.items()}


def line_kind(line: str) -> str | None:
    """The chrome kind a stripped line matches, or None for ordinary text."""
    pats = chrome_patterns()
    for kind in ("credits", "blurb", "media", "drop", "end"):
        if pats[kind].fullmatch(line):
            return kind
    if pats["caption"].match(line) and len(WORD.findall(line)) > 3:
        return "caption"
    return None


def is_byline(line: str) -> bool:
    """Whether a short line reads as a byline ("By Jane Doe", "Par Jean Dupont")."""
    return bool(chrome_patterns()["byline"].match(line)) and len(
        WORD.findall(line)) <= BYLINE_MAX_WORDS


def caption_text(line: str) -> str:
    """A caption line without its label ("Media caption X" -> "X")."""
    m = chrome_patterns()["caption"].match(line)
    return line[m.end():].strip() if m else line


@cache
def stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words for a language (empty when spaCy has none)."""
    try:
        mod = importlib.import_module(f"spacy.lang.{lang}.stop_words")
    except ImportError:
        return frozenset()
    return frozenset(w.lower() for w in mod.STOP_WORDS)


def guess_language(words: list[str]) -> str:
    """The language whose stop words cover most of the words (English when unsure)."""
    sample = [w.lower() for w in words[:5000]]
    if not sample:
        return "en"
    best, best_hits = "en", 0
    for lang in STOP_LANGS:
        stops = stop_words(lang)
        hits = sum(1 for w in sample if w in stops)
        if hits > best_hits * 1.1:
            best, best_hits = lang, hits
    return best
