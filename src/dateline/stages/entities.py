"""The entity stage: spaCy NER spans, corrected, with one id per real entity in a document.

Spans come from ``article.doc.ents`` (offsets already index the stored text). Fixes: type
corrections and drops from ``lexicons/entity_fixes.tsv``; a leading lower-case "the" (or a
sentence-initial "The") and a possessive "'s" are left outside names; a one-word
organisation that only prefixes a title ("Defense" in "Defense Minister") is dropped;
acronyms defined in parentheses ("Islamic State (IS)") join their name. Ids: people by
surname (the most recent full name wins), others by normalised text or initials. Finally
the coref module adds descriptions ("the Russian president") with the person's id.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any

from spacy.attrs import IDX, LENGTH

from dateline.config import Settings
from dateline.coref import Resolver, descriptions, load_tsv, strip_possessive, surname_key, titles
from dateline.model import Article, Entity
from dateline.textnorm import match_text
from dateline.vocab import Fact

NAMED_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT",
                         "WORK_OF_ART", "LAW", "LANGUAGE"})
ACRONYM_DEF = re.compile(r"\(([A-Z][A-Z.]{1,7})\)")
Raw = tuple[int, int, str]  # start, end, type


def _fixes() -> dict[str, list[dict[str, str]]]:
    by_text: dict[str, list[dict[str, str]]] = {}
    for row in load_tsv("entity_fixes.tsv"):
        by_text.setdefault(row["text"], []).append(row)
    return by_text


def trim(doc: Any, start_tok: int, end_tok: int) -> tuple[int, int]:
    """Token bounds of a name without a leading article, a possessive or a model number."""
    while start_tok < end_tok and (doc[start_tok].lower_ == "the" and (
            doc[start_tok].text == "the" or doc[start_tok].is_sent_start
            or start_tok == 0 or doc[start_tok - 1].is_quote or "\n" in doc[start_tok - 1].text)):
        start_tok += 1
    for i in range(start_tok + 1, end_tok):
        if any(c.isdigit() for c in doc[i].text):
            j = i
            while j > start_tok + 1 and not doc[j - 1].whitespace_:
                j -= 1
            end_tok = j
            break
    while end_tok > start_tok and (doc[end_tok - 1].tag_ == "POS" or doc[end_tok - 1].is_punct):
        end_tok -= 1
    return start_tok, end_tok


def _title_prefix(doc: Any, end_tok: int, label: str) -> bool:
    if label != "ORG" or end_tok >= len(doc):
        return False
    nxt = doc[end_tok]
    return nxt.lower_ in titles() and nxt.text[:1].isupper()


def raw_spans(doc: Any) -> list[Raw]:
    """Corrected (start, end, type) spans from the model's named entities."""
    fixes = _fixes()
    out: list[Raw] = []
    for ent in doc.ents:
        if ent.label_ not in NAMED_TYPES:
            continue
        s, e = trim(doc, ent.start, ent.end)
        if s >= e or _title_prefix(doc, e, ent.label_):
            continue
        span = doc[s:e]
        label = ent.label_
        for row in fixes.get(span.text, []):
            if row["from_type"] in ("*", label):
                label = row["to_type"] if row["action"] == "retype" else "DROP"
        if label != "DROP":
            out.append((span.start_char, span.end_char, label))
    return out


def added_spans(text: str, taken: list[Raw]) -> list[Raw]:
    """Lexicon 'add' names and parenthesised acronyms the model missed."""
    out: list[Raw] = []
    for row in load_tsv("entity_fixes.tsv"):
        if row["action"] == "add":
            for m in re.finditer(rf"\b{re.escape(row['text'])}\b", text):
                out.append((m.start(), m.end(), row["to_type"]))
    for m in ACRONYM_DEF.finditer(text):
        before = [r for r in taken if r[1] <= m.start() and m.start() - r[1] <= 2]
        if before:
            out.append((m.start(1), m.end(1), before[-1][2]))
    return [r for r in out if not any(t[0] < r[1] and t[1] > r[0] for t in taken)]


def initials(name: str) -> str:
    """'Islamic State' -> 'IS'; 'United Nations' -> 'UN'."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def norm_key(text: str) -> str:
    """Identity key of a non-person name: lower case, no article, no possessive, no dots."""
    words = strip_possessive(text).replace(".", "").lower().split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


class _Clusters:
    """Assigns ids to spans in text order."""

    def __init__(self, text: str):
        self.text = text
        self.ids: dict[str, str] = {}     # key -> id
        self.people: list[tuple[str, str, str]] = []  # (full key, surname, id), in order
        self.count = 0

    def _new(self) -> str:
        self.count += 1
        return f"E{self.count}"

    def person(self, span: str) -> str:
        full, last = strip_possessive(span).lower(), surname_key(span)
        for key, sur, pid in reversed(self.people):
            if key == full or (sur == last and (len(full.split()) == 1 or len(key.split()) == 1)):
                if len(full.split()) > len(key.split()):
                    self.people.append((full, last, pid))
                return pid
        pid = self._new()
        self.people.append((full, last, pid))
        return pid

    def other(self, span: str) -> str:
        key = norm_key(span)
        if key not in self.ids:
            self.ids[key] = self._new()
            if " " in key and len(initials(span)) > 1:
                self.ids.setdefault(initials(span).lower(), self.ids[key])
        return self.ids[key]

    def assign(self, spans: list[Raw]) -> list[Entity]:
        """Entities with ids for spans sorted by position."""
        out = []
        for s, e, label in sorted(spans):
            span = self.text[s:e]
            eid = self.person(span) if label == "PERSON" else self.other(span)
            out.append(Entity(s, e, span, label, eid))
        return out


def missed_mentions(doc: Any, ents: list[Entity], text: str | None = None) -> list[Raw]:
    """Bare mentions of a known person's surname or a known acronym that the model missed.

    ``text``: the text the doc was parsed from, when the caller has it (else ``doc.text``).
    """
    people = {surname_key(e.text) for e in ents if e.type == "PERSON"}
    acronyms = {e.text: e.type for e in ents if e.text.isupper() and len(e.text) > 1}
    text = doc.text if text is None else text
    covered = bytearray(max([len(text)] + [e.end for e in ents]) + 1)
    for e in ents:  # characters inside a found entity, marked once (not per token)
        covered[e.start:e.end] = b"\x01" * (e.end - e.start)
    out: list[Raw] = []
    for idx, length in doc.to_array([IDX, LENGTH]).tolist():  # no Token objects
        if covered[idx]:
            continue
        word = text[idx:idx + length]
        if word in acronyms:
            out.append((idx, idx + length, acronyms[word]))
        elif word.istitle() and surname_key(word) in people:
            out.append((idx, idx + length, "PERSON"))
    return out


def unify_types(ents: list[Entity]) -> list[Entity]:
    """Give each id its majority type (a surname once tagged ORG stays a PERSON)."""
    votes: dict[str, Counter[str]] = {}
    for e in ents:
        votes.setdefault(e.id, Counter())[e.type] += 1
    return [Entity(e.start, e.end, e.text, votes[e.id].most_common(1)[0][0], e.id)
            for e in ents]


class EntityStage:
    """Named entities with in-document ids and resolved descriptions."""

    name = "entities"
    requires = frozenset({Fact.NER, Fact.SENTENCES, Fact.TOKENS})
    produces = frozenset({Fact.ENTITIES})

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()

    def __call__(self, article: Article) -> Article:
        """Fill ``article.entities``."""
        doc = article.doc
        if doc is None:
            article.entities = []
            return article
        spans = raw_spans(doc)
        spans += added_spans(article.text, spans)
        people = {surname_key(article.text[s:e]) for s, e, t in spans if t == "PERSON"}
        spans = [(s, e, "PERSON" if t != "PERSON" and " " not in article.text[s:e]
                  and surname_key(article.text[s:e]) in people else t) for s, e, t in spans]
        ents = _Clusters(article.text).assign(spans)
        extra = missed_mentions(doc, ents, match_text(article.text))
        if extra:
            ents = _Clusters(article.text).assign(spans + extra)
        article.entities = unify_types(ents)
        nominal = descriptions(article, Resolver(article))
        article.entities = sorted(article.entities + nominal, key=lambda e: (e.start, e.end))
        return article
