"""Article extraction: a RawDoc (raw page, text dump or clean body) to an Article.

``extract_article`` dispatches on ``raw.kind``: ``html`` runs the HTML cascade
(``extract.html``), ``page_text`` the text-dump cleaner (``extract.dump``), ``text`` is
used verbatim so gold offsets line up.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from urllib.parse import urlsplit

from dateline.config import Settings
from dateline.errors import InputError, LimitExceeded
from dateline.extract.dump import clean_dump, learn_site_boilerplate
from dateline.extract.html import extract_html
from dateline.model import Article, RawDoc, Span

__all__ = ["extract_article", "extract_batch", "join_paragraphs", "learn_site_boilerplate",
           "site_boilerplates"]
PARA_SEP = "\n\n"
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
# A site's chrome is learnt from a batch only when it holds this many distinct dumps of one
# URL host: with two, any line the two pages share (a quote in two stories of one event) would
# count as chrome.
SITE_MIN_PAGES = 3
# A body cleaned with the learnt chrome must keep this share of the characters it has without
# it; below that the lines were the story (pages of one developing story), and they stay.
BOILERPLATE_KEEP = 0.5


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


def _from_dump(raw: RawDoc, art: Article, boilerplate: frozenset[str]) -> None:
    """Fill ``art`` from the text-dump cleaner (no date is ever read from the body)."""
    res = clean_dump(raw.content)
    if boilerplate:
        site = clean_dump(raw.content, boilerplate)
        if _chars(site.paragraphs) >= BOILERPLATE_KEEP * _chars(res.paragraphs):
            res = site
    art.text, art.paragraphs = join_paragraphs(res.paragraphs)
    art.title = raw.title or res.title
    art.language = res.language
    art.captions, art.credits = res.captions, res.credits


def _chars(paragraphs: list[str]) -> int:
    return sum(len(p) for p in paragraphs)


def extract_article(raw: RawDoc, settings: Settings,
                    boilerplate: frozenset[str] = frozenset()) -> Article:
    """The clean article of one raw input (html, page_text or text).

    ``boilerplate``: lines known to be the site's chrome (``site_boilerplates``), used on
    ``page_text`` dumps only.
    """
    _check_size(raw, settings)
    art = Article(id=raw.id, text="", url=raw.url, title=raw.title, origin=raw.origin,
                  encoding=raw.encoding)
    page_date = None
    if raw.kind == "html":
        page_date = _from_html(raw, settings, art)
    elif raw.kind == "page_text":
        _from_dump(raw, art, boilerplate)
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


def _host(url: str | None) -> str | None:
    try:
        host = urlsplit(url or "").hostname
    except ValueError:
        return None
    return host[4:] if host and host.startswith("www.") else host


def site_boilerplates(raws: Sequence[RawDoc]) -> dict[str, frozenset[str]]:
    """Per URL host with SITE_MIN_PAGES distinct ``page_text`` dumps in the batch, the lines
    most of them share (``learn_site_boilerplate``): the site's menus, footers, prompts."""
    pages: dict[str, dict[str, str]] = defaultdict(dict)
    for raw in raws:
        host = _host(raw.url) if isinstance(raw, RawDoc) and raw.kind == "page_text" else None
        if host:
            pages[host].setdefault(hashlib.sha256(raw.content.encode(
                "utf-8", "surrogatepass")).hexdigest(), raw.content)
    return {host: learn_site_boilerplate(dumps.values()) for host, dumps in pages.items()
            if len(dumps) >= SITE_MIN_PAGES}


def extract_batch(raws: Sequence[RawDoc], settings: Settings) -> list[Article | Exception]:
    """``extract_article`` over a batch, in order; dumps of one site share its learnt chrome.

    Each item is the Article or the exception its extraction raised, so a caller keeps its
    own per-document error handling.
    """
    learnt = site_boilerplates(raws)
    out: list[Article | Exception] = []
    for raw in raws:
        try:
            out.append(extract_article(raw, settings, learnt.get(_host(raw.url) or "",
                                                                 frozenset())))
        except Exception as exc:  # noqa: BLE001 - handed back to the caller, per document
            out.append(exc)
    return out


