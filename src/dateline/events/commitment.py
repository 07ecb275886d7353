"""Whether a framed or future act is a commitment of its source, or only talk about it.

An intent status (promised, threatened, announced) says the source committed itself to a
future act. These grammatical tests find the frames and clauses that look like one but are
not (``dateline.events.status`` applies them):

- readiness without an act: "ready to sign" is an intention, "ready for the winter" or
  "prepared for the worst" is a state (no infinitive, no act);
- an embedded question: "did not say whether she decided to resign" asserts no decision;
- an act in the condition of a frame: "warned it would fail if aid was not given" does not
  threaten the aid;
- a caution: "warned that prices could rise", "warned of a recession" name a danger, not an
  act the speaker would do; a threat takes an act ("warned it would retaliate", "warned of
  retaliation", "threatened to strike");
- a concurrence: "agreed with the critics", "promised that the water is safe" share a view
  or give an assurance about the present; no act is agreed or promised;
- an expectation: "predicted that the firm would grow", "hopes that the union will agree",
  "fears that the state might seize the banks" report what someone expects others to do.
"""
from __future__ import annotations

from typing import Any

from dateline.events.lexicon import word_classes
from dateline.events.scope import is_class, party

FUTURE_AUX = {"will", "would", "shall", "'ll", "wo"}  # grammar: future/conditional modals
POSSIBLE_AUX = {"could", "might", "may"}
QUESTION_MARKS = {"whether"}
CONDITION_MARKS = {"if", "unless"}
CAUTION_PREPS = {"of", "about", "against"}  # "warned of a recession", "warned about fraud"
CLAUSE_DEPS = ("xcomp", "conj")  # a clause that shares its governor's scope
MAX_UP = 4


def _aux(verb: Any) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def _marked(tok: Any, marks: set[str]) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in marks for c in tok.children)


def is_readiness(head: Any) -> bool:
    """An adjective or passive participle of readiness ("ready", "prepared", "willing")."""
    if head.pos_ == "ADJ" or head.dep_ in ("acomp", "oprd", "amod"):
        return True
    return head.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in head.children)


def names_act(head: Any) -> bool:
    """Whether the word governs the act it is ready for: a to-infinitive ("ready to sign",
    "prepared to lift") or a to-phrase ("committed to opening up", "committed to reforms");
    a for-phrase names an occasion ("ready for the winter", "prepared for the worst")."""
    for c in head.children:
        if c.dep_ in ("xcomp", "advcl", "ccomp") and c.pos_ in ("VERB", "AUX") and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            return True
        if c.dep_ == "prep" and c.lower_ == "to" and any(
                o.dep_ in ("pobj", "pcomp") for o in c.children):
            return True
    return False


def in_question(tok: Any) -> bool:
    """True when ``tok`` sits in an embedded yes/no question ("whether she resigned",
    "asked whether he decided to leave"): the clause asserts nothing."""
    cur = tok
    for _ in range(MAX_UP):
        if _marked(cur, QUESTION_MARKS):
            return True
        if cur.dep_ not in CLAUSE_DEPS or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def conditional_below(tok: Any, frame_head: Any | None = None) -> bool:
    """True when ``tok`` is in an if/unless clause under ``frame_head`` ("warned it would
    collapse if aid was not given": the act is the condition, not the framed act), or, with
    no frame, anywhere above it ("unless the bondholders would agree": neither done nor
    promised)."""
    cur = tok
    for _ in range(MAX_UP):
        if (frame_head is not None and cur.i == frame_head.i) or cur.head.i == cur.i:
            return False
        if cur.dep_ == "advcl" and _marked(cur, CONDITION_MARKS):
            return True
        cur = cur.head
    return False


def is_future(tok: Any) -> bool:
    """True when the verb carries a future/conditional modal (or 'going to')."""
    if _aux(tok) & FUTURE_AUX:
        return True
    return tok.dep_ == "xcomp" and tok.head.lower_ == "going"


def _future_act(verb: Any) -> bool:
    return is_future(verb) and not _aux(verb) & POSSIBLE_AUX


def threatens_act(head: Any) -> bool:
    """Whether a threat verb names an act its source would do: a to-infinitive, a that-clause
    with a future act ("warned it would retaliate"), an object, an of-phrase that is no mere
    danger ("warned of retaliation"), or nothing ("he warned"). A that-clause with only a
    possibility or a fact ("warned that costs could rise") or an of-phrase naming a danger
    (``event_words.tsv`` class danger: "warned of a recession") is a caution."""
    if head.pos_ != "VERB" or names_act(head):
        return True
    clauses = [c for c in head.children if c.dep_ == "ccomp"]
    if clauses:
        return any(_future_act(c) for c in clauses)
    objs = [o for p in head.children if p.dep_ == "prep" and p.lower_ in CAUTION_PREPS
            for o in p.children if o.dep_ == "pobj"]
    if objs and not any(c.dep_ == "dobj" for c in head.children):
        return not all(is_class(o, "danger") for o in objs)
    return True


def expected_only(tok: Any) -> bool:
    """True when ``tok`` heads (or sits in) a that-clause of an expectation word ("predicted
    that the firm would grow", "fears that the state might seize banks"): someone's
    expectation of another's act, not the actor's commitment."""
    words = word_classes().get("expectation", frozenset())
    cur = tok
    for _ in range(MAX_UP):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ in ("ccomp", "acl") and cur.head.lemma_.lower() in words:
            return True
        if cur.dep_ not in CLAUSE_DEPS:
            return False
        cur = cur.head
    return False


def concurs(head: Any) -> bool:
    """An intention verb that states a view, not an act: no act complement, and a with-phrase
    that names no party ("agreed with the court's reasoning") or a that-clause without a
    future act ("promised that the water is safe")."""
    if head.pos_ != "VERB" or names_act(head):
        return False
    if any(c.dep_ in ("dobj", "xcomp") for c in head.children):
        return False
    views = [o for p in head.children if p.dep_ == "prep" and p.lower_ == "with"
             for o in p.children if o.dep_ == "pobj" and not party(o)]
    clauses = [c for c in head.children if c.dep_ == "ccomp"]
    if clauses:
        return not any(_future_act(c) for c in clauses)
    return bool(views)
