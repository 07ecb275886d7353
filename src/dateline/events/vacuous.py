"""Frame words that code nothing: an intention, offer, dispatch, reversal, failure or
question whose complement and objects name nothing PLOVER codes ("GM plans to cut jobs",
"sent an email", "ended his campaign", "failed to win", "asked Trump about it").

``codes_nothing`` is consulted by ``dateline.events.status`` before a frame word is coded:
such a word is an OTHER event (a mention for linking), never a PLOVER one.
"""
from __future__ import annotations

from typing import Any

from dateline.events.lexicon import is_event_noun
from dateline.events.scope import is_class, party
from dateline.events.triggers import Trigger

WH_TAGS = ("WDT", "WP", "WP$", "WRB")  # what, who, whose, how/when/why


def codes_nothing(trig: Trigger) -> bool:
    """Whether a frame word (intent, dispatch, reversal, refusal, demand) codes no PLOVER
    event because what it governs names none."""
    return (_empty_intent(trig) or _question(trig) or _empty_offer(trig)
            or _empty_failure(trig))


def _governs_act(trig: Trigger) -> bool:
    """Whether one of the frame word's complements is a PLOVER act ("agreed to withdraw")."""
    return any(c.entry.type != "OTHER" for c in trig.complements)


def _empty_intent(trig: Trigger) -> bool:
    """"sought to bolster his support", "GM plans to cut jobs": an intention verb whose
    infinitive names no act known to PLOVER is no PLOVER event. An agreeing, promising,
    offering or planning verb stays AGREE when it names a counterpart ("promised Iran to",
    "willing to sit down with Republicans"): PLOVER's AGREE is willingness to cooperate.
    (Team dev chose this over exempting promises and offers: precision 0.166 vs 0.161, same
    recall; team train lost one offer, "has offered to answer any questions".)"""
    if trig.frame != "intent":
        return False
    xcomps = [c for c in trig.head.children if c.dep_ == "xcomp"]
    if _governs_act(trig) or not xcomps:
        return False
    return trig.entry.type != "AGREE" or not _counterpart(trig.head, xcomps)


def _empty_failure(trig: Trigger) -> bool:
    """"failed to transform gun laws", "failed casino ventures": not managing to do
    something (``inability`` in event_words.tsv) is a REJECT only of a PLOVER act ("failed to
    reach agreement"); it is no refusal of anything else."""
    return (trig.frame == "refuse" and is_class(trig.head, "inability")
            and not _governs_act(trig))


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
            or _governs_act(trig)):
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
    return any(is_class(t, "aid") or party(t) or is_event_noun(t, plover_only=True)
               for n in nouns for t in [n, *(c for c in n.children if c.dep_ == "compound")])


def _question(trig: Trigger) -> bool:
    """"asked Trump about his statements", "asked whether talks would resume", "were asked
    a series of questions": a demand verb that asks for no act (no PLOVER complement, no
    to-clause, no "for" phrase, nothing but the person addressed or a question as object, only
    wh-/whether/if clauses or clauses of time) asks a question."""
    if (trig.frame != "demand" or trig.head.pos_ != "VERB"
            or _governs_act(trig)):
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
