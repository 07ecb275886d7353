"""Who a nominal act belongs to ("Exxon's accusation", "criticism from his rivals", "the FBI
investigation", "a Nichols offer"): the noun-phrase half of ``dateline.events.roles``."""
from __future__ import annotations

from typing import Any

from dateline.events.lexicon import codes_type, lookup_actor

PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})  # after a place preposition: a location
MOTION_TYPES = frozenset({"RETREAT"})  # acts whose from-place is where they leave


def possessors(noun: Any) -> list[Any]:
    """A noun's possessors: "Exxon's accusation", and a name before a bare curly apostrophe
    that the parse hangs on as a modifier ("Collins’ endorsement")."""
    doc = noun.doc
    return [c for c in noun.children if c.dep_ == "poss" or (
        c.dep_ in ("nmod", "compound") and c.i < noun.i and c.pos_ == "PROPN"
        and c.i + 1 < len(doc) and doc[c.i + 1].text in ("’", "'"))]


def noun_agent(noun: Any) -> Any | None:
    """Who does a nominal act: its by- or from-object ("criticism from his rivals"; not the
    place a retreat leaves), or the first party of a between-phrase ("between Obama and")."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from", "between"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and not (c.lower_ == "from" and obj.ent_type_ in PLACE_ENTS
                                        and codes_type(noun, MOTION_TYPES)):
                return obj
    return None


def national_modifier(noun: Any) -> Any | None:
    """A nationality or name modifying a nominal act ("Palestinian riots", "the FBI
    investigation")."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    for c in noun.children:
        if c.dep_ not in ("amod", "compound", "nmod") or c.i > noun.i:
            continue
        if c.dep_ == "compound" and c.ent_type_ in ("ORG", "PERSON"):
            return c
        codes = [e for _, _, e in lookup_actor(c.text) if e.country]
        if codes and not (c.ent_type_ in PLACE_ENTS and all(e.kind == "metonym" for e in codes)):
            return c  # a city ("the Paris attacks") is where it happened, not who did it
    return None


def author(noun: Any) -> list[Any]:
    """Who issued a proposal/appeal/ultimatum: by/from objects, a possessor, a nationality."""
    out: list[Any] = []
    owners = possessors(noun)
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            out.extend(g for g in c.children if g.dep_ == "pobj")
        elif c in owners and c.pos_ != "PRON":
            out.append(c)
        elif c.dep_ in ("amod", "compound", "nmod") and (lookup_actor(c.text) or (
                c.dep_ == "compound" and c.ent_type_ in ("ORG", "PERSON"))):
            out.append(c)  # "a Greek request", "a Nichols offer"
    return out


DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def is_definite_act(trig: Any) -> bool:
    """A definite nominal event ("the attack", "the FBI's investigation", "this massacre")
    is presupposed, not asserted: a speaker who mentions it does not claim it happened, so
    it keeps its own status. An indefinite one ("wounded two soldiers in a bomb attack,
    police said") is part of what the speaker asserts."""
    head = trig.head
    return head.pos_ in ("NOUN", "PROPN") and head.dep_ != "attr" and any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) for c in head.children)
