"""The HTML cascade: limits, one lxml parse, trafilatura, JSON-LD body, dump-cleaner rescue.

1. Size is checked before parsing; nesting deeper than ``settings.max_html_depth`` (lxml
   silently drops text past depth 256) is flattened before parsing and flagged.
2. Metadata (JSON-LD, <meta>, title, date, byline, canonical URL, language) is read from
   the tree before trafilatura consumes it.
3. trafilatura extracts the body (its own readability/jusText fallbacks included); when it
   keeps less than the page's JSON-LD ``articleBody`` that body is used, and when both fail
   the page's visible text goes through the text-dump cleaner.
4. Our line cleaning moves caption/blurb/credit lines out of the body.
"""
from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field
from typing import Any

from dateline.config import Settings
from dateline.errors import LimitExceeded
from dateline.extract import meta as M
from dateline.extract.chrome import caption_text, line_kind
from dateline.extract.dump import clean_dump, split_credits

TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^>]*?(/?)>")
VOID = frozenset("area base br col embed hr img input link meta param source track wbr "
                 "p li option td th tr".split())  # p/li/td...: often left unclosed
FLATTEN = re.compile(r"</?(?:div|span|font|section|article|center|b|i|em|strong|a)\b[^>]*>",
                     re.I)
SCRIPT = re.compile(r"<(script|style|noscript|template|svg)\b.*?</\1\s*>", re.I | re.S)
BLOCK_BREAK = re.compile(r"<(?:br|/?p|/?div|/?li|/?h\d|/?tr|/?section|/?article)\b[^>]*>", re.I)
ANY_TAG = re.compile(r"<[^>]+>")
# trafilatura's body is replaced by JSON-LD articleBody when that is this much longer
# (chosen on dev.jsonl: bodies trafilatura truncates are under half the JSON-LD one).
LD_BODY_RATIO = 2.0
# Below this many characters an extracted body is treated as a failure and rescued.
MIN_BODY_CHARS = 200


@dataclass(slots=True)
class HtmlResult:
    """What the cascade found on one page."""

    paragraphs: list[str]
    title: str | None = None
    date: str | None = None
    byline: list[str] = field(default_factory=list)
    site_name: str | None = None
    language: str | None = None
    url: str | None = None
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def max_depth(page: str) -> int:
    """The deepest element nesting of a page, from one linear scan of its tags."""
    depth = deepest = 0
    for m in TAG.finditer(page):
        closing, name, selfclose = m.group(1), m.group(2).lower(), m.group(3)
        if name in VOID or selfclose:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def visible_text(page: str) -> str:
    """The page's text with one block per line (a regex pass, for rescues)."""
    body = SCRIPT.sub(" ", page)
    body = BLOCK_BREAK.sub("\n", body)
    return html_lib.unescape(ANY_TAG.sub(" ", body))


def clean_lines(paragraphs: list[str], result: HtmlResult) -> list[str]:
    """Move caption, blurb and credit lines out of an extracted body."""
    out: list[str] = []
    for para in paragraphs:
        kind = line_kind(para)
        if kind == "credits":
            result.credits.extend(split_credits(para))
        elif kind == "caption":
            result.captions.append(caption_text(para))
        elif kind == "blurb":
            result.captions.append(para)
        elif kind in ("drop", "media") and len(para) < 80:
            continue
        else:
            out.append(para)
    return out


def _ld_body(ld: list[dict[str, Any]]) -> str:
    for item in ld:
        body = item.get("articleBody")
        if isinstance(body, str) and body.strip():
            return body
    return ""


def _trafilatura(tree: Any, url: str | None) -> Any:
    from trafilatura import bare_extraction

    # favor_recall: dev body F1 0.935 against 0.933 without it (comments stay out).
    return bare_extraction(tree, url=url, with_metadata=True, include_comments=False,
                           favor_recall=True)


def _body(page: str, tree: Any, ld: list[dict[str, Any]], url: str | None,
          result: HtmlResult) -> list[str]:
    """Body paragraphs from trafilatura, JSON-LD or the dump cleaner, in that order."""
    doc = _trafilatura(tree, url)
    text = (doc.text or "") if doc is not None else ""
    if doc is not None:
        result.byline = result.byline or M.people(doc.author)
        result.date = doc.date or result.date  # htmldate scored 0.94 vs meta-first 0.91
        result.site_name = doc.sitename
        result.title = result.title or doc.title
    ld_text = _ld_body(ld)
    if len(ld_text) > LD_BODY_RATIO * max(len(text), 1):
        text = ld_text
        result.warnings.append("body_from_json_ld")
    paras = [" ".join(p.split()) for p in text.split("\n")]
    paras = [p for p in paras if p]
    if sum(len(p) for p in paras) < MIN_BODY_CHARS:
        dump = clean_dump(visible_text(page))
        if sum(len(p) for p in dump.paragraphs) > sum(len(p) for p in paras):
            result.warnings.append("body_from_text_rescue")
            result.captions.extend(dump.captions)
            result.credits.extend(dump.credits)
            return dump.paragraphs
    return paras


def _check_limits(page: str, settings: Settings, result: HtmlResult) -> str:
    """Refuse oversize pages; flatten pages nested past the depth limit."""
    size = len(page.encode("utf-8", "surrogatepass"))
    if size > settings.max_input_bytes:
        raise LimitExceeded(f"page is {size} bytes, over max_input_bytes="
                            f"{settings.max_input_bytes}; raise the limit to read it",
                            code="too_large")
    if max_depth(page) > settings.max_html_depth:
        page = FLATTEN.sub(" ", page)
        result.warnings.append("depth_flattened")
        if max_depth(page) > settings.max_html_depth:
            raise LimitExceeded(f"page nests elements deeper than max_html_depth="
                                f"{settings.max_html_depth} even after flattening",
                                code="depth")
    return page


def extract_html(page: str, url: str | None, settings: Settings) -> HtmlResult:
    """Run the cascade over one raw page."""
    result = HtmlResult(paragraphs=[])
    page = _check_limits(page, settings, result)
    tree = M.parse_html(page)
    meta = M.meta_values(tree)
    ld = M.json_ld(tree)
    result.title = M.page_title(tree, meta, ld)
    result.date = M.page_date(meta, ld)
    result.byline = M.people(meta.get("author") or _ld_author(ld))
    result.url = M.canonical_url(tree, meta)
    result.language = M.page_language(tree, meta)
    paras = _body(page, tree, ld, url, result)
    if paras and result.title and paras[0] == result.title:
        paras = paras[1:]  # the headline repeated at the top of the body
    result.paragraphs = clean_lines(paras, result)
    return result


def _ld_author(ld: list[dict[str, Any]]) -> str | None:
    for item in ld:
        author = item.get("author")
        authors = author if isinstance(author, list) else [author]
        found = [a.get("name") if isinstance(a, dict) else a for a in authors]
        names = [n for n in found if isinstance(n, str)]
        if names:
            return "; ".join(names)
    return None
