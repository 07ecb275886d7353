"""The learned event decision: per candidate, P(real PLOVER event) and its type (issue 14).

Candidates are the events the lexicon and the parse propose (PLOVER triggers and OTHER
predicates) and the event mentions the link stage's mention detector finds outside them
("the shooting", "his accusation"). ``candidate_features`` describes one candidate by its
words and its place in the parse (the lexicon's proposal is a feature, not the decision); the
shipped multiclass LightGBM model (``dateline/models/events/``, trained by ``dateline train
events``) gives a probability for NONE and each PLOVER type; the best type's probability,
calibrated on the team's dev split, is the event's ``confidence``. Below ``min_confidence``
an event is kept as OTHER (still a mention to link, never a PLOVER event). One ``predict``
call per document.
"""
from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from functools import cached_property, lru_cache
from typing import Any

import numpy as np

from dateline.events.context import ContextModel, context_strings
from dateline.events.lexicon import codes_type
from dateline.learn.persist import load_shipped
from dateline.vocab import PLOVER_TYPES

TASK = "events"
NONE = "NONE"
ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
MODALS = {"would", "could", "may", "might", "will", "should", "can", "must", "shall"}
CATEGORICAL = ("lex_type", "frame", "lemma", "pos", "dep", "tag", "parent_lemma",
               "parent_dep", "grand_lemma", "status", "mode", "subj_kind", "obj_kind",
               "src_sector", "tgt_sector", "prev_lemma")
NUMERIC = ("predicate", "n_tokens", "in_name", "title_case", "negated", "modal", "to_inf",
           "chain_len", "n_complements", "rel_position", "sent_len", "has_source",
           "src_country", "has_target", "tgt_country", "in_quote", "heuristic_conf",
           "sent_index", "depth", "detected", "ctx_event")
VEC_DIM = 96  # width of the spaCy package model's contextual token vectors (tok2vec)
VECTOR = tuple(f"vec{i}" for i in range(VEC_DIM))
FEATURES = CATEGORICAL + NUMERIC + VECTOR


def _kind(tok: Any) -> str:
    """What a subject/object token is: a named actor type, a pronoun, a number or a noun."""
    if tok is None:
        return "none"
    if tok.ent_type_ in ACTOR_ENTS:
        return tok.ent_type_
    if tok.ent_type_ in ("PERCENT", "CARDINAL", "MONEY", "QUANTITY") or tok.like_num or any(
            c.dep_ == "nummod" for c in tok.children):
        return "NUM"
    if tok.pos_ == "PRON":
        return "PRON"
    return "ENT" if tok.ent_type_ else tok.pos_


def _child(tok: Any, deps: tuple[str, ...]) -> Any:
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def _object(tok: Any) -> Any:
    obj = _child(tok, ("dobj", "attr", "oprd"))
    if obj is not None:
        return obj
    prep = _child(tok, ("prep", "agent"))
    return _child(prep, ("pobj",)) if prep is not None else None


def parse_depth(tok: Any) -> int:
    """How many arcs the token stands below its sentence's root (at most 12)."""
    depth, cur = 0, tok
    while cur.head.i != cur.i and depth < 12:
        depth += 1
        cur = cur.head
    return depth


def candidate_features(trig: Any, event: Any, sent: Any, sent_index: int,
                       quotes: list[tuple[int, int]]) -> dict[str, Any]:
    """Raw features (strings for categories, numbers) of one candidate event."""
    head = trig.head
    entry = trig.entry
    parent = head.head
    subj = _child(head, ("nsubj", "nsubjpass"))
    if subj is None and head.dep_ in ("xcomp", "conj", "advcl") and parent.i != head.i:
        subj = _child(parent, ("nsubj", "nsubjpass"))
    chain, gov = 0, trig.frame_of
    while gov is not None and chain < 5:
        chain, gov = chain + 1, gov.frame_of
    src, tgt = event.source, event.target
    prev = head.doc[head.i - 1] if head.i > sent.start else None
    return {
        "lex_type": entry.type, "frame": entry.frame or "-", "lemma": head.lemma_.lower(),
        "pos": head.pos_, "dep": head.dep_, "tag": head.tag_,
        "parent_lemma": parent.lemma_.lower() if parent.i != head.i else "-",
        "parent_dep": parent.dep_ if parent.i != head.i else "-",
        "grand_lemma": parent.head.lemma_.lower() if parent.head.i != parent.i else "-",
        "status": event.status, "mode": event.mode or "-",
        "subj_kind": _kind(subj), "obj_kind": _kind(_object(head)),
        "src_sector": (src.sector or "-") if src else "none",
        "tgt_sector": (tgt.sector or "-") if tgt else "none",
        "prev_lemma": prev.lemma_.lower() if prev is not None else "-",
        "predicate": float(entry.note == "predicate"), "n_tokens": float(len(trig.tokens)),
        "in_name": float(bool(head.ent_type_) or head.pos_ == "PROPN"),
        "title_case": float(head.text[:1].isupper() and head.i != sent.start),
        "negated": float(any(c.dep_ == "neg" for c in head.children)),
        "modal": float(any(c.dep_ == "aux" and c.lower_ in MODALS for c in head.children)),
        "to_inf": float(any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)),
        "chain_len": float(chain), "n_complements": float(len(trig.complements)),
        "rel_position": (head.i - sent.start) / max(1, len(sent)), "sent_len": float(len(sent)),
        "has_source": float(src is not None), "src_country": float(bool(src and src.country)),
        "has_target": float(tgt is not None), "tgt_country": float(bool(tgt and tgt.country)),
        "in_quote": float(any(q0 <= head.idx < q1 for q0, q1 in quotes)),
        "heuristic_conf": float(event.confidence or 0.0), "sent_index": float(sent_index),
        "depth": float(parse_depth(head)), "detected": float(entry.note == "detected"),
        "vec": _vector(head), "ctx": context_strings(trig, sent),
    }


def _vector(tok: Any) -> np.ndarray:
    """The token's contextual vector (zeros when the parse has none of the expected width)."""
    tensor = tok.doc.tensor
    if tensor is None or getattr(tensor, "ndim", 0) != 2 or tensor.shape[1] != VEC_DIM:
        return np.zeros(VEC_DIM)
    return np.array(tensor[tok.i], dtype=np.float64)


def vocab_index(vocab: dict[str, list[str]]) -> dict[str, dict[str, int]]:
    """Each categorical feature's value -> its column code (1-based; 0 = unknown)."""
    return {k: {v: i + 1 for i, v in enumerate(vals)} for k, vals in vocab.items()}


def encode(raws: list[dict[str, Any]], vocab: dict[str, list[str]],
           index: dict[str, dict[str, int]] | None = None,
           context: ContextModel | None = None) -> np.ndarray:
    """Rows of raw features as a matrix (categories as vocabulary indices, 0 = unknown;
    ``index``: ``vocab_index(vocab)`` when the caller keeps it). ``ctx_event`` is the row's
    own value when it has one (training rows: out of fold), else ``context``'s chance for its
    bag of context strings, else missing."""
    index = vocab_index(vocab) if index is None else index
    columns = [(c, name, index.get(name)) for c, name in enumerate(CATEGORICAL + NUMERIC)
               if name != "ctx_event"]
    X = np.zeros((len(raws), len(FEATURES)), dtype=np.float64)
    for r, raw in enumerate(raws):
        row = X[r]
        for c, name, codes in columns:
            val = raw[name]
            row[c] = codes.get(val, 0) if codes is not None else float(val)
        row[len(CATEGORICAL) + len(NUMERIC):] = raw["vec"]
    X[:, FEATURES.index("ctx_event")] = context_column(raws, context)
    return X


def context_column(raws: list[dict[str, Any]], context: ContextModel | None) -> np.ndarray:
    """``ctx_event`` per row: its own value, else ``context``'s chance, else NaN."""
    out = np.array([float(raw.get("ctx_event", np.nan)) for raw in raws])
    todo = [r for r, raw in enumerate(raws) if "ctx_event" not in raw and "ctx" in raw]
    if context is not None and todo:
        out[todo] = context.probabilities([raws[r]["ctx"] for r in todo])
    return out


@dataclasses.dataclass(frozen=True)
class Detector:
    """The shipped model: booster, class names, vocabularies, calibrator and threshold."""

    booster: Any
    classes: tuple[str, ...]
    vocab: dict[str, list[str]]
    calib_x: np.ndarray
    calib_y: np.ndarray
    threshold: float
    # P(event) of a candidate the lexicon types -> P(right), fitted on team dev (empty: calib)
    lex_x: np.ndarray = dataclasses.field(default_factory=lambda: np.zeros(0))
    lex_y: np.ndarray = dataclasses.field(default_factory=lambda: np.zeros(0))
    # lemmas the training data labels as PLOVER events (``event_lemmas``): the candidates the
    # lexicon leaves OTHER that the model may type (only they are featured and predicted)
    event_lemmas: frozenset[str] = frozenset()
    # trigger lemmas the training data labels in another sense of the lexicon's type
    # (``sense_lemmas``): only they may change sense; None (models saved before): any lemma
    sense_lemmas: frozenset[str] | None = None
    # the logistic model over the candidate's context strings that gives ``ctx_event``
    context: ContextModel | None = None

    def probabilities(self, raws: list[dict[str, Any]]) -> np.ndarray:
        """Class probabilities (NONE and the PLOVER types) per candidate, one call."""
        # one thread: the stage runs in forked workers (OpenMP pools do not survive a fork)
        X = encode(raws, self.vocab, self.index, self.context)
        return np.asarray(self.booster.predict(X, num_threads=1))

    @cached_property
    def index(self) -> dict[str, dict[str, int]]:
        """``vocab_index`` of the model's vocabularies, built once."""
        return vocab_index(self.vocab)

    def predict(self, raws: list[dict[str, Any]], fixed: list[str | None] | None = None
                ) -> list[tuple[str, float]]:
        """(PLOVER type, calibrated probability it is a right event) per candidate: the
        best type, or the type ``fixed`` gives for that candidate."""
        if not raws:
            return []
        return decide(self.probabilities(raws), self.classes, self.calib_x, self.calib_y, fixed,
                      (self.lex_x, self.lex_y))


def _calibrated(raw: np.ndarray, knots: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    return np.interp(raw, knots[0], knots[1]) if len(knots[0]) else raw


def decide(probs: np.ndarray, classes: tuple[str, ...], calib_x: np.ndarray,
           calib_y: np.ndarray, fixed: Sequence[str | None] | None = None,
           lex_knots: tuple[np.ndarray, np.ndarray] | None = None
           ) -> list[tuple[str, float]]:
    """Per row of class probabilities: a PLOVER class and its calibrated probability.

    The class is the best non-NONE one, or the row's ``fixed`` class when it names one of
    ``classes`` (the lexicon's type); a fixed row's score is the chance it is an event at all,
    1 - P(NONE), calibrated by ``lex_knots`` (when given, else like the others)."""
    plover = [i for i, c in enumerate(classes) if c != NONE]
    best = [plover[b] for b in probs[:, plover].argmax(axis=1)]
    types = [f if f in classes and f != NONE else None for f in fixed or [None] * len(probs)]
    is_fixed = np.array([t is not None for t in types], dtype=bool)
    cols = [classes.index(t) if t is not None else c for c, t in zip(best, types, strict=True)]
    raw = probs[np.arange(len(probs)), cols]
    conf = _calibrated(raw, (calib_x, calib_y))
    if is_fixed.any():
        event = 1.0 - probs[:, classes.index(NONE)]
        knots = lex_knots if lex_knots is not None and len(lex_knots[0]) else (calib_x, calib_y)
        conf = np.where(is_fixed, _calibrated(event, knots), conf)
    return [(classes[c], float(p)) for c, p in zip(cols, conf, strict=True)]


@lru_cache(maxsize=1)
def load_detector() -> Detector | None:
    """The shipped events model, loaded once per process (None when it is not shipped)."""
    model = load_shipped(TASK)
    if model is None:
        return None
    meta = model.meta
    arrays = model.arrays
    return Detector(model.booster(), tuple(meta["classes"]), meta["vocab"],
                    arrays["calib_x"], arrays["calib_y"], float(meta["threshold"]),
                    arrays.get("lex_x", np.zeros(0)), arrays.get("lex_y", np.zeros(0)),
                    frozenset(meta.get("event_lemmas", ())),
                    frozenset(meta["sense_lemmas"]) if "sense_lemmas" in meta else None,
                    ContextModel(arrays["ctx_coef"], float(meta["ctx_intercept"]))
                    if "ctx_coef" in arrays else None)


def event_lemmas(raws: list[dict[str, Any]], labels: list[str], min_events: int = 2,
                 min_rate: float = 0.1) -> list[str]:
    """Lemmas labelled a PLOVER event in at least ``min_events`` training candidates and in
    at least ``min_rate`` of their candidates ("lawsuit", "guilty"): the words of the
    annotated data, not of the lexicon, that the model may make events of."""
    seen: Counter[str] = Counter(str(r["lemma"]) for r in raws)
    events: Counter[str] = Counter(str(r["lemma"]) for r, lab in zip(raws, labels, strict=True)
                                   if lab != NONE)
    return sorted(w for w, n in events.items() if n >= min_events and n / seen[w] >= min_rate)


def sense_lemmas(raws: list[dict[str, Any]], labels: list[str], min_events: int = 2
                 ) -> list[str]:
    """Trigger lemmas of a lexicon type with another sense (``SENSES``) that at least
    ``min_events`` training candidates label in that other sense ("attack" as criticism):
    the words whose sense the model may change; "slay" never is criticism."""
    other: Counter[str] = Counter(
        str(r["lemma"]) for r, lab in zip(raws, labels, strict=True)
        if r and r.get("lex_type") in SENSES and lab == SENSES[str(r["lex_type"])][0])
    return sorted(w for w, n in other.items() if n >= min_events)


def apply_detector(events: list[Any], raws: list[dict[str, Any]],
                   min_confidence: float | None, detector: Detector | None = None,
                   lexicon_types: bool = False) -> list[Any]:
    """The learned decision over a document's candidate events (one predict call).

    ``min_confidence`` None: the lexicon decides, events are left as they are. A number: each
    candidate takes a PLOVER type (``lexicon_types``: the lexicon's, where it codes one, else
    the model's best; otherwise always the model's best) and, as ``confidence``, the
    calibrated probability that it is a right event of that type; below ``min_confidence`` it
    is kept as OTHER (a mention to link, never a PLOVER event).
    ``detector``: a model to use instead of the shipped one (cross-validation folds).
    """
    det = (detector or load_detector()) if min_confidence is not None else None
    if det is None or not events:
        return events
    fixed = [ev.type if ev.type != "OTHER" else None for ev in events] if lexicon_types else None
    out = []
    for ev, (etype, raw_conf) in zip(events, det.predict(raws, fixed), strict=True):
        conf = round(raw_conf, 3)  # the recorded confidence is the one compared
        if conf >= min_confidence:  # type: ignore[operator]
            same = etype == ev.type
            out.append(dataclasses.replace(
                ev, type=etype, confidence=conf, cameo=ev.cameo if same else None,
                mode=ev.mode if same else None))
        else:
            out.append(dataclasses.replace(ev, type="OTHER", cameo=None, mode=None,
                                           confidence=conf))
    return out


def model_event_lemmas(detector: Detector | None = None) -> frozenset[str]:
    """The lemmas whose OTHER candidates the model may type (none without a model)."""
    det = detector or load_detector()
    return det.event_lemmas if det is not None else frozenset()


def may_type(trig: Any, lemmas: frozenset[str]) -> bool:
    """Whether the model may make an event of an OTHER candidate: its lemma is one of
    ``lemmas`` (``event_lemmas``) and the lexicon codes no PLOVER act for it (a word whose
    conditions the rules turned down, "slammed the door", stays down)."""
    return trig.head.lemma_.lower() in lemmas and not codes_type(trig.head, PLOVER_TYPES)


def score_lexicon(events: list[Any], raws: list[dict[str, Any]],
                  detector: Detector | None = None) -> list[Any]:
    """The lexicon decides, the model scores: each event the lexicon types keeps its type
    and takes as ``confidence`` the calibrated chance that it is right; an OTHER candidate
    with features (its lemma is one of ``event_lemmas``) becomes an event of the model's type
    where that type's calibrated chance reaches the model's threshold (where its dev
    precision is >= 0.85). One predict call."""
    det = detector or load_detector()
    typed = [i for i, ev in enumerate(events) if ev.type != "OTHER"]
    other = [i for i, ev in enumerate(events) if ev.type == "OTHER" and raws[i]]
    if det is None or not typed + other:
        return events
    probs = det.probabilities([raws[i] for i in typed + other])
    types: list[str | None] = [_sense(events[i], p, det, raws[i].get("lemma") if raws[i] else None)
                               for i, p in zip(typed, probs, strict=False)]
    scored = decide(probs, det.classes, det.calib_x, det.calib_y,
                    types + [None] * len(other), (det.lex_x, det.lex_y))
    out = list(events)
    for i, (etype, conf) in zip(typed + other, scored, strict=True):
        ev, conf = events[i], round(conf, 3)
        if ev.type == "OTHER":
            if conf >= det.threshold:  # the model's own decision: no CAMEO code or mode
                out[i] = dataclasses.replace(ev, type=etype, confidence=conf, cameo=None,
                                             mode=None)
            continue
        mode, cameo = (ev.mode, ev.cameo) if etype == ev.type else SENSES[ev.type][1:]
        out[i] = dataclasses.replace(ev, type=etype, confidence=conf, mode=mode, cameo=cameo)
    return out


# A lexicon type whose words also have a verbal sense, with that sense's (type, mode, CAMEO):
# "attacks on her character" is criticism (CAMEO 111, criticize or denounce), not force.
SENSES = {"ASSAULT": ("ACCUSE", "disapprove", "111")}
# How many times likelier the model must find the other sense to overrule the lexicon. Team dev
# scores the same for 1 to 3 (62 right events against 61 without the rule); 2 is the more
# cautious (and keeps the seed's "forces had crushed the terrorist group", 0.10 vs 0.06, as force).
SENSE_MARGIN = 2.0


# PLOVER's armed sectors: what they launch is force, whatever the corpus's campaign rhetoric
ARMED_SECTORS = frozenset({"MIL", "REB", "UAF", "COP", "SPY", "CRM", "IMG"})


def _sense(event: Any, probs: np.ndarray, det: Detector, lemma: Any) -> str:
    """The lexicon's type, or its verbal sense where the training data gives the trigger's
    lemma that sense, the model rates it clearly higher and the source is not an armed actor."""
    lex_type, classes = event.type, det.classes
    other = SENSES.get(lex_type, (None,))[0]
    armed = event.source is not None and event.source.sector in ARMED_SECTORS
    unseen = det.sense_lemmas is not None and lemma not in det.sense_lemmas
    if other is None or armed or unseen or other not in classes or lex_type not in classes:
        return lex_type
    return other if probs[classes.index(other)] > SENSE_MARGIN * probs[classes.index(lex_type)] \
        else lex_type
