"""A read-only mirror of a parsed spaCy document as plain Python objects, for rule code that
walks the parse many times per article (the events stage).

spaCy builds a new ``Token`` for every ``head``, ``children`` or ``doc[i]`` access and looks
each label up in the string store: measured 0.7 µs to list a token's three children and
60-130 ns for ``dep_``, ``lower_`` or ``head``, against 8 ns for a plain attribute. With about
45 event mentions an article, each walking its clause, its subject and its objects, that was
most of the stage's cost. Here every token of the document is one ``LightToken`` made once
(from the shared token arrays, ``dateline.tokarrays``) with its labels, head and children as
attributes; sentences and slices are ``LightSpan``. The mirror offers the ``Token``/``Span``
API the rule code uses; any other scalar attribute is read from the spaCy token, and an
attribute that would hand back a spaCy token or span raises, so the two never mix.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from dateline.tokarrays import token_arrays


class LightToken:
    """One token: text, labels, head and children as plain attributes (see module doc)."""

    __slots__ = ("doc", "i", "idx", "text", "lower_", "lemma_", "pos_", "tag_", "dep_",
                 "ent_type_", "head", "children")

    def __init__(self, doc: LightDoc, i: int, idx: int, text: str, lower: str, lemma: str,
                 pos: str, tag: str, dep: str, ent_type: str):
        self.doc, self.i, self.idx, self.text, self.lower_, self.lemma_ = (
            doc, i, idx, text, lower, lemma)
        self.pos_, self.tag_, self.dep_, self.ent_type_ = pos, tag, dep, ent_type
        self.head: LightToken = self
        self.children: list[LightToken] = []

    def __getattr__(self, name: str) -> Any:
        """Any other attribute (``like_num``, ``is_punct``, ``morph``...) from spaCy."""
        if name.startswith("__"):
            raise AttributeError(name)
        value = getattr(self.doc.spacy[self.i], name)
        if _is_spacy_view(value):
            raise AttributeError(f"LightToken.{name} would return a spaCy object")
        return value

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        return self.text

    @property
    def sent(self) -> LightSpan:
        """The sentence holding the token."""
        return self.doc.sent_of(self.i)

    @property
    def lefts(self) -> Iterator[LightToken]:
        """Children before the token."""
        return (c for c in self.children if c.i < self.i)

    @property
    def rights(self) -> Iterator[LightToken]:
        """Children after the token."""
        return (c for c in self.children if c.i > self.i)

    @property
    def subtree(self) -> Iterator[LightToken]:
        """The token and its descendants, in spaCy's order (left subtrees, self, right)."""
        for c in self.lefts:
            yield from c.subtree
        yield self
        for c in self.rights:
            yield from c.subtree

    @property
    def left_edge(self) -> LightToken:
        """The leftmost token of the subtree."""
        return self.doc[self.doc.spacy[self.i].left_edge.i]

    @property
    def right_edge(self) -> LightToken:
        """The rightmost token of the subtree."""
        return self.doc[self.doc.spacy[self.i].right_edge.i]

    def nbor(self, k: int = 1) -> LightToken:
        """The token ``k`` positions away (IndexError past the document's ends)."""
        j = self.i + k
        if not 0 <= j < len(self.doc):
            raise IndexError("token index out of range")
        return self.doc[j]


class LightSpan:
    """Tokens ``start``..``end - 1`` of a light document (a sentence or a slice)."""

    __slots__ = ("doc", "start", "end", "start_char", "end_char")

    def __init__(self, doc: LightDoc, start: int, end: int):
        self.doc, self.start, self.end = doc, start, end
        if end > start:
            last = doc.tokens[end - 1]
            self.start_char, self.end_char = doc.tokens[start].idx, last.idx + len(last.text)
        else:
            self.start_char = self.end_char = doc.tokens[start].idx if start < len(doc) else 0

    @property
    def text(self) -> str:
        """The span's text (without the last token's trailing whitespace)."""
        return self.doc.text[self.start_char:self.end_char]

    def __iter__(self) -> Iterator[LightToken]:
        return iter(self.doc.tokens[self.start:self.end])

    def __len__(self) -> int:
        return self.end - self.start

    def __getitem__(self, k: int) -> LightToken:
        n = self.end - self.start
        if not -n <= k < n:
            raise IndexError("token index out of range")
        return self.doc.tokens[self.start + k % n]


class LightDoc:
    """The mirror of one spaCy ``Doc`` (see module doc); ``spacy`` is the document itself."""

    def __init__(self, doc: Any):
        self.spacy = doc
        self.text: str = doc.text
        arrays = token_arrays(doc)
        text = self.text
        self.tokens = [
            LightToken(self, i, s, text[s:e], lower, lemma, pos, tag, dep, ent)
            for i, (s, e, lower, lemma, pos, tag, dep, ent) in enumerate(zip(
                arrays.starts, arrays.ends, arrays.lower, arrays.lemma_text, arrays.pos,
                arrays.tag, arrays.dep, arrays.ent, strict=True))]
        tokens = self.tokens
        for tok, h, kids in zip(tokens, arrays.head, arrays.children, strict=True):
            tok.head = tokens[h]
            tok.children = [tokens[c] for c in kids]
        self._sent_rows = arrays.sent
        self._sents: dict[int, LightSpan] = {}

    def __len__(self) -> int:
        return len(self.tokens)

    def __iter__(self) -> Iterator[LightToken]:
        return iter(self.tokens)

    def __getitem__(self, key: int | slice) -> Any:
        if isinstance(key, slice):
            start, stop, _ = key.indices(len(self.tokens))
            return LightSpan(self, start, max(start, stop))
        return self.tokens[key]

    def sent_of(self, i: int) -> LightSpan:
        """The sentence holding token ``i`` (one span object per sentence)."""
        first, end = self._sent_rows[i][:2]
        got = self._sents.get(first)
        if got is None:
            got = self._sents[first] = LightSpan(self, first, end)
        return got

    @property
    def sents(self) -> Iterator[LightSpan]:
        """The sentences, in order."""
        i = 0
        while i < len(self.tokens):
            sent = self.sent_of(i)
            yield sent
            i = sent.end

    def release(self) -> None:
        """Break the token cycles (head, children, doc) so that memory is freed at once by
        reference counting instead of by the cyclic garbage collector, which costs more."""
        for tok in self.tokens:
            tok.head = tok.children = tok.doc = None  # type: ignore[assignment]
        self.tokens = []
        self._sents = {}

    @property
    def tensor(self) -> Any:
        """The spaCy document's contextual token vectors."""
        return self.spacy.tensor


def _is_spacy_view(value: Any) -> bool:
    from spacy.tokens import Doc, Span, Token

    return isinstance(value, Token | Span | Doc) or (
        hasattr(value, "__next__") and not isinstance(value, str))


