"""Input readers: files, folders and globs to an iterator of RawDocs (or error records).

Each reader takes ``(path, options)`` and yields ``RawDoc`` or an error record dict; a file
that cannot be read yields one error record and the walk goes on.
"""
from __future__ import annotations

import glob
import importlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from dateline.config import Settings
from dateline.errors import DatelineError
from dateline.model import RawDoc, error_record
from dateline.sources.ids import content_hash, doc_id_for

# suffix -> "module:function"; longest suffix wins (".warc.gz" before ".gz"). Readers take
# (path, ReadOptions), except those in SETTINGS_READERS, which take (path, Settings) and get
# the --published fallback added here.
READERS: dict[str, str] = {
    ".html": "dateline.sources.files:read_html",
    ".htm": "dateline.sources.files:read_html",
    ".txt": "dateline.sources.files:read_text",
    ".jsonl": "dateline.sources.jsonl:read_jsonl",
    ".warc": "dateline.sources.warc:read_warc",
    ".warc.gz": "dateline.sources.warc:read_warc",
    ".rss": "dateline.sources.feeds:read_feed",
    ".atom": "dateline.sources.feeds:read_feed",
    ".xml": "dateline.sources.feeds:read_feed",
}


SETTINGS_READERS = frozenset({"dateline.sources.warc:read_warc",
                              "dateline.sources.feeds:read_feed"})


@dataclass(frozen=True)
class ReadOptions:
    """What every reader honours: CLI fallbacks and the settings' limits."""

    settings: Settings
    published: str | None = None
    url: str | None = None
    doc_id: str | None = None


def reader_for(path: Path) -> str | None:
    """The reader target for a path, by its longest matching suffix."""
    name = path.name.lower()
    for suffix in sorted(READERS, key=len, reverse=True):
        if name.endswith(suffix):
            return READERS[suffix]
    return None


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Files named, files under folders (sorted, known types only) and glob matches."""
    for item in paths:
        text = str(item)
        if any(ch in text for ch in "*?[") and not Path(text).exists():
            yield from (Path(p) for p in sorted(glob.glob(text, recursive=True)))
            continue
        path = Path(text)
        if path.is_dir():
            for sub in sorted(p for p in path.rglob("*") if p.is_file()):
                if reader_for(sub):
                    yield sub
        else:
            yield path


def read_inputs(paths: Iterable[str | os.PathLike[str]], options: ReadOptions
                ) -> Iterator[RawDoc | dict[str, Any]]:
    """Every document in the given inputs, in order; unreadable inputs give error records."""
    for path in expand_paths(paths):
        target = reader_for(path)
        if not path.is_file():
            yield error_record(doc_id_for(given=options.doc_id, raw=str(path)), "not_found",
                               f"{path}: no such file", str(path))
            continue
        if target is None:
            yield error_record(doc_id_for(given=options.doc_id, raw=str(path)), "unsupported",
                               f"{path}: unknown input type; use .html .htm .txt .jsonl .warc "
                               ".warc.gz .rss .atom or .xml", str(path))
            continue
        module, func = target.split(":")
        try:
            reader = getattr(importlib.import_module(module), func)
        except (ImportError, AttributeError) as exc:
            yield error_record(doc_id_for(given=options.doc_id, raw=str(path)), "unsupported",
                               f"{path}: reader unavailable ({exc})", str(path))
            continue
        try:
            yield from _with_fallbacks(reader, path, options,
                                       takes_options=target not in SETTINGS_READERS)
        except DatelineError as exc:
            yield error_record(doc_id_for(given=options.doc_id, raw=str(path)), exc.code,
                               str(exc), str(path))
        except Exception as exc:  # noqa: BLE001 - a broken file never stops the walk
            yield error_record(doc_id_for(given=options.doc_id, raw=str(path)), "read_failed",
                               f"{path}: {type(exc).__name__}: {exc}", str(path))


def _with_fallbacks(reader: Any, path: Path, options: ReadOptions, takes_options: bool
                    ) -> Iterator[RawDoc | dict[str, Any]]:
    """Call a reader; readers that take only settings get the CLI date fallback added."""
    if takes_options:
        yield from reader(path, options)
        return
    for item in reader(path, options.settings):
        if isinstance(item, RawDoc) and options.published and not item.published_default:
            item = replace(item, published_default=options.published)
        yield item


__all__ = ["READERS", "ReadOptions", "content_hash", "doc_id_for", "expand_paths",
           "read_inputs", "reader_for"]
