"""Source and target of an event from the parse, coded with ISO3 country and PLOVER sector.

Source: the subject of the trigger (or of the frame/light verb that governs it, the agent of
a passive, the noun a relative clause modifies, a possessor for nominal triggers); pronoun
subjects resolve to the subject of a reporting verb or through ``article.entities`` ids.
Target: direct/indirect objects, then prepositional objects. Codes come from
``actors.tsv`` plus country names and capitals (see ``dateline.events.lexicon``).
"""
from __future__ import annotations

from typing import Any

from dateline.coref import canonical_name
from dateline.events.actorcodes import (
    NOT_ACTOR_ENTS,
    STATELESS_SECTORS,
    code_phrase,
)
from dateline.events.lexicon import is_event_noun, lookup_actor
from dateline.events.status import ruling_frame
from dateline.events.triggers import LIGHT, Trigger, frame_chain
from dateline.model import Actor, Article

SUBJECT_DEPS = ("nsubj", "csubj", "expl")
OBJECT_DEPS = ("dobj", "dative", "attr", "oprd")
# prepositions that introduce a target, most telling first ("met at the base with Assad")
PLACE_PREPS = ("at", "in", "near", "inside")
PARTNER_PREPS = ("with", "to", "against")
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})  # after a place preposition: a location
TARGET_PREPS = ("to", "with", "against", "on", "upon", "into", "toward", "towards", "over",
                "from", "of", "for", "at", "in", "near", "inside")
# a nominal act inside these phrases is done by the clause's subject ("wounded two soldiers
# in a bomb attack"); after/following/during/under phrases name someone else's act
AGENT_SHARING_PREPS = {"in", "of", "for", "to", "by", "at", "into", "on", "upon", "as"}
FIRST_PERSON = {"i", "we", "me", "us", "our", "my"}
PERSONAL = {"he", "she", "him", "her", "his"}
TITLE_WINDOW = 40  # characters before a name searched for its title ("Russian Defense Minister")
PRONOUN_WINDOW = 600  # characters looked back for a pronoun's antecedent entity
CUT_DEPS = {"relcl", "acl", "advcl", "punct", "ccomp", "parataxis", "mark"}
AMOUNT_ENTS = frozenset({"PERCENT", "MONEY", "QUANTITY"})  # a share or a sum acts for no one
# Entity types that can act (a law, work or event, "the X Treaty", cannot)
ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
CANONICAL_ENTS = frozenset({"PERSON", "ORG"})  # actor text: the fullest name written for them
MAX_ACTOR_TOKENS = 12  # longer phrases are cut to the head's left modifiers (keeps text readable)


def _subject(tok: Any) -> Any | None:
    for c in tok.children:
        if c.dep_ in SUBJECT_DEPS:
            return c
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
    a to-phrase or a to-infinitive and no agent."""
    kids = list(tok.children)
    return not any(c.dep_ == "agent" for c in kids) and any(
        (c.dep_ == "prep" and c.lower_ == "to") or c.dep_ == "xcomp" for c in kids)


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
        if cur.dep_ == "relcl" or (cur.dep_ == "acl" and cur.head.dep_ not in ("dobj", "pobj")):
            return cur.head
        if cur.dep_ == "acl":  # "issued a declaration demanding": the issuer
            cur = cur.head.head
            continue
        if cur.dep_ in ("xcomp", "conj", "advcl", "dobj", "pobj", "prep", "acomp", "amod",
                        "compound") and cur.head.i != cur.i:
            cur = cur.head
            continue
        return None
    return None


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
    if trig.contested_by is not None and not frames:
        return None  # "skepticism about the announced withdrawal": the doubter did not announce it
    for gov in ([ruling] if ruling else []) + [trig] + frame_chain(trig):
        found = _agent_of(gov.head, article)
        if found is not None:
            return found
    return _national_modifier(head)


def _agent_of(tok: Any, article: Article) -> Any | None:
    """The possessor of a nominal act, else the (inherited) subject of a verb."""
    if tok.pos_ in ("NOUN", "PROPN"):
        poss = [c for c in tok.children if c.dep_ == "poss" and c.pos_ != "PRON"]
        if poss:
            return _resolve_pronoun(poss[0], article)
        by = _noun_agent(tok)
        if by is not None:
            return by
        shared = tok.dep_ in ("dobj", "nsubjpass") or (
            tok.dep_ == "pobj" and tok.head.lower_ in AGENT_SHARING_PREPS)
        subj = _inherited_subject(tok.head) if shared else None
    else:
        subj = _inherited_subject(tok)
    return _resolve_pronoun(subj, article) if subj is not None else None


def _noun_agent(noun: Any) -> Any | None:
    """Who does a nominal act: its by- or from-object ("criticism from his rivals"), or the
    first party of a between-phrase ("a meeting between Obama and Putin")."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from", "between"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def _national_modifier(noun: Any) -> Any | None:
    """A nationality or name modifying a nominal act ("Palestinian riots")."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    for c in noun.children:
        if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i and any(
                e.country for _, _, e in lookup_actor(c.text)):
            return c
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


def _author(noun: Any) -> list[Any]:
    """Who issued a proposal/appeal/ultimatum: by/from objects, a possessor, a nationality."""
    out: list[Any] = []
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            out.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ == "poss" and c.pos_ != "PRON":
            out.append(c)
        elif c.dep_ in ("amod", "compound", "nmod") and lookup_actor(c.text):
            out.append(c)
    return out


def find_targets(trig: Trigger) -> list[Any]:
    """Candidate target tokens, best first."""
    chain = [trig] + frame_chain(trig)
    demand = [g for g in chain if g.frame in ("demand", "oblige")]
    cands = _target_candidates(trig)
    if demand and demand[0] is not trig:
        cands = _target_candidates(demand[0]) + cands
    refusal = [g for g in chain if g.frame == "refuse"]
    if refusal:
        objs = [c for c in refusal[-1].head.children if c.dep_ in OBJECT_DEPS]
        nouns = [o for o in objs if o.pos_ in ("NOUN", "PROPN")]
        cands = [a for n in nouns for a in _author(n)] + cands
    own = {t.i for g in chain for t in g.tokens}
    return [c for c in cands if c.ent_type_ not in NOT_ACTOR_ENTS and c.i not in own]


def phrase_tokens(tok: Any) -> list[Any]:
    """The noun phrase headed by ``tok``, without relative clauses and trailing clauses."""
    keep: list[Any] = []

    def walk(t: Any) -> None:
        keep.append(t)
        for c in t.children:
            if c.dep_ not in CUT_DEPS:
                walk(c)
    walk(tok)
    keep.sort(key=lambda t: t.i)
    return keep


def short_tokens(toks: list[Any], head: Any) -> list[Any]:
    """A long phrase cut to the head and its left modifiers (for a readable actor text)."""
    if len(toks) <= MAX_ACTOR_TOKENS:
        return toks
    return [t for t in toks if t.i <= head.i and head.i - t.i < MAX_ACTOR_TOKENS]


def make_actor(tok: Any | None, article: Article, places: dict[int, str],
               nearby: list[tuple[int, str]] | None = None, resolver: Any = None
               ) -> Actor | None:
    """An Actor for the phrase headed by ``tok`` (None when there is no token).

    Uncoded actors take, in order: the code of another mention of the same entity, the
    country of a resolved place inside the phrase, the nearest country named in the
    sentence (``nearby``; domestic actors are rarely given a nationality in news copy).
    """
    if tok is None:
        return None
    if tok.pos_ == "PRON":
        resolved = pronoun_actor(tok, article, resolver)
        if resolved is not None:
            return resolved
    if tok.like_num or tok.ent_type_ in AMOUNT_ENTS:  # "two of the officers", "13 percent"
        whole = _partitive_whole(tok)
        return None if whole is None else make_actor(whole, article, places, nearby, resolver)
    toks = phrase_tokens(tok)
    country, sector = code_phrase(toks, tok)
    ent = _entity_at(article, tok.idx)
    ethnic = any(t.lower_ == "ethnic" for t in toks)  # coded by residence: skip the name's code
    if country is None and ent is not None and not ethnic:
        country, sector = _code_by_entity(article, ent.id, sector)
    if country is None:
        country = next((places[t.idx] for t in toks if t.idx in places), None)
    named = ent is not None and ent.type in ACTOR_ENTS or (
        _names_owner(article, tok) and not _act_noun(tok))
    if not named and country is None and sector is None and not _in_lexicon(toks):
        return None  # a generic noun, a number or a clause: no actor rather than a guess
    lo, hi = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    outside = [n for n in nearby or [] if not lo <= n[0] < hi]
    if country is None and outside and sector not in STATELESS_SECTORS and tok.pos_ != "PRON":
        country = min(outside, key=lambda n: abs(n[0] - tok.idx))[1]
    short = short_tokens(toks, tok)
    start, end = short[0].idx, short[-1].idx + len(short[-1].text)
    text = article.text[start:end].strip()
    for det in ("The ", "the ", "A ", "a ", "An ", "an "):
        text = text.removeprefix(det)
    if named and ent is not None and ent.type in CANONICAL_ENTS:
        text = canonical_name(article.entities, ent.id) or text  # "Jobs" -> "Steve Jobs"
    return Actor(text=text, id=ent.id if ent else None, country=country, sector=sector)


def _partitive_whole(tok: Any) -> Any | None:
    """The whole a number or share is part of ("62 percent of Republicans": Republicans)."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            whole = next((g for g in c.children if g.dep_ == "pobj"), None)
            if whole is not None and not whole.like_num and whole.ent_type_ not in AMOUNT_ENTS:
                return whole
    return None


def _in_lexicon(toks: list[Any]) -> bool:
    """Whether the actor lexicon knows any part of the phrase ("ethnic Albanians")."""
    return bool(toks) and bool(lookup_actor(toks[0].doc[toks[0].i:toks[-1].i + 1].text))


def _act_noun(head: Any) -> bool:
    """A noun naming an act or a thing done, not someone who acts ("Apple's announcement",
    "GM's restructuring", "Apple's new offering"): an event noun of the trigger lexicon or a
    gerund, unless the actor lexicon knows it."""
    if head.pos_ != "NOUN" or lookup_actor(head.text):
        return False
    return is_event_noun(head) or head.lower_.endswith("ing")


def _names_owner(article: Article, head: Any) -> bool:
    """A modifier names an actor ("Apple executives", "the head of the RNC's committee")."""
    mods = [c for c in head.children if c.dep_ in ("compound", "poss", "nmod", "amod")]
    mods += [t for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
             for g in c.children if g.dep_ == "pobj" for t in g.subtree]
    return any((e := _entity_at(article, m.idx)) is not None and e.type in ACTOR_ENTS
               for m in mods)


def pronoun_actor(tok: Any, article: Article, resolver: Any = None) -> Actor | None:
    """Resolve a pronoun actor: I/we inside a quote -> the speaker; they/them -> a plural
    subject earlier in the sentence; else ``dateline.coref`` (when given), else the nearest
    preceding entity of a fitting type."""
    word = tok.lower_
    if word in FIRST_PERSON:
        for q in article.quotes:
            if q.start <= tok.idx < q.end and (q.speaker or q.speaker_id):
                ent = _entity_at(article, q.speaker_start) if q.speaker_start is not None else None
                return _entity_actor(article, ent, q.speaker or "", q.speaker_id, tok.text)
        return None
    if word in ("they", "them", "their"):
        plural = [t for t in tok.sent if t.i < tok.i and t.tag_ in ("NNS", "NNPS")
                  and t.dep_ in ("nsubj", "nsubjpass")]
        if plural:
            return make_actor(plural[-1], article, {})
    if resolver is not None:
        hit = resolver.resolve(tok.idx, tok.idx + len(tok.text))
        if hit is not None and hit[1] is not None:
            ent = next((e for e in article.entities if e.id == hit[1]), None)
            return _entity_actor(article, ent, hit[0], hit[1], tok.text)
    kinds = ("PERSON",) if word in PERSONAL else ("ORG", "GPE", "NORP")
    before = [e for e in article.entities if e.type in kinds and e.end <= tok.idx and
              tok.idx - e.end < PRONOUN_WINDOW]
    if not before:
        return None
    ent = max(before, key=lambda e: e.end)
    return _entity_actor(article, ent, ent.text, ent.id, tok.text)


def _entity_actor(article: Article, ent: Any, name: str, ent_id: str | None,
                  said: str) -> Actor:
    hits = lookup_actor(name)
    country = next((h.country for _, _, h in hits if h.country), None)
    sector = next((h.sector for _, _, h in hits if h.sector), None)
    if ent is not None:
        ent_id = ent_id or ent.id
        if country is None:
            country, sector = _code_by_entity(article, ent.id, sector)
    return Actor(text=name or said, id=ent_id, country=country, sector=sector)


def _entity_at(article: Article, offset: int) -> Any | None:
    for e in article.entities:
        if e.start <= offset < e.end:
            return e
    return None


def _code_by_entity(article: Article, ent_id: str, sector: str | None
                    ) -> tuple[str | None, str | None]:
    """Code an entity through its other mentions in the document (same id)."""
    for e in article.entities:
        if e.id != ent_id:
            continue
        lo = max(0, e.start - TITLE_WINDOW)
        cut = max(article.text.rfind(p, lo, e.start) for p in ".,;:\n(")
        hits = [h for _, _, h in lookup_actor(article.text[max(lo, cut + 1):e.end]) if h.country]
        if hits:  # the title nearest the name ("Russian President Vladimir Putin")
            return hits[-1].country, sector or hits[-1].sector
    return None, sector
