"""Reader for JSON Lines inputs: one document a line, ``html`` | ``page_text`` | ``text``.

Other keys on a line (e.g. ``gold`` in evaluation sets) are never read.
"""
from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dateline.model import RawDoc, error_record
from dateline.sources.ids import content_hash, doc_id_for

if TYPE_CHECKING:
    from dateline.sources import ReadOptions

BODY_KEYS = ("html", "page_text", "text")
DATE_CHARS = 10


def _line_doc(obj: dict[str, Any], raw_line: str, origin: str, options: ReadOptions
              ) -> RawDoc | dict[str, Any]:
    url = obj.get("url") or None
    doc_id = doc_id_for(url=url, raw=raw_line, given=obj.get("id"))
    kind = next((k for k in BODY_KEYS if isinstance(obj.get(k), str)), None)
    if kind is None:
        return error_record(doc_id, "bad_input", f"{origin}: a line needs one of "
                            "'html', 'page_text' or 'text' as a string", origin)
    body = obj[kind]
    if len(body.encode("utf-8", "surrogatepass")) > options.settings.max_input_bytes:
        return error_record(doc_id, "too_large", f"{origin}: the {kind} is over the "
                            f"{options.settings.max_input_bytes}-byte input limit", origin)
    published = obj.get("published")
    published = str(published)[:DATE_CHARS] if published else None
    return RawDoc(id=doc_id, kind=kind, content=body, url=url, published=published,
                  title=obj.get("title") or None, origin=origin,
                  published_default=options.published, encoding="utf-8",
                  content_hash=content_hash(body))


def read_jsonl(path: Path, options: ReadOptions) -> Iterator[RawDoc | dict[str, Any]]:
    """Documents from a .jsonl file; a bad line gives an error record and the file goes on."""
    with path.open(encoding="utf-8", errors="replace") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            origin = f"{path}:{number}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield error_record(doc_id_for(raw=line), "bad_json", f"{origin}: {exc}", origin)
                continue
            if not isinstance(obj, dict):
                yield error_record(doc_id_for(raw=line), "bad_json",
                                   f"{origin}: a line must be a JSON object", origin)
                continue
            yield _line_doc(obj, line, origin, options)


EVAL_INPUT_KEYS = ("id", "title", "url", "published", "text")  # never "gold"


def input_docs(lines: Sequence[str]) -> list[RawDoc]:
    """RawDocs from the input fields of evaluation-set lines (``../shared`` dev files): the
    text used verbatim, the gold annotations never read."""
    docs = []
    for line in lines:
        d = {k: v for k, v in json.loads(line).items() if k in EVAL_INPUT_KEYS}
        docs.append(RawDoc(id=d["id"], kind="text", content=d["text"], url=d.get("url"),
                           title=d.get("title"), published=d.get("published")))
    return docs
