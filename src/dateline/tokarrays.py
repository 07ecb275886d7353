"""Token arrays of a parsed document: tags, heads, children and sentences as plain lists,
read from spaCy once per document, so the learned models' candidates and features need no
``Token`` object per look-up (that dominated their cost). Shared by the quote cue model
(``dateline.quotes.tokarrays`` adds its subtree and subject look-ups) and the linking
mention detector (``dateline.link.mentions``)."""
from __future__ import annotations

import weakref
from bisect import bisect_right
from typing import Any

import numpy as np

ARRAY_ATTRS = ("IDX", "LENGTH", "POS", "DEP", "TAG", "LEMMA", "LOWER", "ENT_TYPE", "HEAD",
               "IS_PUNCT", "IS_SPACE", "IS_QUOTE", "IS_ALPHA", "SENT_START", "IS_TITLE",
               "IS_UPPER", "IS_STOP", "ENT_IOB")
_CACHE: weakref.WeakKeyDictionary[Any, TokenArrays] = weakref.WeakKeyDictionary()
# String-store hash -> string (and -> lower-cased string), shared by every document: a hash
# names one string whatever the vocabulary, and most of a document's words were seen before,
# so the store is asked once per new string instead of once per distinct word and document.
# Emptied when large, so a long run over varied text does not grow it without bound.
_NAMES: dict[int, str] = {0: ""}
_LOWERED: dict[int, str] = {0: ""}
_MAX_NAMES = 500_000


def _names(strings: Any, hashes: list[int], lowered: bool = False) -> list[str]:
    """The strings of a column of string-store hashes ("" for 0), lower-cased if asked."""
    table = _LOWERED if lowered else _NAMES
    try:
        return list(map(table.__getitem__, hashes))
    except KeyError:
        if len(table) > _MAX_NAMES:
            table.clear()
            table[0] = ""
        for h in set(hashes).difference(table):
            name = strings[h]
            table[h] = name.lower() if lowered else name
        return list(map(table.__getitem__, hashes))


def running_count(flags: Any) -> list[int]:
    """Prefix sums of 0/1 flags: ``out[j] - out[i]`` counts the flags in tokens i..j-1."""
    return [0, *np.cumsum(np.asarray(flags, dtype=np.int64)).tolist()]


class TokenArrays:
    """Per-document token arrays (see module docstring), built once."""

    def __init__(self, doc: Any):
        # a weak reference: the cache below holds the arrays as long as the document lives,
        # and a strong one would keep every document (and its arrays) alive for good
        self.doc: Any = weakref.proxy(doc)
        raw = doc.to_array(ARRAY_ATTRS)
        arr = raw.astype(np.int64)
        n = len(arr)
        self.idx = arr[:, 0]
        self.starts: list[int] = self.idx.tolist()
        self.ends: list[int] = (arr[:, 0] + arr[:, 1]).tolist()
        strings = doc.vocab.strings
        self.pos, self.dep, self.tag, self.lemma, self.lower, self.ent = (
            _names(strings, raw[:, c].tolist(), lowered=c == 5) for c in range(2, 8))
        self.lemma_text = _names(strings, raw[:, 5].tolist())  # as spaCy gives it
        self.head = (np.arange(n) + arr[:, 8]).tolist()
        self.punct, self.space, self.quote = (arr[:, c].astype(bool).tolist() for c in (9, 10, 11))
        self.title, self.upper, self.stop = (arr[:, c].astype(bool).tolist() for c in (14, 15, 16))
        self.length: list[int] = arr[:, 1].tolist()
        self.ent_iob: list[int] = arr[:, 17].tolist()  # spaCy's codes: 3 B, 1 I, 2 O, 0 unset
        self._edges: dict[int, tuple[int, int]] = {}
        self._tail: int | None = None
        self.children: list[list[int]] = [[] for _ in range(n)]
        dependents = np.flatnonzero(arr[:, 8]).tolist()  # tokens not their own head
        for i, h in zip(dependents, np.asarray(self.head)[dependents].tolist(), strict=True):
            self.children[h].append(i)
        self.alpha = running_count(arr[:, 12])
        starts = np.flatnonzero(arr[:, 13] == 1).tolist()
        if n and (not starts or starts[0] != 0):
            starts.insert(0, 0)
        starts.append(n)
        # per token: (first token, end token, start char, end char, holds a quotation mark)
        self.sent: list[tuple[int, int, int, int, bool]] = []
        for a, b in zip(starts, starts[1:], strict=False):
            row = (a, b, self.starts[a], self.ends[b - 1], any(self.quote[a:b]))
            self.sent.extend([row] * (b - a))

    def edges(self, i: int) -> tuple[int, int]:
        """First and last token index of a token's subtree (spaCy's own left and right
        edges, read once a token and document)."""
        got = self._edges.get(i)
        if got is None:
            tok = self.doc[i]
            got = self._edges[i] = (tok.left_edge.i, tok.right_edge.i)
        return got

    def char_tokens(self, start: int, end: int) -> tuple[int, int] | None:
        """The token range ``doc.char_span(start, end, alignment_mode="expand")`` covers
        (None where it returns None), found on the offsets: a token owns its characters and
        its trailing space, and tokens tile the text, as spaCy's ``token_by_char`` reads."""
        n = len(self.starts)
        if end <= start or not n:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            return None if span is None else (span.start, span.end)
        if self._tail is None:  # the end of the last token's trailing space
            self._tail = self.ends[-1] + len(self.doc[n - 1].whitespace_)
        if start < 0 or end - 1 >= self._tail:
            return None
        a = bisect_right(self.starts, start) - 1
        b = bisect_right(self.starts, end - 1) - 1
        if start == self.ends[a]:
            a += 1
        return a, b + 1

    def span_root(self, a: int, b: int) -> int:
        """``Span.root`` of tokens a..b-1 (not empty): a sentence root inside, else the
        token with a head outside and the fewest steps to its sentence root, the first on
        ties; a childless space or punctuation counts as farthest."""
        head = self.head
        for i in range(a, b):
            if head[i] == i:
                return i
        n = len(head)
        best, root = n, -1
        for i in range(a, b):
            if a <= head[i] < b:
                continue
            if (self.space[i] or self.punct[i]) and not self.children[i]:
                steps = n - 1
            else:
                steps, k = 0, i
                while head[k] != k:
                    k, steps = head[k], steps + 1
            if steps < best:
                best, root = steps, i
        return a if root == -1 else root


def token_arrays(doc: Any) -> TokenArrays:
    """The document's token arrays, built once and shared by every stage that reads them
    (kept while the document lives, not in ``doc.user_data``, which ``DocBin`` saves)."""
    got = _CACHE.get(doc)
    if got is None:
        got = _CACHE[doc] = TokenArrays(doc)
    return got
