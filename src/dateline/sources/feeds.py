"""RSS/Atom reader: each item with content is one RawDoc of kind ``html``.

Parsed with lxml with entity resolution, network access and huge trees all off, so an
entity bomb or an external entity expands to nothing. An item's content is its
``content:encoded`` / Atom ``content``, else its ``description`` / ``summary``; its link,
title and date come along (the date as YYYY-MM-DD when it can be read).
"""
from __future__ import annotations

from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from lxml import etree

from dateline.config import Settings
from dateline.model import RawDoc, error_record
from dateline.sources.encoding import decode_bytes

CONTENT_TAGS = ("encoded", "content", "description", "summary")


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child(item: Any, name: str) -> Any:
    for child in item:
        if _local(child.tag) == name:
            return child
    return None


def _text(node: Any) -> str:
    return "".join(node.itertext()).strip() if node is not None else ""


def feed_date(value: str) -> str | None:
    """An RSS (RFC 822) or Atom (ISO 8601) date as YYYY-MM-DD, or None."""
    value = value.strip()
    if len(value) >= 10 and value[4] == "-" and value[7] == "-":
        return value[:10]
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _link(item: Any) -> str | None:
    for child in item:
        if _local(child.tag) == "link":
            href = child.get("href") or (child.text or "").strip()
            if href and child.get("rel", "alternate") == "alternate":
                return href
    return None


def _item(item: Any, path: Path, index: int) -> RawDoc | None:
    content = next((_text(_child(item, t)) for t in CONTENT_TAGS if _text(_child(item, t))), "")
    if not content:
        return None
    link = _link(item)
    date = next((feed_date(_text(_child(item, t))) for t in ("pubdate", "published", "updated",
                                                              "date") if _child(item, t)
                 is not None), None)
    from dateline.sources.ids import doc_id_for
    return RawDoc(id=doc_id_for(url=link, raw=content), kind="html", content=content, url=link,
                  published=date, title=_text(_child(item, "title")) or None,
                  origin=f"{path}#item{index}")


def read_feed(path: Path, settings: Settings) -> Iterator[RawDoc | dict[str, Any]]:
    """Every item of an RSS or Atom file with content, as html RawDocs."""
    path = Path(path)
    data = path.read_bytes()
    if len(data) > settings.max_input_bytes:
        yield error_record(path.name, "too_large", f"{path.name} is over max_input_bytes="
                           f"{settings.max_input_bytes}; raise the limit", str(path))
        return
    text, _ = decode_bytes(data, None, settings)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False, recover=True)
    detail = "empty document"
    try:
        root = etree.fromstring(text.encode("utf-8"), parser=parser)
    except (etree.XMLSyntaxError, ValueError) as err:
        root = None
        detail = str(err)
    if root is None:
        yield error_record(path.name, "bad_input", f"{path.name} is not a readable RSS/Atom "
                           f"feed ({detail})", str(path))
        return
    items = [el for el in root.iter() if _local(el.tag) in ("item", "entry")]
    if not items:
        yield error_record(path.name, "no_items", f"{path.name} holds no RSS item or Atom "
                           "entry (entity declarations are never expanded)", str(path))
    for i, item in enumerate(items):
        doc = _item(item, path, i)
        if doc is None:  # counted, never dropped silently
            yield error_record(f"{path.name}#item{i}", "empty_item", f"item {i} of {path.name} "
                               "has no content, description or summary", f"{path}#item{i}")
        else:
            yield doc
