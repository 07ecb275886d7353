"""WARC reader: every complete 2xx HTML ``response`` record is one RawDoc (kind ``html``).

HTTP chunked and gzip/deflate payloads are decoded here, under a decompression cap
(``settings.max_decompressed_bytes`` and ``max_decompression_ratio``). Problems never stop
the batch (shared/data/warc/README.md lists the cases):

- a record that cannot be read yields an error record (``decompression_limit``, ...);
- a record whose Content-Length is wrong (the next header is not where it says) is kept
  with a ``length_mismatch`` warning on its document (a ``bad_record`` line when it is no
  document), and reading resumes at the next ``WARC/1.`` header (or gzip member);
- a file that ends inside a record (or inside the last gzip member) yields one ``truncated``
  error naming the offset and the count of complete records; the cut page itself is kept as
  a document flagged ``truncated`` when at least ``SALVAGE_MIN_SHARE`` of it is present;
- a file that is not a WARC (an ARC) yields one ``bad_input`` line.
"""
from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from dateline.config import Settings
from dateline.errors import LimitExceeded
from dateline.model import RawDoc, error_record
from dateline.sources.encoding import content_type_charset, decode_bytes

HTML_TYPES = ("text/html", "application/xhtml+xml")
READ_CHUNK = 1 << 16
GZIP_MAGIC = b"\x1f\x8b\x08"
# A record cut by the end of the file is kept as a flagged document when at least this share
# of its declared block is present (clipped.warc.gz: 85%, the article and footer intact); a
# stub of a page is not worth extracting.
SALVAGE_MIN_SHARE = 0.5
# Resyncs after broken records per file: each moves forward, so this only bounds the work on
# a file of garbage.
MAX_RESYNCS = 1000


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
    return body, content_type_charset(ctype)


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
    msg = (f"{path.name} ends or breaks inside the record at offset {offset} (byte) after "
           f"{count} complete records ({detail}); the records before it were read")
    return error_record(f"{path.name}@{offset}", code, msg, str(path))


def _salvage(item: RawDoc | dict[str, Any] | None, got: int, declared: int
             ) -> RawDoc | None:
    """The partial page of a cut record, flagged, when most of its block is there."""
    if not isinstance(item, RawDoc) or got < SALVAGE_MIN_SHARE * declared:
        return None
    note = (f"truncated: the WARC record at {item.origin} holds {got} of its {declared} "
            "bytes; the page is cut short")
    return replace(item, warnings=item.warnings + (note,))


def _flag(item: RawDoc | dict[str, Any] | None, note: str) -> RawDoc | dict[str, Any] | None:
    """A document with one more reader warning (other items unchanged)."""
    return replace(item, warnings=item.warnings + (note,)) if isinstance(item, RawDoc) else item


class _Scan:
    """Where one pass over a WARC stopped: records read, the last one, what went wrong."""

    def __init__(self) -> None:
        self.count = 0
        self.offset = 0  # stream position of the last record started
        self.pending: RawDoc | dict[str, Any] | None = None  # the last record's item
        self.error: Exception | None = None


def _pass(path: Path, start: int, settings: Settings, scan: _Scan
          ) -> Iterator[RawDoc | dict[str, Any]]:
    """Read records from byte ``start``; the last item is held back in ``scan.pending``.

    Holding it back lets a length mismatch found at the next header be reported on the
    document whose length was wrong. Stops at the first unreadable header or cut record.
    """
    from fastwarc.warc import ArchiveIterator

    with path.open("rb") as fh:
        fh.seek(start)
        try:
            for rec in ArchiveIterator(fh, parse_http=True, auto_decode="none"):
                if scan.pending is not None:
                    yield scan.pending
                scan.pending, scan.offset = None, rec.stream_pos
                declared = rec.content_length
                item = _record(rec, path, settings) if _is_response(rec) else None
                rec.reader.consume()
                got = rec.reader.tell()
                if declared and got < declared:
                    scan.pending = _salvage(item, got, declared)
                    scan.error = EOFError(f"block of {got} bytes, {declared} declared")
                    return
                scan.count += 1
                scan.pending = item
        except Exception as err:  # noqa: BLE001 - fastwarc raises plain errors
            scan.error = err


def read_warc(path: Path, settings: Settings) -> Iterator[RawDoc | dict[str, Any]]:
    """Every HTML page of a WARC file (plain or gzip), then any problem as an error record.

    After a record whose Content-Length is wrong, the problem is flagged on that record's
    document (or given as a ``bad_record`` line when it has none) and reading resumes at the
    next record header; a record cut by the end of the file gives a ``truncated`` line, and
    its partial page is kept as a document flagged ``truncated`` when most of it is there.
    """
    path = Path(path)
    scan, start = _Scan(), 0
    for _ in range(MAX_RESYNCS):
        scan.error = None
        yield from _pass(path, start, settings, scan)
        err = scan.error
        if err is None and not _gzip_cut(path, scan.offset):
            if scan.pending is not None:
                yield scan.pending
            return
        if err is None:  # the last gzip member lost its end: its record is not complete
            scan.count -= 1
            scan.pending = _flag(scan.pending, f"truncated: the gzip member of the WARC "
                                 f"record at {path}@{scan.offset} is cut before its end")
            err = EOFError("its gzip member ends early")
        if isinstance(err, EOFError):
            if scan.pending is not None:
                yield scan.pending
            yield _truncated(path, scan.offset, scan.count, f"{err}")
            return
        if scan.count == 0 and start == 0 and not _looks_like_warc(path):
            yield error_record(f"{path.name}@0", "bad_input", f"{path.name} is not a WARC "
                               "file (an ARC or another format); convert it to WARC",
                               str(path))
            return
        nxt = _next_header(path, max(start, scan.offset) + 1)
        yield from _mismatch(path, scan, err, nxt)
        if nxt is None:
            return
        start = nxt


def _mismatch(path: Path, scan: _Scan, err: Exception, nxt: int | None
              ) -> Iterator[RawDoc | dict[str, Any]]:
    """Report a record that does not end where its length says, on its document if any."""
    where = f"next record header at byte {nxt}" if nxt is not None else "no later record"
    note = (f"length_mismatch: the WARC record at {path}@{scan.offset} does not end where "
            f"its Content-Length says ({type(err).__name__}: {err}); resynced to {where}")
    pending = scan.pending
    if isinstance(pending, RawDoc):
        yield replace(pending, warnings=pending.warnings + (note,))
    else:
        if pending is not None:
            yield pending
        yield error_record(f"{path.name}@{scan.offset}", "bad_record", note, str(path))
    scan.pending = None


def _gzip_cut(path: Path, offset: int) -> bool:
    """Whether a gzip WARC's stream, read from the member at ``offset``, stops mid-member."""
    with path.open("rb") as fh:
        if fh.read(3) != GZIP_MAGIC:
            return False
        fh.seek(offset)
        if fh.read(3) != GZIP_MAGIC:
            fh.seek(0)  # not a member start (one member, or misaligned): check it all
        else:
            fh.seek(offset)
        dec, chunk = zlib.decompressobj(16 + zlib.MAX_WBITS), fh.read(READ_CHUNK)
        try:
            while chunk:
                dec.decompress(chunk, READ_CHUNK)
                while dec.unconsumed_tail and not dec.eof:
                    dec.decompress(dec.unconsumed_tail, READ_CHUNK)
                chunk = dec.unused_data or fh.read(READ_CHUNK)
                if dec.eof and chunk:
                    dec = zlib.decompressobj(16 + zlib.MAX_WBITS)
        except zlib.error:
            return False  # garbage after the last record is not a cut record
        return not dec.eof


def _is_response(rec: Any) -> bool:
    from fastwarc.warc import WarcRecordType

    return bool(rec.record_type == WarcRecordType.response)


def _next_header(path: Path, after: int) -> int | None:
    """The byte offset of the next record start after ``after`` (a WARC header or gzip member)."""
    data = path.read_bytes()
    gz = data[:2] == GZIP_MAGIC[:2]
    marker = GZIP_MAGIC if gz else b"WARC/1."
    pos = data.find(marker, after)
    while pos >= 0:
        if not gz or _looks_like_warc_bytes(data[pos:pos + 512]):
            return pos
        pos = data.find(marker, pos + 1)
    return None


def _looks_like_warc(path: Path) -> bool:
    """Whether a file starts like a WARC (plain or gzip-compressed)."""
    with path.open("rb") as fh:
        return _looks_like_warc_bytes(fh.read(512))


def _looks_like_warc_bytes(head: bytes) -> bool:
    """Whether bytes start like a WARC record (plain or gzip-compressed)."""
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return False
    return head.lstrip().startswith(b"WARC/")
