"""Source and target of an event from the parse, coded with ISO3 country and PLOVER sector.

Source: the subject of the trigger (or of the frame/light verb that governs it, the agent of
a passive, the noun a relative clause modifies, a possessor for nominal triggers); pronoun
subjects resolve to the subject of a reporting verb or through ``article.entities`` ids.
Target: direct/indirect objects, then prepositional objects. Codes come from
``actors.tsv`` plus country names and capitals (see ``dateline.events.lexicon``).
"""
from __future__ import annotations

from typing import Any

from dateline.events.lexicon import lookup_actor
from dateline.events.status import ruling_frame
from dateline.events.triggers import Trigger, frame_chain
from dateline.model import Actor, Article

SUBJECT_DEPS = ("nsubj", "csubj", "expl")
OBJECT_DEPS = ("dobj", "dative", "attr", "oprd")
TARGET_PREPS = ("to", "with", "against", "on", "into", "from", "at", "in", "for", "of",
                "over", "toward", "towards", "upon", "near", "inside")
CUT_DEPS = {"relcl", "acl", "advcl", "punct", "ccomp", "parataxis", "mark"}
STATELESS_SECTORS = {"IGO", "NGO", "IMG"}
NOT_ACTOR_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
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
    if tok.tag_ == "VBN" or tok.pos_ == "ADJ":  # "Vietnam is committed to": a stative subject
        return next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    return None


def _inherited_subject(tok: Any) -> Any | None:
    """The subject of a verb, climbing control/coordination/relative-clause links."""
    cur = tok
    for _ in range(6):
        subj = _subject(cur)
        if subj is not None:
            return subj
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
    """A pronoun subject: the reporting verb's subject, else the entity it corefers with."""
    if tok.pos_ != "PRON":
        return tok
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
    if trig.entry.phrase == ("host",):
        return _first_object(head)  # manual: the visitor is the actor, the host the recipient
    if _obliged(head):
        return _reporter(head)
    frames = [g for g in frame_chain(trig) if g.frame != "light"]
    govs = [ruling_frame(frames)] if frames else []
    for gov in govs + [trig] + frame_chain(trig):
        tok = gov.head
        if tok.pos_ in ("NOUN", "PROPN"):
            poss = [c for c in tok.children if c.dep_ == "poss" and c.pos_ != "PRON"]
            if poss:
                return _resolve_pronoun(poss[0], article)
        subj = _inherited_subject(tok) if tok.pos_ not in ("NOUN", "PROPN") else None
        if subj is None and tok.pos_ in ("NOUN", "PROPN"):
            if tok.dep_ in ("dobj", "pobj", "nsubjpass"):
                subj = _inherited_subject(tok.head)
        if subj is not None:
            return _resolve_pronoun(subj, article)
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
    """Object and prepositional-object tokens of the act and of its light verbs."""
    heads = [trig.head] + [g.head for g in frame_chain(trig) if g.frame == "light"]
    out: list[Any] = []
    for h in heads:
        if trig.entry.phrase == ("host",):
            out.extend(c for c in h.children if c.dep_ in SUBJECT_DEPS)
            continue
        out.extend(c for c in h.children if c.dep_ == "nsubjpass")
        out.extend(c for c in h.children if c.dep_ in OBJECT_DEPS and c not in trig.tokens)
        for c in h.children:
            if c.dep_ in ("prep", "dative") and c.lower_ in TARGET_PREPS:
                out.extend(g for g in c.children if g.dep_ == "pobj")
            elif c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN"):
                out.append(c)
        for c in h.children:
            if c.dep_ in ("ccomp", "xcomp") and trig.entry.frame == "demand":
                out.extend(g for g in c.children if g.dep_ in ("nsubj", "nsubjpass"))
    if _obliged(trig.head):
        out = [c for c in trig.head.children if c.dep_ == "nsubj"] + out
    return out


def _author(noun: Any) -> list[Any]:
    """Who issued a proposal/appeal/ultimatum: by/from objects, a possessor, a nationality."""
    out = []
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
    demand = [g for g in chain if g.frame == "demand"]
    cands = _target_candidates(trig)
    if demand and demand[0] is not trig:
        cands = _target_candidates(demand[0]) + cands
    refusal = [g for g in chain if g.frame == "refuse"]
    if refusal:
        objs = [c for c in refusal[-1].head.children if c.dep_ in OBJECT_DEPS]
        nouns = [o for o in objs if o.pos_ in ("NOUN", "PROPN")]
        cands = [a for n in nouns for a in _author(n)] + cands
    if trig.head.pos_ == "NOUN":
        cands = _author(trig.head) + cands
    return [c for c in cands if c.ent_type_ not in NOT_ACTOR_ENTS]


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
    if len(keep) > MAX_ACTOR_TOKENS:
        keep = [t for t in keep if t.i <= tok.i and tok.i - t.i < MAX_ACTOR_TOKENS]
    return keep


def code_phrase(toks: list[Any], head: Any) -> tuple[str | None, str | None]:
    """ISO3 country and PLOVER sector of a phrase from the actor lexicon."""
    if not toks:
        return None, None
    doc = head.doc
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    text = doc.text[start:end]
    hits = lookup_actor(text)
    country = next((e.country for _, _, e in hits if e.country), None)
    head_off = head.idx - start
    sector = None
    for a, b, e in hits:
        if e.sector and a <= head_off < b:
            sector = e.sector
    if sector is None:
        sectors = [e.sector for _, _, e in hits if e.sector]
        sector = sectors[-1] if sectors else None
    if country is None and any(e.kind == "org" and e.sector in ("IGO", "NGO", "IMG")
                               for _, _, e in hits[:1]):
        country = None
    return country, sector


def sentence_countries(sent: Any) -> list[tuple[int, str]]:
    """(offset, ISO3) of every country-coded lexicon match in a sentence."""
    base = sent.start_char
    return [(base + a, e.country) for a, _, e in lookup_actor(sent.text) if e.country]


def make_actor(tok: Any | None, article: Article, places: dict[int, str],
               nearby: list[tuple[int, str]] | None = None) -> Actor | None:
    """An Actor for the phrase headed by ``tok`` (None when there is no token).

    Uncoded actors take, in order: the code of another mention of the same entity, the
    country of a resolved place inside the phrase, the nearest country named in the
    sentence (``nearby``; domestic actors are rarely given a nationality in news copy).
    """
    if tok is None:
        return None
    toks = phrase_tokens(tok)
    country, sector = code_phrase(toks, tok)
    ent = _entity_at(article, tok.idx)
    if country is None and ent is not None:
        country, sector = _code_by_entity(article, ent.id, sector)
    if country is None:
        country = next((places[t.idx] for t in toks if t.idx in places), None)
    if country is None and nearby and sector not in STATELESS_SECTORS and tok.pos_ != "PRON":
        country = min(nearby, key=lambda n: abs(n[0] - tok.idx))[1]
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    text = article.text[start:end].strip()
    for det in ("The ", "the ", "A ", "a ", "An ", "an "):
        text = text.removeprefix(det)
    return Actor(text=text, id=ent.id if ent else None, country=country, sector=sector)


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
        hits = lookup_actor(article.text[max(0, e.start - 40):e.end])
        for _, _, h in hits:
            if h.country:
                return h.country, sector or h.sector
    return None, sector
