"""What the speaker ranker (``dateline.quotes.speakers``) reads of one article, once: its
sentences, paragraphs, entities, noun phrases, and per token the facts a candidate's head
contributes to its features. Every look-up works on the shared token arrays
(``dateline.tokarrays``), not on spaCy ``Token`` and ``Span`` objects."""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from typing import Any

from dateline.coref import Resolver, titles, voices
from dateline.model import Article
from dateline.quotes.frames import Frame, speech_verbs
from dateline.quotes.marks import Region, paragraphs
from dateline.quotes.tokarrays import subject_index
from dateline.tokarrays import token_arrays

DEPS = ("nsubj", "nsubjpass", "pobj", "dobj", "appos", "compound", "poss", "conj", "attr",
        "ROOT", "dative", "npadvmod", "nmod", "ccomp", "agent", "amod")
POS, ENT_TYPES = ("PROPN", "NOUN", "PRON"), ("PERSON", "ORG", "NORP", "GPE")
VERB_CLASSES = ("speech", "report", "belief")
NP_DEPS = ("oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr",
           "ROOT")
_NP_DEPS = frozenset(NP_DEPS + ("conj",))
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})


def _code(value: str | None, table: tuple[str, ...]) -> int:
    """Index of a value in a fixed table, ``len(table)`` for anything else."""
    return table.index(value) if value in table else len(table)


def _codes(table: tuple[str, ...]) -> dict[str | None, int]:
    """``_code`` of a table as a dict (look up with ``.get(value, len(table))``)."""
    out: dict[str | None, int] = {}
    for k, value in enumerate(table):
        out.setdefault(value, k)
    return out


_VERB_CODE, _DEP_CODE, _POS_CODE, _ENT_CODE = (
    _codes(t) for t in (VERB_CLASSES, DEPS, POS, ENT_TYPES))


@dataclass(slots=True)
class Head:
    """What a candidate's head token says, computed once per document and token (not
    frozen: a frozen dataclass's ``__init__`` costs a microsecond, and none is changed)."""

    i: int
    head: int
    grandhead: int
    verb_class: int
    dep: int
    pos: int
    pron: bool
    title: bool
    voice: bool
    eid: str | None
    etype: int


class DocView:
    """What every quote of one article shares: chunks, entities, sentence index, counts."""

    def __init__(self, article: Article, resolver: Resolver, regions: list[Region],
                 frames: list[Frame]):
        self.article, self.text, self.doc = article, article.text, article.doc
        self.arrays = token_arrays(self.doc)
        self.resolver, self.regions = resolver, regions
        self.frames = sorted(frames, key=lambda f: f.cue_start)
        self.sent_starts = [s.start for s in article.sentences]
        ents = sorted(article.entities, key=lambda e: (e.start, e.end))
        self.ents = ents
        self.ent_starts = [e.start for e in ents]
        self.heads: dict[int, Head] = {}
        self.roots: dict[tuple[int, int], int | None] = {}
        spans = nominal_spans(self.doc)
        spans += [(e.start, e.end, r) for e in ents
                  if (r := self.root(e.start, e.end)) is not None]
        spans.sort()
        self.spans = spans
        self.span_starts = [s for s, _, _ in spans]
        counts = Counter(e.id for e in ents if e.id)
        self.ent_count = counts
        self.ent_rank = {i: r + 1 for r, (i, _) in enumerate(counts.most_common())}
        self.frame_starts = [f.cue_start for f in self.frames]
        self.relay_cues = {f.cue_start for f in self.frames if f.relay is not None}
        self.para_starts = [s for s, _ in paragraphs(self.text)]
        self.region_starts = [r.start for r in regions]
        # (start, end, head) -> number of the mention's record in ``mention_rows``, the
        # flat integers of the features no quote changes (``speakers._mention``)
        self.mentions: dict[tuple[int, int, int], int] = {}
        self.mention_rows: list[int] = []

    def sent(self, offset: int) -> int:
        """Index of the sentence holding an offset."""
        return max(0, bisect.bisect_right(self.sent_starts, offset) - 1)

    def para(self, offset: int) -> int:
        """Index of the paragraph holding an offset."""
        return max(0, bisect.bisect_right(self.para_starts, offset) - 1)

    def sent_range(self, first: int, last: int) -> tuple[int, int]:
        """Character bounds of sentences ``first``..``last`` (clipped)."""
        n = len(self.sent_starts)
        first, last = max(0, first), min(n - 1, last)
        end = self.sent_starts[last + 1] if last + 1 < n else len(self.text)
        return self.sent_starts[first], end

    def root(self, start: int, end: int) -> int | None:
        """The index of a character span's head token (cached): the root of
        ``doc.char_span(start, end, alignment_mode="expand")``."""
        key = (start, end)
        if key not in self.roots:
            got = self.arrays.char_tokens(start, end)
            self.roots[key] = self.arrays.span_root(*got) if got and got[1] > got[0] else None
        return self.roots[key]

    def head(self, i: int) -> Head:
        """The cached ``Head`` of token ``i``."""
        got = self.heads.get(i)
        if got is None:
            ix = self.arrays
            head, lemma, pos = ix.head[i], ix.lemma[i], ix.pos[i]
            ent = self.entity_at(ix.starts[i])
            got = self.heads[i] = Head(
                i, head, ix.head[head],
                _VERB_CODE.get(speech_verbs().get(ix.lemma[head]), len(VERB_CLASSES)),
                _DEP_CODE.get(ix.dep[i], len(DEPS)), _POS_CODE.get(pos, len(POS)),
                pos == "PRON", lemma in titles(), lemma in voices(), ent.id if ent else None,
                _ENT_CODE.get(ent.type if ent else None, len(ENT_TYPES)))
        return got

    def entity_at(self, offset: int) -> Any | None:
        """The entity mention covering an offset, if any."""
        i = bisect.bisect_right(self.ent_starts, offset) - 1
        while i >= 0 and self.ents[i].start <= offset:
            if self.ents[i].end > offset:
                return self.ents[i]
            i -= 1
        return None

    def names(self, start: int, end: int, root: int) -> str:
        """A mention's text, or its entity's canonical name when its head names one (the
        way the rules write ``reported_by``)."""
        text = self.text[start:end]
        eid = self.head(root).eid
        return (self.resolver.canonical(eid) or text) if eid else text

    def ids_inside(self, start: int, end: int) -> set[str]:
        """Entity ids mentioned between two offsets."""
        lo = bisect.bisect_left(self.ent_starts, start)
        hi = bisect.bisect_left(self.ent_starts, end)
        return {e.id for e in self.ents[lo:hi]}

    def in_region(self, offset: int) -> bool:
        """Whether an offset lies inside quotation marks."""
        i = bisect.bisect_right(self.region_starts, offset) - 1
        return any(r.start <= offset < r.end for r in self.regions[max(0, i - 1):i + 1])

    def cue_index(self, start: int | None, end: int | None) -> int:
        """The first token of a cue span (-1 when there is none)."""
        if start is None or end is None:
            return -1
        got = self.arrays.char_tokens(start, end)
        return got[0] if got is not None and got[1] > got[0] else -1

    def subject(self, i: int) -> int:
        """``frames.subject_of`` of token ``i`` (-1 when none, or when ``i`` is -1)."""
        return subject_index(self.arrays, i) if i >= 0 else -1


def nominal_spans(doc: Any) -> list[tuple[int, int, int]]:
    """(start, end, head index) of base noun phrases: spaCy's English noun-chunk rule
    (nominal heads in argument relations, their left edge to the head; conjuncts too),
    read from the document's token arrays."""
    ix = token_arrays(doc)
    out, prev_end = [], -1
    for i, (pos, dep) in enumerate(zip(ix.pos, ix.dep, strict=True)):
        if pos not in _NOMINAL or dep not in _NP_DEPS:
            continue
        left = ix.edges(i)[0]
        if left <= prev_end:
            continue
        prev_end = i
        out.append((ix.starts[left], ix.ends[i], i))
    return out
