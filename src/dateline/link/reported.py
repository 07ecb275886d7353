"""What a reporting event reports: the quotations the quotes stage attributes through it.

Two reports of one speech hold many "said"s that are different statements; two "said"s are
one event only when they report the same thing. The learned linker compares what two
reporting triggers report (``pairs.content_cosine``, used in ``link/learned.py``): the text
of the quotations (direct and indirect, from ``stages/quotes.py``) whose cue is the trigger.

The store keeps a quotation's cue word, its content span and its speaker span, not the cue's
offsets, so a trigger takes the quotations whose cue is the same word (case-insensitive) and
whose content or speaker lies in the trigger's sentence (:func:`reported_content`).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Quote:
    """A quotation as the linker sees it: content span and text, cue word, speaker span."""

    start: int
    end: int
    text: str
    cue: str
    speaker_start: int | None = None
    speaker_end: int | None = None


def _overlaps(a: int | None, b: int | None, lo: int, hi: int) -> bool:
    return a is not None and b is not None and a < hi and lo < b


def reported_content(trigger: str, sentence: tuple[int, int], quotes: list[Quote]) -> str:
    """The text a reporting trigger reports: the quotations whose cue is the trigger's word
    and whose content or speaker lies in the trigger's sentence (joined; "" when none)."""
    word = trigger.strip().lower()
    if not word:
        return ""
    lo, hi = sentence
    return " ".join(q.text for q in quotes if (q.cue or "").strip().lower() == word and (
        _overlaps(q.start, q.end, lo, hi) or _overlaps(q.speaker_start, q.speaker_end, lo, hi)))


def attach_contents(mentions: list[Any], texts: dict[str, str],
                    quotes: dict[str, list[Quote]]) -> None:
    """Set ``content`` on pair-model mentions (``pairs.Mention``: ``doc``, ``start``,
    ``text``) from their documents' quotations, in the pair model's own sentences."""
    from dateline.link.pairs import sentence_of, sentence_spans

    spans: dict[str, list[tuple[int, int]]] = {}
    for m in mentions:
        qs = quotes.get(m.doc)
        if not qs:
            continue
        if m.doc not in spans:
            spans[m.doc] = sentence_spans(texts[m.doc])
        m.content = reported_content(m.text, sentence_of(spans[m.doc], m.start), qs)


def load_quotes(con: Any, doc_ids: list[str]) -> dict[str, list[Quote]]:
    """The stored quotations of these documents, by document id."""
    out: dict[str, list[Quote]] = defaultdict(list)
    if not doc_ids:
        return out
    for d, s, e, text, cue, ss, se in con.execute(
            "SELECT doc_id, start_char, end_char, text, cue, speaker_start, speaker_end "
            "FROM quotes WHERE doc_id IN (SELECT unnest(?)) ORDER BY doc_id, start_char, "
            "end_char", [sorted(doc_ids)]).fetchall():
        out[d].append(Quote(s, e, text or "", cue or "", ss, se))
    return out
