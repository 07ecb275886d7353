"""Speech frames from the dependency parse: cue verb, speaker mention, content clause.

Covers "X said (that) ...", "..., X said", "said X", "X told Y ...", "according to X, ...",
"X, adding that ..." (the speaker of the governing verb), coordinated verbs ("He gave ...
and said ..."), relative clauses ("Putin, who ..., said"), "Interfax quoted Putin as
telling Assad ..." (speaker Putin, relayed by Interfax) and "Citing officials, The New
York Times reported ..." (speaker the officials, relayed by the Times).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from dateline.coref import load_tsv

CONTENT_DEPS = frozenset({"ccomp"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
HEAD_LINKS = frozenset({"conj", "advcl", "xcomp", "pcomp"})
CUT_DEPS = frozenset({"relcl", "appos", "acl", "punct", "cc", "conj"})
RELATIVE = frozenset({"who", "which", "that"})
# A ccomp shorter than this many words is not taken as reported content ("he said so");
# calibrated on the quotes dev set (all_f1 is flat between 2 and 4).
MIN_CONTENT_WORDS = 3


@dataclass(slots=True)
class Frame:
    """One attribution: the cue, who speaks, what is said, and who relays it."""

    cue_start: int
    cue_end: int
    cue: str
    content: tuple[int, int] | None
    speaker: tuple[int, int] | None
    relay: tuple[int, int] | None = None
    verb_class: str = "speech"


@lru_cache(maxsize=1)
def speech_verbs() -> dict[str, str]:
    """Speech verb lemma -> class (speech, report, belief)."""
    return {r["lemma"]: r["class"] for r in load_tsv("speech_verbs.tsv")}


def mention(tok: Any) -> tuple[int, int]:
    """A noun phrase's span cut before relative clauses, appositions and commas."""
    left = tok.left_edge
    right = tok
    for child in tok.rights:
        if child.dep_ in CUT_DEPS or child.is_punct:
            break
        right = child.right_edge
    while left.i < tok.i and (left.is_punct or left.is_quote):
        left = left.nbor(1)
    return left.idx, right.idx + len(right)


def _content_span(toks: list[Any], lead_mark: bool) -> tuple[int, int] | None:
    """The span of content tokens without edge punctuation (and a leading 'that' when
    ``lead_mark``); None when too few words are left."""
    while toks and ((lead_mark and toks[0].dep_ == "mark") or toks[0].is_punct
                    or toks[0].is_space):
        toks.pop(0)
    while toks and (toks[-1].is_punct and not toks[-1].is_quote or toks[-1].is_space):
        toks.pop()
    if sum(1 for t in toks if t.is_alpha) < MIN_CONTENT_WORDS:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def clause(tok: Any) -> tuple[int, int] | None:
    """A content clause's span without a leading 'that' or edge punctuation."""
    return _content_span(list(tok.subtree), lead_mark=True)


def subject_of(verb: Any) -> Any | None:
    """The subject token of a verb, looking through coordination and participles."""
    seen = 0
    while verb is not None and seen < 4:
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS:
                if child.lower_ in RELATIVE and verb.dep_ == "relcl":
                    return verb.head
                return child
        if verb.dep_ not in HEAD_LINKS or verb.head is verb:
            return None
        verb, seen = verb.head, seen + 1
    return None


def _child(tok: Any, deps: frozenset[str] | set[str]) -> Any | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def parenthetical(tok: Any) -> tuple[int, int] | None:
    """The host clause of a parenthetical cue ("In one case, the report said, two ...")."""
    if tok.dep_ != "parataxis" or tok.head is tok:
        return None
    inner = {t.i for t in tok.subtree}
    toks = [t for t in tok.head.subtree if t.i not in inner]
    if any(t.is_quote for t in toks):  # quotation marks: the quote stage places those
        return None
    return _content_span(toks, lead_mark=False)


def verb_frame(tok: Any) -> Frame | None:
    """The frame of a speech verb token, or None when it is not one."""
    cls = speech_verbs().get(tok.lemma_.lower())
    if cls is None or tok.pos_ not in ("VERB", "AUX"):
        return None
    content_tok = _child(tok, CONTENT_DEPS)
    content = clause(content_tok) if content_tok is not None else parenthetical(tok)
    subj = subject_of(tok)
    speaker = mention(subj) if subj is not None else None
    relay = None
    if tok.lemma_.lower() == "quote":
        obj, as_prep = _child(tok, {"dobj"}), _child(tok, {"prep"})
        if obj is not None:
            relay, speaker = speaker, mention(obj)
        if as_prep is not None and content is None:
            inner = _child(as_prep, {"pcomp", "pobj"})
            content = clause(inner) if inner is not None else None
    citing = next((c for c in tok.children if c.dep_ == "advcl"
                   and c.lemma_.lower() == "cite"), None)
    if citing is not None and _child(citing, {"dobj"}) is not None:
        relay, speaker = speaker, mention(_child(citing, {"dobj"}))
    if cls == "belief" and content is None:
        return None
    return Frame(tok.idx, tok.idx + len(tok), tok.text, content, speaker, relay, cls)


def according_frame(tok: Any) -> Frame | None:
    """'according to X': content is the rest of the sentence."""
    if tok.lower_ != "according" or tok.i + 1 >= len(tok.doc) or tok.nbor(1).lower_ != "to":
        return None
    to = tok.nbor(1)
    pobj = _child(to, {"pobj"})
    if pobj is None:
        return None
    sent = tok.sent
    phrase_start = tok.idx
    phrase_end = pobj.right_edge.idx + len(pobj.right_edge)
    before = (sent.start_char, phrase_start)
    after = (phrase_end, sent.end_char)
    lo, hi = max((before, after), key=lambda s: s[1] - s[0])
    text, base = sent.text, sent.start_char  # the sentence only: doc.text rebuilds it all
    while lo < hi and (text[lo - base] in " ,.;:\n\"'\u201c\u201d"):
        lo += 1
    while hi > lo and (text[hi - 1 - base] in " ,.;:\n\"'\u201c\u201d"):
        hi -= 1
    content = (lo, hi) if hi - lo > 10 else None
    return Frame(tok.idx, to.idx + len(to), text[tok.idx - base:to.idx + len(to) - base],
                 content, mention(pobj))


def sentence_frames(sent: Any) -> list[Frame]:
    """Every speech frame in a sentence, in order."""
    out = []
    for tok in sent:
        frame = according_frame(tok) or verb_frame(tok)
        if frame is not None:
            out.append(frame)
    return out
