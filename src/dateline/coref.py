"""A light in-document resolver: names, learned titles, descriptions and pronouns.

Shared by the entity, quote and event stages. ``Resolver(article)`` reads the article's
entities (with their ids) and its spaCy ``Doc``; it learns roles from the article itself
("Russian President Vladimir Putin" teaches that "the Russian president" is Putin; "Army
Colonel Rob Manning, a Pentagon spokesman" teaches the apposition) and resolves a span to
``(canonical_name, entity_id)``. No model, no network: lexicons and the dependency parse.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from dateline.gender import compatible, person_genders, pronoun_gender
from dateline.lexicon import read_lexicon
from dateline.model import Article, Entity

# A pronoun looks this many sentences back for its antecedent (its own sentence is 0);
# calibrated on the seed article, where "He gave no ... time frame" follows its antecedent
# "the Russian president" by one sentence and no seed pronoun needs more than two.
PRONOUN_WINDOW = 2
# How far left of a name's comma a reversed apposition's title may start, in tokens
# ("the commander of Russian forces in Syria, Sergei Surovikin" needs 6).
APPOS_REACH = 9
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
NOUN_LINKS = frozenset({"compound", "poss", "amod", "flat", "case"})
NAME_PARTICLE = re.compile(r"^(?:al|el|ul|ad|as|an|at|ash)-", re.IGNORECASE)
POSSESSIVE = re.compile(r"(?:['\u2019]s|(?<=s)['\u2019])$")
DETERMINERS = frozenset({"the", "a", "an"})


@lru_cache(maxsize=16)
def load_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a lexicon TSV (read once per process)."""
    return tuple(read_lexicon(name))


@lru_cache(maxsize=1)
def titles() -> dict[str, str]:
    """Title word -> the entity type a description headed by it refers to."""
    return {r["word"]: r["type"] for r in load_tsv("titles.tsv")}


@lru_cache(maxsize=1)
def voices() -> frozenset[str]:
    """Nouns through which an organisation speaks ("a Kremlin statement")."""
    return frozenset(r["word"] for r in load_tsv("titles.tsv") if r["kind"] == "voice")


@lru_cache(maxsize=1)
def pronouns() -> dict[str, str]:
    """Pronoun -> agreement class (PERSON, ORG, PLURAL)."""
    return {r["word"]: r["agrees"] for r in load_tsv("pronouns.tsv")}


def strip_possessive(text: str) -> str:
    """'Putin's' -> 'Putin'; 'officials'' -> 'officials'."""
    return POSSESSIVE.sub("", text) if len(text) > 2 else text


def surname_key(text: str) -> str:
    """The last name of a person's name, lower case, without 'al-' or a possessive."""
    words = strip_possessive(text).split()
    return NAME_PARTICLE.sub("", words[-1]).lower() if words else ""


def canonical_name(entities: list[Entity], entity_id: str) -> str | None:
    """The fullest name an article writes for an entity id (named mentions first)."""
    names = [e.text for e in entities if e.id == entity_id]
    named = [n for n in names if n[:1].isupper() and n.split()[0].lower()
             not in DETERMINERS] or names
    return max((strip_possessive(n) for n in named), key=len, default=None)


@dataclass(frozen=True, slots=True)
class Mention:
    """A resolvable mention: an entity span plus where it sits in the parse."""

    start: int
    end: int
    id: str
    type: str
    sentence: int
    subject: bool


class Resolver:
    """Resolve spans of one article to its entities (see module docstring)."""

    def __init__(self, article: Article):
        self.article = article
        self.doc = article.doc
        self.entities = sorted(article.entities, key=lambda e: (e.start, e.end))
        self._sent_starts = [s.start for s in article.sentences]
        self.mentions = [self._mention(e) for e in self.entities]
        self.roles: dict[str, set[str]] = defaultdict(set)
        self.appositions: list[Entity] = []
        if self.doc is not None:
            self._learn_roles()
        self.genders = person_genders(article, self.roles)

    # ------------------------------------------------------------------ set-up
    def sentence_of(self, offset: int) -> int:
        """Index of the sentence holding a character offset."""
        lo, hi = 0, len(self._sent_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._sent_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def _tokens(self, start: int, end: int) -> list[Any]:
        span = self.doc.char_span(start, end, alignment_mode="expand") if self.doc else None
        return list(span) if span is not None else []

    def _mention(self, ent: Entity) -> Mention:
        return Mention(ent.start, ent.end, ent.id, ent.type, self.sentence_of(ent.start),
                       any(is_subject(t) for t in self._tokens(ent.start, ent.end)))

    def _learn_roles(self) -> None:
        for ent in self.entities:
            if ent.type != "PERSON" or not ent.id:
                continue
            toks = self._tokens(ent.start, ent.end)
            if not toks:
                continue
            self.roles[ent.id] |= prefix_role(toks[0])
            for found in self._appositions(ent, toks):
                self.roles[ent.id] |= {w.lower() for w in found.text.split()}
                self.appositions.append(found)

    def _appositions(self, ent: Entity, toks: list[Any]) -> list[Entity]:
        found = []
        for tok in toks:
            for child in tok.children:
                if child.dep_ == "appos" and child.lemma_.lower() in titles() \
                        and child.i > toks[-1].i:
                    left, right = child.left_edge, child.right_edge
                    while right.is_punct and right.i > left.i:
                        right = right.nbor(-1)
                    found.append(self._entity(left.idx, right.idx + len(right), ent))
        before = toks[0].i - 1
        if before > 0 and self.doc[before].text == "," and toks[-1].dep_ == "appos":
            title = reversed_appos_title(self.doc, before)
            if title is not None:
                found.append(self._entity(title.idx, self.doc[before].idx, ent))
        return found

    def _entity(self, start: int, end: int, like: Entity) -> Entity:
        return Entity(start, end, self.article.text[start:end], like.type, like.id)

    # ------------------------------------------------------------------ queries
    def canonical(self, entity_id: str) -> str | None:
        """The fullest name written for an entity id (named mentions first)."""
        return canonical_name(self.entities, entity_id)

    def entity_in(self, start: int, end: int) -> Entity | None:
        """The entity a span is or contains: a person first, else the last one inside."""
        inside = [e for e in self.entities if e.start >= start and e.end <= end]
        over = inside or [e for e in self.entities if e.start < end and e.end > start]
        people = [e for e in over if e.type == "PERSON"]
        pick = people or [e for e in over if e.type in ("ORG", "GPE", "NORP")] or over
        return pick[-1] if pick else None

    def resolve(self, start: int, end: int) -> tuple[str, str | None] | None:
        """``(canonical_name, entity_id)`` for a mention span, or None when unknown. A personal
        pronoun takes the learned antecedent (``dateline.events.antecedents``, when shipped),
        which reads ``rule_resolve`` as one of its features."""
        learned = _pronoun_model()
        if learned is None or (tok := self._pronoun_token(start, end)) is None:
            return self.rule_resolve(start, end)
        from dateline.events.antecedents import antecedent
        cand = antecedent(learned, self, tok)
        return (self.canonical(cand.entity_id) or "", cand.entity_id) if cand else None

    def _pronoun_token(self, start: int, end: int) -> Any | None:
        """The token of a span that is one personal pronoun the learned model reads."""
        from dateline.events.antecedents import LEARNED
        toks = self._tokens(start, end)
        if len(toks) != 1 or toks[0].lower_ not in LEARNED:
            return None
        return toks[0]

    def rule_resolve(self, start: int, end: int) -> tuple[str, str | None] | None:
        """``resolve`` by the rules alone: the most recent compatible mention for a pronoun."""
        text = self.article.text[start:end].strip()
        agree = pronouns().get(text.lower())
        if agree is not None:
            ante = self.antecedent(start, agree, pronoun_gender(text))
            return (self.canonical(ante.id) or "", ante.id) if ante else None
        ent = self.entity_in(start, end)
        if ent is not None and self._heads(ent, start, end):
            return self.canonical(ent.id) or ent.text, ent.id
        desc = self.describe(start, end)
        if desc is not None:
            return self.canonical(desc) or "", desc
        return None

    def _heads(self, ent: Entity, start: int, end: int) -> bool:
        """Whether an entity is the head of a mention, or a title/voice noun's owner
        ("White House spokesman Josh Earnest", "a brief Kremlin statement")."""
        toks = self._tokens(start, end)
        roots = [t for t in toks if not start <= t.head.idx < end or t.head is t]
        if not roots:
            return True
        root = roots[0]
        return ent.start <= root.idx < ent.end or (
            ent.type == "ORG" and root.lemma_.lower() in voices())

    def antecedent(self, offset: int, agree: str, gender: str | None = None) -> Mention | None:
        """The most recent compatible mention before ``offset``, subjects preferred; with a
        ``gender`` (m/f), a person the article shows to be of the other gender is skipped."""
        sent = self.sentence_of(offset)
        types = {"PERSON": ("PERSON",), "ORG": ("ORG",),
                 "PLURAL": ("ORG", "NORP", "GPE")}.get(agree, ())
        pool = [m for m in self.mentions if m.end <= offset and m.type in types
                and sent - PRONOUN_WINDOW <= m.sentence <= sent
                and (m.type != "PERSON" or compatible(self.genders, m.start, gender))]
        subjects = [m for m in pool if m.subject]
        pick = subjects or pool
        best = max(pick, key=lambda m: (m.sentence, m.start)) if pick else None
        if best is not None and agree == "ORG" and self._common_subject_between(best, offset):
            return None  # "the industry ... it will be viable": a thing no name stands for
        return best

    def _common_subject_between(self, mention: Mention, offset: int) -> bool:
        """Whether a singular common-noun subject outside every entity sits between a
        mention and a pronoun in the pronoun's sentence (the nearer antecedent of "it")."""
        if self.doc is None:
            return False
        start = self.article.sentences[self.sentence_of(offset)].start
        span = self.doc.char_span(max(start, mention.end), offset, alignment_mode="contract")
        return span is not None and any(
            t.dep_ in SUBJECT_DEPS and t.tag_ == "NN" and not t.ent_type_ for t in span)

    def describe(self, start: int, end: int) -> str | None:
        """The person id a description ("the Russian president") refers to, if any."""
        toks = [t for t in self._tokens(start, end) if not t.is_punct]
        heads = [t for t in toks if t.lemma_.lower() in titles() and t.tag_ in ("NN", "NNP")]
        if not heads or toks[0].lower_ not in DETERMINERS:
            return None
        head = heads[-1]
        mods = {t.lower_ for t in toks if t.i < head.i and t.lower_ not in DETERMINERS}
        want = mods | {head.lemma_.lower()}
        fits = [m for m in self.mentions if m.type == "PERSON" and want <= self.roles[m.id]]
        before = [m for m in fits if m.end <= start]
        pick = before[-1] if before else (fits[0] if fits else None)
        return pick.id if pick else None


def _pronoun_model() -> Any | None:
    """The shipped antecedent model of pronouns, or None (imported lazily: it lives with the
    events, whose actors it was trained on)."""
    from dateline.events.antecedents import active_model
    return active_model()


def is_subject(tok: Any) -> bool:
    """Whether a token is, or modifies the head of, a clause subject."""
    while tok.dep_ in NOUN_LINKS and tok.head is not tok:
        tok = tok.head
    return tok.dep_ in SUBJECT_DEPS


def prefix_role(first: Any) -> set[str]:
    """Lower-case words of a title written before a name ("Russian Defense Minister")."""
    words: list[str] = []
    tok = first
    while tok.i > 0:
        tok = tok.nbor(-1)
        if tok.dep_ not in ("compound", "amod", "nmod") or not tok.text[:1].isupper():
            break
        words.append(tok.lower_)
    return set(words) if set(words) & set(titles()) else set()


def reversed_appos_title(doc: Any, comma: int) -> Any | None:
    """The determiner opening "the commander of ..., NAME" left of the comma, if any."""
    for i in range(comma - 1, max(-1, comma - APPOS_REACH), -1):
        tok = doc[i]
        if tok.is_sent_start or tok.text in (",", ";", ":") or tok.is_quote:
            return None
        if tok.lemma_.lower() in titles() and tok.tag_ in ("NN", "NNP") and i > 0 \
                and doc[i - 1].lower_ in DETERMINERS:
            return doc[i - 1]
    return None


def descriptions(article: Article, resolver: Resolver | None = None) -> list[Entity]:
    """Nominal mentions of named people ("the Russian president") as entities with their id."""
    res = resolver or Resolver(article)
    if article.doc is None:
        return []
    found = list(res.appositions)
    people = [e for e in article.entities if e.type == "PERSON"]
    for chunk in article.doc.noun_chunks:
        start, end = chunk.start_char, chunk.root.idx + len(chunk.root)
        if any(e.start < end and e.end > start for e in people) \
                or any(e.start < end and e.end > start for e in found):
            continue
        pid = res.describe(start, end)
        if pid is not None:
            found.append(Entity(start, end, article.text[start:end], "PERSON", pid))
    return found
