"""The learned antecedent of a pronoun actor ("he apologized": which person is "he"?).

For a pronoun that fills an event's source or target, every entity of the article mentioned
within ``WINDOW`` sentences before it (or later in its own sentence), and the speaker of the
quotation it stands in, is a candidate. A logistic model trained on the corpus's antecedent
layer (``dateline.events.antecedenttrain``) rates each candidate from its features: the
pronoun's person, number and gender against the entity's type and known gender, the distance
in sentences and the candidates between, whether the mention is a subject, how often the
entity was named before, whether it speaks the quotation, and the rule resolver's own choice
(``dateline.coref``). The best candidate is the antecedent when its chance reaches the model's
threshold; else the pronoun is no actor. ``dateline.coref.Resolver.resolve`` uses it for every
personal pronoun but "it" (``LEARNED``), so quotations' pronoun speakers take it too.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from dateline.gender import compatible, pronoun_gender
from dateline.learn.persist import load_shipped

TASK = "event_antecedents"
WINDOW = 3  # sentences before the pronoun's own
GROUPS = {"he": "he", "him": "he", "his": "he", "himself": "he", "she": "she", "her": "she",
          "hers": "she", "herself": "she", "it": "it", "its": "it", "itself": "it",
          "they": "they", "them": "they", "their": "they", "theirs": "they",
          "themselves": "they", "i": "i", "me": "i", "my": "i", "mine": "i", "myself": "i",
          "we": "we", "us": "we", "our": "we", "ours": "we", "ourselves": "we",
          "you": "you", "your": "you", "yours": "you", "yourself": "you"}
ACTOR_TYPES = ("PERSON", "ORG", "GPE", "NORP")
# the pronouns the model decides: "it" stays with the rules (8 train pronouns of the layer,
# none in dev: nothing to choose or check it on)
LEARNED = frozenset(w for w, g in GROUPS.items() if g != "it")


@dataclass(frozen=True)
class Candidate:
    """One entity that may be the pronoun's antecedent: its id and its nearest mention."""

    entity_id: str
    start: int
    end: int
    type: str


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    return next((str(e) for e in edges if n <= e), f">{edges[-1]}")


def _quote_of(article: Any, offset: int) -> Any | None:
    return next((q for q in article.quotes if q.start <= offset < q.end), None)


def candidates(resolver: Any, offset: int) -> list[Candidate]:
    """The entities that may be the antecedent of the pronoun at ``offset``: each one's
    mention nearest before the pronoun, else its first one after it in the pronoun's sentence."""
    sent = resolver.sentence_of(offset)
    best: dict[str, Candidate] = {}
    for m in resolver.mentions:
        if m.type not in ACTOR_TYPES or not sent - WINDOW <= m.sentence <= sent:
            continue
        if m.end <= offset or (m.sentence == sent and m.start > offset
                               and m.id not in best):
            best[m.id] = Candidate(m.id, m.start, m.end, m.type)
    quote = _quote_of(resolver.article, offset)
    if quote is not None and quote.speaker_id and quote.speaker_id not in best:
        ent = next((e for e in resolver.entities if e.id == quote.speaker_id), None)
        if ent is not None and ent.type in ACTOR_TYPES:
            best[ent.id] = Candidate(ent.id, ent.start, ent.end, ent.type)
    return list(best.values())


def features(resolver: Any, tok: Any, cands: list[Candidate], rule_id: str | None
             ) -> list[list[str]]:
    """One feature list per candidate of the pronoun token ``tok``."""
    word = tok.lower_
    group = GROUPS.get(word, "other")
    offset = tok.idx
    sent = resolver.sentence_of(offset)
    want = pronoun_gender(word)
    quote = _quote_of(resolver.article, offset)
    by_dist = sorted(cands, key=lambda c: abs(offset - c.start))
    rank = {c.entity_id: k for k, c in enumerate(by_dist)}
    typed = [c for c in by_dist if c.type == "PERSON"]
    person_rank = {c.entity_id: k for k, c in enumerate(typed)}
    subjects = {(m.start, m.id) for m in resolver.mentions if m.subject}
    named_before = Counter(m.id for m in resolver.mentions if m.end <= offset)
    out = []
    for c in cands:
        n_before = named_before[c.entity_id]
        sdist = sent - resolver.sentence_of(c.start)
        if c.type != "PERSON" or want is None:
            gender = "n/a"
        elif resolver.genders.get(c.start) is None:
            gender = "unknown"
        else:
            gender = "agree" if compatible(resolver.genders, c.start, want) else "clash"
        speaks = quote is not None and quote.speaker_id == c.entity_id
        inside = quote is not None and quote.start <= c.start < quote.end
        subj = (c.start, c.entity_id) in subjects
        f = [f"pron={group}", f"type={c.type}", f"pron+type={group}+{c.type}",
             f"sdist={min(sdist, 3)}", f"pron+sdist={group}+{min(sdist, 3)}",
             f"after={c.start > offset}", f"gender={gender}", f"pron+gender={group}+{gender}",
             f"subj={subj}", f"subj+sdist={subj}+{min(sdist, 3)}",
             f"count={_bucket(n_before, (0, 1, 2, 4))}", f"rank={min(rank[c.entity_id], 3)}",
             f"prank={min(person_rank.get(c.entity_id, 9), 3)}",
             f"pron+rank={group}+{min(rank[c.entity_id], 3)}",
             f"rule={rule_id == c.entity_id}", f"pron+rule={group}+{rule_id == c.entity_id}",
             f"speaks={speaks}", f"pron+speaks={group}+{speaks}", f"inquote={quote is not None}",
             f"same_quote={inside}", f"dep={tok.dep_}", f"dep+subj={tok.dep_}+{subj}"]
        out.append(f)
    return out


@dataclass(frozen=True)
class AntecedentModel:
    """A logistic model over one-hot (pronoun, candidate) features."""

    vocab: dict[str, int]
    coef: np.ndarray  # (features,)
    intercept: float
    threshold: float

    def probabilities(self, feats: list[list[str]]) -> np.ndarray:
        """P(the candidate is the antecedent), one per candidate."""
        scores = np.array([self.intercept + sum(self.coef[self.vocab[f]] for f in set(fs)
                                                if f in self.vocab) for fs in feats])
        return 1.0 / (1.0 + np.exp(-scores))

    def choose(self, feats: list[list[str]]) -> int | None:
        """The index of the antecedent among the candidates, or None."""
        if not feats:
            return None
        probs = self.probabilities(feats)
        best = int(probs.argmax())
        return best if probs[best] >= self.threshold else None


def antecedent(model: AntecedentModel, resolver: Any, tok: Any) -> Candidate | None:
    """The pronoun token's antecedent by the model, or None (no actor)."""
    cands = candidates(resolver, tok.idx)
    hit = resolver.rule_resolve(tok.idx, tok.idx + len(tok.text))
    pick = model.choose(features(resolver, tok, cands, hit[1] if hit else None))
    return cands[pick] if pick is not None else None


_RULES_ONLY = [False]


@contextmanager
def rules_only() -> Iterator[None]:
    """Within the block pronouns resolve by the rules (``active_model`` is None): training
    reads the pipeline's quotations, which must not depend on the model being trained."""
    _RULES_ONLY[0] = True
    try:
        yield
    finally:
        _RULES_ONLY[0] = False


def active_model() -> AntecedentModel | None:
    """The model pronouns resolve by: the shipped one, unless inside ``rules_only``."""
    return None if _RULES_ONLY[0] else load_antecedent_model()


@lru_cache(maxsize=1)
def load_antecedent_model() -> AntecedentModel | None:
    """The shipped model, loaded once per process (None when it is not shipped)."""
    saved = load_shipped(TASK)
    if saved is None:
        return None
    return AntecedentModel({f: i for i, f in enumerate(saved.meta["features"])},
                           saved.arrays["coef"], float(saved.meta["intercept"]),
                           float(saved.meta["threshold"]))
