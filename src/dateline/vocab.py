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


class RejectCode(StrEnum):
    """Why an input, a document or a fetched URL was rejected (error records, ``rejects``,
    the watch queue); listed in CONTRACT.md. Besides these: ``stage_<name>`` (a stage raised)
    and ``http_<status>`` (a fetch answered an error status)."""

    ERROR = "error"  # a failure with no more precise code
    BAD_INPUT = "bad_input"  # not readable as its type (a WARC that is not one, a bad line)
    BAD_JSON = "bad_json"  # a JSONL line that is not JSON
    BAD_RECORD = "bad_record"  # a WARC record whose length is wrong
    TRUNCATED = "truncated"  # a WARC cut off mid-record
    EMPTY_BODY = "empty_body"  # no article text left after extraction
    EMPTY_ITEM = "empty_item"  # a feed item with no content
    NO_ITEMS = "no_items"  # a feed with no item
    NOT_FOUND = "not_found"  # no such input file
    UNSUPPORTED = "unsupported"  # an unknown input type
    UNKNOWN_KIND = "unknown_kind"  # a JSONL line of an unknown kind
    READ_FAILED = "read_failed"  # the reader raised
    MISSING = "missing"  # a required field is missing
    LIMIT = "limit"  # a limit of the settings was reached
    TOO_LARGE = "too_large"  # over max_input_bytes
    TOO_LONG = "too_long"  # a text over its length limit
    DEPTH = "depth"  # HTML nested past max_html_depth
    DECOMPRESSION_LIMIT = "decompression_limit"  # a compressed payload over the size or ratio cap
    EXTRACT_FAILED = "extract_failed"  # article extraction raised
    TIMEOUT = "timeout"  # over the per-document time budget
    WORKER_CRASH = "worker_crash"  # the worker process died
    PIPELINE = "pipeline"  # the stage chain is not valid
    ENGINE = "engine"  # the engine (local or Ray) failed
    STORE = "store"  # the store failed
    WRITE_FAILED = "write_failed"  # a write to the store failed (disk full...)
    LOCKED = "locked"  # another process holds the database
    READ_ONLY = "read_only"  # the database was opened read-only
    HANDOFF = "handoff"  # the server refused a handed-off batch
    NONE = "none"  # no error
    BAD_LEXICON = "bad_lexicon"  # a lexicon file does not match its schema
    FETCH_DISABLED = "fetch_disabled"  # URL fetching is off
    BLOCKED_ADDRESS = "blocked_address"  # not a public address
    REDIRECT_LOOP = "redirect_loop"  # more than 5 redirects
    NETWORK = "network"  # the host did not answer
    THROTTLED = "throttled"  # 429/503: retried later
    HTTP_5XX = "http_5xx"  # a server error: retried later
    ROBOTS_DISALLOWED = "robots_disallowed"  # robots.txt forbids the URL
    BAD_SOURCE = "bad_source"  # not a URL or sources file
    MALFORMED_XML = "malformed_xml"  # a feed or sitemap that is not well-formed
    NOT_A_FEED = "not_a_feed"  # an HTML page or other XML where a feed was expected


class Mode(StrEnum):
    """PLOVER modes dateline codes (the ``mode`` of an event; lexicons may use only these)."""

    ABDUCT = "abduct"
    ACCESS = "access"
    AERIAL = "aerial"
    ALLEGE = "allege"
    ARREST = "arrest"
    BEAT = "beat"
    BOYCOTT = "boycott"
    CEASEFIRE = "ceasefire"
    CENSOR = "censor"
    CONVICT = "convict"
    CROWD_CONTROL = "crowd-control"
    CURFEW = "curfew"
    CYBER = "cyber"
    DEMO = "demo"
    DEPORT = "deport"
    DESTROY = "destroy"
    DISAPPROVE = "disapprove"
    DISARM = "disarm"
    DISCONTINUE = "discontinue"
    DRONE = "drone"
    EXPEL = "expel"
    EXPLOSIVES = "explosives"
    FIREARMS = "firearms"
    HEAVY_WEAPONS = "heavy-weapons"
    HUNGER = "hunger"
    INVESTIGATE = "investigate"
    MARTIAL_LAW = "martial-law"
    MEET = "meet"
    MULTILATERAL = "multilateral"
    OBSTRUCT = "obstruct"
    PHONE = "phone"
    POLICE = "police"
    RELATIONS = "relations"
    RELEASE = "release"
    RESIGN = "resign"
    RESTRICT = "restrict"
    RIOT = "riot"
    SEIZE = "seize"
    STRIKE = "strike"
    SUICIDE_ATTACK = "suicide-attack"
    TARGETED = "targeted"
    TORTURE = "torture"
    TROOPS = "troops"
    VIOLENCE = "violence"
    VISIT = "visit"
    WEAPONS = "weapons"
    WITHDRAW = "withdraw"


class CameoRoot(StrEnum):
    """The 20 CAMEO root codes; a three-digit code ``<root>0`` is the root's general event."""

    MAKE_STATEMENT = "01"
    APPEAL = "02"
    EXPRESS_INTENT_TO_COOPERATE = "03"
    CONSULT = "04"
    ENGAGE_IN_DIPLOMATIC_COOPERATION = "05"
    ENGAGE_IN_MATERIAL_COOPERATION = "06"
    PROVIDE_AID = "07"
    YIELD = "08"
    INVESTIGATE = "09"
    DEMAND = "10"
    DISAPPROVE = "11"
    REJECT = "12"
    THREATEN = "13"
    PROTEST = "14"
    EXHIBIT_FORCE_POSTURE = "15"
    REDUCE_RELATIONS = "16"
    COERCE = "17"
    ASSAULT = "18"
    FIGHT = "19"
    USE_UNCONVENTIONAL_MASS_VIOLENCE = "20"

    @property
    def general(self) -> str:
        """The root's general three-digit code ("13" -> "130")."""
        return f"{self.value}0"


THREATEN_WITH_FORCE = "138"  # CAMEO: threaten with military force
