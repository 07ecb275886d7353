"""A storyline corpus written for these tests: short dated articles with hand-coded events.

The events are what the events stage is meant to emit (dateline/1 event objects); they are
coded by hand so the linker is tested on its own. Texts are our own words.
"""
from __future__ import annotations

import hashlib
from typing import Any

import pytest

from dateline.store.db import Store

RUS = {"text": "Russia", "id": "RUS", "country": "RUS", "sector": "GOV"}
SYR = {"text": "Syria", "id": "SYR", "country": "SYR", "sector": None}
TUR = {"text": "Turkey", "id": "TUR", "country": "TUR", "sector": "GOV"}
KURDS = {"text": "Kurdish fighters", "id": "kurds", "country": None, "sector": "REB"}
COL = {"text": "Colombia", "id": "COL", "country": "COL", "sector": "GOV"}
USA = {"text": "The United States", "id": "USA", "country": "USA", "sector": "GOV"}
ACME = {"text": "Acme", "id": "acme", "country": None, "sector": "BUS"}
FOOTER = "\nThis story was republished from a partner agency. All rights reserved."
ORDER1 = ("President Putin ordered the main part of the Russian military contingent in Syria "
          "to start withdrawing from Tuesday, saying its task had largely been accomplished.")

# id, published, text, [(trigger, type, action, status, source, target, date, attributed_to)]
ARTICLES: list[tuple[str, str, str, list[tuple]]] = [
    ("a01", "2016-03-14", ORDER1,
     [("ordered", "CONCEDE", "RETREAT", "ordered", RUS, SYR, "2016-03-14", None)]),
    ("a02", "2016-03-14", "Putin pulls troops out\n" + ORDER1 + FOOTER,
     [("ordered", "CONCEDE", "RETREAT", "ordered", RUS, SYR, "2016-03-14", None)]),
    ("a03", "2016-03-15", "The Kremlin said on Monday that Putin had ordered the withdrawal of "
     "the main part of the Russian contingent from Syria, starting Tuesday.",
     [("ordered", "CONCEDE", "RETREAT", "ordered", RUS, SYR, "2016-03-14", None)]),
    ("a16", "2016-03-15", "The United States welcomed President Putin's order to withdraw the "
     "main part of the Russian contingent from Syria, a State Department spokesman said.",
     [("welcomed", "SUPPORT", "SUPPORT", "occurred", USA, RUS, "2016-03-15", None),
      ("order", "CONCEDE", "RETREAT", "ordered", RUS, SYR, "2016-03-14", None)]),
    ("a04", "2016-03-15", "The first group of Russian warplanes left the Hmeimim air base in "
     "Syria on Tuesday and flew home.",
     [("left", "RETREAT", "RETREAT", "occurred", RUS, SYR, "2016-03-15", None)]),
    ("a05", "2016-03-16", "A second group of Russian bombers withdrew from Syria on Wednesday "
     "as the pull-out went on.",
     [("withdrew", "RETREAT", "RETREAT", "occurred", RUS, SYR, "2016-03-16", None)]),
    ("a06", "2016-03-29", "A Pentagon spokesman said there had been no significant reduction "
     "of Russian combat power in Syria two weeks after the announcement.",
     [("reduction", "RETREAT", "RETREAT", "denied", RUS, SYR, None, "Pentagon")]),
    ("a07", "2016-05-10", "Russian aircraft struck rebel positions near Palmyra on Monday, "
     "monitors said.",
     [("struck", "ASSAULT", "ASSAULT", "occurred", RUS, None, "2016-05-09", None)]),
    ("a08", "2017-12-11", "Putin ordered a partial withdrawal of Russian forces from Syria on "
     "Monday during a surprise visit to the Hmeimim air base.",
     [("ordered", "CONCEDE", "RETREAT", "ordered", RUS, SYR, "2017-12-11", None)]),
    ("a09", "2017-12-12", "The Kremlin confirmed that Putin had ordered Russian forces to begin "
     "pulling out of Syria during his visit to the base on Monday.",
     [("ordered", "CONCEDE", "RETREAT", "ordered", RUS, SYR, "2017-12-11", None)]),
    ("a10", "2017-12-22", "The defence ministry in Moscow said the order to bring troops home "
     "from Syria had been carried out, with the last units back in Russia.",
     [("carried out", "RETREAT", "RETREAT", "occurred", RUS, SYR, "2017-12-22", None)]),
    ("a11", "2017-12-20", "Turkey threatened to launch a military operation against Kurdish "
     "fighters in the Afrin region within days.",
     [("threatened", "THREATEN", "ASSAULT", "threatened", TUR, KURDS, None, None)]),
    ("a12", "2018-01-20", "Turkish jets bombed positions held by Kurdish fighters around Afrin "
     "on Saturday, opening the promised offensive.",
     [("bombed", "ASSAULT", "ASSAULT", "occurred", TUR, KURDS, "2018-01-20", None)]),
    ("a13", "2017-06-01", "The company Acme promised to open a new battery factory in Ohio "
     "next year.",
     [("promised", "OTHER", "open", "promised", ACME, None, None, None)]),
    ("a14", "2017-03-01", "The government of Colombia promised to release one hundred "
     "jailed rebels before the end of the month.",
     [("promised", "CONCEDE", "RELEASE", "promised", COL, None, None, None)]),
    ("a15", "2017-03-20", "Colombian authorities began releasing the first jailed rebels on "
     "Monday, officials said.",
     [("releasing", "CONCEDE", "RELEASE", "ongoing", COL, None, "2017-03-20", None)]),
]


def _event(i: int, text: str, spec: tuple) -> dict[str, Any]:
    trigger, type_, action, status, source, target, when, attributed = spec
    ts = text.index(trigger)
    start = text.rfind("\n", 0, ts) + 1
    end = text.find("\n", ts)
    return {"id": f"e{i}", "start": start, "end": len(text) if end < 0 else end,
            "trigger": trigger, "trigger_start": ts, "trigger_end": ts + len(trigger),
            "type": type_, "action": action, "cameo": None, "mode": None, "status": status,
            "disputed_by": [], "source": source, "target": target,
            "attributed_to": attributed, "date": when,
            "date_precision": "day" if when else None, "date_inferred": when is None,
            "background": False, "place": None, "quantities": [], "confidence": 0.9,
            "cluster": None}


def make_record(doc_id: str, published: str, text: str, events: list[tuple]
                ) -> dict[str, Any]:
    """A dateline/1 record with hand-coded events."""
    return {"schema": "dateline/1", "id": doc_id, "url": None, "title": None,
            "published": published, "language": "en", "dup_group": None, "text": text,
            "content_hash": hashlib.sha256(text.encode()).hexdigest(), "captions": [],
            "credits": [], "entities": [], "times": [], "places": [], "quotes": [],
            "events": [_event(i, text, e) for i, e in enumerate(events)]}


@pytest.fixture(scope="session")
def storyline_records() -> list[dict[str, Any]]:
    """The storyline corpus as dateline/1 records."""
    return [make_record(*a) for a in ARTICLES]


@pytest.fixture()
def store():
    """An empty in-memory store."""
    with Store(":memory:") as st:
        yield st


def _cluster_of(store: Store, doc_id: str) -> str:
    return store.get_record(doc_id)["events"][0]["cluster"]


@pytest.fixture()
def cluster_of():
    """A function: the cluster of a document's first event."""
    return _cluster_of
