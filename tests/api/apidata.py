"""Hand-written dateline/1 records and a live server for the API, UI and robustness tests."""
from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn

from dateline.store.db import Store

XSS = '<img src=x onerror="alert(1)">'
XSS_QUOTE = "<script>alert('quote')</script> we will leave"
XSS_ACTOR = '"><svg onload=alert(3)>'


def _span(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def _event(text: str, eid: str, trigger: str, sentence: str, **fields: Any) -> dict[str, Any]:
    """One event; without ``main=True`` it reads as stored before that field (null)."""
    s, e = _span(text, sentence)
    ts, te = _span(text, trigger)
    base = {"id": eid, "start": s, "end": e, "trigger": trigger, "trigger_start": ts,
            "trigger_end": te, "type": "OTHER", "action": "OTHER", "cameo": None,
            "mode": None, "status": "occurred", "disputed_by": [], "source": None,
            "target": None, "attributed_to": None, "date": None, "date_precision": None,
            "date_inferred": False, "background": False, "place": None, "quantities": [],
            "confidence": 0.8, "cluster": None}
    return base | fields


def _actor(text: str, country: str | None, sector: str | None = "GOV") -> dict[str, Any]:
    return {"text": text, "id": None, "country": country, "sector": sector}


def record_order() -> dict[str, Any]:
    """Putin orders a withdrawal from Syria (announcement)."""
    text = ("Russian President Vladimir Putin on Monday ordered the withdrawal of the main "
            "part of Russia's forces from Syria. \"The task has been accomplished,\" Putin "
            "said in Moscow. The pullout will start on March 15, 2016.")
    damascus = {"name": "Syria", "country": "SY", "lat": 35.0, "lon": 38.0,
                "geonames_id": 163843, "precision": "country"}
    return {
        "schema": "dateline/1", "id": "doc-order", "url": "https://example.org/a",
        "title": "Putin orders Syria withdrawal", "published": "2016-03-14", "language": "en",
        "dup_group": None, "text": text, "captions": [], "credits": [],
        "content_hash": "h-order",
        "entities": [{"start": a, "end": b, "text": text[a:b], "type": t, "id": i}
                     for (a, b), t, i in ((_span(text, "Vladimir Putin"), "PERSON", "E1"),
                                          (_span(text, "Russia"), "GPE", "E2"),
                                          (_span(text, "Syria"), "GPE", "E3"))],
        "times": [{"start": a, "end": b, "text": text[a:b], "type": "DATE", "value": v,
                   "anchor": None, "year_inferred": y}
                  for (a, b), v, y in ((_span(text, "Monday"), "2016-03-14", True),
                                       (_span(text, "March 15, 2016"), "2016-03-15", False))],
        "places": [dict(damascus, start=_span(text, "Syria")[0], end=_span(text, "Syria")[1],
                        text="Syria"),
                   {"start": _span(text, "Moscow")[0], "end": _span(text, "Moscow")[1],
                    "text": "Moscow", "name": "Moscow", "country": "RU", "lat": 55.75,
                    "lon": 37.62, "geonames_id": 524901, "precision": "city"}],
        "quotes": [{"start": _span(text, "The task has been accomplished,")[0],
                    "end": _span(text, "The task has been accomplished,")[1],
                    "text": "The task has been accomplished,", "kind": "direct",
                    "cue": "said", "speaker": "Vladimir Putin",
                    "speaker_start": _span(text, "Putin", 1)[0],
                    "speaker_end": _span(text, "Putin", 1)[1], "speaker_id": "E1",
                    "reported_by": None}],
        "events": [_event(text, "e1", "ordered", text[:text.index("Syria.") + 6],
                          type="CONCEDE", action="RETREAT", cameo="0871", mode="withdraw",
                          status="ordered", source=_actor("Vladimir Putin", "RUS"),
                          target=_actor("Syria", "SYR"), date="2016-03-14",
                          date_precision="day", place=damascus, cluster="c-retreat",
                          main=True),
                   _event(text, "e2", "start", "The pullout will start on March 15, 2016.",
                          type="CONCEDE", action="RETREAT", status="announced",
                          source=_actor("Russia", "RUS", "MIL"), date="2016-03-15",
                          date_precision="day", place=damascus, main=True)],
    }


def record_followup() -> dict[str, Any]:
    """Russian jets leave the Hmeimim base (the withdrawal occurred)."""
    text = ("The first group of Russian warplanes left the Hmeimim air base in Syria on "
            "Tuesday, the Russian Defence Ministry said.")
    hmeimim = {"name": "Hmeimim", "country": "SY", "lat": 35.41, "lon": 35.95,
               "geonames_id": None, "precision": "point"}
    a, b = _span(text, "Hmeimim air base")
    return {
        "schema": "dateline/1", "id": "doc-follow", "url": "https://example.org/b",
        "title": "Russian jets leave Syria", "published": "2016-03-15", "language": "en",
        "dup_group": None, "text": text, "captions": [], "credits": [],
        "content_hash": "h-follow",
        "entities": [{"start": _span(text, "Russian Defence Ministry")[0],
                      "end": _span(text, "Russian Defence Ministry")[1],
                      "text": "Russian Defence Ministry", "type": "ORG", "id": "E1"}],
        "times": [{"start": _span(text, "Tuesday")[0], "end": _span(text, "Tuesday")[1],
                   "text": "Tuesday", "type": "DATE", "value": "2016-03-15", "anchor": None,
                   "year_inferred": True}],
        "places": [dict(hmeimim, start=a, end=b, text="Hmeimim air base")],
        "quotes": [],
        "events": [_event(text, "e1", "left", text, type="RETREAT", action="RETREAT",
                          cameo="0871", status="occurred",
                          source=_actor("Russian warplanes", "RUS", "MIL"),
                          target=_actor("Syria", "SYR"), date="2016-03-15",
                          date_precision="day", place=hmeimim,
                          attributed_to="Russian Defence Ministry", cluster="c-left",
                          main=True)],
    }


def record_hostile() -> dict[str, Any]:
    """XSS payloads in the title, a quotation, an actor name and a javascript: URL."""
    text = (f"The group {XSS_ACTOR} said: \"{XSS_QUOTE}\". It attacked {XSS} in the town "
            "50% of the time; O'Brien's men; DROP TABLE events;")
    qa, qb = _span(text, XSS_QUOTE)
    town = {"name": XSS, "country": "SY", "lat": 36.2, "lon": 37.15, "geonames_id": None,
            "precision": "city"}
    return {
        "schema": "dateline/1", "id": "doc-<xss>", "url": "javascript:alert('url')",
        "title": XSS, "published": "2016-03-16", "language": "en", "dup_group": None,
        "text": text, "captions": [XSS], "credits": [], "content_hash": "h-xss",
        "entities": [{"start": _span(text, XSS_ACTOR)[0], "end": _span(text, XSS_ACTOR)[1],
                      "text": XSS_ACTOR, "type": "ORG", "id": XSS}],
        "times": [],
        "places": [dict(town, start=_span(text, XSS)[0], end=_span(text, XSS)[1], text=XSS)],
        "quotes": [{"start": qa, "end": qb, "text": XSS_QUOTE, "kind": "direct", "cue": "said",
                    "speaker": XSS_ACTOR, "speaker_start": _span(text, XSS_ACTOR)[0],
                    "speaker_end": _span(text, XSS_ACTOR)[1], "speaker_id": XSS,
                    "reported_by": XSS}],
        "events": [_event(text, "e1", "attacked", text, type="ASSAULT", action="ASSAULT",
                          cameo="190", status="occurred", source=_actor(XSS_ACTOR, None, "REB"),
                          target=_actor(XSS, "SYR", "CVL"), date="2016-03-16",
                          date_precision="day", place=town)],
    }


def sample_records() -> list[dict[str, Any]]:
    """The three test documents."""
    return [record_order(), record_followup(), record_hostile()]


def build_db(path: Path, records: list[dict[str, Any]] | None = None) -> Path:
    """A DuckDB file holding the records, written through the store."""
    with Store(path) as store:
        run = store.start_run({"stages": ["test"]})
        store.write(records if records is not None else sample_records(), run)
        store.finish_run(run, {})
    return path


def free_port() -> int:
    """An unused loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def live_server(app: Any) -> Iterator[str]:
    """Run the app with uvicorn in a thread; yield its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(5)


CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def chromium_path() -> str | None:
    """Debian's chromium, when installed (the browser tests never download one)."""
    return next((p for p in CHROMIUM if Path(p).exists()), None)


@contextmanager
def browser() -> Iterator[Any]:
    """A headless Debian chromium driven by Playwright, or skip the test with a reason."""
    import pytest

    path = chromium_path()
    if path is None:
        pytest.skip("no chromium at /usr/bin/chromium: `apt-get install -y chromium` "
                    "to run the browser tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is not installed (pip install playwright)")
    with sync_playwright() as pw:
        chrome = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield chrome
        finally:
            chrome.close()


def record_network() -> dict[str, Any]:
    """Entity-coded actors ("Jobs" is E1, "Steve Jobs"), an OTHER event, a noun-phrase actor."""
    text = ("Steve Jobs praised Apple on Thursday. Jobs said Apple would grow. "
            "The price of $1,099 hit buyers.")
    ents = [("Steve Jobs", 0, "PERSON", "E1"), ("Apple", 0, "ORG", "E2"),
            ("Jobs", 1, "PERSON", "E1"), ("Apple", 1, "ORG", "E2")]

    def who(name: str, eid: str | None) -> dict[str, Any]:
        return {"text": name, "id": eid, "country": None, "sector": None}

    return {
        "schema": "dateline/1", "id": "doc-net", "url": "https://example.org/n",
        "title": "Jobs praises Apple", "published": "2016-03-17", "language": "en",
        "dup_group": None, "text": text, "captions": [], "credits": [], "content_hash": "h-net",
        "entities": [{"start": a, "end": b, "text": text[a:b], "type": t, "id": i}
                     for name, nth, t, i in ents for a, b in [_span(text, name, nth)]],
        "times": [], "places": [], "quotes": [],
        "events": [_event(text, "e1", "praised", "Steve Jobs praised Apple on Thursday.",
                          type="SUPPORT", action="SUPPORT", source=who("Steve Jobs", "E1"),
                          target=who("Apple", "E2"), date="2016-03-17", main=True),
                   _event(text, "e2", "said", "Jobs said Apple would grow.", type="OTHER",
                          action="say", source=who("Jobs", "E1"), target=who("Apple", "E2"),
                          date="2016-03-17"),
                   _event(text, "e3", "hit", "The price of $1,099 hit buyers.",
                          type="COERCE", action="COERCE", source=who("price of $1,099", None),
                          target=who("buyers", None), date="2016-03-17")],
    }


def build_linked_db(path: Path) -> Path:
    """The three test documents plus record_network(), linked (storylines, follow-through)."""
    from dateline.link import relink

    build_db(path, sample_records() + [record_network()])
    with Store(path) as store:
        relink(store)
    return path


@contextmanager
def app_over(path: Path, build: Any = build_db) -> Iterator[Any]:
    """The API app over a database that ``build`` writes at ``path``; closed after."""
    from dateline.api import create_app

    app = create_app(build(path))
    try:
        yield app
    finally:
        app.state.db.close()
