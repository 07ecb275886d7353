"""Token arrays of a parsed document for the cue model: tags, heads, children, sentences and
running counts as plain lists, built once per document, plus the subtree, trimming and subject
look-ups ``dateline.quotes.frames`` does on spaCy tokens, done on indices."""
from __future__ import annotations

from typing import Any

import numpy as np

from dateline.quotes.frames import HEAD_LINKS, MIN_CONTENT_WORDS, RELATIVE, SUBJECT_DEPS

ARRAY_ATTRS = ("IDX", "LENGTH", "POS", "DEP", "TAG", "LEMMA", "LOWER", "ENT_TYPE", "HEAD",
               "IS_PUNCT", "IS_SPACE", "IS_QUOTE", "IS_ALPHA", "SENT_START")


class DocIndex:
    """Per-document token arrays, built once, so candidates and features do not create a
    spaCy ``Token`` per look-up (that dominated the quote stage's cost)."""

    def __init__(self, doc: Any, text: str):
        self.doc = doc
        self.text = text
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
        self.lemma = [x.lower() for x in self.lemma]
        self.head = (np.arange(n) + arr[:, 8]).tolist()
        self.punct, self.space, self.quote = (arr[:, c].astype(bool).tolist() for c in (9, 10, 11))
        self.children: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(self.head):
            if h != i:
                self.children[h].append(i)
        self._edges: dict[int, tuple[int, int]] = {}

        def csum(flags: Any) -> list[int]:
            return [0, *np.cumsum(np.asarray(flags, dtype=np.int64)).tolist()]

        self.alpha = csum(arr[:, 12])
        self.subj = csum([d in ("nsubj", "nsubjpass") for d in self.dep])
        self.verb = csum([p in ("VERB", "AUX") for p in self.pos])
        starts = [i for i, v in enumerate(arr[:, 13].tolist()) if v == 1 or i == 0] + [n]
        self.sent: list[tuple[int, int, int, int, bool]] = []
        for a, b in zip(starts, starts[1:], strict=False):
            row = (a, b, self.starts[a], self.ends[b - 1], any(self.quote[a:b]))
            self.sent.extend([row] * (b - a))

    def edges(self, i: int) -> tuple[int, int]:
        """First and last token index of a token's subtree (read from spaCy once)."""
        got = self._edges.get(i)
        if got is None:
            tok = self.doc[i]
            got = self._edges[i] = (tok.left_edge.i, tok.right_edge.i)
        return got

    def trim(self, ids: list[int] | range, lead_mark: bool = False) -> tuple[int, int] | None:
        """``frames._content_span`` over token indices: edge punctuation (and a leading
        'that' when ``lead_mark``) removed; None under three words."""
        lo, hi = 0, len(ids)
        while lo < hi and ((lead_mark and self.dep[ids[lo]] == "mark") or self.punct[ids[lo]]
                           or self.space[ids[lo]]):
            lo += 1
        while hi > lo and ((self.punct[ids[hi - 1]] and not self.quote[ids[hi - 1]])
                           or self.space[ids[hi - 1]]):
            hi -= 1
        if hi <= lo:
            return None
        if isinstance(ids, range):
            words = int(self.alpha[ids[hi - 1] + 1] - self.alpha[ids[lo]])
        else:
            words = sum(int(self.alpha[i + 1] - self.alpha[i]) for i in ids[lo:hi])
        if words < MIN_CONTENT_WORDS:
            return None
        return self.starts[ids[lo]], self.ends[ids[hi - 1]]

    def subtree(self, i: int, lead_mark: bool = False) -> tuple[int, int] | None:
        """The trimmed span of a token's subtree."""
        left, right = self.edges(i)
        return self.trim(range(left, right + 1), lead_mark)

    def subject(self, i: int) -> int:
        """``frames.subject_of`` on indices (-1 when none)."""
        for _ in range(4):
            for c in self.children[i]:
                if self.dep[c] in SUBJECT_DEPS:
                    if self.lower[c] in RELATIVE and self.dep[i] == "relcl":
                        return self.head[i]
                    return c
            if self.dep[i] not in HEAD_LINKS or self.head[i] == i:
                return -1
            i = self.head[i]
        return -1
