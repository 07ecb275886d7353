"""A sentence's main event: the PLOVER event whose trigger stands highest in the parse.

Event data sets such as the PLOVER gold records, ICEWS and PETRARCH's output code one act a
sentence; dateline codes every act ("began a hunger strike to demand the return of the land"
holds a PROTEST and a REQUEST, both real). ``main`` marks, per sentence, the act the sentence
is built on: the PLOVER event whose trigger is nearest the root of the parse, the more
confident one on a tie. It is grammar, with no parameter; ``confidence`` stays the calibrated
chance that an event is right, whatever its place in the sentence. GDELT's ``IsRootEvent``
column carries it.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from dateline.events.detector import parse_depth
from dateline.model import Event
from dateline.vocab import PloverType

OTHER = PloverType.OTHER.value


def mark_main(events: list[Event], doc: Any) -> list[Event]:
    """The events with ``main`` set on each sentence's main PLOVER event (OTHER never)."""
    best: dict[int, tuple[tuple[int, float, int], int]] = {}
    for i, ev in enumerate(events):
        if ev.type == OTHER:
            continue
        span = doc.char_span(ev.trigger_start, ev.trigger_end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        key = (parse_depth(head), -(ev.confidence or 0.0), ev.trigger_start)
        sent = head.sent.start
        if sent not in best or key < best[sent][0]:
            best[sent] = (key, i)
    chosen = {i for _key, i in best.values()}
    return [dataclasses.replace(ev, main=True) if i in chosen else ev
            for i, ev in enumerate(events)]
