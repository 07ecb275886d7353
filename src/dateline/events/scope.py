"""Conditions on a trigger's arguments and the scope of negation over nominal acts.

- Argument conditions (``event_triggers.tsv`` rows with ``mover:CLASS`` / ``theme:CLASS`` /
  ``object:party``): "Russian warplanes left the base" is a RETREAT because a force
  (``event_words.tsv``) moves away; "the chief executive left the company" is not; "met the
  envoy" is a meeting, "met its targets" is not.
- Evidence denial: "no sign of a pullout", "few signs of a withdrawal", "did not see any
  reduction" deny the act they take as complement (status ``denied``).
- Headline future: "Russia to withdraw forces" (a subject and a bare to-infinitive, no finite
  verb) announces the act.
"""
from __future__ import annotations

from typing import Any

from dateline.coref import titles
from dateline.events.lexicon import lookup_actor, word_classes

SUBJECT_DEPS = ("nsubj", "nsubjpass")
THEME_DEPS = ("dobj", "dative", "nsubjpass", "compound")  # "were given loans": dative
THEME_PREPS = ("of", "in", "with")  # "reduction of forces", "provided X with arms"
ENTITY_CLASSES = {("aid", "MONEY"), ("captive", "PERSON")}  # an amount is aid, a person a captive
PERSONAL_PRONOUNS = {"him", "her", "them", "he", "she", "they"}
AMOUNTS = ("QUANTITY", "CARDINAL", "MONEY")  # entity types of an amount ("25,000 tons of food")
PARTY_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
NEGATORS = {"not", "n't", "never", "no"}  # grammar, as in dateline.events.status
RELATIVE = {"which", "that", "who"}
DESTINATION_PREPS = {"for"}  # "troops left for the front" is no retreat
EVIDENCE_PREPS = {"of", "with", "for"}  # "sign of X", "correspond with X", "evidence for X"


def _in(cls: str, tok: Any) -> bool:
    return tok.lemma_.lower() in word_classes().get(cls, frozenset())


def is_class(tok: Any, cls: str) -> bool:
    """Whether the phrase headed by ``tok`` belongs to word class ``cls``; a force may be a
    force_head with a force modifier, and a collective or an amount ("a group of", "25,000
    tons of") passes to its of-phrase."""
    if _in(cls, tok) or (cls, tok.ent_type_) in ENTITY_CLASSES:  # "gave $5 million"
        return True
    if cls == "captive" and tok.lower_ in PERSONAL_PRONOUNS:  # "released him"
        return True
    if cls == "force" and _in("force_head", tok) and any(
            c.dep_ in ("amod", "compound") and _in("force_mod", c) for c in tok.children):
        return True
    if _in("collective", tok) or tok.ent_type_ in AMOUNTS:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                return any(is_class(o, cls) for o in prep.children if o.dep_ == "pobj")
    return any(c.dep_ == "conj" and _in(cls, c) for c in tok.children)


def _subject_of(verb: Any) -> Any | None:
    cur = verb
    for _ in range(4):
        subj = next((c for c in cur.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None:
            if subj.lower_ in RELATIVE and cur.dep_ == "relcl":
                return cur.head
            return subj
        if cur.dep_ not in ("xcomp", "conj", "advcl") or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _themes(head: Any) -> list[Any]:
    out = [c for c in head.children if c.dep_ in THEME_DEPS]
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in THEME_PREPS:
            out.extend(o for o in prep.children if o.dep_ == "pobj")
    if head.dep_ == "acl" or (head.pos_ == "VERB" and head.tag_ == "VBN" and
                              head.dep_ == "amod"):
        out.append(head.head)  # "the troops withdrawn", "forces reduced by half"
    return out


def party(tok: Any) -> bool:
    """A phrase that can name a party to an event: a named actor, a pronoun, an actor noun."""
    return (tok.ent_type_ in PARTY_ENTS or tok.pos_ in ("PRON", "PROPN")
            or bool(lookup_actor(tok.text)))


def condition_holds(condition: str, head: Any) -> bool:
    """Whether a row's argument condition holds (``mover:force``, ``theme:passage``,
    ``object:party``, ``object:munition``, ``prep:with``, ``target:person``, ``names:party``:
    see event_triggers.tsv)."""
    role, _, cls = condition.partition(":")
    if role == "target":  # "attacked Clinton", "attacks on her record": the one acted upon
        return any(_person(t) for t in _targets(head))
    if role == "names":  # "his meeting with Sanders", "talks between the parties"
        return any(party(t) for t in _participants(head))
    if role == "prep":  # the trigger governs a phrase of this preposition ("charged with")
        return any(c.dep_ == "prep" and c.lower_ == cls for c in head.children)
    if role == "object":  # no object, or one that is a party ("met the envoy", not "met targets")
        # (or of class CLS); a passive's subject is its object ("the coach was fired")
        objs = [c for c in head.children if c.dep_ in ("dobj", "dative", "nsubjpass")]
        return not objs or any(party(o) if cls == "party" else is_class(o, cls) for o in objs)
    if role == "mover":
        if any(c.dep_ == "prep" and c.lower_ in DESTINATION_PREPS for c in head.children):
            return False
        subj = _subject_of(head)
        return subj is not None and is_class(subj, cls)
    return any(is_class(t, cls) for t in _themes(head))


def _targets(head: Any) -> list[Any]:
    """What a verb or noun acts upon: its object (a passive's subject), or the object of
    "on"/"against"/"upon" ("attacks on Trump")."""
    out = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("on", "against", "upon"):
            out.extend(o for o in prep.children if o.dep_ == "pobj")
    return out


def _participants(noun: Any) -> list[Any]:
    """Who takes part in a nominal event: its possessor or compound modifiers, the objects
    of with/between/among/of on it ("a meeting of Palestinian factions"), and the subject of
    the verb it is the object of ("Putin held talks"), or of the clause above that one."""
    out = [c for c in noun.children if c.dep_ in ("poss", "compound", "nmod")]
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("with", "between", "among", "of"):
            out.extend(o for o in prep.children if o.dep_ in ("pobj", "conj"))
    if noun.dep_ not in ("dobj", "pobj") or noun.head is noun:
        return out
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("with", "between", "among"):
            out.extend(o for o in prep.children if o.dep_ == "pobj")
    for _ in range(3):  # up a chain of clauses: "Iran rejected a proposal to resume talks"
        out.extend(c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))
        if verb.dep_ not in ("xcomp", "acl", "ccomp", "advcl", "relcl") or verb.head is verb:
            break
        verb = verb.head
        if verb.pos_ in ("NOUN", "PROPN") and verb.dep_ in ("dobj", "pobj", "nsubj"):
            verb = verb.head
    return out


def _person(tok: Any) -> bool:
    """A named person, a singular personal pronoun, or an office ("the nominee")."""
    return (tok.ent_type_ == "PERSON" or tok.lower_ in ("him", "her", "me", "you")
            or titles().get(tok.lemma_.lower()) == "PERSON")


def _scarce(noun: Any) -> bool:
    return any(c.dep_ in ("det", "amod", "neg") and (c.lower_ in NEGATORS or _in("scarce", c))
               for c in noun.children)


def _negated_verb(verb: Any) -> bool:
    return any(c.dep_ in ("neg", "advmod") and c.lower_ in NEGATORS for c in verb.children)


def _evidence_governor(head: Any) -> Any | None:
    """The word whose complement the act is: "sign" in "sign of a pullout", "see" in "did not
    see any withdrawal"."""
    if head.dep_ == "pobj" and head.head.lower_ in EVIDENCE_PREPS:
        return head.head.head
    if head.dep_ in ("dobj", "attr"):
        return head.head
    return None


def evidence_denied(head: Any) -> bool:
    """True when a scarce or negated evidence word takes the act as complement."""
    gov = _evidence_governor(head)
    if gov is None or not _in("evidence", gov):
        return False
    if gov.pos_ in ("NOUN", "PROPN"):
        if _scarce(gov):
            return True
        verb = gov.head
        return gov.dep_ in ("dobj", "attr", "nsubj") and _negated_verb(verb)
    return _negated_verb(gov)


def nominal_denied(head: Any) -> bool:
    """A nominal act said not to exist: "no significant reduction", "no sign of a pullout"."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return False
    own = any(c.dep_ == "det" and c.lower_ == "no" for c in head.children)
    return own or evidence_denied(head)


def announced_object(head: Any) -> bool:
    """"Moscow announced a pullout": a nominal act that is the object of an announcing verb."""
    return head.pos_ in ("NOUN", "PROPN") and head.dep_ == "dobj" and _in("announce", head.head)


def headline_future(head: Any, report_lemmas: frozenset[str]) -> bool:
    """"Russia to withdraw forces (, Kremlin says)": a subject with a bare to-infinitive and
    no finite verb above it announces the act."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
        return False
    noun = head.head
    if head.dep_ in ("relcl", "acl") and noun.dep_ == "ROOT" and noun.pos_ in (
            "NOUN", "PROPN"):
        return True  # "Apple to buy Beats": the parser makes the subject the root
    if not any(c.dep_ in SUBJECT_DEPS for c in head.children):
        return False
    if head.dep_ == "ROOT":
        return True
    return head.dep_ in ("ccomp", "parataxis") and head.head.lemma_.lower() in report_lemmas
