"""The events stage: who did what to whom (PLOVER/CAMEO), with status, actors and attributes.

Per sentence: lexicon triggers (``dateline.events.triggers``) are combined with their
frames and coded (``dateline.events.status``); source and target come from the parse
(``dateline.events.roles``), coded with the actor lexicon (``dateline.events.actors``); date,
place, quantities and attribution from
``dateline.events.attributes``. Contesting events ("expressed skepticism about the
announced withdrawal") fill the contested events' ``disputed_by``.
"""
from __future__ import annotations

import dataclasses
from typing import Any, NamedTuple

from dateline.config import Settings
from dateline.events import rolemodel
from dateline.events.actorcodes import same_actor, sentence_countries
from dateline.events.actors import Coded, coded_actor, may_resolve, with_nearby
from dateline.events.attributes import (
    attribution,
    event_date,
    event_place,
    place_countries,
    quantities,
)
from dateline.events.detector import (
    Detector,
    apply_detector,
    candidate_features,
    load_detector,
    may_type,
    model_event_lemmas,
    score_lexicon,
)
from dateline.events.disputes import apply_denials, apply_disputes
from dateline.events.factuality import load_status_model, status_features
from dateline.events.lexicon import TriggerEntry, warm_lexicons
from dateline.events.nominal import is_definite_act
from dateline.events.roles import find_source, find_targets, is_location
from dateline.events.salience import mark_main
from dateline.events.status import code
from dateline.events.triggers import Trigger, find_triggers, frame_chain, is_event_trigger
from dateline.lightdoc import LightDoc
from dateline.link.mentions import shipped_detector
from dateline.model import Actor, Article, Event
from dateline.vocab import INTENT_STATUSES, Fact

# Confidence ranks the events of a sentence (scorers take the top one). Calibrated on the
# PLOVER dev sentences: the main-clause act (root, or the clause a reporting verb
# introduces) must outrank acts in subordinate clauses and business/other predicates.
BASE_CONFIDENCE = 0.9
DEPTH_PENALTY = 0.12  # per clause level between the act and the sentence's main clause
OTHER_FACTOR = 0.5  # events outside PLOVER never outrank a PLOVER event of the same depth
ACTOR_BONUS = 0.05  # a coded source makes the reading more certain
MIN_CONFIDENCE = 0.05
ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP"}  # named things that can act or be acted on


def _top(trig: Trigger) -> Any:
    chain = frame_chain(trig)
    return chain[-1].head if chain else trig.head


def _is_report(tok: Any, report_heads: set[int]) -> bool:
    return tok.i in report_heads


def _depth(tok: Any, report_heads: set[int]) -> int:
    depth, cur = 0, tok
    while cur.head.i != cur.i:
        if cur.dep_ not in ("ccomp", "conj") or not _is_report(cur.head, report_heads):
            depth += 0 if cur.dep_ in ("conj", "ccomp") and cur.head.dep_ == "ROOT" else 1
        cur = cur.head
    return depth


def _report_subject(top: Any, report_heads: set[int]) -> Any | None:
    cur = top
    for _ in range(3):
        if cur.head.i == cur.i or cur.dep_ not in ("ccomp", "conj", "parataxis", "advcl"):
            return None
        cur = cur.head
        if cur.i in report_heads:
            return next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return None


class Candidates(NamedTuple):
    """A document's candidate events: the lexicon's first (``n_lexical``), then the detected
    mentions; detector features per event; (contested, disputing) lexical index pairs."""

    events: list[Event]
    raws: list[dict[str, Any]]
    contested: list[tuple[int, int]]
    n_lexical: int


class EventStage:
    """Finds and codes events in every sentence of an article."""

    name = "events"
    requires = frozenset({Fact.SENTENCES, Fact.TOKENS, Fact.NER, Fact.METADATA,
                          Fact.ENTITIES, Fact.TIMES, Fact.PLACES, Fact.QUOTES})
    produces = frozenset({Fact.EVENTS})

    def __init__(self, settings: Settings | None = None, use_model: bool = True,
                 detector: Detector | None = None):
        self.settings = settings or Settings()
        warm_lexicons()  # load once with the stage (like the model), not in the first article
        self.use_model = use_model  # False: candidates only (training the model itself)
        self.detector = detector  # None: the shipped model (another one: cross-validation)
        if use_model and detector is None:
            load_detector()  # before the engine forks its workers
        rolemodel.load_role_model()  # likewise the sources' and targets' chooser
        self._coder: _Actors | None = None  # per-article actor memo (with the resolver)
        self._nearby: tuple[int, list[tuple[int, str]]] = (-1, [])  # per-sentence cache
        self._reports: dict[int, set[int]] = {}  # sentence start token -> its reporting verbs
        self._places: dict[int, str] = {}  # token offset -> ISO3 of a resolved place
        self._intended: set[str] = set()  # actions announced, ordered, promised or threatened
        self._light: LightDoc | None = None  # the article's parse as plain objects
        # the learned choice among occurred / ongoing / claimed (None: the rules' status)
        self.status_model = load_status_model()
        self.status_rows: dict[str, list[str]] = {}  # event id -> its status features
        self._taken_up: set[str] = set()  # nominal events taking up an act announced earlier

    def __call__(self, article: Article) -> Article:
        """Fill ``article.events``: candidates, then the learned decision (one predict)."""
        if article.doc is None:
            article.warnings.append("events: no parse (run the nlp stage first)")
            return article
        decides = self.settings.min_confidence is not None  # else the lexicon decides
        scores = self.use_model and (self.detector or load_detector()) is not None
        try:
            # the lexicon deciding, only the events it types are scored: skip the rest's features
            cands = self.candidates(article, features=scores, typed_only=not decides)
            events = cands.events
            if scores and decides:
                events = apply_detector(events, cands.raws, self.settings.min_confidence,
                                        self.detector, self.settings.event_types == "lexicon")
            elif scores:
                events = score_lexicon(events, cands.raws, self.detector)
            lexical, detected = events[:cands.n_lexical], events[cands.n_lexical:]
            lexical = apply_disputes(lexical, cands.contested)
            lexical = apply_denials(lexical, {i for i, _ in cands.contested})
            article.events = mark_main(lexical + detected, article.doc)
        finally:
            if self._light is not None:
                self._light.release()
            self._light = None
        return article

    def candidates(self, article: Article, features: bool = True, typed_only: bool = False
                   ) -> Candidates:
        """The candidate events before the learned decision: the lexicon's and the parse's,
        then the mentions the link detector finds that none covers, with their detector
        features (when ``features``; ``typed_only``: only for PLOVER-typed events and the
        candidates the model may type, an empty row for the others) and the (contested,
        disputing) event index pairs."""
        assert article.doc is not None
        places = place_countries(article)
        self._coder = _Actors(article, places, _resolver(article))
        self._nearby = (-1, [])
        quotes = [(q.start, q.end) for q in article.quotes]
        events: list[Event] = []
        raws: list[dict[str, Any]] = []
        # the lexicon deciding: only its events and the OTHER candidates of the lemmas the model
        # may type (``Detector.event_lemmas``) are featured
        promotable = model_event_lemmas(self.detector) if typed_only else frozenset()
        contested: list[tuple[int, int]] = []  # (contested event index, disputing event index)
        self._reports, self._places = {}, places
        self._intended = set()
        self.status_rows, self._taken_up = {}, set()
        self._light = LightDoc(article.doc)  # the parse as plain objects: walked many times
        for k, sent in enumerate(self._light.sents):
            trigs = find_triggers(sent)
            report_heads = {t.head.i for t in trigs if t.frame == "report"}
            self._reports[sent.start] = report_heads
            index: dict[int, int] = {}
            for trig in trigs:
                if not is_event_trigger(trig):
                    continue
                index[id(trig)] = len(events)
                ev = self._event(article, sent, trig, report_heads, places, f"e{len(events) + 1}")
                if ev.status in INTENT_STATUSES:
                    self._intended.add(ev.action)
                if features:
                    featured = not typed_only or ev.type != "OTHER" or may_type(trig, promotable)
                    raws.append(candidate_features(trig, ev, sent, k, quotes) if featured else {})
                events.append(self._factual(ev))
            for trig in trigs:
                if trig.contested_by is not None and id(trig) in index:
                    gov = trig.contested_by
                    if id(gov) in index:
                        contested.append((index[id(trig)], index[id(gov)]))
                    if trig.head.dep_ == "ccomp":  # "denied that its troops had attacked"
                        i = index[id(trig)]
                        events[i] = dataclasses.replace(events[i], status="denied")
        n_lexical = len(events)
        for sent_index, trig, ev in self._detected(article, events):
            if features:  # detected mentions are OTHER: featured only if the model types
                featured = not typed_only or may_type(trig, promotable)
                raws.append(candidate_features(trig, ev, trig.head.sent, sent_index, quotes)
                            if featured else {})
            events.append(self._factual(ev))
        return Candidates(events, raws, contested, n_lexical)

    def _factual(self, ev: Event) -> Event:
        """The event with the learned factual status (``dateline.events.factuality``), decided
        after the detector's features, which were fitted on the rules' status."""
        if self.status_model is None or ev.id in self._taken_up:
            return ev
        status = self.status_model.decide(self.status_rows[ev.id], str(ev.status))
        return ev if status == ev.status else dataclasses.replace(ev, status=status)

    def _detected(self, article: Article, events: list[Event]
                  ) -> list[tuple[int, Trigger, Event]]:
        """Type-OTHER events (with their trigger and sentence index) for the mentions the
        learned mention detector finds that no trigger covers (nominal events, states), so
        that linking sees them and the event detector can type them; they come after the
        lexicon's events, which they never change."""
        detector = shipped_detector()
        if detector is None or article.doc is None:
            return []
        places = self._places
        taken = [(e.trigger_start, e.trigger_end) for e in events]
        out: list[tuple[int, Trigger, Event]] = []
        if self._light is None or self._light.spacy is not article.doc:
            self._light = LightDoc(article.doc)
        ldoc = self._light
        sent_index = {s.start: k for k, s in enumerate(ldoc.sents)}
        for i in detector.detect_ids(article.doc, skip=taken):
            tok = ldoc[i]
            lemma = tok.lemma_.lower()
            pos = "V" if tok.pos_ in ("VERB", "AUX") else "N" if tok.pos_ in ("NOUN", "PROPN") \
                else "A"
            entry = TriggerEntry((lemma,), pos, "OTHER", lemma, None, None, None, "detected")
            sent = tok.sent
            trig = Trigger(entry, tok, [tok])
            out.append((sent_index.get(sent.start, 0), trig, self._event(
                article, sent, trig, self._reports.get(sent.start, set()), places,
                f"e{len(events) + len(out) + 1}")))
        return out

    def _event(self, article: Article, sent: Any, trig: Trigger, report_heads: set[int],
               places: dict[int, str], eid: str) -> Event:
        coding = code(trig)
        top = _top(trig)
        clause = clause_tokens(top)
        c0, c1 = clause[0].idx, clause[-1].idx + len(clause[-1].text)
        t0 = min(t.idx for t in trig.tokens)
        t1 = max(t.idx + len(t.text) for t in trig.tokens)
        source, target = self._actors(article, sent, trig, places, coding.type,
                                      rolemodel.speaker_of(trig.head, report_heads))
        subj = _report_subject(top, report_heads)
        said_by = self._coder.get(subj, None, resolve=True) if self._coder else None
        attributed = attribution(article, t0, (said_by.id or said_by.text) if said_by else None)
        status = coding.status
        # someone else says it happened; a definite nominal event is presupposed, unless it
        # takes up an act announced earlier ("ordered a withdrawal ... the pullout")
        definite = is_definite_act(trig)
        presupposed = definite and coding.action not in self._intended
        if definite and not presupposed:  # the model reads one sentence, not what it takes up
            self._taken_up.add(eid)
        if attributed and status == "occurred" and not same_actor(source, said_by) \
                and not presupposed:
            status = "claimed"
        feats = status_features(trig.head, status, attributed is not None,
                                coding.type != "OTHER",
                                any(q.start <= t0 < q.end for q in article.quotes),
                                sent.start == 0)
        self.status_rows[eid] = feats  # the learned status comes after the detector's features
        when = event_date(article, c0, c1, top.idx)
        spans = _actor_spans(article, (sent.start_char, sent.end_char), source, target)
        conf = BASE_CONFIDENCE - DEPTH_PENALTY * _depth(top, report_heads)
        conf = conf * (OTHER_FACTOR if coding.type == "OTHER" else 1.0)
        conf += ACTOR_BONUS if source is not None and source.country else 0.0
        return Event(
            id=eid, start=sent.start_char, end=sent.end_char,
            trigger=article.text[t0:t1], trigger_start=t0, trigger_end=t1,
            type=coding.type, action=coding.action, cameo=coding.cameo, mode=coding.mode,
            status=status, source=source, target=target, attributed_to=attributed,
            date=when.get("date"), date_precision=when.get("date_precision"),
            date_inferred=bool(when.get("date_inferred")),
            background=bool(when.get("background")),
            place=event_place(article, c0, c1, spans),
            quantities=tuple(quantities(clause)),
            confidence=round(max(MIN_CONFIDENCE, min(1.0, conf)), 3))

    def _actors(self, article: Article, sent: Any, trig: Trigger, places: dict[int, str],
                etype: str, reporter: Any) -> tuple[Actor | None, Actor | None]:
        """Source and target from the parse, then, for a PLOVER event, the learned choice
        among the sentence's actors (``dateline.events.rolemodel``); a target neither gives is
        null, never a country named elsewhere in the clause (the annotation guide)."""
        if self._nearby[0] != sent.start_char:
            self._nearby = (sent.start_char, sentence_countries(sent))
        actors = self._coder or _Actors(article, places, None)
        src_tok = find_source(trig, article)
        source = actors.get(src_tok, self._nearby, resolve=True)
        tgt_tok, target = _pick_target(trig, src_tok, actors, self._nearby)
        nearby = self._nearby
        learned = rolemodel.decide(
            trig, sent, etype, places,
            {"source": lambda tok: actors.get(tok, nearby, resolve=True),
             "target": lambda tok: actors.get(tok, nearby)},
            {"source": (src_tok, source), "target": (tgt_tok, target)}, reporter)
        if learned is not None:  # the learned choice among the sentence's actors
            return learned["source"], learned["target"]
        return source, target


class _Actors:
    """``make_actor`` for one article, memoised: a token is coded once per way of coding it
    (with the coreference resolver or without, where that can matter), and its actor given
    the sentence's countries once per sentence."""

    def __init__(self, article: Article, places: dict[int, str], resolver: Any):
        self.article, self.places, self.resolver = article, places, resolver
        self._coded: dict[tuple[int, bool], Coded] = {}
        self._memo: dict[tuple[int, int | None, bool], Actor | None] = {}

    def get(self, tok: Any, nearby: tuple[int, list[tuple[int, str]]] | None,
            resolve: bool = False) -> Actor | None:
        """The actor headed by ``tok`` (None without a token); ``nearby`` is the
        (sentence start, countries) pair of the sentence in hand."""
        if tok is None:
            return None
        resolve = resolve and may_resolve(tok)  # else both ways code it alike: one entry
        key = (tok.i, nearby[0] if nearby is not None else None, resolve)
        if key not in self._memo:
            if (tok.i, resolve) not in self._coded:
                self._coded[tok.i, resolve] = coded_actor(
                    tok, self.article, self.places, self.resolver if resolve else None)
            self._memo[key] = with_nearby(self._coded[tok.i, resolve],
                                          nearby[1] if nearby is not None else None)
        return self._memo[key]


def _resolver(article: Article) -> Any:
    """The shared in-document resolver (``dateline.coref``) when installed."""
    try:
        from dateline.coref import Resolver
    except ImportError:
        return None
    try:
        return Resolver(article)
    except Exception:  # noqa: BLE001 - coreference is an aid, never a failure
        return None


def clause_tokens(top: Any) -> list[Any]:
    """The clause of ``top`` without relative/participial clauses and separate clauses."""
    keep: list[Any] = []

    def walk(tok: Any) -> None:
        keep.append(tok)
        for c in tok.children:
            dep = c.dep_
            if dep in ("relcl", "acl", "parataxis"):
                continue
            if dep in ("advcl", "conj", "ccomp") and any(
                    g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
                continue
            walk(c)
    walk(top)
    return sorted(keep, key=lambda t: t.i)


def _pick_target(trig: Trigger, src_tok: Any, actors: _Actors,
                 nearby: tuple[int, list[tuple[int, str]]]) -> tuple[Any, Actor | None]:
    """The first coded target candidate, else the first candidate (coded by proximity), with
    its token."""
    first: Any = None
    for tok in find_targets(trig):
        if (src_tok is not None and tok.i == src_tok.i) or is_location(tok, actors.places):
            continue
        actor = actors.get(tok, None)
        if actor is None:
            continue
        if actor.country or actor.sector in ("IGO", "NGO", "IMG"):
            return tok, actor
        rank = 0 if (actor.sector or tok.ent_type_ in ACTOR_ENTS) else 1
        if first is None or rank < first[0]:
            first = (rank, tok)
    return (first[1], actors.get(first[1], nearby)) if first is not None else (None, None)


def _actor_spans(article: Article, within: tuple[int, int], *actors: Actor | None
                 ) -> list[tuple[int, int]]:
    """Character spans of the actors' texts inside the sentence (places there are not
    where the event happened but who took part)."""
    out = []
    for a in actors:
        if a is not None and a.text:
            i = article.text.find(a.text, within[0], within[1])
            if i >= 0:
                out.append((i, i + len(a.text)))
    return out
