"""What `dateline watch` follows: source lists, and the article links in feeds and sitemaps.

A source is an RSS/Atom feed or a sitemap (a news sitemap's ``<news:publication_date>`` is
read; a sitemap index lists further sitemaps). A sources file has one URL a line, optionally
followed by a label; ``#`` starts a comment. XML is parsed with entity resolution, network
access and huge trees off, so a hostile source costs bounded memory and time.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree

from dateline.errors import DatelineError
from dateline.sources.feeds import feed_date

FEED_ROOTS = {"rss", "rdf", "feed"}
SITEMAP_ROOTS = {"urlset", "sitemapindex"}


class SourceError(DatelineError):
    """A source that cannot be read as a feed or a sitemap."""

    code = "bad_source"


@dataclass(frozen=True)
class Source:
    """One feed or sitemap to follow, with the label the user gave it."""

    url: str
    label: str = ""


@dataclass(frozen=True)
class Entry:
    """One article link found in a source; ``version`` changes when its entry changes."""

    url: str
    version: str
    published: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Listing:
    """What one source lists: its kind, its entries (capped) and how many it had in all."""

    kind: str
    entries: list[Entry]
    total: int
    sitemaps: list[str]


def parse_sources(args: list[str]) -> list[Source]:
    """Sources from the command line: URLs, or files that list them one a line."""
    found: list[Source] = []
    for arg in args:
        if urlsplit(arg).scheme in ("http", "https"):
            found.append(Source(arg))
            continue
        path = Path(arg)
        if not path.is_file():
            raise SourceError(f"{arg}: neither an http(s) URL nor a sources file",
                              code="bad_source")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            url, _, label = line.partition(" ")
            if urlsplit(url).scheme not in ("http", "https"):
                raise SourceError(f"{path}:{number}: {url!r} is not an http(s) URL",
                                  code="bad_source")
            found.append(Source(url, label.strip()))
    return list({s.url: s for s in found}.values())


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child_text(node: etree._Element, *names: str) -> str:
    for child in node.iter():
        if child is not node and _local(child.tag) in names and (child.text or "").strip():
            return (child.text or "").strip()
    return ""


def _version(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def _feed_link(item: etree._Element) -> str:
    for child in item:
        if _local(child.tag) == "link":
            href = child.get("href") or (child.text or "").strip()
            if href and child.get("rel", "alternate") == "alternate":
                return href
    return ""


def _feed_entry(item: etree._Element, base: str) -> Entry | None:
    link = _feed_link(item)
    if not link:
        return None
    stamp = _child_text(item, "updated", "pubdate", "published", "date")
    title = _child_text(item, "title")
    guid = _child_text(item, "guid", "id")
    return Entry(urljoin(base, link), _version(guid, stamp, title), feed_date(stamp) if stamp
                 else None, title or None)


def _sitemap_entry(node: etree._Element, base: str) -> Entry | None:
    loc = _child_text(node, "loc")
    if not loc:
        return None
    published = _child_text(node, "publication_date")
    lastmod = _child_text(node, "lastmod")
    title = _child_text(node, "title")
    return Entry(urljoin(base, loc), _version(published, lastmod, title),
                 feed_date(published or lastmod) if (published or lastmod) else None,
                 title or None)


def parse_listing(body: bytes, base_url: str, max_entries: int) -> Listing:
    """The article links of a feed or sitemap, newest first as listed, capped at
    ``max_entries`` (``total`` says how many it listed)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False, recover=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        if body.lstrip()[:200].lower().startswith((b"<!doctype html", b"<html")):
            raise SourceError(f"{base_url}: an HTML page, not an RSS/Atom feed or a sitemap",
                              code="not_a_feed") from exc
        raise SourceError(f"{base_url}: malformed XML ({exc})", code="malformed_xml") from exc
    if root is None:
        raise SourceError(f"{base_url}: empty document", code="malformed_xml")
    name = _local(root.tag)
    if name in FEED_ROOTS:
        items = [n for n in root.iter() if _local(n.tag) in ("item", "entry")]
        make: Callable[[Any, str], Entry | None] = _feed_entry
        kind = "feed"
    elif name in SITEMAP_ROOTS:
        items = [n for n in root if _local(n.tag) in ("url", "sitemap")]
        make, kind = _sitemap_entry, "sitemap"
    else:
        raise SourceError(f"{base_url}: a <{name}> document is not an RSS/Atom feed or a "
                          "sitemap (an HTML page?)", code="not_a_feed")
    if name == "sitemapindex":
        locs = [_child_text(n, "loc") for n in items[:max_entries]]
        return Listing("sitemapindex", [], len(items), [urljoin(base_url, u) for u in locs if u])
    entries: list[Entry] = []
    for item in items:
        entry = make(item, base_url)
        if entry is not None and urlsplit(entry.url).scheme in ("http", "https"):
            entries.append(entry)
            if len(entries) >= max_entries:
                break
    return Listing(kind, entries, len(items), [])
