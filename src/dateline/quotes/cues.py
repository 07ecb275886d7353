"""Learned attribution cues: candidate (cue, content) pairs from the parse, their features,
and the shipped model's choice among them.

PolNeAR attributes far more than speech: beliefs ("believes"), plans ("plans to"), stances
("criticized", "his claim that"), sources ("according to"). Every verb, noun or
"according to" heading a complement is a candidate cue; each of its complements (a clause,
an infinitive, an object, a prepositional phrase, everything to its right, the host clause of
a parenthetical, the words after a colon) is a candidate content span. The speech-verb
lexicon and the rule frames are features, never filters. One LightGBM model scores every
candidate of a document in a single ``predict`` call; ``choose`` keeps the most probable
non-overlapping ones above the threshold chosen by cross-validation on PolNeAR train.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from dateline.quotes.docframes import mention
from dateline.quotes.frames import Frame, speech_verbs
from dateline.quotes.tokarrays import DocIndex

TASK = "quote_cues"
OPTIONS = ("ccomp", "xcomp", "dobj", "prep", "right", "host", "colon", "according", "rule")
CLASSES = ("", "speech", "report", "belief")
POS = ("VERB", "AUX", "NOUN", "PROPN", "ADJ", "ADP")
DEPS = ("ROOT", "ccomp", "xcomp", "conj", "advcl", "relcl", "acl", "parataxis", "pcomp",
        "dobj", "pobj", "nsubj", "attr", "amod", "compound", "appos", "npadvmod", "prep")
TAGS = ("VBD", "VBZ", "VBP", "VB", "VBN", "VBG", "NN", "NNS", "NNP", "IN", "JJ", "MD")
SUBJECTS = ("none", "pron", "PERSON", "ORG", "GPE", "NORP", "propn", "noun")
RIGHT_SKIP = frozenset({"punct", "cc", "conj", "advcl", "relcl", "appos", "parataxis",
                        "npadvmod", "advmod", "mark", "dep"})
FEATURES = (
    "lemma", "lex_class", "option", "pos", "dep", "tag", "head_class", "subj", "has_poss",
    "agent", "neg", "modal", "passive", "n_tokens", "n_words", "has_subj_inside",
    "has_verb_inside", "starts_that", "starts_to", "quoted", "after_cue", "sent_share",
    "cue_pos", "is_root", "rule_frame", "rule_same", "sent_quotes", "n_options", "first_sent",
)
CATEGORICAL = ("lemma", "lex_class", "option", "pos", "dep", "tag", "head_class", "subj")
BY_WORDS = frozenset({"by", "from"})
QUOTE_CHARS = frozenset("\"\u201c\u201d\u201e\u00ab\u00bb")


@dataclass(slots=True)
class Candidate:
    """One possible attribution: a cue token (its index ``i`` in ``index.doc``), a content
    span and how it was found."""

    i: int
    option: str
    content: tuple[int, int]
    cue: tuple[int, int]
    frame: Frame | None
    index: DocIndex

    @property
    def tok(self) -> Any:
        """The cue's spaCy token (made on demand: most candidates never need one)."""
        return self.index.doc[self.i]


def _codes(table: tuple[str, ...]) -> dict[str, int]:
    """A table's values -> their 1-based position (``_index`` as one dict look-up)."""
    out: dict[str, int] = {}
    for k, value in enumerate(table):
        out.setdefault(value, k + 1)
    return out


_OPTION, _CLASS, _POS, _DEP, _TAG, _SUBJECT = (
    _codes(t) for t in (OPTIONS, CLASSES, POS, DEPS, TAGS, SUBJECTS))
_VERBAL, _NOMINAL = frozenset({"VERB", "AUX"}), frozenset({"NOUN", "PROPN"})
_AUX_DEPS, _NOUN_CUE_KIDS = frozenset({"aux", "auxpass"}), frozenset({"acl", "ccomp", "prep",
                                                                      "poss"})


def _right_part(ix: DocIndex, i: int) -> tuple[int, int] | None:
    """Every complement to the right of a cue, up to a clause boundary."""
    kids = [c for c in ix.children[i] if c > i and ix.dep[c] not in RIGHT_SKIP
            and not ix.punct[c]]
    if not kids:
        return None
    return ix.trim(range(ix.edges(kids[0])[0], ix.edges(kids[-1])[1] + 1))


def _colon(ix: DocIndex, i: int) -> tuple[int, int] | None:
    """The words after a colon that closes the cue's phrase ("had an epiphany: ...")."""
    sent_end = ix.sent[i][1]
    for k in range(i + 1, min(sent_end, i + 6)):
        if ix.lower[k] == ":":
            return ix.trim(range(k + 1, sent_end))
    return None


def _host(ix: DocIndex, i: int) -> tuple[int, int] | None:
    """``frames.parenthetical`` on indices: the host clause of a parataxis cue."""
    h = ix.head[i]
    if ix.dep[i] != "parataxis" or h == i:
        return None
    (lo, hi), (inner_lo, inner_hi) = ix.edges(h), ix.edges(i)
    ids = [k for k in range(lo, hi + 1) if not inner_lo <= k <= inner_hi]
    if any(ix.quote[k] for k in ids):
        return None
    return ix.trim(ids)


def _options(ix: DocIndex, i: int) -> dict[str, tuple[int, int]]:
    """Candidate content spans of one cue token, by how they were found."""
    out: dict[str, tuple[int, int] | None] = {}
    noun = ix.pos[i] in ("NOUN", "PROPN")
    for c in ix.children[i]:
        dep = ix.dep[c]
        if dep == "ccomp" and "ccomp" not in out:
            out["ccomp"] = ix.subtree(c, lead_mark=True)
        elif dep == "xcomp" and "xcomp" not in out:
            out["xcomp"] = ix.subtree(c)
        elif dep == "dobj" and "dobj" not in out:
            out["dobj"] = ix.subtree(c)
        elif dep == "prep" and "prep" not in out and c > i:
            right = ix.edges(c)[1]
            out["prep"] = ix.trim(range(c + 1, right + 1)) if right > c else None
        elif dep == "acl" and noun and "ccomp" not in out:
            out["ccomp"] = ix.subtree(c, lead_mark=True)
    out["right"] = _right_part(ix, i)
    out["host"] = _host(ix, i)
    out["colon"] = _colon(ix, i)
    return {k: v for k, v in out.items() if v is not None}


def _cue_tokens(ix: DocIndex) -> list[int]:
    """The tokens that can be a cue, in order: a verb or auxiliary that is not itself an
    auxiliary of another verb, or a noun heading a clause, a preposition or a possessor."""
    dep, kids = ix.dep, ix.children
    return [i for i, (p, d) in enumerate(zip(ix.pos, dep, strict=True))
            if (d not in _AUX_DEPS if p in _VERBAL else
                p in _NOMINAL and any(dep[c] in _NOUN_CUE_KIDS for c in kids[i]))]


def _according_tokens(ix: DocIndex, by_cue: dict[int, Frame]) -> list[int]:
    """The "according" tokens a rule frame starts at."""
    out = []
    for start in by_cue:
        k = bisect_left(ix.starts, start)
        if k < len(ix.starts) and ix.starts[k] == start and ix.lower[k] == "according":
            out.append(k)
    return out


def candidates(doc: Any, frames: list[Frame], text: str | None = None) -> list[Candidate]:
    """Every (cue token, content span) candidate of a parsed document (``text``: the
    article text the doc was parsed from, same length; read from the doc when not given)."""
    ix = DocIndex(doc, doc.text if text is None else text)
    by_cue = {f.cue_start: f for f in frames}
    out: list[Candidate] = []
    visit = _cue_tokens(ix)
    if by_cue:
        visit = sorted(set(visit).union(_according_tokens(ix, by_cue)))
    for i in visit:
        frame = by_cue.get(ix.starts[i]) if by_cue else None
        if frame is not None and ix.lower[i] == "according":
            if frame.content is not None:
                out.append(Candidate(i, "according", frame.content,
                                     (frame.cue_start, frame.cue_end), frame, ix))
            continue
        opts = _options(ix, i)
        if frame is not None and frame.content is not None:
            opts["rule"] = frame.content
        seen: set[tuple[int, int]] = set()
        for name in OPTIONS:
            span = opts.get(name)
            if span is None or span in seen:
                continue
            seen.add(span)
            out.append(Candidate(i, name, span, (ix.starts[i], ix.ends[i]), frame, ix))
    return out


def _subject_kind(ix: DocIndex, s: int) -> str:
    if s < 0:
        return "none"
    if ix.pos[s] == "PRON":
        return "pron"
    if ix.ent[s] in SUBJECTS:
        return ix.ent[s]
    return "propn" if ix.pos[s] == "PROPN" else "noun"


def _token_part(i: int, ix: DocIndex, vocab: dict[str, int], frame: Frame | None
                ) -> tuple[list[float], list[float]]:
    """The features of a cue token shared by all its candidates (before / after the
    content features in ``FEATURES`` order)."""
    lemma = ix.lemma[i]
    lexicon = speech_verbs()
    s_start, s_end, _, _, s_quoted = ix.sent[i]
    subj = ix.subject(i) if ix.pos[i] in ("VERB", "AUX") else -1
    kids = {ix.dep[k] for k in ix.children[i]}
    head: list[float] = [
        vocab.get(lemma, 0), _CLASS.get(lexicon.get(lemma, ""), 0),
        _POS.get(ix.pos[i], 0), _DEP.get(ix.dep[i], 0), _TAG.get(ix.tag[i], 0),
        _CLASS.get(lexicon.get(ix.lemma[ix.head[i]], ""), 0),
        _SUBJECT.get(_subject_kind(ix, subj), 0), "poss" in kids, "agent" in kids,
        "neg" in kids, any(ix.tag[k] == "MD" for k in ix.children[i]),
        "auxpass" in kids or "nsubjpass" in kids]
    tail: list[float] = [(i - s_start) / max(1, s_end - s_start), ix.dep[i] == "ROOT",
            frame is not None and frame.content is not None, s_quoted, s_start == 0]
    return head, tail


def _row(c: Candidate, ix: DocIndex, part: tuple[list[float], list[float]],
         n_options: int) -> list[float]:
    head, tail = part
    a, b = c.content
    lo, hi = bisect_left(ix.starts, a), bisect_left(ix.starts, b)
    text = ix.text[a:b]
    _, _, s_char, e_char, _ = ix.sent[c.i]
    rule = c.frame.content if c.frame is not None else None
    return [
        head[0], head[1], _OPTION.get(c.option, 0), *head[2:],
        hi - lo, ix.alpha[hi] - ix.alpha[lo], ix.subj[hi] > ix.subj[lo],
        ix.verb[hi] > ix.verb[lo],
        text[:5].lower() == "that ", text[:3].lower() == "to ",
        not QUOTE_CHARS.isdisjoint(text), a >= c.cue[1],
        len(text) / max(1, e_char - s_char), tail[0], tail[1], tail[2],
        rule == c.content, tail[3], n_options, tail[4],
    ]


def features(cands: list[Candidate], vocab: dict[str, int]) -> np.ndarray:
    """The feature matrix of a document's candidates (one row each, ``FEATURES`` order)."""
    if not cands:
        return np.zeros((0, len(FEATURES)), dtype=np.float32)
    ix = cands[0].index
    counts: dict[int, int] = {}
    for c in cands:
        counts[c.i] = counts.get(c.i, 0) + 1
    parts: dict[int, tuple[list[float], list[float]]] = {}
    rows: list[float] = []
    for c in cands:
        i = c.i
        part = parts.get(i)
        if part is None:
            part = parts[i] = _token_part(i, ix, vocab, c.frame)
        rows.extend(_row(c, ix, part, counts[i]))
    # one flat list read as doubles, then narrowed: the same float32 values as reading the
    # rows as float32 (each value is rounded once, from its double), in half the time
    return np.array(rows, dtype=np.float64).astype(np.float32).reshape(len(cands), -1)


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """The scorer's match rule: overlap of at least half the shorter span."""
    ov = min(a[1], b[1]) - max(a[0], b[0])
    return ov > 0 and ov >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def _pobj(ix: DocIndex, i: int, deps: frozenset[str], words: frozenset[str] | None = None
          ) -> int:
    """The object of the first child with one of ``deps`` (and, given ``words``, one of
    those words) that is a preposition (-1 when none)."""
    for child in ix.children[i]:
        if ix.dep[child] in deps and (words is None or ix.lower[child] in words):
            return next((g for g in ix.children[child] if ix.dep[g] == "pobj"), -1)
    return -1


def speaker_of(c: Candidate) -> tuple[int, int] | None:
    """The source mention of a candidate: the rule frame's, else the passive agent ("was
    endorsed by X"), a noun cue's possessor or "by"/"from" phrase ("his claim that", "a
    warning from X") or the subject of the verb it is the object of ("X made the claim"),
    the noun a participle modifies ("members to endorse"), else the cue's subject."""
    if c.frame is not None and c.frame.speaker is not None:
        return c.frame.speaker
    ix, i = c.index, c.i
    found = _pobj(ix, i, frozenset({"agent"}))
    if found < 0 and ix.pos[i] in ("NOUN", "PROPN"):
        found = next((ch for ch in ix.children[i] if ix.dep[ch] == "poss"), -1)
        if found < 0:
            found = _pobj(ix, i, frozenset({"prep"}), BY_WORDS)
        if found < 0 and ix.dep[i] in ("dobj", "attr", "nsubj"):
            found = ix.subject(ix.head[i]) if ix.dep[i] != "nsubj" else -1
    elif found < 0:
        found = ix.subject(i)
        if found < 0 and ix.dep[i] == "acl" and ix.pos[ix.head[i]] in ("NOUN", "PROPN"):
            found = ix.head[i]
    return mention(ix, found) if found >= 0 else None


def _inside(cue: tuple[int, int], span: tuple[int, int]) -> bool:
    return span[0] <= cue[0] and cue[1] <= span[1]


def _blocks(c: Candidate, other: tuple[tuple[int, int], tuple[int, int]], nested: bool
            ) -> bool:
    """Whether an earlier choice (cue, content) rules a candidate out: their contents overlap
    and, with ``nested``, neither cue lies inside the other's content ("the agencies
    reported [he said [the base will stay]]" keeps both, as PolNeAR does)."""
    cue, content = other
    if not overlaps(c.content, content):
        return False
    return not (nested and (_inside(c.cue, content) or _inside(cue, c.content)))


def choose(cands: list[Candidate], probs: np.ndarray, threshold: float,
           taken: list[tuple[int, int]], bare: float = 0.0, nested: bool = True
           ) -> list[Frame]:
    """The most probable candidates above ``threshold`` (``bare`` for one whose source is not
    found): one per cue token, none whose content overlaps a quotation's span (``taken``)
    or an earlier choice's (unless nested, see ``_blocks``)."""
    order = np.argsort(-probs, kind="stable")
    chosen: list[tuple[tuple[int, int], tuple[int, int]]] = []
    used: set[int] = set()
    out = []
    for k in order:
        if probs[k] < threshold:
            break
        c = cands[int(k)]
        if c.i in used or any(overlaps(c.content, s) for s in taken) or any(
                _blocks(c, other, nested) for other in chosen):
            continue
        speaker = speaker_of(c)
        if speaker is None and probs[k] < bare:
            continue
        used.add(c.i)
        chosen.append((c.cue, c.content))
        cls = speech_verbs().get(c.index.lemma[c.i], "stance")
        cue_text = c.index.text[c.cue[0]:c.cue[1]]
        out.append(Frame(c.cue[0], c.cue[1], cue_text, c.content, speaker,
                         c.frame.relay if c.frame is not None else None, cls))
    return out


@dataclass(frozen=True)
class CueModel:
    """A trained cue scorer: the booster, its lemma vocabulary and its threshold."""

    booster: Any
    vocab: dict[str, int]
    threshold: float
    bare: float = 0.0

    def predict(self, cands: list[Candidate]) -> np.ndarray:
        """Probabilities of all candidates of a document, in one call."""
        if not cands:
            return np.zeros(0)
        # one thread: OpenMP's pool does not survive the engine's fork after the warm-up
        return np.asarray(self.booster.predict(features(cands, self.vocab), num_threads=1))


@lru_cache(maxsize=1)
def load() -> CueModel:
    """The shipped cue model (read once per process)."""
    from dateline.learn.persist import load_model, model_dir

    saved = load_model(model_dir(TASK))
    meta = saved.meta
    return CueModel(saved.booster(), dict(meta["vocab"]), float(meta["threshold"]),
                    float(meta.get("bare", 0.0)))
