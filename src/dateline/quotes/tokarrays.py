"""The cue model's view of a document: the shared token arrays (``dateline.tokarrays``) plus
the subtree, trimming and subject look-ups ``dateline.quotes.frames`` does on spaCy tokens,
done on indices."""
from __future__ import annotations

from typing import Any

from dateline.quotes.frames import HEAD_LINKS, MIN_CONTENT_WORDS, RELATIVE, SUBJECT_DEPS
from dateline.tokarrays import TokenArrays, running_count, token_arrays


class DocIndex(TokenArrays):
    """The shared token arrays plus the cue model's running counts and subtree look-ups."""

    def __init__(self, doc: Any, text: str):
        self.__dict__.update(vars(token_arrays(doc)))  # the shared arrays, built once a document
        self.text = text
        self.subj = running_count([d in ("nsubj", "nsubjpass") for d in self.dep])
        self.verb = running_count([p in ("VERB", "AUX") for p in self.pos])

    def trim(self, ids: list[int] | range, lead_mark: bool = False) -> tuple[int, int] | None:
        """``frames._content_span`` over token indices: edge punctuation (and a leading
        'that' when ``lead_mark``) removed; None under three words."""
        return trim_ids(self, ids, lead_mark)

    def subtree(self, i: int, lead_mark: bool = False) -> tuple[int, int] | None:
        """The trimmed span of a token's subtree."""
        left, right = self.edges(i)
        return self.trim(range(left, right + 1), lead_mark)

    def subject(self, i: int) -> int:
        """``frames.subject_of`` on indices (-1 when none)."""
        return subject_index(self, i)


def subject_index(ix: TokenArrays, i: int) -> int:
    """``frames.subject_of`` of token ``i`` on a document's token arrays (-1 when none)."""
    for _ in range(4):
        for c in ix.children[i]:
            if ix.dep[c] in SUBJECT_DEPS:
                if ix.lower[c] in RELATIVE and ix.dep[i] == "relcl":
                    return ix.head[i]
                return c
        if ix.dep[i] not in HEAD_LINKS or ix.head[i] == i:
            return -1
        i = ix.head[i]
    return -1


def trim_ids(ix: TokenArrays, ids: list[int] | range, lead_mark: bool = False
             ) -> tuple[int, int] | None:
    """``frames._content_span`` over token indices: edge punctuation (and a leading
    'that' when ``lead_mark``) removed; None under three words."""
    lo, hi = 0, len(ids)
    dep, punct, space, quote, alpha = ix.dep, ix.punct, ix.space, ix.quote, ix.alpha
    while lo < hi and ((lead_mark and dep[ids[lo]] == "mark") or punct[ids[lo]]
                       or space[ids[lo]]):
        lo += 1
    while hi > lo and ((punct[ids[hi - 1]] and not quote[ids[hi - 1]]) or space[ids[hi - 1]]):
        hi -= 1
    if hi <= lo:
        return None
    if isinstance(ids, range):
        words = int(alpha[ids[hi - 1] + 1] - alpha[ids[lo]])
    else:
        words = sum(int(alpha[i + 1] - alpha[i]) for i in ids[lo:hi])
    if words < MIN_CONTENT_WORDS:
        return None
    return ix.starts[ids[lo]], ix.ends[ids[hi - 1]]
