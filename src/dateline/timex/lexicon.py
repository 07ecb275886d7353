"""Loading of the time-expression word lists (``lexicons/timex_words.tsv``)."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from dateline.lexicon import read_lexicon

WORDS_FILE = "timex_words.tsv"
PLAIN_FIRST = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def factor(alternatives: Sequence[str]) -> str:
    """The regex alternation of ``alternatives`` with those opening on the same plain
    character merged behind it (``a|b|ac`` -> ``a(?:|c)|b``): the same matches and groups,
    fewer branches tried at each position. Two alternatives opening on different letters or
    digits cannot both match at one position (also case-insensitively), and each
    character's alternatives keep their order, so the first that matches is the same one.
    A plain ``|`` join when an alternative opens otherwise (an escape, a group, a quantified
    first character)."""
    if not all(a[:1] in PLAIN_FIRST and a[1:2] not in ("*", "+", "?", "{")
               for a in alternatives):
        return "|".join(alternatives)
    rests: dict[str, list[str]] = {}
    for alt in alternatives:
        rests.setdefault(alt[0], []).append(alt[1:])
    return "|".join(first + rest[0] if len(rest) == 1 else f"{first}(?:{'|'.join(rest)})"
                    for first, rest in rests.items())


class TimexLexicon:
    """Word lists by kind: ``lex.kind("month")`` maps each word to its value."""

    def __init__(self, rows: list[tuple[str, str, str]]):
        self._by_kind: dict[str, dict[str, str]] = defaultdict(dict)
        for kind, word, value in rows:
            self._by_kind[kind][word] = value

    def kind(self, name: str) -> dict[str, str]:
        """Word -> value for one kind (empty when the kind is absent)."""
        return self._by_kind.get(name, {})

    def alternation(self, name: str) -> str:
        """A regex alternation of a kind's words, longest first, spaces as ``\\s+``
        (factored on first letters, see ``factor``)."""
        words = sorted(self.kind(name), key=len, reverse=True)
        return factor([re.escape(w).replace(r"\ ", r"\s+") for w in words])

    def number(self, word: str) -> float | None:
        """The value of a number word or numeral ("five", "12", "a"), else None."""
        w = " ".join(word.lower().replace("-", " ").split())
        if w.replace(".", "", 1).isdigit():
            return float(w)
        if w in self.kind("number"):
            return float(self.kind("number")[w])
        parts = w.split()
        nums = self.kind("number")
        if len(parts) == 2 and all(p in nums for p in parts) and float(nums[parts[1]]) < 10:
            return float(nums[parts[0]]) + float(nums[parts[1]])
        return None


@lru_cache(maxsize=1)
def lexicon() -> TimexLexicon:
    """The shared time lexicon, loaded once per process."""
    return TimexLexicon([(r["kind"], r["word"].lower(), r["value"])
                         for r in read_lexicon(WORDS_FILE)])
