"""Token arrays of a parsed document: tags, heads, children and sentences as plain lists,
read from spaCy once per document, so the learned models' candidates and features need no
``Token`` object per look-up (that dominated their cost). Shared by the quote cue model
(``dateline.quotes.tokarrays`` adds its subtree and subject look-ups) and the linking
mention detector (``dateline.link.mentions``)."""
from __future__ import annotations

import weakref
from typing import Any

import numpy as np

ARRAY_ATTRS = ("IDX", "LENGTH", "POS", "DEP", "TAG", "LEMMA", "LOWER", "ENT_TYPE", "HEAD",
               "IS_PUNCT", "IS_SPACE", "IS_QUOTE", "IS_ALPHA", "SENT_START", "IS_TITLE",
               "IS_UPPER", "IS_STOP", "ENT_IOB")
_CACHE: weakref.WeakKeyDictionary[Any, TokenArrays] = weakref.WeakKeyDictionary()


def running_count(flags: Any) -> list[int]:
    """Prefix sums of 0/1 flags: ``out[j] - out[i]`` counts the flags in tokens i..j-1."""
    return [0, *np.cumsum(np.asarray(flags, dtype=np.int64)).tolist()]


class TokenArrays:
    """Per-document token arrays (see module docstring), built once."""

    def __init__(self, doc: Any):
        self.doc = doc
        raw = doc.to_array(ARRAY_ATTRS)
        arr = raw.astype(np.int64)
        n = len(arr)
        self.idx = arr[:, 0]
        self.starts: list[int] = self.idx.tolist()
        self.ends: list[int] = (arr[:, 0] + arr[:, 1]).tolist()
        strings = doc.vocab.strings

        def names(col: int) -> list[str]:
            uniq, inv = np.unique(raw[:, col], return_inverse=True)
            table = [strings[int(h)] if h else "" for h in uniq]
            return [table[k] for k in inv.tolist()]

        self.pos, self.dep, self.tag, self.lemma, self.lower, self.ent = (
            names(c) for c in range(2, 8))
        self.lemma_text = self.lemma  # as spaCy gives it (``lemma``: lower-cased)
        self.lemma = [x.lower() for x in self.lemma]
        self.head = (np.arange(n) + arr[:, 8]).tolist()
        self.punct, self.space, self.quote = (arr[:, c].astype(bool).tolist() for c in (9, 10, 11))
        self.title, self.upper, self.stop = (arr[:, c].astype(bool).tolist() for c in (14, 15, 16))
        self.length: list[int] = arr[:, 1].tolist()
        self.ent_iob: list[int] = arr[:, 17].tolist()  # spaCy's codes: 3 B, 1 I, 2 O, 0 unset
        self.children: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(self.head):
            if h != i:
                self.children[h].append(i)
        self.alpha = running_count(arr[:, 12])
        starts = [i for i, v in enumerate(arr[:, 13].tolist()) if v == 1 or i == 0] + [n]
        # per token: (first token, end token, start char, end char, holds a quotation mark)
        self.sent: list[tuple[int, int, int, int, bool]] = []
        for a, b in zip(starts, starts[1:], strict=False):
            row = (a, b, self.starts[a], self.ends[b - 1], any(self.quote[a:b]))
            self.sent.extend([row] * (b - a))


def token_arrays(doc: Any) -> TokenArrays:
    """The document's token arrays, built once and shared by every stage that reads them
    (kept while the document lives, not in ``doc.user_data``, which ``DocBin`` saves)."""
    got = _CACHE.get(doc)
    if got is None:
        got = _CACHE[doc] = TokenArrays(doc)
    return got
