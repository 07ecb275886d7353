"""Disputed and denied acts across a document's events (the events stage's last step)."""
from __future__ import annotations

import dataclasses

from dateline.events.actorcodes import same_actor
from dateline.model import Actor, Event
from dateline.vocab import DISPUTABLE_STATUSES, Status


def apply_disputes(events: list[Event], contested: list[tuple[int, int]]) -> list[Event]:
    """Add disputing event ids to the contested event and to earlier reports of the same act;
    the disputing event's target is the contested act's actor (doubting an announced
    withdrawal accuses whoever announced it), taken from the act or, when the act names none
    ("the announced withdrawal"), from the document's first report of the same act."""
    disputes: dict[int, list[str]] = {}
    accused: dict[int, Actor] = {}
    for target_i, by_i in contested:
        by = events[by_i].id
        act = events[target_i]
        # no one doubts their own act: a source the disputer shares is misread, not the act's
        own = None if same_actor(act.source, events[by_i].source) else act.source
        reports = []
        for j, ev in enumerate(events):
            same = j == target_i or (
                ev.action == act.action and ev.status in DISPUTABLE_STATUSES and
                not ev.background and _same_country(ev.source, own))
            if same and j != by_i:
                disputes.setdefault(j, []).append(by)
                reports.append(j)
        actor = own or next((events[j].source for j in reports
                             if j < target_i and events[j].source), None)
        if actor is not None and actor != events[by_i].source:
            accused[by_i] = actor
    out = [dataclasses.replace(ev, disputed_by=tuple(dict.fromkeys(disputes[i])))
           if i in disputes else ev for i, ev in enumerate(events)]
    return [dataclasses.replace(ev, target=accused[i]) if i in accused else ev
            for i, ev in enumerate(out)]


def apply_denials(events: list[Event], contested: set[int]) -> list[Event]:
    """A denied act ("no sign of a pullout") disputes the nearest earlier open report of the
    same act and the other open reports from the same time frame (background or current);
    it is itself background when what it disputes is."""
    out = list(events)
    for i, den in enumerate(events):
        if den.status != "denied" or den.type == "OTHER" or i in contested:
            continue
        earlier = [j for j in range(i) if events[j].action == den.action and
                   events[j].status in DISPUTABLE_STATUSES | {Status.THREATENED} and
                   _same_country(events[j].source, den.source)]
        if not earlier:
            continue
        background = events[earlier[-1]].background
        for j in earlier:
            if events[j].background == background and den.id not in out[j].disputed_by:
                out[j] = dataclasses.replace(out[j], disputed_by=out[j].disputed_by + (den.id,))
        if background:
            out[i] = dataclasses.replace(out[i], background=True)
    return out


def _same_country(a: Actor | None, b: Actor | None) -> bool:
    if a is None or b is None:
        return True
    return a.country == b.country or not a.country or not b.country
