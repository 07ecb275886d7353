"""A person's grammatical gender in one article, from evidence only; unknown otherwise.

Each PERSON entity id gathers votes (``m``/``f``) from its mentions: a courtesy title right
before or at the start of a mention ("Mr. Trump", "Ms. Martin"), a gendered role word right
before it, as its apposition or learned by the resolver as its role ("spokeswoman Jen Psaki",
"Melania, his wife"; ``gender_words.tsv``), and the given name of a full name ("Hillary
Clinton") in ``given_names.tsv``, a table learned from train text
(``python -m dateline.learn.given_names``). An id whose votes disagree (one id for "Bill
Clinton" and "Mrs. Clinton") or that has none has no gender; each mention takes its id's.
Used by ``dateline.coref`` and the events actor fallback: a gendered pronoun skips only a
person of the other gender.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from dateline.lexicon import read_lexicon
from dateline.model import Article, Entity

GENDERS = ("m", "f")
NOT_NAMES = frozenset({"the", "a", "an", "this", "that", "former", "late", "new"})


@lru_cache(maxsize=1)
def gender_words() -> dict[str, tuple[str, str]]:
    """Word (lower case, no full stop) -> (gender, kind) from ``gender_words.tsv``."""
    return {r["word"]: (r["gender"], r["kind"]) for r in read_lexicon("gender_words.tsv")}


@lru_cache(maxsize=1)
def given_names() -> dict[str, str]:
    """Given name (lower case) -> gender, from the learned ``given_names.tsv``."""
    return {r["name"]: r["gender"] for r in read_lexicon("given_names.tsv")}


@lru_cache(maxsize=1)
def pronoun_genders() -> dict[str, str]:
    """Pronoun -> gender (``m``/``f``) for the gendered ones in ``pronouns.tsv``."""
    return {r["word"]: r["gender"] for r in read_lexicon("pronouns.tsv") if r["gender"]}


def pronoun_gender(word: str) -> str | None:
    """The gender a pronoun demands ("she" -> ``f``), or None ("it", "they")."""
    return pronoun_genders().get(word.strip().lower())


def honorific(word: str) -> str | None:
    """The gender of a courtesy title ("Mr.", "Mrs", "Ms.") or None."""
    hit = gender_words().get(word.strip().rstrip(".").lower())
    return hit[0] if hit and hit[1] == "honorific" else None


def first_name(text: str) -> str | None:
    """The given name of a full person name, lower case ("Donald Trump" -> "donald"); None
    for a single word, an initial ("J. Smith") or a name opened by a title or determiner."""
    words = text.split()
    if len(words) < 2:
        return None
    first = words[0]
    if not first.isalpha() or not first[:1].isupper() or len(first) < 2 or \
            first.isupper() or first.lower() in gender_words() or first.lower() in NOT_NAMES:
        return None
    return first.lower()


def _word_votes(doc: Any, ent: Entity) -> list[tuple[str, str]]:
    """(gender, kind) votes from the words at and around one mention: its own first word,
    the word before it (past a full stop: "Mr . Smith"), a noun it is in apposition with."""
    span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
    if span is None or not len(span):
        return []
    votes = []
    own = honorific(span[0].text)
    if own:
        votes.append((own, "honorific"))
    i = span.start - 1
    if i > 0 and doc[i].text == ".":
        i -= 1
    if i >= 0:
        hit = gender_words().get(doc[i].lower_.rstrip("."))
        if hit and (hit[1] != "honorific" or doc[i].text[:1].isupper()):
            votes.append(hit)
    root = span.root
    links = [c for c in root.children if c.dep_ == "appos" and c.i >= span.end]
    if root.dep_ == "appos" and root.head.i < span.start:
        links.append(root.head)
    for tok in links:
        hit = gender_words().get(tok.lemma_.lower())
        if hit and hit[1] != "honorific":
            votes.append(hit)
    return votes


def person_genders(article: Article,
                   roles: Mapping[str, Iterable[str]] | None = None) -> dict[int, str]:
    """Start offset of each PERSON mention -> ``m``/``f`` where its id's evidence agrees (see
    the module docstring); ``roles`` are words the resolver learned for an id (its titles).
    A bare one-word mention ("Clinton") of an id gendered by a kin word ("his wife Hillary
    Clinton") stays unknown unless titled itself: the entity stage may have merged it with a
    relative of the same surname."""
    votes: dict[str, set[str]] = defaultdict(set)
    kin: set[str] = set()
    own: dict[int, str] = {}
    people = [e for e in article.entities if e.type == "PERSON" and e.id]
    for ent in people:
        name = first_name(ent.text)
        if name and name in given_names():
            votes[ent.id].add(given_names()[name])
        for gender, kind in _word_votes(article.doc, ent) if article.doc is not None else []:
            votes[ent.id].add(gender)
            if kind == "family":
                kin.add(ent.id)
            elif kind == "honorific":
                own[ent.start] = gender
    for eid, words in (roles or {}).items():
        for word in words:
            hit = gender_words().get(word)
            if hit and hit[1] == "role" and eid in votes:
                votes[eid].add(hit[0])
    by_id = {eid: next(iter(v)) for eid, v in votes.items() if len(v) == 1}
    out = {}
    for ent in people:
        have = by_id.get(ent.id)
        if have is None or (ent.id in kin and len(ent.text.split()) == 1
                            and ent.start not in own):
            continue
        out[ent.start] = have
    return out


def compatible(genders: Mapping[int, str], start: int, want: str | None) -> bool:
    """Whether the person mention starting at ``start`` may be the antecedent of a pronoun
    of gender ``want``: yes unless the article shows the other gender (unknown is eligible)."""
    have = genders.get(start)
    return want is None or have is None or have == want
