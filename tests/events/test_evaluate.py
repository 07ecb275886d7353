"""The team-corpus scorer: documents rebuilt from split lines, trigger-overlap matching."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from dateline.events.evaluate import (
    actor_errors,
    confusion_table,
    load_split,
    match_doc,
    score,
)
from dateline.model import Actor, Article, Event

SENTS = [
    {"sid": "d1#0", "doc_id": "d1", "start": 0, "text": "Russia attacked Ukraine.",
     "events": [{"trigger": [7, 15], "type": "ASSAULT", "source": {"span": [0, 6],
                 "text": "Russia"}, "target": {"span": [16, 23], "text": "Ukraine"},
                 "source_country": "RUS", "target_country": "UKR"}]},
    {"sid": "d1#1", "doc_id": "d1", "start": 26, "text": "Kyiv accused Moscow.",
     "events": [{"trigger": [5, 12], "type": "ACCUSE", "source": None, "target": None}]},
    {"sid": "d2#0", "doc_id": "d2", "start": 0, "text": "It rained.", "events": []},
]


def _build(tmp_path: Path) -> Path:
    with (tmp_path / "dev.jsonl").open("w") as fh:
        for s in SENTS:
            fh.write(json.dumps({**s, "source": "x", "split": "dev",
                                 "end": s["start"] + len(s["text"])}) + "\n")
    return tmp_path


def _ev(i: int, start: int, end: int, etype: str, src: str | None = None) -> Event:
    return Event(id=f"e{i}", start=0, end=50, trigger="t", trigger_start=start,
                 trigger_end=end, type=etype, action="x",
                 source=Actor(src, country=None) if src else None, confidence=0.5)


def test_documents_keep_sentence_offsets_and_doc_relative_triggers(tmp_path):
    docs = {d.id: d for d in load_split("dev", _build(tmp_path))}
    d1 = docs["d1"]
    assert d1.text[26:46] == "Kyiv accused Moscow."
    assert [g["trigger"] for g in d1.gold] == [(7, 15), (31, 38)]
    assert d1.text[31:38] == "accused"
    assert docs["d2"].gold == []


def test_precision_recall_and_confusion(tmp_path):
    docs = {d.id: d for d in load_split("dev", _build(tmp_path))}
    arts = [Article(id="d1", text=docs["d1"].text), Article(id="d2", text=docs["d2"].text)]
    arts[0].events = [_ev(1, 7, 15, "ASSAULT", "Russia"), _ev(2, 31, 38, "REJECT"),
                      _ev(3, 0, 6, "OTHER")]
    arts[1].events = [_ev(4, 3, 9, "PROTEST")]
    res = score([docs["d1"], docs["d2"]], arts)
    assert (res["emitted"], res["gold"], res["correct"]) == (3, 2, 1)
    assert res["precision"] == 0.333 and res["recall"] == 0.5
    assert res["source_right"] == 1.0 and res["target_right"] == 0.0
    assert res["confusion"] == {"ACCUSE>REJECT": 1, "ASSAULT>ASSAULT": 1, "NONE>PROTEST": 1}
    assert "ACCUSE" in confusion_table(res["confusion"])


def test_min_confidence_drops_events_and_one_event_matches_one_gold(tmp_path):
    doc = load_split("dev", _build(tmp_path))[0]
    twice = [_ev(1, 7, 12, "ASSAULT"), _ev(2, 9, 15, "ASSAULT")]
    pairs = list(match_doc(doc, twice))
    assert sum(1 for g, e in pairs if g is not None and e is not None) == 1
    art = Article(id=doc.id, text=doc.text)
    art.events = twice
    assert score([doc], [art], min_confidence=0.9)["emitted"] == 0


def test_an_actor_and_its_acronym_are_one_actor():
    from dateline.events.evaluate import _actor_right

    gold = {"text": "The UAW"}
    assert _actor_right(Actor(text="United Auto Workers"), gold, None)
    assert _actor_right(Actor(text="FSF"), {"text": "the Free Software Foundation"}, None)
    assert not _actor_right(Actor(text="United Nations"), gold, None)
    assert not _actor_right(Actor(text="Ukraine"), {"text": "U"}, None)  # one word: no acronym


def test_actor_errors_list_the_wrong_roles_of_correct_events(tmp_path):
    docs = {d.id: d for d in load_split("dev", _build(tmp_path))}
    art = Article(id="d1", text=docs["d1"].text)
    art.events = [_ev(1, 7, 15, "ASSAULT", "Russia"), _ev(2, 31, 38, "ACCUSE", "Kyiv")]
    rows = list(actor_errors([docs["d1"]], [art]))
    # the attack's target is missing; the accusation's gold source is null, ours is Kyiv
    assert [(r["type"], r["role"], r["gold"], r["emitted"]) for r in rows] == [
        ("ASSAULT", "target", "Ukraine", None), ("ACCUSE", "source", None, "Kyiv")]
    assert rows[1]["sentence"] == "Kyiv accused Moscow." and rows[1]["trigger"] == "accused"


def test_a_pronoun_of_a_name_in_another_sentence_is_scored_against_that_name(tmp_path):
    from dateline.events.evaluate import gold_actor

    docs = {d.id: d for d in load_split("dev", _build(tmp_path))}
    doc = docs["d1"]
    accuse = doc.gold[1]  # "Kyiv accused Moscow.": both actors annotated null
    assert gold_actor(accuse, "source") == (None, None)
    accuse["source_antecedent"] = {"pronoun": [0, 4], "text": "Volodymyr Zelensky",
                                   "country": "UKR", "sector": "GOV"}
    assert gold_actor(accuse, "source") == ({"text": "Volodymyr Zelensky"}, "UKR")
    assert gold_actor(accuse, "source", antecedents=False) == (None, None)
    art = Article(id="d1", text=doc.text)
    art.events = [_ev(1, 31, 38, "ACCUSE", "Zelensky")]
    res = score([doc], [art])
    # the resolved pronoun is right under the layer, wrong under the sentence-level labels
    assert res["source_right"] == 1.0 and res["source_sentence_right"] == 0.0
    accuse["source_antecedent"]["text"] = None  # a pronoun no reader could name: null is right
    assert gold_actor(accuse, "source") == (None, None)


def test_pronoun_actors_are_counted_right_wrong_or_null_by_name(tmp_path):
    docs = {d.id: d for d in load_split("dev", _build(tmp_path))}
    doc = docs["d1"]
    doc.gold[1]["source_antecedent"] = {"pronoun": [0, 4], "text": "Volodymyr Zelensky",
                                        "country": "UKR", "sector": "GOV"}
    art = Article(id="d1", text=doc.text)
    for name, outcome in (("Zelensky", "right"), ("Denys Shmyhal", "wrong"), (None, "null")):
        ev = _ev(1, 31, 38, "ACCUSE")
        # another Ukrainian is the wrong person, though the country-level score counts him
        art.events = [dataclasses.replace(ev, source=Actor(name, country="UKR") if name else None)]
        counts = score([doc], [art])["pronoun_actors"]
        assert counts == {"right": 0, "wrong": 0, "null": 0, outcome: 1}
