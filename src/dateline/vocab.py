"""The closed vocabularies of dateline, defined once: the facts stages read and write, event
statuses, PLOVER types, frame kinds and follow-through verdicts.

Members are ``StrEnum``s, so they compare equal to the plain strings stored in records and
in DuckDB (``Status.ANNOUNCED == "announced"``); the record format (CONTRACT.md) is
unchanged.
"""
from __future__ import annotations

from enum import StrEnum


class Fact(StrEnum):
    """What a pipeline step puts on an ``Article`` (stage ``requires`` / ``produces``)."""

    TEXT = "text"  # the clean article text
    METADATA = "metadata"  # title, publication date, URL, byline
    SENTENCES = "sentences"  # sentence spans
    TOKENS = "tokens"  # the spaCy Doc: tokens, lemmas, tags, parse
    NER = "ner"  # the spaCy Doc's named-entity spans
    ENTITIES = "entities"
    TIMES = "times"
    PLACES = "places"
    QUOTES = "quotes"
    EVENTS = "events"


class Status(StrEnum):
    """Whether an event happened, or was only said to be coming (CONTRACT.md ``status``)."""

    OCCURRED = "occurred"
    ONGOING = "ongoing"
    ANNOUNCED = "announced"
    ORDERED = "ordered"
    PROMISED = "promised"
    THREATENED = "threatened"
    DENIED = "denied"
    HYPOTHETICAL = "hypothetical"
    CLAIMED = "claimed"


# Statuses of an act said to be coming: what follow-through checks against later reports.
INTENT_STATUSES = frozenset({Status.ANNOUNCED, Status.ORDERED, Status.PROMISED,
                             Status.THREATENED})
# Statuses another event in the same document can dispute ("the Pentagon doubts it").
DISPUTABLE_STATUSES = frozenset({Status.ANNOUNCED, Status.ORDERED, Status.PROMISED,
                                 Status.CLAIMED})


class PloverType(StrEnum):
    """The 16 PLOVER event types, and OTHER for events outside PLOVER (kept for linking)."""

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"
    OTHER = "OTHER"


PLOVER_TYPES = frozenset(t for t in PloverType if t is not PloverType.OTHER)


class FrameKind(StrEnum):
    """How a governing verb frames the act it governs (events/triggers.py)."""

    INTENT = "intent"
    THREAT = "threat"
    REFUSE = "refuse"
    DEMAND = "demand"
    ORDER = "order"
    REVERSE = "reverse"
    DISPUTE = "dispute"
    LIGHT = "light"
    DISPATCH = "dispatch"
    OBLIGE = "oblige"
    IGNORE = "ignore"
    REPORT = "report"


class FollowStatus(StrEnum):
    """The verdict on an announcement, best first (CONTRACT.md follow-through)."""

    CARRIED_OUT = "carried_out"
    PARTLY = "partly"
    DISPUTED = "disputed"
    NO_SIGN_YET = "no_sign_yet"


FOLLOW_ORDER = tuple(FollowStatus)
