"""Page metadata from a parsed HTML tree: JSON-LD, <meta> tags, title, date, byline, URL.

Title precedence follows the reader-view convention (JSON-LD headline, then og/dc/twitter
titles, then the <title> with its site-name part removed); dates are the date part of the
page's own published-time fields as written, with no time-zone shift.
"""
from __future__ import annotations

import json
import re
from typing import Any

from lxml import html as lxml_html

from dateline.lexicon import read_lexicon

ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
TITLE_SEPARATORS = re.compile(r" [|\-–—\\/>»] ")
HIERARCHY_SEPARATORS = re.compile(r" [\\/>»] ")
# A title part shorter than this many words is a site name, not a headline (reader view uses 3).
TITLE_MIN_WORDS = 3
# A <title> of this many words or fewer after cutting keeps its original text (reader view: 4).
TITLE_SHORT_WORDS = 4
ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "blogposting",
                 "analysisnewsarticle", "opinionnewsarticle", "webpage", "report",
                 "socialmediaposting", "liveblogposting", "scholarlyarticle", "techarticle"}
TITLE_META = ("dc:title", "dcterm:title", "og:title", "weibo:article:title",
              "weibo:webpage:title", "title", "twitter:title", "parsely-title")
DATE_META = ("article:published_time", "og:article:published_time", "datepublished",
             "dc.date.issued", "dcterms.created", "parsely-pub-date", "pubdate",
             "publishdate", "sailthru.date", "date")
PERSON_NAME = re.compile(r"^[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){1,4}$")


def json_ld(tree: Any) -> list[dict[str, Any]]:
    """Article-like JSON-LD objects of the page (graphs flattened), first found first."""
    out: list[dict[str, Any]] = []
    for node in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(node.text_content() or "null")
        except (ValueError, RecursionError):
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if not isinstance(item, dict):
                continue
            stack.extend(x for x in item.get("@graph", []) if isinstance(x, dict))
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(isinstance(k, str) and k.lower() in ARTICLE_TYPES for k in kinds):
                out.append(item)
    return out


def meta_values(tree: Any) -> dict[str, str]:
    """<meta> name/property -> content, lower-cased keys, first value kept."""
    out: dict[str, str] = {}
    for node in tree.xpath("//meta[@content]"):
        content = " ".join((node.get("content") or "").split())
        for attr in ("property", "name", "itemprop"):
            for key in (node.get(attr) or "").lower().split():
                if content and key not in out:
                    out[key] = content
    return out


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def cut_site_name(title: str, headings: list[str]) -> str:
    """A <title> without its site-name part, as reader views do."""
    orig = " ".join(title.split())
    cur = orig
    hierarchical = False
    if TITLE_SEPARATORS.search(orig):
        hierarchical = bool(HIERARCHY_SEPARATORS.search(orig))
        seps = list(TITLE_SEPARATORS.finditer(orig))
        cur = orig[: seps[-1].start()]
        if _words(cur) < TITLE_MIN_WORDS:
            cur = orig[seps[0].end():]
    elif ": " in orig:
        if orig not in headings:
            cur = orig[orig.rfind(":") + 1:].strip()
            if _words(cur) < TITLE_MIN_WORDS:
                cur = orig[orig.find(":") + 1:].strip()
            elif _words(orig[: orig.find(":")]) > 5:
                cur = orig
    elif (len(orig) > 150 or len(orig) < 15) and len(headings) == 1:
        cur = headings[0]
    cur = " ".join(cur.split())
    if cur in headings:
        return cur  # the page's own heading confirms the cut, however short
    stripped = TITLE_SEPARATORS.sub(" ", orig)
    if _words(cur) <= TITLE_SHORT_WORDS and (
            not hierarchical or _words(cur) != _words(stripped) - 1):
        cur = orig
    return cur


def _ld_title(ld: list[dict[str, Any]], page_title: str) -> str | None:
    for item in ld:
        name, head = item.get("name"), item.get("headline")
        name = name if isinstance(name, str) else None
        head = head if isinstance(head, str) else None
        if name and head and name != head:
            return name if page_title.startswith(name) or name in page_title else head
        if head or name:
            return " ".join((head or name or "").split())
    return None


def page_title(tree: Any, meta: dict[str, str], ld: list[dict[str, Any]]) -> str | None:
    """The article title: JSON-LD, then title metadata, then the cut <title>."""
    node = tree.find(".//title")
    raw = " ".join(node.text_content().split()) if node is not None else ""
    found = _ld_title(ld, raw) or next((meta[k] for k in TITLE_META if meta.get(k)), None)
    if found:
        return found
    headings = [" ".join(h.text_content().split()) for h in tree.xpath("//h1")]
    if raw:
        return cut_site_name(raw, headings)
    return headings[0] if headings else None


def page_date(meta: dict[str, str], ld: list[dict[str, Any]]) -> str | None:
    """The page's own published date (YYYY-MM-DD as written), if it states one."""
    cands = [item.get("datePublished") for item in ld] + [meta.get(k) for k in DATE_META]
    for value in cands:
        if isinstance(value, str):
            m = ISO_DATE.search(value)
            if m and 1900 < int(m.group(1)) < 2100 and 1 <= int(m.group(2)) <= 12:
                return m.group(0)
    return None


def _agencies() -> frozenset[str]:
    return frozenset(r["name"].lower() for r in read_lexicon("news_agencies.tsv"))


AGENCIES = _agencies()


def people(author: str | None) -> list[str]:
    """The person names in an author string (agencies, handles and dates dropped)."""
    if not author:
        return []
    parts = re.split(r"\s*(?:;|,|\||\band\b|&|\bund\b|\bet\b|\by\b|\be\b)\s*", author)
    out = []
    for part in parts:
        name = re.sub(r"^(?:by|von|par|por|de)\s+", "", part.strip(), flags=re.I).strip()
        if not name or name.lower() in AGENCIES or not PERSON_NAME.match(name):
            continue
        if name not in out:
            out.append(name)
    return out


def canonical_url(tree: Any, meta: dict[str, str]) -> str | None:
    """The page's canonical URL (link rel=canonical, else og:url), when absolute."""
    for href in tree.xpath('//link[@rel="canonical"]/@href') + [meta.get("og:url")]:
        if isinstance(href, str) and href.startswith(("http://", "https://")):
            return href.strip()
    return None


def page_language(tree: Any, meta: dict[str, str]) -> str | None:
    """The language the page declares (html lang, og:locale), as a two-letter code."""
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    lang = root.get("lang") or root.get("xml:lang") or meta.get("og:locale") or ""
    m = re.match(r"[A-Za-z]{2,3}", lang)
    return m.group(0).lower() if m else None


def parse_html(text: str) -> Any:
    """An lxml HTML tree of the page (no network, huge trees refused by lxml's defaults)."""
    parser = lxml_html.HTMLParser(remove_comments=True, no_network=True)
    return lxml_html.document_fromstring(text, parser=parser)
