"""Which tokens of an event's parse are its source and target (before they are coded).

Source: the subject of the trigger (or of the frame/light verb that governs it, the agent of
a passive, the noun a relative clause modifies, a possessor or by/from-object for nominal
triggers); a passive's subject is acted on; pronoun subjects resolve to the subject of a
reporting verb (the stage resolves the rest through ``article.entities``). Target: direct and
indirect objects, a passive's subject, then prepositional objects; a place after a place
preposition is where the act happened, never a target. ``dateline.events.actors`` codes them.
"""
from __future__ import annotations

from typing import Any

from dateline.events.actorcodes import NOT_ACTOR_ENTS
from dateline.events.lexicon import is_act_noun, is_act_verb, is_addressed_verb
from dateline.events.nominal import (
    PLACE_ENTS,
    author,
    national_modifier,
    noun_agent,
    possessors,
)
from dateline.events.scope import is_class
from dateline.events.status import ruling_frame
from dateline.events.triggers import LIGHT, Trigger, frame_chain
from dateline.model import Article

SUBJECT_DEPS = ("nsubj", "csubj", "expl")
OBJECT_DEPS = ("dobj", "dative", "attr", "oprd")
# prepositions that introduce a target, most telling first ("met at the base with Assad")
PLACE_PREPS = ("at", "in", "near", "inside")
PARTNER_PREPS = ("with", "to", "against")
TARGET_PREPS = ("to", "with", "against", "on", "upon", "into", "toward", "towards", "over",
                "from", "of", "for", "at", "in", "near", "inside")
# acts aimed at someone for what they did: the accused did the act named in their phrase
LEGAL_TYPES = frozenset({"COERCE", "SANCTION", "ACCUSE"})
# a nominal act inside these phrases is done by the clause's subject ("wounded two soldiers
# in a bomb attack"); after/following/during/under phrases name someone else's act
AGENT_SHARING_PREPS = {"in", "of", "for", "to", "by", "at", "into", "on", "upon", "as"}


def _subject(tok: Any) -> Any | None:
    subjects = [] if _headline_passive(tok) else [
        c for c in tok.children if c.dep_ in SUBJECT_DEPS]
    if subjects:  # two subjects is a misparse ("MACAU (Reuters) - Adelson said"): the nearer
        return min(subjects, key=lambda c: abs(tok.i - c.i))
    for c in tok.children:
        if c.dep_ == "agent":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return objs[0]
    if tok.pos_ == "ADJ" or (tok.tag_ == "VBN" and _stative(tok)):  # "Vietnam is committed
        return next((c for c in tok.children if c.dep_ == "nsubjpass"), None)  # to": a state
    return None


def _stative(tok: Any) -> bool:
    """A participle that states a disposition of its subject ("is committed to", "are
    opposed to") rather than an act done to it ("was shot", "has been criticized"): it takes
    a to-phrase or a to-infinitive and no agent, and the lexicon does not code it as an act
    ("was sentenced to life" is done to its subject) or as an act addressed to someone ("was
    asked to release": the one asked)."""
    kids = list(tok.children)
    if is_act_verb(tok) or is_addressed_verb(tok) or any(c.dep_ == "agent" for c in kids):
        return False
    return any((c.dep_ == "prep" and c.lower_ == "to") or c.dep_ == "xcomp" for c in kids)


def _acted_on(verb: Any) -> bool:
    """A passive verb whose subject is acted on (not a stative "is committed to"); a
    participle the parse hangs on "be" as a complement ("Ortiz was slain") is one too."""
    return verb.tag_ == "VBN" and not _stative(verb) and (any(
        c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or _be_participle(verb)
        or _headline_passive(verb))


def _headline_passive(verb: Any) -> bool:
    """A headline's passive: a capitalised past participle heading the sentence with a
    subject and neither auxiliary nor object ("Teen Arrested in Shooting"); in running text
    such a parse is more often a mistagged past tense ("the nominee immigrated briefly")."""
    kids = list(verb.children)
    return verb.tag_ == "VBN" and verb.dep_ == "ROOT" and verb.text[:1].isupper() \
        and verb.i != verb.sent.start and any(c.dep_ == "nsubj" for c in kids) \
        and not any(c.dep_ in ("aux", "auxpass", "dobj", "ccomp", "xcomp") for c in kids)


def _be_participle(verb: Any) -> bool:
    """A past participle that is the complement of "be" ("was slain")."""
    return verb.dep_ == "acomp" and verb.head.lemma_ == "be" and verb.head.i != verb.i


def _inherited_subject(tok: Any) -> Any | None:
    """The subject of a verb, climbing control/coordination/relative-clause links."""
    cur = tok
    for _ in range(6):
        subj = _subject(cur)
        if subj is not None:
            return subj
        if cur.dep_ == "acl":  # "Trump's decision to recognize": the possessor
            poss = [c for c in cur.head.children if c.dep_ == "poss"]
            if poss:
                return poss[0]
        # acted on, not acting: "Kristian, who was arrested", "a boss arrested in a raid",
        # "deserves to be supported"
        if _acted_on(cur) or (cur.tag_ == "VBN" and cur.dep_ == "acl"):
            return _adjunct_controller(tok, cur)
        if cur.dep_ == "relcl" or (cur.dep_ == "acl" and cur.head.dep_ not in ("dobj", "pobj")):
            return cur.head
        if cur.dep_ == "acl":  # "issued a declaration demanding": the issuer
            cur = cur.head.head
            continue
        if cur.dep_ == "pcomp" and cur.head.head.i != cur.head.i:  # "accused of firing":
            gov = cur.head.head  # the one accused (a passive's subject) did it
            done_by = next((c for c in gov.children if c.dep_ == "nsubjpass"), None)
            if gov.pos_ in ("VERB", "AUX") and done_by is not None:
                return done_by
            charged = _charged_with(gov)  # "charged with murder for shooting"
            if charged is not None:
                return charged
            cur = gov
            continue
        if cur.dep_ in ("xcomp", "conj", "advcl", "dobj", "pobj", "prep", "acomp", "amod",
                        "compound") and cur.head.i != cur.i:
            cur = cur.head
            continue
        return None
    return None


def _adjunct_controller(tok: Any, passive: Any) -> Any | None:
    """Who does an adverbial clause's act when its clause is passive: the passive's surface
    subject controls the adjunct ("Ortiz was shot while investigating": Ortiz investigated;
    "was arrested after attacking"). Only for an active adjunct reached directly."""
    if tok.i == passive.i or tok.dep_ != "advcl" or tok.head.i != passive.i or _acted_on(tok):
        return None
    return next((c for c in passive.children if c.dep_ == "nsubjpass"), None)


def _resolve_pronoun(tok: Any, article: Article) -> Any:
    """A pronoun subject: the noun a relative pronoun modifies, the reporting verb's
    subject, else the pronoun itself (the stage resolves it through entities/quotes)."""
    if tok.pos_ != "PRON" and tok.tag_ not in ("WP", "WDT"):
        return tok
    if tok.tag_ in ("WP", "WDT") and tok.head.dep_ == "relcl":
        return tok.head.head
    cur = tok.head
    for _ in range(4):
        if cur.dep_ in ("ccomp", "conj") and cur.head.i != cur.i:
            cur = cur.head
            subj = _subject(cur)
            if subj is not None and subj.pos_ != "PRON":
                return subj
        else:
            break
    return tok


def find_source(trig: Trigger, article: Article) -> Any | None:
    """The source token of an event (see module docstring)."""
    head = trig.head
    frames = [g for g in frame_chain(trig) if g.frame not in LIGHT]
    ruling = ruling_frame(frames) if frames else None
    if ruling is None and trig.entry.phrase == ("host",):
        return _first_object(head)  # manual: the visitor is the actor, the host the recipient
    if _obliged(head) or (ruling is not None and ruling.frame == "oblige"):
        return _reporter(ruling.head if ruling is not None else head)
    if trig.contested_by is not None and not frames:  # "skepticism about the announced
        # withdrawal": the doubter did not announce it; "rebutted Exxon's accusation": Exxon
        if head.pos_ not in ("NOUN", "PROPN"):
            return None
        owner = possessors(head) + [g for c in head.children if c.dep_ == "prep" and
                                    c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
        return _resolve_pronoun(owner[0], article) if owner else None
    for gov in ([ruling] if ruling else []) + [trig] + frame_chain(trig):
        found = _agent_of(gov.head, article)
        if found is not None:
            return found
    return national_modifier(head)


def _agent_of(tok: Any, article: Article) -> Any | None:
    """The possessor of a nominal act, else the (inherited) subject of a verb."""
    if tok.pos_ in ("NOUN", "PROPN"):
        poss = possessors(tok)
        if poss and poss[0].pos_ == "PRON" and tok.dep_ == "dobj":
            bound = _inherited_subject(tok.head)  # "Husted voiced his disapproval": Husted
            if bound is not None and bound.pos_ != "PRON":
                return bound
        if poss:
            return _resolve_pronoun(poss[0], article)
        by = noun_agent(tok)
        if by is not None:
            return by
        verb = _receiving_verb(tok)
        if verb is not None:  # "drew criticism from his rivals": the rivals, else no one named
            return noun_agent(verb)
        gov = tok.head.head if tok.dep_ == "pobj" else tok.head
        accused = (_accused(gov) or _charged_with(gov)) if tok.dep_ == "pobj" else None
        if accused is not None:  # "charged with murder", "arrested for the shooting"
            return _resolve_pronoun(accused, article)
        culprit = _culprit(gov) if tok.dep_ == "pobj" else None
        if culprit is not None:  # "found guilty of murder", "militants responsible for"
            return _resolve_pronoun(culprit, article)
        # a passive or participle governor's subject is acted on: "the rifle used in the
        # attack" did not attack
        done_to = _acted_on(gov) or (gov.tag_ == "VBN" and gov.dep_ in ("acl", "relcl"))
        shared = tok.dep_ in ("dobj", "nsubjpass") or (
            tok.dep_ == "pobj" and tok.head.lower_ in AGENT_SHARING_PREPS and not done_to)
        subj = _inherited_subject(tok.head) if shared else None
    else:
        subj = _inherited_subject(tok)
    return _resolve_pronoun(subj, article) if subj is not None else None


def _accused(verb: Any) -> Any | None:
    """Who a legal act or an accusation is aimed at (a passive's subject, else the object):
    the doer of the act it is for ("X was charged with the killing", "arrested X for")."""
    if not is_act_verb(verb, LEGAL_TYPES):
        return None
    deps = ("nsubj",) if _headline_passive(verb) else (
        ("nsubjpass",) if _acted_on(verb) else ("dobj",))
    return next((c for c in verb.children if c.dep_ in deps), None)


def _charged_with(charge: Any) -> Any | None:
    """Who is accused of the act a charge noun names ("charged with murder for the shooting
    deaths", "charged with the use of his weapon over the killing"): the accused of the legal
    verb that takes the charge as its prepositional object."""
    if charge.pos_ != "NOUN" or charge.dep_ != "pobj" or charge.head.dep_ != "prep":
        return None
    return _accused(charge.head.head)


def _culprit(adj: Any) -> Any | None:
    """Whom a culpability adjective (word class ``culpable``) holds to account: the noun it
    modifies, else the object or subject of the verb it complements ("found Lopez guilty",
    "Lopez was found guilty", "Lopez is responsible")."""
    if adj.pos_ != "ADJ" or not is_class(adj, "culpable"):
        return None
    if adj.dep_ == "amod":
        return adj.head
    if adj.dep_ not in ("acomp", "oprd") or adj.head.i == adj.i:
        return None
    kids = list(adj.head.children)
    for dep in ("dobj", "nsubjpass", "nsubj"):
        found = next((c for c in kids if c.dep_ == dep), None)
        if found is not None:
            return found
    return None


def _receiving_verb(noun: Any) -> Any | None:
    """The verb whose subject receives the nominal act it takes as object ("faced
    accusations", "won the endorsement of"; word class ``receive``), else None."""
    verb = noun.head
    if noun.dep_ == "dobj" and verb.pos_ in ("VERB", "AUX") and is_class(verb, "receive"):
        return verb
    return None


def _obliged(tok: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "must" for c in tok.children)


def _reporter(tok: Any) -> Any | None:
    """The subject of the verb that reports the clause ``tok`` heads."""
    cur = tok
    for _ in range(3):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        subj = _subject(cur)
        if subj is not None:
            return subj
    return None


def _first_object(tok: Any) -> Any | None:
    for c in tok.children:
        if c.dep_ in OBJECT_DEPS:
            return c
    return None


def _target_candidates(trig: Trigger) -> list[Any]:
    """Object and prepositional-object tokens of the act and of its light/ending verbs."""
    heads = [trig.head] + [g.head for g in frame_chain(trig)
                           if g.frame in LIGHT or g.frame == "reverse"]
    out: list[Any] = []
    for h in heads:
        if trig.entry.phrase == ("host",):
            out.extend(c for c in h.children if c.dep_ in SUBJECT_DEPS)
            continue
        out.extend(c for c in h.children if c.dep_ == "nsubjpass")
        out.extend(_raised_patient(h))
        if h.tag_ == "VBN" and _be_participle(h) and not _stative(h):  # "Ortiz was slain"
            out.extend(c for c in h.head.children if c.dep_ == "nsubj")
        if _headline_passive(h):  # "Teen Arrested": the teen
            out.extend(c for c in h.children if c.dep_ == "nsubj")
        out.extend(_shared_arguments(h))
        out.extend(c for c in h.children if c.dep_ in OBJECT_DEPS and c not in trig.tokens)
        out.extend(_between_partners(h))
        out.extend(_prep_objects([h] + [t for t in trig.tokens if t.i != h.i]))
        out.extend(c for c in h.children if c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN"))
        clauses = [c for c in h.children if c.dep_ in ("ccomp", "xcomp", "acl")]
        out.extend(g for c in clauses for g in c.children if g.dep_ in ("nsubj", "nsubjpass"))
    if _obliged(trig.head):
        out = [c for c in trig.head.children if c.dep_ == "nsubj"] + out
    purposes = [c for h in heads for c in h.children if c.dep_ == "advcl"]
    return out + [g for c in purposes for g in c.children if g.dep_ in OBJECT_DEPS]


def _raised_patient(verb: Any) -> list[Any]:
    """The one a passive complement is done to when it has no subject of its own: its
    governor's subject ("Orozco is to be sentenced", "the president deserves to be
    supported", "expects to be charged"), through a chain of such complements."""
    cur = verb
    while cur.dep_ == "xcomp" and cur.head.i != cur.i and _acted_on(cur) and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in cur.children):
        cur = cur.head
        subj = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return subj[:1]
    return []


def _shared_arguments(verb: Any) -> list[Any]:
    """The arguments a verb shares with the verb it is coordinated with, when it has none of
    its own: the object of the last ("arrested and charged Smith": Smith was arrested too) and
    the passive subject of the first ("Horton was shot and killed": Horton was killed)."""
    own = {c.dep_ for c in verb.children}
    if verb.pos_ != "VERB" or own & {"dobj", "nsubjpass"}:
        return []
    doc = verb.doc
    out = [g for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB" and all(
        doc[k].dep_ in ("cc", "advmod", "punct", "aux") for k in range(verb.i + 1, c.i))
           for g in c.children if g.dep_ == "dobj"]  # adjacent: "arrested and later released"
    if verb.dep_ == "conj" and verb.tag_ == "VBN" and verb.head.pos_ == "VERB" and (
            "nsubj" not in own):
        out.extend(c for c in verb.head.children if c.dep_ == "nsubjpass")
    return out


def is_location(tok: Any, places: dict[int, str]) -> bool:
    """A place named after a place preposition ("attacks in Paris"): where, not whom."""
    return tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS and (
        tok.ent_type_ in PLACE_ENTS or tok.idx in places)


def _between_partners(tok: Any) -> list[Any]:
    """The other parties of a between-phrase ("between Obama and Putin": Putin)."""
    objs = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "between"
            for g in c.children if g.dep_ == "pobj"]
    return [c for o in objs for c in o.children if c.dep_ == "conj"]


def _prep_objects(toks: list[Any]) -> list[Any]:
    """Prepositional objects of the tokens, most telling preposition first."""
    preps = [c for t in toks for c in t.children
             if c.dep_ in ("prep", "dative") and c.lower_ in TARGET_PREPS]
    preps.sort(key=lambda c: TARGET_PREPS.index(c.lower_))
    out: list[Any] = []
    for g in (g for c in preps for g in c.children if g.dep_ == "pobj"):
        if g.head.lower_ in PLACE_PREPS:  # "met at the base with Assad": the parser hangs the
            out.extend(n for c in g.children if c.dep_ == "prep" and c.lower_ in PARTNER_PREPS
                       for n in c.children if n.dep_ == "pobj")  # partner on the place
        out.append(g)
    return out


def find_targets(trig: Trigger) -> list[Any]:
    """Candidate target tokens, best first."""
    chain = [trig] + frame_chain(trig)
    demand = [g for g in chain if g.frame in ("demand", "oblige")]
    cands = _target_candidates(trig)
    verb = _receiving_verb(trig.head)
    receiver = _inherited_subject(verb) if verb is not None else None
    if receiver is not None:  # "Clinton faced accusations of favoritism": Clinton
        cands = [receiver] + cands
    if demand and demand[0] is not trig:
        cands = _target_candidates(demand[0]) + cands
    refusal = [g for g in chain if g.frame == "refuse"]
    if refusal:
        objs = [c for c in refusal[-1].head.children if c.dep_ in OBJECT_DEPS]
        nouns = [o for o in objs if o.pos_ in ("NOUN", "PROPN")]
        cands = [a for n in nouns for a in author(n)] + cands
    # "Kristian, who was also arrested": the noun the relative clause modifies
    cands = [c.head.head if c.tag_ in ("WP", "WDT") and c.head.dep_ == "relcl" else c
             for c in cands]
    # "denied a Nichols offer", "criticized Williamson's poverty-shaming": whose act it is
    cands = [a for c in cands for a in ([c] + (author(c) if is_act_noun(c) else []))]
    own = {t.i for g in chain for t in g.tokens}
    return [c for c in cands if c.ent_type_ not in NOT_ACTOR_ENTS and c.i not in own]
