"""The event lexicons are well-formed and agree with PLOVER's current types and modes."""
from __future__ import annotations

import json

import pytest

from dateline.events.lexicon import intents, triggers
from dateline.vocab import PLOVER_TYPES, FrameKind

PLOVER = set(PLOVER_TYPES)
FRAMES = {None, *FrameKind}


def all_triggers():
    return [e for entries in triggers().values() for e in entries]


def test_every_trigger_has_a_known_type_action_and_frame():
    for e in all_triggers():
        assert e.type in PLOVER | {"OTHER"}, e
        assert e.frame in FRAMES, e
        assert e.note, e
        if e.type != "OTHER":
            assert e.action in PLOVER, e
            assert e.cameo and e.cameo.isdigit(), e


def test_trigger_modes_are_current_plover_modes(shared_dir):
    current = json.loads((shared_dir / "data" / "events" / "plover_label_map.json")
                         .read_text(encoding="utf-8"))["current_modes"]
    for e in all_triggers():
        if e.mode is not None:
            assert e.mode in current[e.action], e


def test_intent_rules_cover_every_plover_type():
    rules = intents()
    assert set(rules) == PLOVER
    for rule in rules.values():
        assert rule.intent_type in PLOVER
        assert rule.negated_type in PLOVER | {None}


@pytest.mark.parametrize(("action", "intent"), [
    ("RETREAT", "CONCEDE"), ("ASSAULT", "THREATEN"), ("AID", "AGREE"), ("CONSULT", "AGREE"),
])
def test_intentions_follow_the_manual(action, intent):
    assert intents()[action].intent_type == intent


@pytest.mark.parametrize(("lemma", "frame"), [
    ("threaten", "threat"), ("agree", "intent"), ("say", "report"), ("hold", "light"),
])
def test_frame_words(lemma, frame):
    assert any(e.frame == frame for e in triggers()[lemma])


def test_actor_lexicon_has_no_duplicate_entries():
    from importlib import resources

    text = resources.files("dateline.lexicons").joinpath("actors.tsv").read_text("utf-8")
    keys = [ln.split("\t")[0] for ln in text.splitlines() if ln and not ln.startswith("#")]
    assert len(keys) == len(set(keys))


def test_trigger_conditions_name_known_roles_and_word_classes():
    from dateline.events.lexicon import word_classes

    conds = [e.condition for e in all_triggers() if e.condition]
    assert conds
    for cond in conds:
        role, _, cls = cond.partition(":")
        assert (role in ("mover", "theme", "object") and cls in word_classes()
                or (role == "prep" and cls.isalpha() and cls.islower())
                or (role, cls) in (("object", "party"), ("target", "person"),
                                   ("names", "party"))), cond
