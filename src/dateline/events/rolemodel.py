"""The learned source and target of an event among the actors of its sentence.

The rules (``dateline.events.roles``) read an event's source and target off the parse: the
subject, the objects, a few prepositions. Where the parse is unusual they give none or the
wrong phrase ("complaints about the actor", "Horton, who was killed in a strike"). Here every
noun, name or pronoun of the sentence that codes as an actor (``make_actor`` gives one: generic
nouns, numbers and clauses never do) is a candidate, and a logistic model per role, trained on
the team corpus (``dateline.events.roletrain``), rates each from its features: the dependency
path from the trigger (with the prepositions on it), the path with the trigger's part of speech,
voice, type and lemma, side and distance, the candidate's entity type, whether it is coded,
named, a place or a pronoun, and the rules' own choice (the rules' choice for the other role
is no candidate). The
model departs from the rules only when it is sure: another candidate replaces the rules' from
one chance (``override``), the rules' candidate is dropped below another (``drop``: the
annotation guide's null, not a guess), and where the rules give none the best candidate is
taken from a third (``fill``), all three chosen on team dev. The source is chosen first and
never also the target. OTHER events keep the rules' actors: no PLOVER reading says who did
them, and cross-document linking compares their actors (filled ones cost ECB+ dev links).
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from dateline.events.actorcodes import same_actor
from dateline.events.antecedents import AntecedentModel
from dateline.events.lexicon import is_act_noun
from dateline.events.roles import is_location
from dateline.learn.persist import load_shipped
from dateline.model import Actor

TASK = "event_roles"
ROLES = ("source", "target")
MAX_PATH = 4  # longer dependency paths are one feature value
CANDIDATE_POS = frozenset({"PROPN", "NOUN", "PRON"})
DIST_EDGES = (1, 2, 3, 5, 8, 13)
LABELLED_PREPS = frozenset({"prep", "agent"})  # path steps that keep their word ("prep:against")


@dataclass(frozen=True)
class RoleChooser:
    """One role's candidate scorer (a logistic model over one-hot features) and when its
    choice departs from the rules'."""

    scorer: AntecedentModel
    override: float  # another candidate replaces the rules' from this chance
    drop: float  # the rules' candidate below this chance is dropped (null)
    fill: float  # where the rules give none, the best candidate from this chance

    def choose(self, feats: list[list[str]], rule: int | None) -> int | None:
        """The index of the chosen candidate (``rule``: the rules' candidate), or None."""
        if not feats:
            return None
        probs = self.scorer.probabilities(feats)
        best = int(probs.argmax())
        if rule is None:
            return best if probs[best] >= self.fill else None
        if best != rule and probs[best] >= self.override:
            return best
        return None if probs[rule] < self.drop else rule


def rule_index(feats: list[list[str]]) -> int | None:
    """The index of the rules' candidate (featured ``rule=True``), or None."""
    return next((k for k, fs in enumerate(feats) if "rule=True" in fs), None)


@dataclass(frozen=True)
class RoleModel:
    """One chooser per role."""

    source: RoleChooser
    target: RoleChooser

    def of(self, role: str) -> RoleChooser:
        """The chooser of ``role``."""
        return self.source if role == "source" else self.target


def _step(tok: Any) -> str:
    return f"{tok.dep_}:{tok.lower_}" if tok.dep_ in LABELLED_PREPS else tok.dep_


def dep_path(start: Any, end: Any, limit: int = MAX_PATH) -> str:
    """The dependency path from ``start`` up to the common ancestor and down to ``end``
    ("vprep:about vpobj": ``end`` is the object of an "about" phrase under ``start``; "^relcl":
    ``end`` is the noun the relative clause of ``start`` modifies), "long" past ``MAX_PATH``
    steps."""
    up = [start]
    while up[-1].head.i != up[-1].i:
        up.append(up[-1].head)
    at = {t.i: k for k, t in enumerate(up)}
    down: list[Any] = []
    cur = end
    while cur.i not in at:
        down.append(cur)
        if cur.head.i == cur.i:
            return "apart"
        cur = cur.head
    steps = ["^" + _step(t) for t in up[:at[cur.i]]] + ["v" + _step(t) for t in reversed(down)]
    return "long" if len(steps) > limit else " ".join(steps) or "self"


def _bucket(n: int) -> str:
    return next((str(e) for e in DIST_EDGES if n <= e), f">{DIST_EDGES[-1]}")


def features(trig: Any, etype: str, cands: list[Any], actors: list[Actor], rule: Any,
             places: dict[int, str]) -> list[list[str]]:
    """One feature list per candidate token of one role of the event of ``trig``; ``rule`` and
    the rules' token for this role (or None)."""
    head = trig.head
    tpos = "V" if head.pos_ in ("VERB", "AUX") else "N" if head.pos_ in ("NOUN", "PROPN") \
        else "A"
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children)
    rank = {c.i: k for k, c in enumerate(sorted(cands, key=lambda c: abs(c.i - head.i)))}
    left = sorted((c.i for c in cands if c.i < head.i), reverse=True)
    right = sorted(c.i for c in cands if c.i > head.i)
    side_rank = {i: k for side in (left, right) for k, i in enumerate(side)}
    lemma = head.lemma_.lower()
    out = []
    for tok, actor in zip(cands, actors, strict=True):
        path = dep_path(head, tok, limit=99)
        steps = path.split()
        if len(steps) > MAX_PATH:
            path = "long"
        is_rule = rule is not None and tok.i == rule.i
        side = "L" if tok.i < head.i else "R"
        out.append([
            f"path={path}", f"tpos+path={tpos}+{path}", f"pass+path={passive}+{path}",
            f"type+path={etype}+{path}", f"trig+path={lemma}+{path}",
            f"rule+path={is_rule}+{path}", f"cdep={tok.dep_}", f"tpos+cdep={tpos}+{tok.dep_}",
            f"side+dist={side}+{_bucket(abs(tok.i - head.i))}", f"rank={min(rank[tok.i], 4)}",
            f"ent={tok.ent_type_ or '-'}", f"pos={tok.pos_}", f"coded={actor.country is not None}",
            f"sector={actor.sector is not None}", f"named={actor.id is not None}",
            f"rule={is_rule}", f"rule_null={rule is None}", f"rule+tpos={is_rule}+{tpos}",
            f"place={is_location(tok, places)}", f"type+rule={etype}+{is_rule}",
            f"noun={tok.lemma_.lower() if tok.pos_ == 'NOUN' else '-'}",
            f"side+srank={side}+{min(side_rank.get(tok.i, 9), 3)}",
            f"begin={' '.join(steps[:2])}", f"end={' '.join(steps[-2:])}"])
    return out


def candidates(trig: Any, sent: Any, code: Any, rule: Any = None, other: Any = None,
               skip: tuple[Actor | None, ...] = ()) -> tuple[list[Any], list[Actor]]:
    """The sentence's tokens that head an actor (``code(tok)`` gives one), outside the
    trigger and not naming an act, with their actors: the rules' token ``rule`` always among
    them, the rules' token for the other role (``other``) never, nor a token naming an actor
    of ``skip`` (the actor the other role took: never both source and target; then the
    speaker of the reporting verb above the trigger, who says it but did not act unless the
    rules say so)."""
    inside = {t.i for t in trig.tokens}
    toks, actors = [], []
    outside = [rule] if rule is not None and not sent.start <= rule.i < sent.end else []
    for tok in [*sent, *outside]:
        if rule is None or tok.i != rule.i:
            if tok.pos_ not in CANDIDATE_POS or tok.dep_ == "compound" or tok.i in inside \
                    or is_act_noun(tok) or (other is not None and tok.i == other.i):
                continue  # "the announced withdrawal" is an act, not an actor
        actor = code(tok)
        shut = skip[:1] if rule is not None and tok.i == rule.i else skip  # the rules may
        if actor is not None and not any(same_actor(actor, s) for s in shut):  # name speakers
            toks.append(tok)
            actors.append(actor)
    return toks, actors


def speaker_of(tok: Any, report_heads: set[int]) -> Any | None:
    """The subject of the nearest reporting verb above ``tok``: who says it, not who acted."""
    cur = tok
    while cur.head.i != cur.i:
        cur = cur.head
        if cur.i in report_heads:
            return next((c for c in cur.children if c.dep_ == "nsubj"), None)
    return None


_RECORD: list[list[Any]] = []
_RULES_ONLY = [False]


@contextmanager
def rules_only() -> Iterator[None]:
    """Within the block the rules alone choose sources and targets (to compare the two)."""
    _RULES_ONLY[0] = True
    try:
        yield
    finally:
        _RULES_ONLY[0] = False


@contextmanager
def recording() -> Iterator[list[tuple[Any, ...]]]:
    """Within the block every role decision is recorded as (spaCy doc, trigger start, trigger
    end, role, event type, candidate actors, their features), for training; the rules
    decide."""
    rows: list[Any] = []
    _RECORD.append(rows)
    try:
        yield rows
    finally:
        _RECORD.pop()


def decide(trig: Any, sent: Any, etype: str, places: dict[int, str],
           coders: dict[str, Any], rules: dict[str, tuple[Any, Actor | None]],
           reporter: Any = None) -> dict[str, Actor | None] | None:
    """The model's source and target for one event (None when no model decides: none is
    shipped, or the block is recording); ``coders`` codes a token per role, ``rules`` holds
    the rules' (token, actor) per role, ``reporter`` the subject of the reporting verb that
    introduces the event's clause."""
    model = None if _RECORD or _RULES_ONLY[0] or etype == "OTHER" else load_role_model()
    if model is None and not _RECORD:  # an OTHER event keeps the rules' actors (no PLOVER
        return None  # reading says who did it; linking compares them)
    t0 = min(t.idx for t in trig.tokens)
    t1 = max(t.idx + len(t.text) for t in trig.tokens)
    out: dict[str, Actor | None] = {}
    taken: Actor | None = None
    speaker = coders["source"](reporter) if reporter is not None else None
    for role in ROLES:
        rule_tok, rule_actor = rules[role]
        other_tok, other_actor = rules["target" if role == "source" else "source"]

        def code(tok: Any, role: str = role, rule_tok: Any = rule_tok,
                 rule_actor: Actor | None = rule_actor) -> Actor | None:
            if rule_tok is not None and tok.i == rule_tok.i:
                return rule_actor
            return coders[role](tok)
        toks, actors = candidates(trig, sent, code, rule_tok,
                                  other_tok if other_actor else None, (taken, speaker))
        feats = features(trig, etype, toks, actors, rule_tok if rule_actor else None, places)
        if _RECORD:
            _RECORD[-1].append((trig.head.doc.spacy, t0, t1, role, etype, actors, feats))
            continue
        assert model is not None
        pick = model.of(role).choose(feats, rule_index(feats))
        out[role] = actors[pick] if pick is not None else None
        taken = out[role]
    return out or None


@lru_cache(maxsize=1)
def load_role_model() -> RoleModel | None:
    """The shipped model, loaded once per process (None when it is not shipped)."""
    saved = load_shipped(TASK)
    if saved is None:
        return None
    return RoleModel(*(RoleChooser(
        AntecedentModel({f: i for i, f in enumerate(saved.meta[f"features_{r}"])},
                        saved.arrays[f"coef_{r}"], float(saved.meta[f"intercept_{r}"]), 0.0),
        *(float(saved.meta[f"{k}_{r}"]) for k in ("override", "drop", "fill")))
        for r in ROLES))
