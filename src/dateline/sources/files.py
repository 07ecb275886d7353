"""Readers for single-document files: ``.html``/``.htm`` pages and ``.txt`` dumps."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from dateline.errors import LimitExceeded
from dateline.model import RawDoc
from dateline.sources.ids import content_hash, doc_id_for

if TYPE_CHECKING:
    from dateline.sources import ReadOptions


def read_bytes_limited(path: Path, limit: int) -> bytes:
    """The file's bytes, refusing before reading when it is over the size limit."""
    size = path.stat().st_size
    if size > limit:
        raise LimitExceeded(f"{path}: {size} bytes is over the {limit}-byte input limit "
                            "(raise max_input_bytes to accept it)", code="too_large")
    return path.read_bytes()


def _read(path: Path, options: ReadOptions, kind: str) -> Iterator[RawDoc]:
    from dateline.sources.encoding import decode_bytes

    settings = options.settings
    data = read_bytes_limited(path, settings.max_input_bytes)
    text, encoding = decode_bytes(data, None, settings)
    yield RawDoc(id=doc_id_for(url=options.url, raw=data, given=options.doc_id), kind=kind,
                 content=text, url=options.url, published_default=options.published,
                 origin=str(path), encoding=encoding, content_hash=content_hash(data))


def read_html(path: Path, options: ReadOptions) -> Iterator[RawDoc]:
    """One raw page from an .html/.htm file."""
    yield from _read(path, options, "html")


def read_text(path: Path, options: ReadOptions) -> Iterator[RawDoc]:
    """One text file: a page dump or a plain article; the dump cleaner handles both."""
    yield from _read(path, options, "page_text")
