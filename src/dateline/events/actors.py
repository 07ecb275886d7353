"""Actors of an event coded with ISO3 country and PLOVER sector, from the tokens
``dateline.events.roles`` finds: the phrase a token heads, its entity's fullest name, a
pronoun's antecedent, codes from ``actors.tsv`` plus country names and capitals (see
``dateline.events.lexicon``); a generic noun, a number or a clause is no actor.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from dateline.coref import canonical_name
from dateline.events.actorcodes import (
    STATELESS_SECTORS,
    code_phrase,
)
from dateline.events.antecedents import LEARNED, active_model
from dateline.events.lexicon import is_act_noun, lookup_actor
from dateline.gender import compatible, person_genders, pronoun_gender
from dateline.model import Actor, Article

FIRST_PERSON = {"i", "we", "me", "us", "our", "my"}
PERSONAL = {"he", "she", "him", "her", "his"}
TITLE_WINDOW = 40  # characters before a name searched for its title ("Russian Defense Minister")
PRONOUN_WINDOW = 600  # characters looked back for a pronoun's antecedent entity
CUT_DEPS = {"relcl", "acl", "advcl", "punct", "ccomp", "parataxis", "mark"}
AMOUNT_ENTS = frozenset({"PERCENT", "MONEY", "QUANTITY"})  # a share or a sum acts for no one
# Entity types that can act (a law, work or event, "the X Treaty", cannot)
ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
CANONICAL_ENTS = frozenset({"PERSON", "ORG"})  # actor text: the fullest name written for them
QUOTE_MARKS = "\"“”«»"  # quotation marks an actor phrase's edge may cut through
MAX_ACTOR_TOKENS = 12  # longer phrases are cut to the head's left modifiers (keeps text readable)


def phrase_tokens(tok: Any) -> list[Any]:
    """The noun phrase headed by ``tok``, without relative clauses, trailing clauses and a
    trailing adjective phrase ("the militants responsible for the bombing": the militants)."""
    keep: list[Any] = []

    def walk(t: Any) -> None:
        keep.append(t)
        for c in t.children:
            trailing_adj = c.dep_ == "amod" and c.i > t.i and any(
                g.dep_ == "prep" for g in c.children)
            if c.dep_ not in CUT_DEPS and not trailing_adj:
                walk(c)
    walk(tok)
    keep.sort(key=lambda t: t.i)
    return _one_segment(keep, tok)


SEPARATORS = ("-", "\u2013", "\u2014", ":", "|")  # with spaces around: "(Reuters) - Obama"


def _one_segment(toks: list[Any], head: Any) -> list[Any]:
    """The phrase cut at line breaks and spaced separators around its head: a headline,
    a dateline ("ORLANDO, Fla. (Reuters) - President Obama") or a speaker tag
    ("RAMOS: Secretary Clinton") is not part of the actor."""
    doc = head.doc
    lo, hi = toks[0].i, toks[-1].i
    for k in range(head.i - 1, lo - 1, -1):
        if _barrier(doc[k]):
            lo = k + 1
            break
    for k in range(head.i + 1, hi + 1):
        if _barrier(doc[k]):
            hi = k - 1
            break
    return [t for t in toks if lo <= t.i <= hi]


def _past_dateline(tok: Any) -> Any:
    """The name after a wire dateline that the parse made its head ("MACAU (Reuters) - Top
    donor Sheldon Adelson said": Adelson, not MACAU): an apposition that follows a spaced
    separator right after a closing parenthesis."""
    doc = tok.doc
    for c in tok.children:
        if c.dep_ != "appos" or c.i < tok.i + 2:
            continue
        seps = [k for k in range(tok.i + 1, c.i) if _barrier(doc[k]) and doc[k - 1].text == ")"]
        if seps:
            return c
    return tok


def _barrier(tok: Any) -> bool:
    return "\n" in tok.text or (tok.text in SEPARATORS and bool(tok.whitespace_))


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
    return with_nearby(coded_actor(tok, article, places, resolver), nearby)


# An actor as the phrase codes it, and where a country named nearby may still code it: the
# phrase's (start, end, head offset), or None when none may (coded, stateless, private, a
# pronoun)
Coded = tuple[Actor | None, tuple[int, int, int] | None]


def with_nearby(coded: Coded, nearby: list[tuple[int, str]] | None) -> Actor | None:
    """The coded actor, given the nearest country of ``nearby`` outside its phrase when it may
    take one."""
    actor, span = coded
    if actor is None or span is None or not nearby:
        return actor
    lo, hi, at = span
    outside = [n for n in nearby if not lo <= n[0] < hi]
    if not outside:
        return actor
    country = min(outside, key=lambda n: abs(n[0] - at))[1]
    return dataclasses.replace(actor, country=country)


def coded_actor(tok: Any | None, article: Article, places: dict[int, str],
                resolver: Any = None) -> Coded:
    """``make_actor`` before the sentence's countries: the actor and where they may code it."""
    if tok is None:
        return None, None
    tok = _past_dateline(tok)
    if tok.pos_ == "PRON":
        resolved = pronoun_actor(tok, article, resolver)
        if resolved is not None:
            return resolved, None
    if tok.like_num or tok.ent_type_ in AMOUNT_ENTS:  # "two of the officers", "13 percent"
        whole = _partitive_whole(tok)
        return (None, None) if whole is None else coded_actor(whole, article, places, resolver)
    toks = phrase_tokens(tok)
    country, sector = code_phrase(toks, tok)
    ent = _entity_at(article, tok.idx)
    ethnic = any(t.lower_ == "ethnic" for t in toks)  # coded by residence: skip the name's code
    if country is None and ent is not None and not ethnic:
        country, sector = _code_by_entity(article, ent.id, sector)
    if country is None:
        country = next((places[t.idx] for t in toks if t.idx in places), None)
    named = ent is not None and ent.type in ACTOR_ENTS or (
        _names_owner(article, tok) and not is_act_noun(tok))
    if not named and country is None and sector is None and not _lexicon_kinds(toks, tok):
        return None, None  # a generic noun, a number or a clause: no actor rather than a guess
    lo, hi = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    guess = (lo, hi, tok.idx) if (country is None and sector not in STATELESS_SECTORS
                                  and tok.pos_ != "PRON" and not _private_head(toks, tok)) \
        else None
    short = short_tokens(toks, tok)
    start, end = short[0].idx, short[-1].idx + len(short[-1].text)
    text = article.text[start:end].strip()
    for det in ("The ", "the ", "A ", "a ", "An ", "an "):
        text = text.removeprefix(det)
    if sum(text.count(q) for q in QUOTE_MARKS) % 2:  # a quotation the phrase cuts through
        text = text.strip(QUOTE_MARKS).strip()  # ('"significant portion' -> 'significant ...')
    if named and ent is not None and ent.type in CANONICAL_ENTS:
        text = canonical_name(article.entities, ent.id) or text  # "Jobs" -> "Steve Jobs"
    return Actor(text=text, id=ent.id if ent else None, country=country, sector=sector), guess


def may_resolve(tok: Any) -> bool:
    """Whether coding ``tok`` may ask the pronoun resolver: a pronoun, a number or share (its
    partitive whole may be one), or a head with an apposition (past a wire dateline)."""
    return (tok.pos_ == "PRON" or tok.like_num or tok.ent_type_ in AMOUNT_ENTS
            or any(c.dep_ == "appos" for c in tok.children))


def _partitive_whole(tok: Any) -> Any | None:
    """The whole a number or share is part of ("62 percent of Republicans": Republicans)."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            whole = next((g for g in c.children if g.dep_ == "pobj"), None)
            if whole is not None and not whole.like_num and whole.ent_type_ not in AMOUNT_ENTS:
                return whole
    return None


def _lexicon_kinds(toks: list[Any], head: Any) -> set[str]:
    """The kinds of the actor-lexicon entries in the phrase ("ethnic Albanians": nationality);
    a private person's noun counts only as the head ("a woman", not "a family foundation")."""
    if not toks:
        return set()
    head_off = head.idx - toks[0].idx
    return {e.kind for a, b, e in lookup_actor(toks[0].doc[toks[0].i:toks[-1].i + 1].text)
            if e.kind != "private" or a <= head_off < b}


def _private_head(toks: list[Any], head: Any) -> bool:
    """A private person ("a woman", "three teenagers"): a country named nearby is no
    nationality for them (a guess that would keep two reports of one shooting apart)."""
    return "private" in _lexicon_kinds(toks, head)


def _names_owner(article: Article, head: Any) -> bool:
    """A modifier names an actor ("Apple executives", "the head of the RNC's committee")."""
    mods = [c for c in head.children if c.dep_ in ("compound", "poss", "nmod", "amod")]
    mods += [t for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
             for g in c.children if g.dep_ == "pobj" for t in g.subtree]
    return any((e := _entity_at(article, m.idx)) is not None and e.type in ACTOR_ENTS
               for m in mods)


def pronoun_actor(tok: Any, article: Article, resolver: Any = None) -> Actor | None:
    """Resolve a pronoun actor: they/them -> a plural subject earlier in the sentence; else,
    with the resolver, the learned antecedent (``dateline.events.antecedents``) or null;
    without the shipped model, ``rule_pronoun_actor``."""
    word = tok.lower_
    if word in ("they", "them", "their"):
        plural = [t for t in tok.sent if t.i < tok.i and t.tag_ in ("NNS", "NNPS")
                  and t.dep_ in ("nsubj", "nsubjpass")]
        if plural:
            return make_actor(plural[-1], article, {})
    if active_model() is None or resolver is None or word not in LEARNED:
        return rule_pronoun_actor(tok, article, resolver)
    hit = resolver.resolve(tok.idx, tok.idx + len(tok.text))  # by the learned model
    if hit is None or hit[1] is None:
        return None
    ent = next((e for e in article.entities if e.id == hit[1]), None)
    return _entity_actor(article, ent, hit[0] or (ent.text if ent else ""), hit[1], tok.text)


def rule_pronoun_actor(tok: Any, article: Article, resolver: Any = None) -> Actor | None:
    """The rules' antecedent of a pronoun actor: I/we inside a quote -> the speaker; else
    ``dateline.coref`` (when given), else, for he/she only, the nearest preceding person whose
    known gender (``dateline.gender``) does not disagree; any other pronoun is null."""
    word = tok.lower_
    if word in FIRST_PERSON:
        for q in article.quotes:
            if q.start <= tok.idx < q.end and (q.speaker or q.speaker_id):
                ent = _entity_at(article, q.speaker_start) if q.speaker_start is not None else None
                return _entity_actor(article, ent, q.speaker or "", q.speaker_id, tok.text)
        return None
    if resolver is not None:
        hit = resolver.rule_resolve(tok.idx, tok.idx + len(tok.text))
        if hit is not None and hit[1] is not None:
            ent = next((e for e in article.entities if e.id == hit[1]), None)
            return _entity_actor(article, ent, hit[0], hit[1], tok.text)
    if word not in PERSONAL:  # "it", "that", "you", "something": the nearest name is a guess
        return None
    genders = getattr(resolver, "genders", None)
    if genders is None:
        genders = person_genders(article)
    want = pronoun_gender(word)
    before = [e for e in article.entities if e.type == "PERSON" and e.end <= tok.idx and
              tok.idx - e.end < PRONOUN_WINDOW and compatible(genders, e.start, want)]
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
