"""WARC reader: every complete 2xx HTML ``response`` record is one RawDoc (kind ``html``).

HTTP chunked and gzip/deflate payloads are decoded here, under a decompression cap
(``settings.max_decompressed_bytes`` and ``max_decompression_ratio``). Problems never stop
the batch: a record that cannot be read yields an error record (code ``decompression_limit``,
``bad_record``), and a file that ends inside a record yields one ``truncated`` error naming
the byte offset and how many records were read before it.
"""
from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dateline.config import Settings
from dateline.errors import LimitExceeded
from dateline.model import RawDoc, error_record
from dateline.sources.encoding import decode_bytes

HTML_TYPES = ("text/html", "application/xhtml+xml")
READ_CHUNK = 1 << 16


def _doc_id(url: str | None, raw: bytes) -> str:
    try:
        from dateline.sources.ids import doc_id_for
    except ImportError:  # pragma: no cover - the lead's module
        import hashlib
        return "sha-" + hashlib.sha256(raw).hexdigest()[:16]
    return doc_id_for(url=url, raw=raw)


def dechunk(data: bytes) -> bytes:
    """The body of an HTTP ``Transfer-Encoding: chunked`` payload (lenient on a cut end)."""
    out, pos = bytearray(), 0
    while pos < len(data):
        eol = data.find(b"\r\n", pos)
        if eol < 0:
            return bytes(out) if out else data
        size_text = data[pos:eol].split(b";")[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            return data if not out else bytes(out)  # not chunked after all
        if size == 0:
            break
        out += data[eol + 2:eol + 2 + size]
        pos = eol + 2 + size + 2
    return bytes(out)


def decompress(data: bytes, encoding: str, settings: Settings) -> bytes:
    """gzip/deflate-decode a payload, refusing output past the size and ratio caps."""
    cap = min(settings.max_decompressed_bytes,
              max(len(data), 1) * settings.max_decompression_ratio)
    wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS
    out = bytearray()
    try:
        dec = zlib.decompressobj(wbits)
        for i in range(0, len(data), READ_CHUNK):
            out += dec.decompress(data[i:i + READ_CHUNK], cap + 1 - len(out))
            if len(out) > cap or dec.unconsumed_tail:
                raise LimitExceeded(f"payload inflates past {cap} bytes (max_decompressed_bytes"
                                    " / max_decompression_ratio); raise them to read it",
                                    code="decompression_limit")
        out += dec.flush()
    except zlib.error:
        if not out:
            return data  # mislabelled: the payload was not compressed
    return bytes(out)


def _headers(rec: Any) -> dict[str, str]:
    return {k.lower(): v for k, v in (rec.http_headers or {}).items()} if rec.http_headers else {}


def _html_payload(rec: Any, settings: Settings) -> tuple[bytes, str | None] | None:
    """The decoded HTML bytes and declared charset of a 2xx HTML response, else None."""
    status = getattr(rec.http_headers, "status_code", None)
    if status is None or not 200 <= int(status) < 300:
        return None
    hdrs = _headers(rec)
    ctype = hdrs.get("content-type", "text/html").lower()
    if not any(t in ctype for t in HTML_TYPES):
        return None
    body = rec.reader.read(settings.max_input_bytes + 1)
    if len(body) > settings.max_input_bytes:
        raise LimitExceeded(f"record payload over max_input_bytes={settings.max_input_bytes}",
                            code="too_large")
    if "chunked" in hdrs.get("transfer-encoding", "").lower():
        body = dechunk(body)
    enc = hdrs.get("content-encoding", "").lower()
    if "gzip" in enc or "deflate" in enc:
        body = decompress(body, enc, settings)
    charset = ctype.split("charset=")[1].split(";")[0].strip() if "charset=" in ctype else None
    return body, charset


def _record(rec: Any, path: Path, settings: Settings) -> RawDoc | dict[str, Any] | None:
    """One response record as a RawDoc, an error record, or None when it is not a page."""
    url = (rec.headers.get("WARC-Target-URI") or "").strip().strip("<>").strip() or None
    origin = f"{path}@{rec.stream_pos}"
    try:
        found = _html_payload(rec, settings)
    except LimitExceeded as err:
        return error_record(_doc_id(url, origin.encode()), err.code, str(err), origin)
    if found is None:
        return None
    body, charset = found
    text, used = decode_bytes(body, charset, settings)
    return RawDoc(id=_doc_id(url, body), kind="html", content=text, url=url, origin=origin,
                  encoding=used, fetched=rec.headers.get("WARC-Date"))


def _truncated(path: Path, offset: int, count: int, detail: str,
               code: str = "truncated") -> dict[str, Any]:
    msg = (f"{path.name} ends or breaks inside a record at byte {offset} after {count} "
           f"complete records ({detail}); the records before it were read")
    return error_record(f"{path.name}@{offset}", code, msg, str(path))


def read_warc(path: Path, settings: Settings) -> Iterator[RawDoc | dict[str, Any]]:
    """Every HTML page of a WARC file (plain or gzip), then any problem as an error record."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    path = Path(path)
    count, offset = 0, 0
    with path.open("rb") as fh:
        records = ArchiveIterator(fh, record_types=WarcRecordType.response, parse_http=True,
                                  auto_decode="none")
        try:
            for rec in records:
                offset = rec.stream_pos
                declared = rec.content_length
                item = _record(rec, path, settings)
                rec.reader.consume()
                if declared and rec.reader.tell() < declared:
                    yield _truncated(path, offset, count, "block shorter than its length")
                    return
                count += 1
                if item is not None:
                    yield item
        except Exception as err:  # noqa: BLE001 - fastwarc raises plain errors
            if count == 0 and not _looks_like_warc(path):
                yield error_record(f"{path.name}@0", "bad_input", f"{path.name} is not a WARC "
                                   "file (an ARC or another format); convert it to WARC",
                                   str(path))
            else:
                yield _truncated(path, offset, count, f"{type(err).__name__}: {err}",
                                 "bad_record")


def _looks_like_warc(path: Path) -> bool:
    """Whether a file starts like a WARC (plain or gzip-compressed)."""
    head = path.open("rb").read(512)
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return False
    return head.lstrip().startswith(b"WARC/")
