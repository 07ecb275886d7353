"""``dateline.quotes.frames`` over a whole document, on the shared token arrays: the same
frames ``sentence_frames`` finds sentence by sentence on spaCy tokens, without a ``Token``
per word, child or subtree member (only "according" phrases, which are rare, still go
through ``frames.according_frame``). A token's children are the tokens it heads, in order;
its subtree is visited the way ``Token.subtree`` yields it (left children's subtrees, the
token, right children's subtrees), and its edges are spaCy's own (``TokenArrays.edges``)."""
from __future__ import annotations

from typing import Any

from dateline.quotes.frames import CONTENT_DEPS, CUT_DEPS, Frame, according_frame, speech_verbs
from dateline.quotes.tokarrays import subject_index, trim_ids
from dateline.tokarrays import TokenArrays, token_arrays

_VERBAL = frozenset({"VERB", "AUX"})


def doc_frames(doc: Any) -> list[Frame]:
    """``sentence_frames`` of every sentence of a document, in order, visiting only the
    tokens that can open a frame ("according", a speech verb lemma tagged VERB or AUX)."""
    ix = token_arrays(doc)
    verbs = speech_verbs()
    out = []
    for i, (low, lemma, pos) in enumerate(zip(ix.lower, ix.lemma, ix.pos, strict=True)):
        if low == "according":
            frame = according_frame(doc[i]) or verb_frame(ix, i)
        elif lemma in verbs and pos in _VERBAL:
            frame = verb_frame(ix, i)
        else:
            continue
        if frame is not None:
            out.append(frame)
    return out


def _child(ix: TokenArrays, i: int, deps: frozenset[str] | set[str]) -> int:
    """``frames._child``: the first child with one of ``deps`` (-1 when none)."""
    return next((c for c in ix.children[i] if ix.dep[c] in deps), -1)


def subtree(ix: TokenArrays, i: int) -> list[int]:
    """The token indices ``Token.subtree`` yields, in its order."""
    out: list[int] = []
    _walk(ix.children, i, out)
    return out


def _walk(children: list[list[int]], k: int, out: list[int]) -> None:
    kids = children[k]
    if not kids:
        out.append(k)
        return
    n = 0
    for c in kids:  # in order: the left children first
        if c > k:
            break
        _walk(children, c, out)
        n += 1
    out.append(k)
    for c in kids[n:]:
        _walk(children, c, out)


def mention(ix: TokenArrays, i: int) -> tuple[int, int]:
    """``frames.mention``: a noun phrase's span cut before relative clauses, appositions
    and commas."""
    left, right = ix.edges(i)[0], i
    for c in ix.children[i]:
        if c < i:
            continue
        if ix.dep[c] in CUT_DEPS or ix.punct[c]:
            break
        right = ix.edges(c)[1]
    while left < i and (ix.punct[left] or ix.quote[left]):
        left += 1
    return ix.starts[left], ix.ends[right]


def clause(ix: TokenArrays, i: int) -> tuple[int, int] | None:
    """``frames.clause``: a content clause's span without a leading 'that' or edge
    punctuation."""
    return trim_ids(ix, subtree(ix, i), lead_mark=True)


def parenthetical(ix: TokenArrays, i: int) -> tuple[int, int] | None:
    """``frames.parenthetical``: the host clause of a parenthetical cue."""
    h = ix.head[i]
    if ix.dep[i] != "parataxis" or h == i:
        return None
    inner = set(subtree(ix, i))
    ids = [k for k in subtree(ix, h) if k not in inner]
    if any(ix.quote[k] for k in ids):
        return None
    return trim_ids(ix, ids)


def verb_frame(ix: TokenArrays, i: int) -> Frame | None:
    """``frames.verb_frame`` of token ``i``: its frame, or None when it is not a speech
    verb."""
    lemma = ix.lemma[i]
    cls = speech_verbs().get(lemma)
    if cls is None or ix.pos[i] not in _VERBAL:
        return None
    content_tok = _child(ix, i, CONTENT_DEPS)
    content = clause(ix, content_tok) if content_tok >= 0 else parenthetical(ix, i)
    subj = subject_index(ix, i)
    speaker = mention(ix, subj) if subj >= 0 else None
    relay = None
    if lemma == "quote":
        obj, as_prep = _child(ix, i, {"dobj"}), _child(ix, i, {"prep"})
        if obj >= 0:
            relay, speaker = speaker, mention(ix, obj)
        if as_prep >= 0 and content is None:
            inner = _child(ix, as_prep, {"pcomp", "pobj"})
            content = clause(ix, inner) if inner >= 0 else None
    citing = next((c for c in ix.children[i] if ix.dep[c] == "advcl"
                   and ix.lemma[c] == "cite"), -1)
    if citing >= 0 and (cited := _child(ix, citing, {"dobj"})) >= 0:
        relay, speaker = speaker, mention(ix, cited)
    if cls == "belief" and content is None:
        return None
    return Frame(ix.starts[i], ix.ends[i], ix.doc[i].text, content, speaker, relay, cls)
