"""The seed page dump end to end: `dateline extract seed.txt --published 2017-12-11`."""
from __future__ import annotations

import json
from collections import defaultdict

import pytest
from tests_support import SEED_PATH
from typer.testing import CliRunner

from dateline.cli import app

CHROME = ["Accessibility links", "Breaking News", "please wait", "No media source",
          "0:00", "16x9 Image", "RFE/RL journalists report", "undesirable organization",
          "To find out more", "Putin Orders Partial Troop Withdrawal From Syria\n"]
AGENCIES = ["RIA Novosti", "AP", "Interfax", "TASS", "Reuters", "The New York Times"]
PEOPLE = ["Assad", "Putin", "Shoigu", "Surovikin", "Manning", "Sisi", "Erdogan", "Trump"]


@pytest.fixture(scope="module")
def seed_record():
    res = CliRunner().invoke(app, ["extract", str(SEED_PATH), "--published", "2017-12-11"])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


def test_body_is_the_article_only(seed_record):
    text = seed_record["text"]
    assert "error" not in seed_record
    assert text.startswith("Russian President Vladimir Putin has made a surprise visit")
    assert text.rstrip().endswith("swerved to avoid the aircraft.")
    for junk in CHROME:
        assert junk not in text, junk
    assert seed_record["title"] == "Putin Visits Syria Base, Orders Partial Russian Withdrawal"
    assert seed_record["published"] == "2017-12-11"


def test_captions_once_and_credits(seed_record):
    caps = seed_record["captions"]
    photo = [c for c in caps if c.startswith("Syrian President Bashar al-Assad (left)")]
    assert len(photo) == 1
    assert any(c.startswith("WATCH: Russian President Vladimir Putin") for c in caps)
    assert seed_record["credits"] == AGENCIES


def test_people_share_one_id_each(seed_record):
    ids = defaultdict(set)
    for ent in seed_record["entities"]:
        assert seed_record["text"][ent["start"]:ent["end"]] == ent["text"]
        if ent["type"] == "PERSON":
            for name in PEOPLE:
                if name in ent["text"]:
                    ids[name].add(ent["id"])
    assert set(ids) == set(PEOPLE)
    assert all(len(v) == 1 for v in ids.values()), dict(ids)
    assert len({next(iter(v)) for v in ids.values()}) == len(PEOPLE)
    putin = next(iter(ids["Putin"]))
    assert any(e["id"] == putin and e["text"].lower() == "the russian president"
               for e in seed_record["entities"])


@pytest.mark.parametrize(("name", "types"), [
    ("Hmeimim", {"FAC", "GPE", "LOC"}), ("Tartus", {"GPE", "FAC", "LOC"}),
    ("Pentagon", {"ORG"}), ("Kremlin", {"ORG"}), ("Interfax", {"ORG"}),
])
def test_entity_types_fixed(seed_record, name, types):
    got = {e["type"] for e in seed_record["entities"] if e["text"].endswith(name)}
    assert got and got <= types, got
    assert not any(e["text"] == "Breaking News" for e in seed_record["entities"])


def _events_in(record, words: str):
    """The events of the sentence that contains ``words``."""
    text = record["text"]
    at = text.index(words)
    return [e for e in record["events"] if e["start"] <= at < e["end"]]


def test_pentagon_skepticism_accuses_russia(seed_record):
    """Issue 14: doubting the announced withdrawal is ACCUSE, USA against RUS."""
    doubt = [e for e in _events_in(seed_record, "expressed skepticism")
             if e["type"] == "ACCUSE"]
    assert doubt and doubt[0]["source"]["country"] == "USA"
    assert doubt[0]["target"] is not None and doubt[0]["target"]["country"] == "RUS"


def test_no_aid_and_no_occurred_pullout_without_a_time_frame(seed_record):
    """"He gave no specific time frame for the pullout": giving a time frame is no aid,
    and a pullout with no time frame has not occurred."""
    evs = _events_in(seed_record, "no specific time frame")
    assert not [e for e in evs if e["type"] == "AID"]
    assert not [e for e in evs if e["action"] == "RETREAT" and e["status"] == "occurred"]


def test_jets_close_encounters_are_coded(seed_record):
    """Russian fighter jets flying dangerously close to U.S. warplanes: a show of force
    (PLOVER MOBILIZE, CAMEO 150), Russia against the United States."""
    shows = [e for e in _events_in(seed_record, "flown dangerously close")
             if e["type"] == "MOBILIZE"]
    assert shows and shows[0]["source"]["country"] == "RUS"
    assert shows[0]["target"] is not None and shows[0]["target"]["country"] == "USA"


def test_actor_texts_cut_no_quotation_in_half(seed_record):
    # 'withdrawing a "significant portion" of its forces': the actor phrase may start inside
    # the quotation; its text then drops the lone quotation mark
    texts = [a["text"] for e in seed_record["events"] for a in (e.get("source"), e.get("target"))
             if a]
    assert "significant portion" in " ".join(texts)
    marks = '"“”«»'
    assert not [t for t in texts if sum(t.count(q) for q in marks) % 2 and (
        t[0] in marks or t[-1] in marks)]
