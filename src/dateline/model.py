"""The record model: raw inputs, the article, and span-based annotations.

Every annotation holds ``(start, end)`` character offsets into ``Article.text``; the
text itself is never copied except as the ``text`` field the contract asks for.
``to_record()`` emits one ``dateline/1`` object (see CONTRACT.md).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA = "dateline/1"


@dataclass(frozen=True, slots=True)
class RawDoc:
    """One input document before extraction.

    ``kind`` says how ``content`` is read: ``html`` (a raw page), ``page_text`` (a text dump
    of a page, chrome and all) or ``text`` (already the article body, used verbatim).
    """

    id: str
    kind: str
    content: str
    url: str | None = None
    published: str | None = None
    title: str | None = None
    origin: str = ""  # file path (and record offset) the input came from
    encoding: str | None = None
    content_hash: str = ""
    fetched: str | None = None  # e.g. a WARC-Date
    published_default: str | None = None  # --published: used when the document gives none
    warnings: tuple[str, ...] = ()  # reader problems kept with the document (truncated...)


@dataclass(frozen=True, slots=True)
class Span:
    """A plain character span into the article text (sentences, paragraphs)."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entity:
    """A named (or resolved nominal) mention; equal ``id`` = same real entity in a document."""

    start: int
    end: int
    text: str
    type: str
    id: str


@dataclass(frozen=True, slots=True)
class Time:
    """A TIMEX3 expression with its normalised value."""

    start: int
    end: int
    text: str
    type: str
    value: str | None
    anchor: str | None = None
    year_inferred: bool = False


@dataclass(frozen=True, slots=True)
class Place:
    """A toponym, resolved to coordinates and a GeoNames id where possible."""

    start: int
    end: int
    text: str
    name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    precision: str | None = None
    metonymic: bool = False

    def as_location(self) -> dict[str, Any]:
        """The place as an event location (no span)."""
        return {"name": self.name or self.text, "country": self.country, "lat": self.lat,
                "lon": self.lon, "geonames_id": self.geonames_id, "precision": self.precision}


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation or reported statement and who said it."""

    start: int
    end: int
    text: str
    kind: str  # direct | mixed | indirect | scare
    cue: str | None = None
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_id: str | None = None
    reported_by: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """An event participant coded with ISO3 country and PLOVER sector."""

    text: str
    id: str | None = None
    country: str | None = None
    sector: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The actor as the contract's ``{text, id, country, sector}``."""
        return {"text": self.text, "id": self.id, "country": self.country, "sector": self.sector}


@dataclass(frozen=True, slots=True)
class Quantity:
    """A counted thing in an event ("23 warplanes")."""

    text: str
    value: float | None
    unit: str | None

    def to_dict(self) -> dict[str, Any]:
        """The quantity as the contract's ``{text, value, unit}``."""
        return {"text": self.text, "value": self.value, "unit": self.unit}


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, with status, date, place and provenance spans."""

    id: str
    start: int
    end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    type: str
    action: str
    cameo: str | None = None
    mode: str | None = None
    status: str = "occurred"
    disputed_by: tuple[str, ...] = ()
    source: Actor | None = None
    target: Actor | None = None
    attributed_to: str | None = None
    date: str | None = None
    date_precision: str | None = None
    date_inferred: bool = False
    background: bool = False
    place: dict[str, Any] | None = None
    quantities: tuple[Quantity, ...] = ()
    confidence: float | None = None
    cluster: str | None = None
    main: bool = False  # the sentence's main PLOVER event (dateline.events.salience)

    def to_dict(self) -> dict[str, Any]:
        """The event as the contract's event object."""
        return {
            "id": self.id, "start": self.start, "end": self.end, "trigger": self.trigger,
            "trigger_start": self.trigger_start, "trigger_end": self.trigger_end,
            "type": self.type, "action": self.action, "cameo": self.cameo, "mode": self.mode,
            "status": self.status, "disputed_by": list(self.disputed_by),
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "attributed_to": self.attributed_to, "date": self.date,
            "date_precision": self.date_precision, "date_inferred": self.date_inferred,
            "background": self.background, "place": self.place,
            "quantities": [q.to_dict() for q in self.quantities],
            "confidence": self.confidence, "cluster": self.cluster, "main": self.main,
        }


@dataclass(slots=True)
class Article:
    """The clean article and every annotation found on it.

    Stages fill the annotation lists; ``doc`` holds the runtime spaCy ``Doc`` (never
    serialised). Which of them a stage reads and writes is its ``requires`` / ``produces``
    (``dateline.vocab.Fact``), checked along the chain by ``Pipeline.check``.
    """

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    published_source: str | None = None  # input | metadata | url | cli | None
    language: str = "en"
    dup_group: str | None = None
    content_hash: str = ""
    origin: str = ""
    encoding: str | None = None
    byline: list[str] = field(default_factory=list)
    site_name: str | None = None
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    paragraphs: list[Span] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    doc: Any = None

    def span_text(self, start: int, end: int) -> str:
        """The stored text between two offsets."""
        return self.text[start:end]


def _span_dict(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {n: getattr(obj, n) for n in names}


ENTITY_FIELDS = ("start", "end", "text", "type", "id")
TIME_FIELDS = ("start", "end", "text", "type", "value", "anchor", "year_inferred")
PLACE_FIELDS = ("start", "end", "text", "name", "country", "lat", "lon", "geonames_id",
                "precision")
QUOTE_FIELDS = ("start", "end", "text", "kind", "cue", "speaker", "speaker_start",
                "speaker_end", "speaker_id", "reported_by")


def to_record(article: Article) -> dict[str, Any]:
    """The article as one ``dateline/1`` JSON object (CONTRACT.md), extensions last."""
    return {
        "schema": SCHEMA,
        "id": article.id,
        "url": article.url,
        "title": article.title,
        "published": article.published,
        "language": article.language,
        "dup_group": article.dup_group,
        "text": article.text,
        "captions": list(article.captions),
        "credits": list(article.credits),
        "entities": [_span_dict(e, ENTITY_FIELDS) for e in article.entities],
        "times": [_span_dict(t, TIME_FIELDS) for t in article.times],
        "places": [_span_dict(p, PLACE_FIELDS) | {"metonymic": p.metonymic}
                   for p in article.places],
        "quotes": [_span_dict(q, QUOTE_FIELDS) | {"cue_start": q.cue_start, "cue_end": q.cue_end}
                   for q in article.quotes],
        "events": [e.to_dict() for e in article.events],
        # extensions (CONTRACT.md allows new optional fields)
        "byline": list(article.byline),
        "site_name": article.site_name,
        "paragraphs": [[p.start, p.end] for p in article.paragraphs],
        "sentences": [[s.start, s.end] for s in article.sentences],
        "published_source": article.published_source,
        "encoding": article.encoding,
        "content_hash": article.content_hash,
        "warnings": list(article.warnings),
    }


def error_record(doc_id: str, code: str, message: str, origin: str = "") -> dict[str, Any]:
    """The line a document that could not be processed yields."""
    rec: dict[str, Any] = {"schema": SCHEMA, "id": doc_id,
                           "error": {"code": code, "message": message}}
    if origin:
        rec["error"]["origin"] = origin
    return rec
