"""Similarity features for event clustering: date intervals, named arguments, measurements.

- :func:`interval` turns a TIMEX3 value ("2008-10-06", "2008-W41", "2005-Q4", "2003") into
  the days it covers, so "fell this week" (2008-W41) and "fell today" (2008-10-06) can agree;
- :func:`attach_context` reads the entities and times of the mentions' documents from the
  store and gives every mention the canonical names of the entities in its sentence (the
  longest spelling of the same entity id in the document: "Jobs" -> "steve jobs") and the
  spans that are names or dates, so that "FTSE 100" or "in 2005" is not read as a measurement,
  and the days that the dates written in its sentence cover ("on medical leave since January").
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any, Protocol

from dateline.timex.value import TimexValue

# Entity types whose names identify an event's participants across reports.
NAME_TYPES = frozenset({"PERSON", "ORG", "GPE", "PRODUCT", "FAC", "NORP", "EVENT", "LOC",
                        "WORK_OF_ART", "LAW"})
LEADING = re.compile(r"^(the|a|an)\s+")
POSSESSIVE = re.compile(r"(?:'s|')$")


class Linkable(Protocol):
    """What :func:`attach_context` reads and writes on a mention."""

    doc_id: str
    start: int
    end: int
    names: frozenset[str]
    masked: tuple[tuple[int, int], ...]
    written: tuple[tuple[date, date], ...]


def interval(value: str | None) -> tuple[date, date] | None:
    """The first and last day a TIMEX3 date value covers, for linking: None when it is not a
    date, and (as the linker was calibrated) for seasons and values with unknown parts
    ("2011-06-XX"), whose spans have not been measured on the links dev set."""
    parsed = TimexValue.parse(value)
    if parsed is None or parsed.unit == "season" or "X" in parsed.value.split("T")[0]:
        return None
    return parsed.interval


def name_key(text: str) -> str:
    """A comparable form of an entity name: lower case, no article or possessive."""
    key = POSSESSIVE.sub("", LEADING.sub("", " ".join(text.lower().split())))
    return key.strip(" .,")


def names_overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    """True when a name of one side is the other's or contains it as whole words."""
    for x in a:
        xs = set(x.split())
        for y in b:
            ys = set(y.split())
            if x == y or (xs and ys and (xs <= ys or ys <= xs)):
                return True
    return False


def attach_context(con: Any, mentions: Iterable[Linkable]) -> None:
    """Give each mention the canonical names in its sentence and its masked spans."""
    by_doc: dict[str, list[Linkable]] = defaultdict(list)
    for m in mentions:
        by_doc[m.doc_id].append(m)
    if not by_doc:
        return
    ents = con.execute("SELECT doc_id, start_char, end_char, text, type, entity_id "
                       "FROM entities WHERE doc_id IN (SELECT unnest(?))",
                       [sorted(by_doc)]).fetchall()
    times = con.execute("SELECT doc_id, start_char, end_char, value FROM times "
                        "WHERE doc_id IN (SELECT unnest(?))", [sorted(by_doc)]).fetchall()
    spans: dict[str, list[tuple[int, int, str | None]]] = defaultdict(list)
    dated: dict[str, list[tuple[int, int, tuple[date, date]]]] = defaultdict(list)
    for doc, s, e, value in times:
        spans[doc].append((s, e, None))
        if span := interval(value):
            dated[doc].append((s, e, span))
    for doc, rows in _canonical(ents).items():
        spans[doc] += rows
    for doc, ms in by_doc.items():
        for m in ms:
            inside = sorted(((s, e, k) for s, e, k in spans.get(doc, ())
                             if s >= m.start and e <= m.end), key=lambda x: x[:2])
            m.names = frozenset(k for _, _, k in inside if k)
            m.masked = tuple((s - m.start, e - m.start) for s, e, _ in inside)
            m.written = tuple(sorted(v for s, e, v in dated.get(doc, ())
                                     if s >= m.start and e <= m.end))


def _canonical(rows: list[tuple]) -> dict[str, list[tuple[int, int, str | None]]]:
    """Per document, (start, end, canonical name or None) for every entity mention."""
    longest: dict[tuple[str, str], str] = {}
    for doc, _, _, text, _, eid in rows:
        if eid and text and len(text) > len(longest.get((doc, eid), "")):
            longest[(doc, eid)] = text
    out: dict[str, list[tuple[int, int, str | None]]] = defaultdict(list)
    for doc, s, e, text, type_, eid in rows:
        name = longest.get((doc, eid), text or "") if eid else (text or "")
        key = name_key(name) if (type_ or "").upper() in NAME_TYPES else ""
        out[doc].append((s, e, key or None))
    return out
