"""The PLOVER gold-standard records (``../shared/data/events/dev.jsonl``) as detector rows.

Each record is one sentence with its coded event(s); the GSR markup names the trigger words
``(EVT: word)``. The events stage's candidates of the sentence are labelled: per gold event,
the candidate on its EVT words (the one whose lexicon type is the gold type first, then the
earliest: the GSR keywords start with the coded predicate) takes the gold type; the other
candidates on that event's words are left out (parts of one coded act: "agreed ... to
cooperate"). A GSR record codes one act per sentence and is silent about the others, while the
team's guide (``docs/annotation.md``) has one event per predicate that reports an act: an
unmarked candidate the lexicon proposes as a PLOVER act may be a real, uncoded one and is left
out; the other unmarked candidates (OTHER predicates, detected mentions) are NONE rows.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import numpy as np

from dateline.events.detector import NONE
from dateline.events.detecttrain import SHARED, SKIP, Rows, candidate_sets, keep_labelled, overlap
from dateline.events.evaluate import PLOVER_TYPES

PLOVER_DEV = SHARED / "data" / "events" / "dev.jsonl"
PLOVER_WEIGHT = 1.0  # a PLOVER row weighs as a team corpus row
_TAG = re.compile(r"\(([A-Z/]+):\s*([^()]*?)\s*\)")
Span = tuple[int, int]


def load_records(path: Path) -> list[dict[str, Any]]:
    """The records of a PLOVER JSONL file, in file order."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def evt_spans(text: str, markup: str | None) -> list[Span]:
    """Character spans in ``text`` of the markup's ``(EVT: ...)`` words, found in order
    (case-insensitive; a phrase not found whole is looked up word by word)."""
    spans: list[Span] = []
    low, cur = text.lower(), 0
    for tag, words in _TAG.findall(markup or ""):
        if tag != "EVT" or not words:
            continue
        parts = [words] if low.find(words.lower(), cur) >= 0 else words.split()
        for part in parts:
            i = low.find(part.lower(), cur)
            if i < 0:
                i = low.find(part.lower())
            if i >= 0:
                spans.append((i, i + len(part)))
                cur = max(cur, i + len(part))
    return spans


def record_gold(rec: dict[str, Any]) -> list[tuple[list[Span], str]]:
    """(EVT spans, PLOVER type) per gold event of a record."""
    return [(evt_spans(rec["text"], ev.get("markup")), ev["type"])
            for ev in rec["gold"]["events"]]


def label_plover(events: list[Any], gold: list[tuple[list[Span], str]]) -> list[str]:
    """Per candidate: the gold type (one candidate per gold event), SKIP (left out) or NONE."""
    labels = [""] * len(events)
    for spans, gtype in gold:
        hits = []
        for i, ev in enumerate(events):
            trig = (ev.trigger_start, ev.trigger_end)
            ov = sum(overlap(s, trig) for s in spans)
            if ov > 0:
                hits.append(((ev.type == gtype, -ev.trigger_start), i))
        free = [h for h in hits if labels[h[1]] in ("", SKIP)]
        for _key, i in hits:
            labels[i] = labels[i] or SKIP
        if free:
            labels[max(free)[1]] = gtype
    for i, ev in enumerate(events):
        if not labels[i]:
            labels[i] = SKIP if ev.type in PLOVER_TYPES else NONE
    return labels


def plover_rows(path: Path, ids: set[str] | None = None) -> Rows:
    """Labelled candidate rows of the records (only those in ``ids`` when given)."""
    recs = [r for r in load_records(path) if ids is None or r["id"] in ids]
    gold = {r["id"]: record_gold(r) for r in recs}
    raws: list[dict[str, Any]] = []
    labels: list[str] = []
    for art, events, doc_raws in candidate_sets([(r["id"], r["text"]) for r in recs]):
        kept = keep_labelled(doc_raws, label_plover(events, gold[art.id]))
        raws += kept[0]
        labels += kept[1]
    return raws, labels


def with_plover(rows: Rows, weight: np.ndarray) -> tuple[Rows, np.ndarray, str]:
    """The rows followed by the PLOVER records' rows (at ``PLOVER_WEIGHT``) when the records
    are present, their weights, and the data name's suffix ("+plover", or "" without them)."""
    if not PLOVER_DEV.exists():
        return rows, weight, ""
    plo = plover_rows(PLOVER_DEV)
    return ((rows[0] + plo[0], rows[1] + plo[1]),
            np.concatenate([weight, np.full(len(plo[0]), PLOVER_WEIGHT)]), "+plover")
