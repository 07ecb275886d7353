"""The times stage: TIMEX3 time expressions, recognised and normalised (issue 4).

Patterns built from ``lexicons/timex_words.tsv`` run on ``match_text(article.text)`` (so a
Cyrillic "с" in "Marсh" or a no-break space does not hide a date; offsets stay on the stored
text); the parse supplies the clause's tense and vetoes names. Values are resolved against
``article.published`` in document order, so "the same day" finds the last day mentioned.
"""
from __future__ import annotations

from datetime import date

from dateline.config import Settings
from dateline.model import Article, Time
from dateline.textnorm import match_text
from dateline.timex.calendar import Context, Value
from dateline.timex.context import ents_of, plausible, tense_at
from dateline.timex.normalise import normalise
from dateline.timex.recognise import Match, find
from dateline.timex.value import parse_day
from dateline.vocab import Fact

CONTEXT_CHARS = 40  # text either side handed to normalisers (a few words)
REF_TYPES = ("DATE", "TIME")


def published_date(article: Article) -> date | None:
    """The publication date as a date (None when absent or unparsable)."""
    return parse_day(article.published)


def recognise(article: Article, text: str | None = None) -> list[Match]:
    """Time-expression matches in the article, vetted against the parse's names.

    ``text``: ``match_text(article.text)`` when the caller has it already.
    """
    text = match_text(article.text) if text is None else text
    ents = ents_of(article.doc)

    def keep(start: int, end: int, name: str, groups: dict[str, str]) -> bool:
        return plausible(text, start, end, name, groups, ents)

    return find(text, keep)


def resolve(article: Article, matches: list[Match], text: str | None = None) -> list[Time]:
    """Normalise matches in document order; an expression without a value is dropped."""
    text = match_text(article.text) if text is None else text
    pub = published_date(article)
    ref_day, ref_value = pub, article.published if pub else None
    times = []
    for m in matches:
        ctx = Context(pub=pub, tense=tense_at(article.doc, m.start, m.end), ref_day=ref_day,
                      ref_value=ref_value,
                      left=text[max(0, m.start - CONTEXT_CHARS):m.start].lower(),
                      right=text[m.end:m.end + CONTEXT_CHARS].lower())
        val = normalise(m, ctx)
        if val is None:
            continue
        times.append(_time(article, m, val))
        if val.type in REF_TYPES and val.value[:1].isdigit():
            ref_value = val.value
            ref_day = parse_day(val.value) or ref_day
    return times


def _time(article: Article, m: Match, val: Value) -> Time:
    return Time(start=m.start, end=m.end, text=article.text[m.start:m.end], type=val.type,
                value=val.value, anchor=val.anchor, year_inferred=val.year_inferred)


class TimeStage:
    """Finds DATE, TIME, DURATION and SET expressions with TIMEX3 values."""

    name = "times"
    requires = frozenset({Fact.SENTENCES, Fact.TOKENS, Fact.METADATA})
    produces = frozenset({Fact.TIMES})

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()

    def __call__(self, article: Article) -> Article:
        """Fill ``article.times``."""
        text = match_text(article.text)  # once per article, shared by both steps
        article.times = resolve(article, recognise(article, text), text)
        return article
