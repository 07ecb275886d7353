"""The record model emits CONTRACT.md's fields, in order, from span-based annotations."""
from __future__ import annotations

from dateline.model import (
    SCHEMA,
    Actor,
    Article,
    Entity,
    Event,
    Quantity,
    Quote,
    Time,
    error_record,
    to_record,
)

CONTRACT_KEYS = ["schema", "id", "url", "title", "published", "language", "dup_group", "text",
                 "captions", "credits", "entities", "times", "places", "quotes", "events"]


def _article() -> Article:
    text = "Putin ordered a withdrawal on December 11."
    art = Article(id="a1", text=text, published="2017-12-11")
    art.entities.append(Entity(0, 5, "Putin", "PERSON", "E1"))
    art.times.append(Time(30, 41, "December 11", "DATE", "2017-12-11", None, True))
    art.quotes.append(Quote(0, 10, text[:10], "indirect", cue="ordered"))
    art.events.append(Event(id="e1", start=0, end=len(text), trigger="withdrawal",
                            trigger_start=16, trigger_end=26, type="CONCEDE", action="RETREAT",
                            status="ordered", source=Actor("Putin", "E1", "RUS", "GOV"),
                            quantities=(Quantity("23 warplanes", 23.0, "warplanes"),)))
    return art


def test_record_starts_with_contract_fields_in_order():
    rec = to_record(_article())
    assert list(rec)[:len(CONTRACT_KEYS)] == CONTRACT_KEYS
    assert rec["schema"] == SCHEMA


def test_spans_index_the_text():
    rec = to_record(_article())
    for key in ("entities", "times", "quotes"):
        for item in rec[key]:
            assert rec["text"][item["start"]:item["end"]] == item["text"]
    ev = rec["events"][0]
    assert rec["text"][ev["trigger_start"]:ev["trigger_end"]] == ev["trigger"]


def test_event_nested_objects_follow_contract():
    ev = to_record(_article())["events"][0]
    assert ev["source"] == {"text": "Putin", "id": "E1", "country": "RUS", "sector": "GOV"}
    assert ev["target"] is None
    assert ev["disputed_by"] == [] and isinstance(ev["disputed_by"], list)
    assert ev["quantities"] == [{"text": "23 warplanes", "value": 23.0, "unit": "warplanes"}]


def test_error_record_has_code_and_message_only():
    rec = error_record("x", "timeout", "took too long", origin="f.html")
    assert rec["schema"] == SCHEMA and rec["id"] == "x"
    assert rec["error"]["code"] == "timeout" and "text" not in rec
