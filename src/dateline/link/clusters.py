"""One event, many reports: cross-document event clustering over the store's events table.

Blocking: only mentions with the same ``type`` and ``action`` can share a cluster (an ordered
withdrawal, CONCEDE/RETREAT, and the withdrawal itself, RETREAT/RETREAT, stay apart; the
follow-through links them). Within a block each mention, in order of first report, joins the
best existing cluster whose members it matches on:

- actors: a source (or target) known on both sides must agree (ISO3 country, else the text);
- date: two dates written in the text must overlap as intervals (2008-W41 holds 2008-10-06);
  dates that are only the article's (``date_inferred``) or missing may differ, but a gap
  wider than ``DATE_WINDOW_DAYS`` (also measured from the dates written in the sentence)
  asks for a more similar sentence (``FAR_SIM``);
- text: TF-IDF cosine of the sentences that state the events (``NEAR_SIM``), plus small
  bonuses for the same source, target, place and a shared entity name; disjoint numbers
  outside names and dates (two measurements) veto.

Mentions already clustered stay where they are, so new reports are added to existing
clusters without a rebuild (:func:`assign_clusters` with the touched blocks only).
"""
from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from dateline.lexicon import read_lexicon
from dateline.link.features import attach_context, interval, names_overlap
from dateline.timex.value import gap_days, parse_day
from dateline.tuned import tuned

_T = tuned("link")  # values and their calibration: dateline/tuned.toml [link]
Day = date  # a field below is named "date": the type under another name
NEAR_SIM = _T["near_sim"]
FAR_SIM = _T["far_sim"]
WEAK_SIM = _T["weak_sim"]
DATE_WINDOW_DAYS = _T["date_window_days"]
NUMBER_PENALTY = _T["number_penalty"]
SOURCE_BONUS = _T["source_bonus"]
TARGET_BONUS = _T["target_bonus"]
PLACE_BONUS = _T["place_bonus"]
NAME_BONUS = _T["name_bonus"]
# Design choices measured on MEANTIME dev (no longer switchable): a mention joins a cluster
# by single link to its best member (per-document min/mean linkage cost more recall than they
# saved precision); an event dated only by its article is also dated by the dates written in
# its sentence; within one document, the same action with compatible actors, dates and
# numbers is one event.
WORD = re.compile(r"[a-z][a-z0-9'-]+")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass
class Mention:
    """One stored event, with what the linker compares."""

    doc_id: str
    event_id: str
    start: int
    end: int
    type: str
    action: str
    status: str
    sentence: str
    published: date | None = None
    date: str | None = None
    date_inferred: bool = True
    source_key: str | None = None
    target_key: str | None = None
    place_key: str | None = None
    dup_group: str | None = None
    cluster: str | None = None
    source: dict[str, str | None] | None = None
    target: dict[str, str | None] | None = None
    attributed_to: str | None = None
    disputed: bool = False
    background: bool = False
    vector: dict[str, float] = field(default_factory=dict)
    numbers: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    masked: tuple[tuple[int, int], ...] = ()
    written: tuple[tuple[Day, Day], ...] = ()
    trigger: str = ""
    trigger_start: int | None = None

    @property
    def block(self) -> tuple[str, str]:
        """The blocking key: type and action."""
        return (self.type or "").upper(), (self.action or "").lower()


def actor_key(country: str | None, text: str | None) -> str | None:
    """An actor's comparison key: its ISO3 country, else its lower-cased text."""
    if country:
        return country.upper()
    return text.strip().lower() if text and text.strip() else None


@lru_cache(maxsize=1)
def weak_actions() -> frozenset[str]:
    """Light and reporting verbs (two lexicons) that need stronger evidence to link."""
    out: set[str] = set()
    for name in ("link_weak_actions.tsv", "speech_verbs.tsv"):
        out.update(r["lemma"].lower() for r in read_lexicon(name))
    return frozenset(out)


def tokens(sentence: str) -> list[str]:
    """Content words of a sentence (lower-cased, stop words dropped)."""
    return [w for w in WORD.findall(sentence.lower()) if w not in STOP_WORDS]


def vectorize(mentions: list[Mention], context: Iterable[str] = ()) -> None:
    """Give every mention an L2-normalised TF-IDF vector of its sentence.

    IDF is smoothed (a word in every sentence still weighs 1) and counted over the distinct
    sentences of the mentions given and of ``context`` (e.g. every sentence of their
    documents).
    """
    toks = [tokens(m.sentence) for m in mentions]
    seen: dict[str, frozenset[str]] = {m.sentence: frozenset(ts)
                                       for m, ts in zip(mentions, toks, strict=True)}
    for sent in context:
        if sent not in seen:
            seen[sent] = _words(sent)
    df = Counter(w for ts in seen.values() for w in ts)
    n = max(len(seen), 1)
    for m, ts in zip(mentions, toks, strict=True):
        tf = Counter(ts)
        vec = {w: c * (1.0 + math.log((1 + n) / (1 + df[w]))) for w, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        m.vector = {w: v / norm for w, v in vec.items()}
        m.numbers = frozenset(NUMBER.findall(_unmasked(m)))


@lru_cache(maxsize=200_000)
def _words(sentence: str) -> frozenset[str]:
    return frozenset(tokens(sentence))


def _unmasked(m: Mention) -> str:
    """The sentence with names and dates blanked ("FTSE 100", "in 2005" are no measurements)."""
    chars = list(m.sentence)
    for s, e in m.masked:
        chars[max(s, 0):max(e, 0)] = " " * len(chars[max(s, 0):max(e, 0)])
    return "".join(chars)


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two normalised sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


_day = parse_day  # a day-precise value's date


def _when(m: Mention) -> tuple[date, date] | None:
    """The days the event is dated to: its own written date, else its article's day."""
    if not m.date_inferred and (span := interval(m.date)):
        return span
    day = _day(m.date) or m.published
    return (day, day) if day else None


def _candidates(m: Mention) -> list[tuple[date, date]]:
    """The days an event may be dated to: its own date, and (when that is only its article's
    day) the dates written in its sentence."""
    when = _when(m)
    out = [when] if when else []
    if m.date_inferred:
        out += m.written
    return out


def _gap(a: Mention, b: Mention) -> int:
    """The fewest days between the dates two events may have (0 when unknown)."""
    gaps = [gap_days(x, y) for x in _candidates(a) for y in _candidates(b)]
    return min(gaps) if gaps else 0


def dates_agree(a: Mention, b: Mention) -> bool:
    """False when both dates are written in the text and disagree at their common precision."""
    if a.date_inferred or b.date_inferred or not a.date or not b.date:
        return True
    ia, ib = interval(a.date), interval(b.date)
    if ia and ib:
        return gap_days(ia, ib) == 0
    da, db = a.date.split("T")[0], b.date.split("T")[0]
    if not (re.match(r"\d{4}", da) and re.match(r"\d{4}", db)):
        return True
    k = min(len(da), len(db))
    return da[:k] == db[:k]


def _conflict(x: str | None, y: str | None) -> bool:
    """Two actor keys that cannot be one actor: both ISO3 countries, and different.

    Actor texts ("Apple", "the company", "Jobs") vary too much between reports to veto a
    link; an equal text only earns the bonus.
    """
    return bool(x and y and x != y and _iso3(x) and _iso3(y))


def _iso3(key: str) -> bool:
    return len(key) == 3 and key.isupper()


def pair_score(a: Mention, b: Mention) -> float:
    """How strongly two mentions of one block look like the same event (-1: incompatible)."""
    if _conflict(a.source_key, b.source_key) or _conflict(a.target_key, b.target_key):
        return -1.0
    if not dates_agree(a, b):
        return -1.0
    score = cosine(a.vector, b.vector)
    score += SOURCE_BONUS if a.source_key and a.source_key == b.source_key else 0.0
    score += TARGET_BONUS if a.target_key and a.target_key == b.target_key else 0.0
    score += PLACE_BONUS if a.place_key and a.place_key == b.place_key else 0.0
    score += NAME_BONUS if names_overlap(a.names, b.names) else 0.0
    if a.numbers and b.numbers and not a.numbers & b.numbers:
        score -= NUMBER_PENALTY
    return max(score, 0.0)


def needed(a: Mention, b: Mention) -> float:
    """The score two mentions must reach to be linked."""
    if a.block[1] in weak_actions():
        return WEAK_SIM
    if _gap(a, b) > DATE_WINDOW_DAYS:
        return FAR_SIM
    return NEAR_SIM


def _links(m: Mention, other: Mention) -> float:
    """The margin by which ``m`` links to ``other`` (negative: no link)."""
    if other.doc_id == m.doc_id:
        same = (m.block[1] not in weak_actions()
                and not _conflict(m.source_key, other.source_key)
                and not _conflict(m.target_key, other.target_key) and dates_agree(m, other)
                and not (m.numbers and other.numbers and not m.numbers & other.numbers))
        return 0.0 if same else -1.0
    s = pair_score(m, other)
    return s - needed(m, other) if s >= 0 else -1.0


def cluster_id(m: Mention) -> str:
    """A stable cluster id from the founding mention."""
    return "c-" + hashlib.sha1(f"{m.doc_id}/{m.event_id}".encode()).hexdigest()[:12]


def _order(m: Mention) -> tuple:
    return (m.published or date.max, m.doc_id, m.start, m.event_id)


def assign_clusters(mentions: Iterable[Mention], con: Any = None) -> list[Mention]:
    """Give every unclustered mention a cluster; return the mentions whose cluster is new.

    With the store's connection ``con``, the mentions first get their sentences' entity
    names and masked spans (:func:`dateline.link.features.attach_context`).
    """
    mentions = list(mentions)
    if con is not None:
        attach_context(con, mentions)
    vectorize(mentions)
    blocks: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        blocks[m.block].append(m)
    changed: list[Mention] = []
    for members in blocks.values():
        changed += _assign_block(members)
    return changed


def _assign_block(members: list[Mention]) -> list[Mention]:
    by_cluster: dict[str, list[Mention]] = defaultdict(list)
    for m in members:
        if m.cluster:
            by_cluster[m.cluster].append(m)
    changed = []
    for m in sorted((m for m in members if not m.cluster), key=_order):
        best, best_margin = None, -1.0
        for cid, group in by_cluster.items():
            margin = min(_pairs_margin(m, group))
            if margin >= 0 and margin > best_margin:
                best, best_margin = cid, margin
        m.cluster = best or cluster_id(m)
        by_cluster[m.cluster].append(m)
        changed.append(m)
    return changed


def _pairs_margin(m: Mention, group: list[Mention]) -> list[float]:
    """Single link on the best member, but no member may be incompatible."""
    margins = [_links(m, o) for o in group]
    hard = [x for x, o in zip(margins, group, strict=True) if x == -1.0 and _hard(m, o)]
    if hard:
        return [-1.0]
    return [max(margins)]


def _hard(a: Mention, b: Mention) -> bool:
    return (_conflict(a.source_key, b.source_key) or _conflict(a.target_key, b.target_key)
            or not dates_agree(a, b))


def rule_labels(reps: list[Mention], sentences: dict[str, list[str]],
                con: Any = None) -> list[int]:
    """A cluster label per mention (an index into ``reps``) from the rules above.

    Each block is clustered from scratch, earliest report first, with IDF over the event
    sentences of the block's documents (``sentences``: document -> its events' sentences),
    so the result depends on the block's documents only.
    """
    if con is not None:
        attach_context(con, reps)
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, m in enumerate(reps):
        blocks[m.block].append(k)
    labels = list(range(len(reps)))
    for key in sorted(blocks):
        members = [reps[k] for k in blocks[key]]
        for m in members:
            m.cluster = None
        docs = sorted({m.doc_id for m in members})
        vectorize(members, (s for d in docs for s in sentences.get(d, ())))
        _assign_block(members)
        first: dict[str | None, int] = {}
        for k, m in zip(blocks[key], members, strict=True):
            labels[k] = first.setdefault(m.cluster, k)
    return labels
