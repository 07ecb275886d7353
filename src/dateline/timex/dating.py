"""Event dating: which time expression dates a clause, how precisely, and whether it is history.

``event_date(article, start, end)`` reads the times already found in ``article.times``
(the times stage runs before events). Of the dated expressions inside ``[start, end)`` it
prefers the one attached closest to the clause's main verb in the parse; durations, sets
and vague references ("recently") never date an event. With none, the publication date is
used and ``date_inferred`` is set.
"""
from __future__ import annotations

import re
from datetime import timedelta
from functools import lru_cache
from typing import Any

from dateline.model import Article, Time
from dateline.timex.lexicon import lexicon
from dateline.timex.value import TimexValue, parse_day, precision

# A clause dated to a period that ended more than this many days before publication is
# background (history recalled for context). Calibrated on the seed: the December 6
# announcement five days earlier is news, the March 2016 order and the September 2015
# campaign are history; three months matches the events stage's own fallback rule.
BACKGROUND_DAYS = 90
MAX_CLIMB = 10  # parse steps from an expression up to the clause's root
# dependency labels that open a clause of its own: a date inside one dates that clause only
SUBORDINATE = {"relcl", "acl", "advcl", "ccomp", "csubj", "parataxis"}
DATED = re.compile(r"^(?:\d{4}|X{4})")


def _steps_to(tok: Any, verb: Any) -> int | None:
    """Parse steps from ``tok`` up to ``verb`` without leaving through a subordinate clause."""
    for steps in range(MAX_CLIMB):
        if tok == verb:
            return steps
        if tok.dep_ in SUBORDINATE or tok.head is tok:
            return None
        tok = tok.head
    return None


def _verbs(doc: Any, start: int, end: int, trigger_start: int | None) -> list[Any]:
    """The event's verb (trigger, else the clause root) and the verbs it is coordinated with."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return []
    verb = span.root
    if trigger_start is not None:
        verb = next((t for t in span if t.idx <= trigger_start < t.idx + len(t)), verb)
    chain = [verb]
    while chain[-1].dep_ in ("conj", "xcomp") and len(chain) < 4:
        chain.append(chain[-1].head)
    return chain


def governing_time(article: Article, start: int, end: int,
                   trigger_start: int | None = None) -> Time | None:
    """The dated expression inside [start, end) attached to the event's verb in the parse."""
    cands = [t for t in article.times if start <= t.start and t.end <= end
             and t.type in ("DATE", "TIME") and t.value and DATED.match(t.value)]
    if not cands or article.doc is None:
        return cands[0] if cands else None
    verbs = _verbs(article.doc, start, end, trigger_start)
    best: tuple[int, int, Time] | None = None
    for t in cands:
        span = article.doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        for rank, verb in enumerate(verbs):
            steps = _steps_to(span.root, verb)
            if steps is not None and (best is None or (rank, steps) < best[:2]):
                best = (rank, steps, t)
    return best[2] if best else None


def history_cue(article: Article, start: int, end: int) -> bool:
    """Whether the clause says it recalls history ("since", "began", "ago")."""
    return _has_history_cue(article.text[start:end])


@lru_cache(maxsize=8192)
def _has_history_cue(clause: str) -> bool:
    """``history_cue`` on a clause's text (memoised: an article's events share clauses)."""
    cues = lexicon().kind("background_cue")
    return any(w in cues for w in re.findall(r"[a-z]+", clause.lower()))


def event_date(article: Article, start: int, end: int,
               trigger_start: int | None = None) -> dict[str, Any]:
    """``date``, ``date_precision``, ``date_inferred`` and ``background`` of a clause.

    ``trigger_start`` (optional) is the offset of the event's word; without it the clause's
    root verb stands for the event.
    """
    pub = parse_day(article.published)
    own = governing_time(article, start, end, trigger_start)
    if own is None or own.value is None:
        return {"date": article.published if pub else None,
                "date_precision": "day" if pub else None, "date_inferred": pub is not None,
                "background": history_cue(article, start, end)}
    value = own.value.split("T")[0] if own.type == "TIME" else own.value
    span = TimexValue.parse(value)
    ended = span.end if span else None
    old = pub is not None and ended is not None and ended < pub - timedelta(BACKGROUND_DAYS)
    return {"date": value, "date_precision": precision(value), "date_inferred": False,
            "background": old}
