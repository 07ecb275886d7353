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
    is_class,
    nominal_denied,
    party,
)
from dateline.events.triggers import LIGHT, Trigger, frame_chain
from dateline.vocab import INTENT_STATUSES, THREATEN_WITH_FORCE, CameoRoot, Mode, Status

# grammar words, not lexicon facts (the modals are in dateline.events.commitment)
NEGATION = {"not", "n't", "never", "no"}
OBLIGATION_AUX = {"must"}  # "X said Y must do Z": a demand on Y (CAMEO 10)
# the outermost of these rules the coding ("demanded that they refuse", "refused calls for aid")
WH_TAGS = ("WDT", "WP", "WP$", "WRB")  # what, who, whose, how/when/why
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
    return tok.pos_ == "NOUN" and any(
        c.dep_ in ("amod", "compound") and c.lemma_.lower() in ANNOUNCED_MODIFIERS
        for c in tok.children)


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
    return coding


def _code(trig: Trigger) -> Coding:
    e, head = trig.entry, trig.head
    if (e.type == "OTHER" or _empty_intent(trig) or _question(trig) or _empty_offer(trig)
            or _empty_failure(trig)
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


def _empty_intent(trig: Trigger) -> bool:
    """"sought to bolster his support", "GM plans to cut jobs": an intention verb whose
    infinitive names no act known to PLOVER is no PLOVER event. An agreeing, promising,
    offering or planning verb stays AGREE when it names a counterpart ("promised Iran to",
    "willing to sit down with Republicans"): PLOVER's AGREE is willingness to cooperate.
    (Team dev chose this over exempting promises and offers: precision 0.166 vs 0.161, same
    recall; team train lost one offer, "has offered to answer any questions".)"""
    if trig.frame != "intent":
        return False
    substantive = [c for c in trig.complements if c.entry.type != "OTHER"]
    xcomps = [c for c in trig.head.children if c.dep_ == "xcomp"]
    if substantive or not xcomps:
        return False
    return trig.entry.type != "AGREE" or not _counterpart(trig.head, xcomps)


def _empty_failure(trig: Trigger) -> bool:
    """"failed to transform gun laws", "failed casino ventures": not managing to do
    something (``inability`` in event_words.tsv) is a REJECT only of a PLOVER act ("failed to
    reach agreement"); it is no refusal of anything else."""
    return (trig.frame == "refuse" and is_class(trig.head, "inability")
            and not any(c.entry.type != "OTHER" for c in trig.complements))


def _counterpart(head: Any, xcomps: list[Any]) -> bool:
    """Whether an intention names a party to cooperate with: an object of the verb or of
    its infinitive, or a party after "with"/"to" on either."""
    verbs = [head, *xcomps]
    if any(c.dep_ in ("dobj", "dative") and party(c) for v in verbs for c in v.children):
        return True
    return any(p.dep_ in ("prep", "dative") and p.lower_ in ("with", "to") and
               any(o.dep_ == "pobj" and party(o) for o in p.children)
               for v in verbs for p in v.children)


def _empty_offer(trig: Trigger) -> bool:
    """"offers the ability to listen", "a view offered by", "sent an email", "ended his
    campaign", "the day ended": a verb that offers, sends or ends something (an AGREE intent,
    a dispatch, a reversal) whose objects are neither an act, nor aid, nor a party offers,
    sends or ends nothing PLOVER codes; a reversal with no object ends nothing either."""
    kind = trig.frame
    if (kind not in ("intent", "dispatch", "reverse") or trig.head.pos_ != "VERB"
            or (kind == "intent" and trig.entry.type != "AGREE")
            or any(c.entry.type != "OTHER" for c in trig.complements)):
        return False
    objs = [c for c in trig.head.children if c.dep_ in ("dobj", "nsubjpass")]
    if not objs:
        return kind == "reverse"
    return not any(_offerable(o) for o in objs)


def _offerable(noun: Any) -> bool:
    """Aid, a party or an act, a noun compounded with one, or a part of one ("part of a
    military aid program")."""
    nouns = [noun] + [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                      for o in p.children if o.dep_ == "pobj"]
    return any(is_class(t, "aid") or party(t) or _plover_noun(t) for n in nouns
               for t in [n, *(c for c in n.children if c.dep_ == "compound")])


def _plover_noun(tok: Any) -> bool:
    """A noun the trigger lexicon codes as a PLOVER act ("talks", "aid"; not "campaign")."""
    return any(r.pos in ("N", "*") and r.type != "OTHER"
               for r in triggers().get(tok.lemma_.lower(), ()))


def _question(trig: Trigger) -> bool:
    """"asked Trump about his statements", "asked whether talks would resume", "were asked
    a series of questions": a demand verb that asks for no act (no PLOVER complement, no
    to-clause, no "for" phrase, nothing but the person addressed or a question as object, only
    wh-/whether/if clauses or clauses of time) asks a question."""
    if (trig.frame != "demand" or trig.head.pos_ != "VERB"
            or any(c.entry.type != "OTHER" for c in trig.complements)):
        return False  # a nominal demand ("calls for aid", "an appeal to disarm") asks for an act
    kids = list(trig.head.children)
    if any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ in ("for", "on"))
           or (c.dep_ == "dobj" and not party(c) and not _questions(c))
           for c in kids):
        return False
    clauses = [c for c in kids if c.dep_ in ("ccomp", "advcl")]
    if not all(_interrogative(c) or _temporal(c) for c in clauses):
        return False  # "demanded that he resign"
    return any(c.dep_ in ("dobj", "prep", "ccomp", "advcl") for c in kids)


TIME_MARKS = frozenset({"when", "while", "after", "before", "as", "once"})


def _questions(noun: Any) -> bool:
    """"a question", "a series of questions"."""
    return noun.lemma_.lower() == "question" or any(
        p.dep_ == "prep" and p.lower_ == "of" and any(o.lemma_.lower() == "question"
                                                       for o in p.children)
        for p in noun.children)


def _interrogative(clause: Any) -> bool:
    return any((c.dep_ == "mark" and c.lower_ in ("whether", "if")) or c.tag_ in WH_TAGS
               for c in clause.children)


def _temporal(clause: Any) -> bool:
    """A clause that says when ("asked Trump about it, when he ..."), not what is asked."""
    return any(c.dep_ in ("mark", "advmod") and c.lower_ in TIME_MARKS for c in clause.children)


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
