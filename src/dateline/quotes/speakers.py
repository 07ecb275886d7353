"""Learned speaker choice for quotes: candidates, features, one model call per document.

The quote stage's rules pick a speaker mention for every quote; this module re-ranks it
among the mentions nearby. Candidates (merged by their head token): the rule's choice, the
speakers of the speech frames nearby, noun chunks (names, descriptions, pronouns) and entity
mentions of the quote's sentences, the two before and the one after (outside the quote's own
content), and the previous quote's speaker. Each candidate becomes a row of ``FEATURES``; the
shipped LightGBM model (``dateline train quote_speakers``) scores all rows of a document in
one call; each quote takes its best candidate; when the best scores below the model's
threshold the rules' choice stands (a pattern the training data lacks, such as a dash
signature), and with no rule speaker either the quote keeps none. Scare quotes keep no
speaker; a statement whose own frame names a relay keeps the rules' speaker, and elsewhere
the relay is never a candidate. The chosen mention resolves to a canonical name and id
through ``dateline.coref.Resolver``; ``reported_by`` stays as the rules set it.
"""
from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from dateline.coref import Resolver, pronouns
from dateline.model import Article, Quote
from dateline.quotes.frames import Frame
from dateline.quotes.marks import Region
from dateline.quotes.speakerview import DocView, Head, _code

TASK = "quote_speakers"
FEATURES = (
    "is_rule", "rule_none", "rule_inherited", "has_cue", "is_frame_speaker", "frame_cue_gap",
    "is_cue_subject", "head_is_cue", "grandhead_is_cue", "head_speech_class", "root_dep",
    "root_pos", "ent_type", "is_pronoun", "pronoun_agree", "title_word", "voice_word",
    "capitalised", "n_words", "before_quote", "char_gap", "sent_gap", "cue_char_gap",
    "same_sent_as_cue", "in_other_quote", "in_leadin", "is_prev_speaker", "named_in_quote",
    "ent_mentions", "ent_rank", "kind", "quote_words", "n_cands", "dist_rank", "has_entity",
    "is_relative", "prev_quote_gap", "is_prev_candidate", "inside_content", "same_paragraph",
    "para_gap")
CATEGORICAL = ("root_dep", "root_pos", "ent_type", "kind", "head_speech_class")
KINDS, AGREE = ("direct", "mixed", "indirect"), ("PERSON", "ORG", "PLURAL")
# Sentences before the quote's first sentence (and after its last) that give candidates;
# on PolNeAR train the candidates of this window hold a right speaker for 99.5% of the
# rule quotes matched to a gold attribution with a source.
SENTS_BEFORE, SENTS_AFTER = 2, 1
RELATIVE = frozenset({"who", "which", "that"})
__all__ = ["CATEGORICAL", "FEATURES", "TASK", "Candidate", "DocView", "Head",
           "best_per_quote", "document_rows", "rank_speakers", "with_speaker"]


@dataclass(slots=True)
class Candidate:
    """One possible speaker mention of one quote, merged by head token."""

    quote: int
    start: int
    end: int
    root: Head
    is_rule: bool = False
    frame: Frame | None = None
    is_prev: bool = False


def candidates(view: DocView, quotes: list[Quote], qi: int, prev: Quote | None
               ) -> list[Candidate]:
    """The candidate speaker mentions of quote ``qi`` (see the module docstring)."""
    q = quotes[qi]
    s0, s1 = view.sent(q.start), view.sent(max(q.start, q.end - 1))
    if q.cue_start is not None:
        sc = view.sent(q.cue_start)
        s0, s1 = min(s0, sc), max(s1, sc)
    lo, hi = view.sent_range(s0 - SENTS_BEFORE, s1 + SENTS_AFTER)
    by_root: dict[int, Candidate] = {}

    def add(start: int, end: int, root: int | None, rule: bool = False,
            frame: Frame | None = None, is_prev: bool = False) -> None:
        if root is None or (q.start <= start < q.end and not rule):
            return  # a mention inside the content is what is said, not who says it
        if q.reported_by is not None and view.names(start, end, root) == q.reported_by:
            return  # the relay ("Interfax quoted Putin as ...") is never the speaker
        cand = by_root.get(root)
        if cand is None:
            cand = by_root[root] = Candidate(qi, start, end, view.head(root))
        if rule:
            cand.is_rule, cand.start, cand.end = True, start, end
        cand.frame = cand.frame or frame
        cand.is_prev = cand.is_prev or is_prev

    if q.speaker_start is not None and q.speaker_end is not None:
        add(q.speaker_start, q.speaker_end, view.root(q.speaker_start, q.speaker_end), True)
    i = bisect.bisect_left(view.frame_starts, lo)
    while i < len(view.frames) and view.frames[i].cue_start < hi:
        f = view.frames[i]
        if f.speaker is not None:
            add(*f.speaker, view.root(*f.speaker), frame=f)
        i += 1
    relay, heads = q.reported_by, view.heads
    for start, end, root in view.spans[bisect.bisect_left(view.span_starts, lo):
                                       bisect.bisect_left(view.span_starts, hi)]:
        # ``add`` for a noun phrase or an entity mention: never the rule's, no frame
        if q.start <= start < q.end or root in by_root or (
                relay is not None and view.names(start, end, root) == relay):
            continue
        by_root[root] = Candidate(qi, start, end, heads.get(root) or view.head(root))
    if prev is not None and prev.speaker_start is not None and prev.speaker_end is not None:
        add(prev.speaker_start, prev.speaker_end, view.root(prev.speaker_start,
                                                            prev.speaker_end), is_prev=True)
    return list(by_root.values())


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Signed distance from span ``a`` to span ``b``: negative when ``a`` ends before ``b``."""
    if a[1] <= b[0]:
        return a[1] - b[0]
    if a[0] >= b[1]:
        return a[0] - b[1]
    return 0


# Where each feature's value comes from: the candidate mention alone (computed once per
# document and mention, after its sentence and paragraph), the quote alone, or the pair
# (per row in Python, or ``_PAIR`` columns computed for all rows at once in numpy).
_MENTION = ("head_speech_class", "root_dep", "root_pos", "ent_type", "is_pronoun",
            "pronoun_agree", "title_word", "voice_word", "capitalised", "n_words",
            "in_other_quote", "ent_mentions", "ent_rank", "has_entity", "is_relative")
_QUOTE = ("rule_none", "rule_inherited", "has_cue", "kind", "quote_words", "n_cands",
          "prev_quote_gap")
_ROW = ("is_rule", "is_frame_speaker", "frame_cue_gap", "is_prev_speaker", "named_in_quote",
        "dist_rank", "is_prev_candidate")
_COLS = {name: [FEATURES.index(f) for f in names]
         for name, names in (("mention", _MENTION), ("quote", _QUOTE), ("row", _ROW))}
_PAIR = {f: FEATURES.index(f) for f in (
    "is_cue_subject", "head_is_cue", "grandhead_is_cue", "before_quote", "char_gap",
    "sent_gap", "cue_char_gap", "same_sent_as_cue", "in_leadin", "inside_content",
    "same_paragraph", "para_gap")}


def _mention(view: DocView, c: Candidate) -> int:
    """The number of a candidate mention's record in ``view.mention_rows`` (made once per
    document and mention): 16 integers, see ``_Rows.matrix``."""
    key = (c.start, c.end, c.root.i)
    got = view.mentions.get(key)
    if got is None:
        h, eid = c.root, c.root.eid
        low = view.text[c.start:c.end].strip().lower()
        agree = pronouns().get(low)
        got = view.mentions[key] = len(view.mentions)
        flags = (h.pron | h.title << 1 | h.voice << 2
                 | view.text[c.start:c.start + 1].isupper() << 3
                 | view.in_region(c.start) << 4 | (eid is not None) << 5
                 | (low in RELATIVE) << 6)
        view.mention_rows.extend((
            c.start, c.end, h.i, h.head, h.grandhead, view.sent(c.start), view.para(c.start),
            h.verb_class, h.dep, h.pos, h.etype, _code(agree, AGREE) + (not agree),
            low.count(" ") + 1, view.ent_count.get(eid, 0) if eid else 0,
            view.ent_rank.get(eid, 0) if eid else 0, flags))
    return got


class _Rows:
    """The rows of one document, gathered quote by quote as flat lists of integers (numpy
    reads those fastest) and built into one matrix."""

    def __init__(self, view: DocView):
        self.view = view
        # per quote: start, end, sentence, paragraph, cue token, cue subject, cue sentence,
        # cue start, cue end, whether it has a cue span, then the ``_QUOTE`` features
        self.quotes: list[tuple[Any, ...]] = []
        # per row, 5 integers: quote, mention, frame_cue_gap, dist_rank, flags (bits 0-4:
        # is_rule, is_frame_speaker, is_prev_speaker, named_in_quote, is_prev_candidate)
        self.rows: list[int] = []

    def add(self, quotes: list[Quote], qi: int, prev: Quote | None, cands: list[Candidate]
            ) -> None:
        """The records of one quote and its candidates."""
        view, q = self.view, quotes[qi]
        cue_i = view.cue_index(q.cue_start, q.cue_end)
        qspan = (q.start, q.end)
        inside_ids = view.ids_inside(q.start, q.end)
        prev_id = prev.speaker_id if prev is not None else None
        cue_span = q.cue_start is not None and q.cue_end is not None
        gaps = [abs(_gap((c.start, c.end), qspan)) for c in cands]
        order = {k: r for r, k in enumerate(sorted(range(len(cands)), key=gaps.__getitem__))}
        qid = len(self.quotes)
        self.quotes.append((
            q.start, q.end, view.sent(q.start), view.para(q.start), cue_i, view.subject(cue_i),
            view.sent(q.cue_start) if q.cue_start is not None else -1,
            q.cue_start if cue_span else 0, q.cue_end if cue_span else 0, cue_span,
            q.speaker_start is None, q.speaker_start is not None and q.cue is None, cue_i >= 0,
            _code(q.kind, KINDS), math.log1p(len(q.text.split())), len(cands),
            q.start - prev.end if prev is not None else -1))
        rows, mentions = self.rows, view.mentions
        for k, c in enumerate(cands):
            h, f = c.root, c.frame
            eid = h.eid
            mid = mentions.get((c.start, c.end, h.i))
            rows.extend((
                qid, _mention(view, c) if mid is None else mid,
                abs(_gap((f.cue_start, f.cue_end), qspan)) if f else -1, order[k],
                c.is_rule | (f is not None) << 1 | (eid is not None and eid == prev_id) << 2
                | (eid is not None and eid in inside_ids) << 3 | c.is_prev << 4))

    def matrix(self) -> np.ndarray:
        """The feature matrix, ``FEATURES`` order, the values the rows' Python would give."""
        n = len(self.rows) // 5
        X = np.empty((n, len(FEATURES)), dtype=np.float64)
        if not n:
            return X
        R = np.array(self.rows, dtype=np.int64).reshape(n, 5)
        Q = np.asarray(self.quotes, dtype=np.float64)[R[:, 0]]
        M = np.array(self.view.mention_rows, dtype=np.int64).reshape(-1, 16)[R[:, 1]]
        flags, mflags = R[:, 4], M[:, 15]
        bit, mbit = [(flags >> b) & 1 for b in range(5)], [(mflags >> b) & 1 for b in range(7)]
        X[:, _COLS["row"]] = np.column_stack((bit[0], bit[1], R[:, 2], bit[2], bit[3], R[:, 3],
                                              bit[4]))
        X[:, _COLS["mention"]] = np.column_stack((
            M[:, 7], M[:, 8], M[:, 9], M[:, 10], mbit[0], M[:, 11], mbit[1], mbit[2], mbit[3],
            M[:, 12], mbit[4], M[:, 13], M[:, 14], mbit[5], mbit[6]))
        X[:, _COLS["quote"]] = Q[:, 10:]
        start, end, root, head, grand, c_sent, c_para = (M[:, k] for k in range(7))
        q_start, q_end, q_sent, q_para, cue, subj, cue_sent, cue_start, cue_end, has_cue = (
            Q[:, k] for k in range(10))
        before = end <= q_start
        X[:, _PAIR["is_cue_subject"]] = subj == root
        X[:, _PAIR["head_is_cue"]] = head == cue
        X[:, _PAIR["grandhead_is_cue"]] = (grand == cue) & (head != cue)
        X[:, _PAIR["before_quote"]] = before
        X[:, _PAIR["char_gap"]] = _gaps(start, end, q_start, q_end)
        X[:, _PAIR["sent_gap"]] = c_sent - q_sent
        X[:, _PAIR["cue_char_gap"]] = np.where(
            has_cue > 0, np.abs(_gaps(start, end, cue_start, cue_end)), -1.0)
        X[:, _PAIR["same_sent_as_cue"]] = (cue_sent >= 0) & (c_sent == cue_sent)
        X[:, _PAIR["in_leadin"]] = (c_sent == q_sent) & before
        X[:, _PAIR["inside_content"]] = (q_start <= start) & (start < q_end)
        X[:, _PAIR["same_paragraph"]] = c_para == q_para
        X[:, _PAIR["para_gap"]] = q_para - c_para
        return X


def _gaps(a0: np.ndarray, a1: np.ndarray, b0: np.ndarray, b1: np.ndarray) -> np.ndarray:
    """``_gap`` of many span pairs at once."""
    return np.where(a1 <= b0, a1 - b0, np.where(a0 >= b1, a0 - b1, 0.0))


def document_rows(article: Article, resolver: Resolver, quotes: list[Quote],
                  regions: list[Region], frames: list[Frame]
                  ) -> tuple[list[Candidate], np.ndarray]:
    """All candidates of the speech quotes (not scare or relayed ones) of a document, and
    their rows."""
    view = DocView(article, resolver, regions, frames)
    order = sorted(range(len(quotes)), key=lambda i: (quotes[i].start, quotes[i].end))
    prev: Quote | None = None
    all_cands: list[Candidate] = []
    rows = _Rows(view)
    for qi in order:
        q = quotes[qi]
        # a quoted term is not speech: it keeps no speaker; a statement whose own frame
        # names a relay ("Interfax quoted Putin as ...", "Citing officials, the Times
        # reported") keeps the rules' speaker (PolNeAR's sources name the relay instead)
        if q.kind == "scare" or q.cue_start in view.relay_cues:
            continue
        cands = candidates(view, quotes, qi, prev)
        if cands:
            rows.add(quotes, qi, prev, cands)
            all_cands += cands
        if q.speaker_start is not None:
            prev = q
    return all_cands, rows.matrix()


@lru_cache(maxsize=1)
def shipped_model() -> tuple[Any, float, float] | None:
    """The shipped booster, threshold and margin (None when no model is installed)."""
    from dateline.learn.persist import load_shipped

    saved = load_shipped(TASK)
    if saved is None:
        return None
    return saved.booster(), float(saved.meta["threshold"]), float(saved.meta.get("margin", 0.0))


def best_per_quote(cands: list[Candidate], scores: np.ndarray, threshold: float,
                   margin: float = 0.0) -> dict[int, Candidate | None]:
    """Quote index -> its best-scoring candidate; the rules' own choice when the best
    scores below ``threshold`` or beats the rules' by less than ``margin``; None when the
    rules have no choice either."""
    best: dict[int, tuple[float, Candidate]] = {}
    rule: dict[int, tuple[float, Candidate]] = {}
    for c, s in zip(cands, scores, strict=True):
        if c.quote not in best or s > best[c.quote][0]:
            best[c.quote] = (float(s), c)
        if c.is_rule:
            rule[c.quote] = (float(s), c)
    out: dict[int, Candidate | None] = {}
    for qi, (s, c) in best.items():
        r = rule.get(qi)
        keep_rule = s < threshold or (r is not None and s - r[0] < margin)
        out[qi] = (r[1] if r else None) if keep_rule else c
    return out


def with_speaker(quote: Quote, cand: Candidate | None, resolver: Resolver, text: str) -> Quote:
    """The quote with a chosen candidate as its speaker (unchanged when it is the rule's)."""
    if cand is not None and cand.is_rule:
        return quote
    fields: dict[str, Any] = {k: getattr(quote, k) for k in Quote.__slots__}
    if cand is None:
        fields.update(speaker=None, speaker_start=None, speaker_end=None, speaker_id=None)
    else:
        found = resolver.resolve(cand.start, cand.end)
        name, sid = found if found else (text[cand.start:cand.end], None)
        fields.update(speaker=name or text[cand.start:cand.end], speaker_start=cand.start,
                      speaker_end=cand.end, speaker_id=sid)
    return Quote(**fields)


def rank_speakers(article: Article, resolver: Resolver, quotes: list[Quote],
                  regions: list[Region], frames: list[Frame]) -> list[Quote]:
    """The quotes with speakers chosen by the shipped model (the rules' when none ships)."""
    model = shipped_model()
    if model is None or not quotes or article.doc is None:
        return quotes
    booster, threshold, margin = model
    cands, X = document_rows(article, resolver, quotes, regions, frames)
    if not len(cands):
        return quotes
    chosen = best_per_quote(cands, booster.predict(X, num_threads=1), threshold, margin)
    return [with_speaker(q, chosen[i], resolver, article.text) if i in chosen else q
            for i, q in enumerate(quotes)]
