"""Event attributes: quantities, date (and background), place and attribution.

Dates and places come from ``dateline.timex.event_date`` and ``dateline.geo.event_place``
when those modules are installed; otherwise a small fallback reads a written month/year in
the clause and the places already found in it.
"""
from __future__ import annotations

import importlib
import re
from functools import lru_cache
from typing import Any

from dateline.events.lexicon import _rows
from dateline.model import Article, Quantity

YEAR_RE = re.compile(r"\b(?:(January|February|March|April|May|June|July|August|September|"
                     r"October|November|December)\s+)?((?:19|20)\d\d)\b")
BACKGROUND_MONTHS = 3  # a clause dated this many months before publication is background
# (calibrated on the seed: the March 2016 order and the September 2015 campaign are
# background in December 2017 news, "December 11" and "last month" are not)
MONTHS = ("january february march april may june july august september october november "
          "december").split()


@lru_cache(maxsize=1)
def number_words() -> dict[str, float]:
    """English number words from lexicons/numbers.tsv."""
    return {r["word"]: float(r["value"]) for r in _rows("numbers.tsv")}


@lru_cache(maxsize=2)
def _optional(module: str, name: str) -> Any | None:
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def quantities(tokens: list[Any]) -> list[Quantity]:
    """Counted things in a clause: a number modifying a noun ("23 warplanes")."""
    out: list[Quantity] = []
    for tok in tokens:
        if tok.dep_ != "nummod" or tok.head.pos_ not in ("NOUN", "PROPN"):
            continue
        if tok.ent_type_ in ("DATE", "TIME") or tok.head.ent_type_ in ("DATE", "TIME"):
            continue
        noun = tok.head
        value = _number(tok)
        lo, hi = min(tok.i, noun.i), max(tok.i, noun.i)
        text = noun.doc[lo:hi + 1].text
        out.append(Quantity(text=text, value=value, unit=noun.lemma_.lower()))
    return out


def _number(tok: Any) -> float | None:
    text = tok.text.replace(",", "")
    try:
        return float(text)
    except ValueError:
        pass
    return number_words().get(tok.lower_)


def event_date(article: Article, start: int, end: int, trigger_start: int | None = None
               ) -> dict[str, Any]:
    """Date, precision, inferred flag and background flag of the clause [start, end)."""
    api = _optional("dateline.timex", "event_date")
    if api is not None:
        try:
            return dict(api(article, start, end, trigger_start))
        except Exception:  # noqa: BLE001 - a dating failure must not cost the event
            pass
    return _fallback_date(article, start, end)


def _fallback_date(article: Article, start: int, end: int) -> dict[str, Any]:
    """A written month/year in the clause, else the publication date (inferred)."""
    m = YEAR_RE.search(article.text, start, end)
    pub = article.published
    if m is None:
        return {"date": pub, "date_precision": "day" if pub else None,
                "date_inferred": bool(pub), "background": False}
    year = int(m.group(2))
    month = MONTHS.index(m.group(1).lower()) + 1 if m.group(1) else None
    value = f"{year:04d}-{month:02d}" if month else f"{year:04d}"
    return {"date": value, "date_precision": "month" if month else "year",
            "date_inferred": False, "background": _before(pub, year, month or 12)}


def _before(published: str | None, year: int, month: int) -> bool:
    if not published or len(published) < 7:
        return False
    py, pm = int(published[:4]), int(published[5:7])
    return (py * 12 + pm) - (year * 12 + month) >= BACKGROUND_MONTHS


def event_place(article: Article, start: int, end: int, actor_spans: list[tuple[int, int]]
                ) -> dict[str, Any] | None:
    """Where the event happened: the geo API, else a non-actor place in the clause."""
    api = _optional("dateline.geo", "event_place")
    if api is not None:
        return api(article, start, end)
    for p in article.places:
        if start <= p.start < end and not p.metonymic and not any(
                a <= p.start < b for a, b in actor_spans):
            return p.as_location()
    return None


def attribution(article: Article, trigger_start: int, report_subject: str | None
                ) -> str | None:
    """Who says the event happened: the quote around it, else the reporting verb's subject."""
    for q in article.quotes:
        if q.start <= trigger_start < q.end:
            return q.speaker_id or q.speaker
    return report_subject


def place_countries(article: Article) -> dict[int, str]:
    """Start offset -> ISO3 country of every resolved place (an actor-coding fallback)."""
    out: dict[int, str] = {}
    try:
        import pycountry
    except ImportError:  # pragma: no cover
        return out
    for p in article.places:
        if p.country:
            c = pycountry.countries.get(alpha_2=p.country)
            if c is not None:
                for i in range(p.start, p.end):
                    out[i] = c.alpha_3
    return out
