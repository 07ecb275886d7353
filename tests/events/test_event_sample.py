"""benchmarks/event_sample.py: the hand-check sample of emitted events and its tally."""
from __future__ import annotations

import json

from tests_support import load_script

sample = load_script("benchmarks/event_sample.py")


def _record(doc: str, events: list[dict]) -> str:
    return json.dumps({"id": doc, "text": "Russia attacked Ukraine. Talks went on.",
                       "events": events}) + "\n"


def _event(etype: str, conf: float, start: int = 0, end: int = 24) -> dict:
    return {"type": etype, "confidence": conf, "start": start, "end": end,
            "trigger": "attacked", "status": "occurred",
            "source": {"text": "Russia", "country": "RUS"}, "target": None}


def test_draw_keeps_plover_events_above_the_confidence_with_their_sentence(tmp_path):
    records = tmp_path / "records.jsonl"
    records.write_text(_record("a", [_event("ASSAULT", 0.9), _event("OTHER", 0.9),
                                     _event("CONSULT", 0.2, 25, 39)]), encoding="utf-8")
    out = tmp_path / "sample.jsonl"
    sample.main(["draw", str(records), str(out), "--min-confidence", "0.5"])
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["type"], r["sentence"], r["source"], r["n"]) for r in rows] == [
        ("ASSAULT", "Russia attacked Ukraine.", "Russia", 1)]
    everything = sample.events_of(records, 0.0)
    assert [e["type"] for e in everything] == ["ASSAULT", "CONSULT"]


def test_tally_counts_precision_and_the_right_events_actors(tmp_path):
    judged = tmp_path / "judged.jsonl"
    rows = [{"event_right": True, "source_right": True, "target_right": None},
            {"event_right": True, "source_right": False, "target_right": True},
            {"event_right": False, "source_right": None, "target_right": None},
            {"event_right": False, "source_right": None, "target_right": None}]
    judged.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    got = sample.tally(judged)
    assert got["precision"] == 0.5 and got["right"] == 2
    assert got["source"] == {"right": 1, "wrong": 1} and got["target"] == {"null": 1, "right": 1}
