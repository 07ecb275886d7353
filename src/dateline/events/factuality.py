"""Reported as fact, in progress, or alleged: a learned choice among the factual statuses.

The rules give every event a status (``dateline.events.status``; the events stage adds
``claimed`` where someone other than the actor is quoted saying it happened). For the three
factual statuses -- ``occurred``, ``ongoing``, ``claimed`` -- a multinomial logistic model
trained on the team corpus (``dateline train event_status``, ``events/factualitytrain.py``)
reads the rules' status and the trigger's grammar (tense and aspect, the verbs, adverbs and
prepositions that govern it: "accused of shooting", "allegedly", "police said") and picks one
of them. On team train the rules' ``claimed`` was right for 9 of 103 correct events: the
annotators keep a reporter's sourcing ("police said") as ``occurred`` and give ``claimed``
to allegations ("charged with killing"). The intent statuses (announced, ordered, promised,
threatened), ``hypothetical`` and ``denied`` stay the rules': too rare in the corpus to learn.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from dateline.events.lexicon import word_classes
from dateline.learn.persist import load_shipped

TASK = "event_status"
FACTUAL = ("occurred", "ongoing", "claimed")
OTHER = "other"  # any status the model may not choose (it then keeps the rules')
GOVERNOR_STEPS = 3  # how far up the parse a governing verb or noun is read
OWN_DEPS = frozenset({"aux", "auxpass", "neg", "advmod", "prep", "det", "poss", "agent"})


def status_features(head: Any, rule_status: str, attributed: bool, plover: bool,
                    in_quote: bool, first: bool) -> list[str]:
    """The words and grammar one status decision reads (strings; the model one-hot codes
    them)."""
    feats = [f"rule={rule_status}", f"attributed={int(attributed)}", f"plover={int(plover)}",
             f"in_quote={int(in_quote)}", f"first={int(first)}",
             f"tag={head.tag_}", f"dep={head.dep_}", f"lemma={head.lemma_.lower()}"]
    feats += [f"{c.dep_}={c.lower_}" for c in head.children if c.dep_ in OWN_DEPS]
    cur = head
    for step in range(GOVERNOR_STEPS):
        if cur.head.i == cur.i:
            break
        feats.append(f"via{step}={cur.dep_}")
        cur = cur.head
        feats.append(f"gov={cur.lemma_.lower()}")
        feats += [f"gov_{c.dep_}={c.lower_}" for c in cur.children
                  if c.dep_ in ("advmod", "neg", "aux", "auxpass")]
    alleging = word_classes().get("allegation", frozenset())
    words = {f.split("=", 1)[1] for f in feats if f.startswith(("gov=", "lemma=", "advmod=",
                                                                  "gov_advmod="))}
    return feats + [f"allegation={int(bool(words & alleging))}"]


@dataclass(frozen=True)
class StatusModel:
    """A multinomial logistic model over one-hot status features."""

    vocab: dict[str, int]
    coef: np.ndarray  # (features, classes)
    intercept: np.ndarray  # (classes,)
    classes: tuple[str, ...]

    def probabilities(self, feats: list[str]) -> np.ndarray:
        """P(class) for one event's features."""
        cols = [self.vocab[f] for f in set(feats) if f in self.vocab]
        scores = self.intercept + (self.coef[cols].sum(axis=0) if cols else 0.0)
        scores = np.exp(scores - scores.max())
        return scores / scores.sum()

    def decide(self, feats: list[str], rule_status: str) -> str:
        """The model's factual status, where the rules gave a factual one and the model's
        best class is one; else the rules' status."""
        if rule_status not in FACTUAL:
            return rule_status
        best = self.classes[int(self.probabilities(feats).argmax())]
        return best if best in FACTUAL else rule_status


@lru_cache(maxsize=1)
def load_status_model() -> StatusModel | None:
    """The shipped status model, loaded once per process (None when it is not shipped)."""
    saved = load_shipped(TASK)
    if saved is None:
        return None
    features = saved.meta["features"]
    return StatusModel({f: i for i, f in enumerate(features)}, saved.arrays["coef"],
                       saved.arrays["intercept"], tuple(saved.meta["classes"]))
