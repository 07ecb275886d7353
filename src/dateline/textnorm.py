"""Length-preserving text normalisation for matching.

``match_text(text)`` maps every character to one character (homoglyphs to Latin, odd
spaces to a space, NFKC where it gives one character, curly quotes kept), so that an offset
into the matching text is the same offset into the stored text. Models and patterns run on
the matching text; every span they find indexes the stored text unchanged.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

# Cyrillic and Greek letters that look like Latin ones (the seed's "Marсh" has a Cyrillic с).
HOMOGLYPHS = {
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
    "ј": "j", "ѕ": "s", "ԁ": "d", "ӏ": "l", "һ": "h", "ԛ": "q", "ԝ": "w",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S", "Ү": "Y",
    "α": "a", "ο": "o", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "Α": "A", "Β": "B", "Ε": "E", "Η": "H", "Ι": "I", "Κ": "K",
    "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "Ζ": "Z",
}
SPACES = {"\u00a0", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004", "\u2005", "\u2006",
          "\u2007", "\u2008", "\u2009", "\u200a", "\u202f", "\u205f", "\u3000", "\t"}
ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
KEEP = set("“”‘’«»„‚")  # quote marks carry meaning for quotations


@lru_cache(maxsize=4096)
def _map_char(ch: str) -> str:
    if ch in HOMOGLYPHS:
        return HOMOGLYPHS[ch]
    if ch in SPACES or ch in ZERO_WIDTH:
        return " "
    if ch.isascii() or ch in KEEP:
        return ch
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


def match_text(text: str) -> str:
    """The text with one-to-one character substitutions for matching; same length."""
    if text.isascii():
        return text
    return "".join(_map_char(ch) for ch in text)


def has_homoglyphs(text: str) -> bool:
    """Whether a Latin-script word in the text hides a Cyrillic or Greek look-alike."""
    for i, ch in enumerate(text):
        if ch in HOMOGLYPHS:
            near = text[max(0, i - 3):i] + text[i + 1:i + 4]
            if any("a" <= c.lower() <= "z" for c in near):
                return True
    return False
