"""WARC reader: own WARCs (gzip per record) and the shared fixtures."""
from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path

import pytest

from dateline.config import Settings
from dateline.model import RawDoc
from dateline.sources.warc import dechunk, decompress, read_warc

S = Settings()
PAGE = b"<html><head><title>T</title></head><body><p>Hello world.</p></body></html>"


def warc_record(url: str, payload: bytes, status: str = "200 OK",
                headers: str = "Content-Type: text/html; charset=utf-8\r\n") -> bytes:
    http = (f"HTTP/1.1 {status}\r\n{headers}\r\n").encode() + payload
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
            f"WARC-Date: 2017-12-11T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{abs(hash(url))}>\r\n"
            f"Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def write(tmp: Path, name: str, records: list[bytes], per_record_gzip: bool = True) -> Path:
    path = tmp / name
    data = b"".join(gzip.compress(r) for r in records) if per_record_gzip else b"".join(records)
    path.write_bytes(data)
    return path


def test_pages_with_url_and_date(tmp_path):
    path = write(tmp_path, "a.warc.gz", [warc_record("<http://a.example/x>", PAGE),
                                         warc_record("http://b.example/", PAGE, "404 Not Found"),
                                         warc_record("http://c.example/", PAGE)])
    docs = list(read_warc(path, S))
    assert [d.url for d in docs] == ["http://a.example/x", "http://c.example/"]
    assert all(isinstance(d, RawDoc) and d.kind == "html" and "Hello" in d.content for d in docs)
    assert docs[0].fetched == "2017-12-11T10:00:00Z"
    assert [d.id for d in read_warc(path, S)] == [d.id for d in docs]  # stable ids


def test_chunked_gzip_payload(tmp_path):
    gz = gzip.compress(PAGE)
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(gz), gz)
    hdr = "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n"
    path = write(tmp_path, "c.warc.gz", [warc_record("http://a.example/", chunked, headers=hdr)])
    (doc,) = list(read_warc(path, S))
    assert doc.content == PAGE.decode()


def test_decompression_bomb_is_an_error(tmp_path):
    bomb = gzip.compress(b"<p>" + b"a" * 5_000_000)
    hdr = "Content-Type: text/html\r\nContent-Encoding: gzip\r\n"
    path = write(tmp_path, "b.warc.gz", [warc_record("http://bomb.example/", bomb, headers=hdr),
                                         warc_record("http://ok.example/", PAGE)])
    out = list(read_warc(path, S))
    assert out[0]["error"]["code"] == "decompression_limit"
    assert out[1].url == "http://ok.example/"


def test_truncated_file_keeps_complete_records(tmp_path):
    data = warc_record("http://a.example/", PAGE) + warc_record("http://b.example/", PAGE * 50)
    path = tmp_path / "t.warc"
    path.write_bytes(data[:-400])
    out = list(read_warc(path, S))
    assert out[0].url == "http://a.example/"
    assert out[-1]["error"]["code"] == "truncated"
    assert "after 1 complete records" in out[-1]["error"]["message"]


@pytest.mark.parametrize(("data", "expected"), [
    (b"5\r\nHello\r\n6\r\n world\r\n0\r\n\r\n", b"Hello world"),
    (b"<html>not chunked</html>", b"<html>not chunked</html>"),
])
def test_dechunk(data, expected):
    assert dechunk(data) == expected


def test_decompress_ratio_cap():
    from dateline.errors import LimitExceeded
    with pytest.raises(LimitExceeded):
        decompress(zlib.compress(b"x" * 1_000_000), "deflate", S)
    assert decompress(zlib.compress(b"abc"), "deflate", S) == b"abc"


def test_shared_fixtures(shared_dir, tmp_path):
    folder = shared_dir / "data" / "warc"
    spec = json.loads((folder / "expected.json").read_text())
    for entry in spec["files"]:
        path = folder / entry["file"]
        if path.name.endswith(".bad"):
            path = tmp_path / path.name[:-4]
            path.write_bytes((folder / entry["file"]).read_bytes())
        out = list(read_warc(path, S))
        docs = [d for d in out if isinstance(d, RawDoc)]
        errors = [d["error"]["code"] for d in out if isinstance(d, dict)]
        want = entry["expect"]["documents"] or []
        assert [d.url for d in docs] == [w["url"] for w in want], entry["file"]
        for doc, w in zip(docs, want, strict=True):
            assert f"<title>{w['title']}</title>" in doc.content.replace("\n", "")
        if entry["expect"]["report"]:
            assert errors, entry["file"]
