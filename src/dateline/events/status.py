"""Type, mode and status of a trigger from its frame, modality, tense and negation.

An intent status (promised, threatened, announced, ordered) needs a commitment of the
source to a future act; ``dateline.events.commitment`` tells the frames and clauses that only
look like one (readiness for an occasion, embedded questions, conditions, cautions,
expectations about others, concurrence with a view).

The rules follow PLOVER's manual as summarised in ``event_intents.tsv``: an act that is
promised, announced or ordered but not done is coded by its intent type (a withdrawal ->
CONCEDE, an attack -> THREATEN, aid -> AGREE) while ``action`` keeps the act itself.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from dateline.events.commitment import (
    POSSIBLE_AUX,
    concurs,
    conditional_below,
    expected_only,
    in_question,
    is_future,
    is_readiness,
    names_act,
    threatens_act,
)
from dateline.events.lexicon import intents, triggers
from dateline.events.scope import (
    announced_object,
    headline_future,
    nominal_denied,
)
from dateline.events.triggers import LIGHT, Trigger, frame_chain
from dateline.events.vacuous import codes_nothing
from dateline.vocab import INTENT_STATUSES, THREATEN_WITH_FORCE, CameoRoot, Mode, Status

# grammar words, not lexicon facts (the modals are in dateline.events.commitment)
NEGATION = {"not", "n't", "never", "no"}
OBLIGATION_AUX = {"must"}  # "X said Y must do Z": a demand on Y (CAMEO 10)
# the outermost of these rules the coding ("demanded that they refuse", "refused calls for aid")
OUTER_FRAMES = ("demand", "threat", "refuse", "oblige")
MILITARY_CAMEO = ("15", "18", "19", "20")  # force posture, assault, fight, mass violence
ANNOUNCED_MODIFIERS = {"announce", "plan", "propose", "promise", "pledge", "order"}


@dataclass(frozen=True, slots=True)
class Coding:
    """The coded event: PLOVER type, the act, mode, CAMEO code and status."""

    type: str
    action: str
    mode: str | None
    cameo: str | None
    status: str


def _has_child(tok: Any, deps: set[str], words: set[str]) -> bool:
    return any(c.dep_ in deps and c.lower_ in words for c in tok.children)


def is_negated(tok: Any) -> bool:
    """True when the token has a negation child."""
    return _has_child(tok, {"neg", "advmod", "det"}, NEGATION)


def in_condition(tok: Any, marker: str) -> bool:
    """True when ``tok`` heads (or sits inside) a clause introduced by ``marker`` (if, unless)."""
    cur = tok
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ == marker for c in cur.children):
            return True
        if cur.dep_ != "advcl" and cur.dep_ not in ("conj", "xcomp"):
            return False
        cur = cur.head
    return False


def has_condition(tok: Any, marker: str) -> bool:
    """True when ``tok`` governs a clause introduced by ``marker``."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == marker
                                         for m in c.children) for c in tok.children)


def _announced_noun(tok: Any) -> bool:
    """An act noun modified by an announcing word ("the planned withdrawal"); in a title-case
    headline the parser reads the verb as a name in a compound ("Orders Partial Withdrawal")."""
    return tok.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ in ("amod", "compound", "nmod") and _base_form(c) in ANNOUNCED_MODIFIERS
        for c in tok.children)


def _base_form(tok: Any) -> str:
    """The lemma; for a capitalised word the parser took for a name ("Orders", "Announces",
    whose lemma it leaves as written), the word without its -s / -d inflection."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "PROPN" or lemma in ANNOUNCED_MODIFIERS:
        return lemma
    for cut in (1, 2):
        if lemma[-cut:] in ("s", "d", "ed") and lemma[:-cut] in ANNOUNCED_MODIFIERS:
            return lemma[:-cut]
    return lemma


def _progressive(tok: Any) -> bool:
    return tok.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in tok.children)


@dataclass(frozen=True, slots=True)
class Act:
    """The act a trigger names, after any reversal ("ended mediation" is a halt)."""

    type: str
    action: str
    mode: str | None
    cameo: str | None


def reverse(act: Act, frame: Trigger) -> Act:
    """The act that ending/lifting ``act`` amounts to (event_intents.tsv reversed_type)."""
    rule = intents().get(act.action)
    own = frame.entry
    if rule is None or rule.reversed_type is None:
        return Act(own.type, own.action, own.mode, own.cameo)
    kind = rule.reversed_type
    if act.action == "COERCE" and (act.cameo or "")[:2] in MILITARY_CAMEO:
        kind = "RETREAT"  # lifting a blockade or reopening a border (CAMEO 087)
    mode = rule.reversed_mode or ("access" if kind == "RETREAT" else None)
    if kind == "SANCTION":
        mode = rule.reversed_mode
    return Act(kind, kind, mode, own.cameo)


def _framed(act: Act, frame: Trigger, negated: bool) -> Coding:
    kind = frame.frame
    rule = intents().get(act.action)
    if kind == "threat":
        mode = act.mode if act.action == "THREATEN" else (rule.threat_mode if rule else None)
        cameo = (THREATEN_WITH_FORCE if act.action == "ASSAULT"
                 else CameoRoot.THREATEN.general)
        return Coding("THREATEN", act.action, mode, cameo, Status.THREATENED)
    if kind == "refuse" or (kind == "intent" and negated):
        # the act is refused: its status is denied (follow-through reads it as a contradiction)
        return Coding("REJECT", act.action, Mode.MEET if act.action == "CONSULT" else None,
                      CameoRoot.REJECT.general,
                      Status.DENIED if act.action != "REJECT" else Status.OCCURRED)
    if kind == "reverse":
        return Coding(act.type, act.action, act.mode, act.cameo, Status.OCCURRED)
    if kind == "oblige" and negated:
        return Coding("REJECT", act.action, None, CameoRoot.REJECT.general, Status.OCCURRED)
    if kind in ("demand", "oblige"):
        return Coding("REQUEST", act.action, None, CameoRoot.DEMAND.general, Status.OCCURRED)
    if kind == "order":
        concede = act.action in ("RETREAT", "CONCEDE")
        return Coding("CONCEDE" if concede else act.type, act.action, act.mode, act.cameo,
                      Status.ORDERED)
    intent = rule.intent_type if rule else act.type
    if intent == "THREATEN":
        return Coding(intent, act.action, rule.threat_mode if rule else None,
                      CameoRoot.THREATEN.general, Status.THREATENED)
    return Coding(intent, act.action, act.mode, act.cameo, Status.PROMISED)


def ruling_frame(chain: list[Trigger]) -> Trigger:
    """The frame that decides the coding: the outermost demand/threat/refusal, else the
    nearest frame ("demanded that they refuse" is a demand; "rejected an offer to host" a
    refusal)."""
    outer = [g for g in chain if g.frame in OUTER_FRAMES]
    return outer[-1] if outer else chain[0]


def _alone(trig: Trigger) -> Coding:
    """A frame word without an event complement ("threatened further action")."""
    e = trig.entry
    status = Status.THREATENED if e.frame == "threat" else Status.OCCURRED
    if e.frame == "intent" and e.type == "AGREE" and not concurs(trig.head):
        status = Status.PROMISED  # "agreed with the court's view" concurs: occurred
    # "threatened to sell its stake": the action is the act threatened (an OTHER lemma)
    acts = [c for c in trig.complements if c.frame not in ("report", "ignore", "dispute")]
    action = acts[0].head.lemma_.lower() if acts else e.action
    if e.frame == "threat" and not threatens_act(trig.head):
        # a caution ("warned that costs could rise"): the warning happened, nothing threatened
        return Coding(e.type, e.action, e.mode, e.cameo, Status.OCCURRED)
    return Coding(e.type, action, e.mode, e.cameo, status)


# the status an OTHER act takes from the frame that governs it ("threatened to sell")
FRAME_STATUS = {"threat": Status.THREATENED, "order": Status.ORDERED,
                "intent": Status.PROMISED, "demand": Status.HYPOTHETICAL,
                "oblige": Status.HYPOTHETICAL, "refuse": Status.DENIED}


@lru_cache(maxsize=1)
def _report_lemmas() -> frozenset[str]:
    return frozenset(k for k, rows in triggers().items() if any(r.frame == "report"
                                                                for r in rows))


def _other(trig: Trigger) -> Coding:
    """An act outside PLOVER: the lemma as action, the status from its frame or tense."""
    head = trig.head
    chain = [g for g in frame_chain(trig) if g.frame not in LIGHT]
    chain = [g for g in chain if _commits(g)]
    status = _plain_status(head)
    if chain and status not in (Status.DENIED, Status.HYPOTHETICAL):
        ruling = ruling_frame(chain)
        negated = is_negated(ruling.head) and ruling.frame == "intent"
        status = Status.DENIED if negated else FRAME_STATUS.get(ruling.frame or "", status)
    elif status == Status.OCCURRED and (is_future(head) or headline_future(head, _report_lemmas())):
        status = Status.ANNOUNCED
    return Coding("OTHER", head.lemma_.lower(), None, None, status)


def _commits(frame: Trigger) -> bool:
    """Whether a frame puts its complement under a commitment: not a readiness without an
    act ("ready for the winter"), not a caution ("warned that costs could rise")."""
    if frame.frame == "intent":
        return not (is_readiness(frame.head) and not names_act(frame.head))
    if frame.frame == "threat":
        return threatens_act(frame.head)
    return True


def code(trig: Trigger) -> Coding:
    """Code one event trigger: type, action, mode, CAMEO and status. An intent status
    needs a commitment: none inside an embedded question ("whether she decided to resign")
    or an expectation about others ("predicted that the firm would grow")."""
    coding = _code(trig)
    if coding.status not in INTENT_STATUSES and coding.status != Status.OCCURRED:
        return coding
    chain = [g for g in frame_chain(trig) if g.frame not in LIGHT]
    heads = [trig.head] + [g.head for g in chain[:1]]
    if any(in_question(h) for h in heads):
        return replace(coding, status=Status.HYPOTHETICAL)
    if coding.status in INTENT_STATUSES and any(expected_only(h) for h in heads):
        return replace(coding, status=Status.HYPOTHETICAL)
    if coding.status in INTENT_STATUSES and conditional_below(trig.head):
        return replace(coding, status=Status.HYPOTHETICAL)
    return coding


def _code(trig: Trigger) -> Coding:
    e, head = trig.entry, trig.head
    if (e.type == "OTHER" or codes_nothing(trig)
            or (trig.frame == "intent" and not _commits(trig) and not trig.complements)):
        return _other(trig)
    chain = [g for g in frame_chain(trig) if g.frame not in LIGHT]
    if not chain and nominal_denied(head):  # "no significant reduction", "no sign of a pullout"
        return Coding(e.type, e.action, e.mode, e.cameo, Status.DENIED)
    negated = is_negated(head) or any(is_negated(g.head) for g in chain[:1])
    if _has_child(head, {"aux"}, OBLIGATION_AUX):  # "must (not)": a demand (or a refusal)
        return Coding("REJECT" if negated else "REQUEST", e.action, None, CameoRoot.DEMAND.general,
                      Status.OCCURRED)
    if chain:
        act = Act(e.type, e.action, e.mode, e.cameo)
        ruling = ruling_frame(chain)
        if conditional_below(head, ruling.head):  # the act is the frame's condition
            return Coding(e.type, e.action, e.mode, e.cameo, _plain_status(head))
        for gov in chain[:chain.index(ruling) + 1]:
            if gov.frame == "reverse":
                act = reverse(act, gov)
                break
        return _framed(act, ruling, negated)
    if trig.frame in ("intent", "threat", "refuse", "demand", "order", "reverse"):
        return _alone(trig)
    rule = intents().get(e.action)
    if negated and rule is not None:
        if rule.negated_type:  # "did not withdraw": REJECT of the act, which is denied
            return Coding(rule.negated_type, e.action, None, CameoRoot.REJECT.general,
                          Status.DENIED)
        return Coding(e.type, e.action, e.mode, e.cameo, Status.DENIED)
    lights = [g for g in frame_chain(trig) if g.frame in LIGHT]
    future = is_future(head) or any(is_future(t) for t in trig.tokens) or any(
        is_future(g.head) for g in lights)
    announced = (_announced_noun(head) and not lights) or headline_future(
        head, _report_lemmas()) or announced_object(head)
    if future and expected_only(head):  # "fears that the rebels will attack": expected
        return Coding(e.type, e.action, e.mode, e.cameo, Status.HYPOTHETICAL)
    # ("opening the promised offensive" is the offensive itself)
    if (future or announced) and rule is not None:
        return _intended(e, rule, has_condition(head, "unless"), announced)
    return Coding(e.type, e.action, e.mode, e.cameo, _plain_status(head))


def _intended(e: Any, rule: Any, conditional: bool, announced: bool) -> Coding:
    """An act stated as future: its intent type; a conditional ("unless") makes it a threat."""
    intent = "THREATEN" if conditional else rule.intent_type
    if intent == "THREATEN":
        return Coding(intent, e.action, rule.threat_mode or e.mode,
                      CameoRoot.THREATEN.general, Status.THREATENED)
    return Coding(intent, e.action, e.mode, e.cameo,
                  Status.ANNOUNCED if announced else Status.PROMISED)


def _plain_status(head: Any) -> str:
    if in_condition(head, "if"):
        return Status.HYPOTHETICAL
    if is_negated(head) or any(c.dep_ == "dobj" and is_negated(c) for c in head.children):
        return Status.DENIED  # "gave no time frame"
    if _has_child(head, {"aux"}, POSSIBLE_AUX):
        return Status.HYPOTHETICAL
    if _progressive(head):
        return Status.ONGOING
    return Status.OCCURRED
