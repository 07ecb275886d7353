"""Article extraction: a RawDoc (raw page, text dump or clean body) to an Article.

``extract_article`` dispatches on ``raw.kind``: ``html`` runs the HTML cascade
(``extract.html``), ``page_text`` the text-dump cleaner (``extract.dump``), ``text`` is
used verbatim so gold offsets line up.
"""
from __future__ import annotations

import hashlib
import re

from dateline.config import Settings
from dateline.errors import InputError, LimitExceeded
from dateline.extract.dump import clean_dump, learn_site_boilerplate
from dateline.extract.html import extract_html
from dateline.model import Article, RawDoc, Span

__all__ = ["extract_article", "learn_site_boilerplate", "join_paragraphs"]
PARA_SEP = "\n\n"
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def join_paragraphs(paragraphs: list[str]) -> tuple[str, list[Span]]:
    """Paragraphs joined by a blank line, with each paragraph's span in the result."""
    spans, pos = [], 0
    for i, para in enumerate(paragraphs):
        if i:
            pos += len(PARA_SEP)
        spans.append(Span(pos, pos + len(para)))
        pos += len(para)
    return PARA_SEP.join(paragraphs), spans


def _verbatim_spans(text: str) -> list[Span]:
    """Paragraph spans of a verbatim text: runs separated by blank lines."""
    spans = []
    for m in re.finditer(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", text, re.S):
        spans.append(Span(m.start(), m.end()))
    return spans


def _published(raw: RawDoc, page_date: str | None) -> tuple[str | None, str | None]:
    """The publication date and where it came from (input > page > --published)."""
    for value, source in ((raw.published, "input"), (page_date, "metadata"),
                          (raw.published_default, "cli")):
        if value and ISO_DAY.match(value):
            return value[:10], source
    return None, None


def _check_size(raw: RawDoc, settings: Settings) -> None:
    size = len(raw.content.encode("utf-8", "surrogatepass"))
    if size > settings.max_input_bytes:
        raise LimitExceeded(f"input {raw.id!r} is {size} bytes, over max_input_bytes="
                            f"{settings.max_input_bytes}; raise the limit to read it",
                            code="too_large")


def _from_html(raw: RawDoc, settings: Settings, art: Article) -> str | None:
    """Fill ``art`` from the HTML cascade; returns the page's own date."""
    res = extract_html(raw.content, raw.url, settings)
    text, spans = join_paragraphs(res.paragraphs)
    art.text, art.paragraphs = text, spans
    art.title = raw.title or res.title
    art.byline, art.site_name = res.byline, res.site_name
    art.language = res.language or art.language
    art.captions, art.credits, art.warnings = res.captions, res.credits, res.warnings
    art.url = raw.url or res.url
    return res.date


def _from_dump(raw: RawDoc, art: Article) -> None:
    """Fill ``art`` from the text-dump cleaner (no date is ever read from the body)."""
    res = clean_dump(raw.content)
    art.text, art.paragraphs = join_paragraphs(res.paragraphs)
    art.title = raw.title or res.title
    art.language = res.language
    art.captions, art.credits = res.captions, res.credits


def extract_article(raw: RawDoc, settings: Settings) -> Article:
    """The clean article of one raw input (html, page_text or text)."""
    _check_size(raw, settings)
    art = Article(id=raw.id, text="", url=raw.url, title=raw.title, origin=raw.origin,
                  encoding=raw.encoding)
    page_date = None
    if raw.kind == "html":
        page_date = _from_html(raw, settings, art)
    elif raw.kind == "page_text":
        _from_dump(raw, art)
    elif raw.kind == "text":
        art.text, art.paragraphs = raw.content, _verbatim_spans(raw.content)
    else:
        raise InputError(f"unknown input kind {raw.kind!r} for {raw.id!r}; use html, "
                         "page_text or text", code="unknown_kind")
    art.warnings = list(raw.warnings) + art.warnings
    if not art.text.strip():
        raise InputError(f"no article text found in {raw.id!r}; check that the input is a "
                         "news page or pass its body as 'text'", code="empty_body")
    art.published, art.published_source = _published(raw, page_date)
    art.content_hash = hashlib.sha256(art.text.encode("utf-8", "surrogatepass")).hexdigest()
    return art
