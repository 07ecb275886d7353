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


def _shorten_length(record: bytes, by: int) -> bytes:
    """A record whose Content-Length claims ``by`` bytes fewer than its block holds."""
    head, _, rest = record.partition(b"Content-Length: ")
    num, _, tail = rest.partition(b"\r\n")
    return head + b"Content-Length: " + str(int(num) - by).encode() + b"\r\n" + tail


@pytest.mark.parametrize(("gz", "bad_status"), [(False, "200 OK"), (True, "200 OK"),
                                                (False, "404 Not Found"),
                                                (True, "404 Not Found")])
def test_length_mismatch_is_reported_and_reading_resyncs(tmp_path, gz, bad_status):
    recs = [warc_record("http://a.example/", PAGE),
            _shorten_length(warc_record("http://b.example/", PAGE, bad_status), 5),
            warc_record("http://c.example/", PAGE), warc_record("http://d.example/", PAGE)]
    path = write(tmp_path, "m.warc.gz" if gz else "m.warc", recs, per_record_gzip=gz)
    out = list(read_warc(path, S))
    docs = [d for d in out if isinstance(d, RawDoc)]
    errors = [d for d in out if isinstance(d, dict)]
    want = ["http://a.example/", "http://c.example/", "http://d.example/"]
    if bad_status.startswith("200"):
        want.insert(1, "http://b.example/")
        assert not errors
        (flagged,) = [d for d in docs if d.warnings]
        assert flagged.url == "http://b.example/"
        assert flagged.warnings[0].startswith("length_mismatch")
    else:  # the broken record is no document: the report is an error line naming it
        assert [e["error"]["code"] for e in errors] == ["bad_record"]
        assert "length_mismatch" in errors[0]["error"]["message"]
    assert [d.url for d in docs] == want


def test_garbage_between_records_is_skipped(tmp_path):
    data = (warc_record("http://a.example/", PAGE) + b"junk bytes\r\n" * 3
            + warc_record("http://b.example/", PAGE))
    path = tmp_path / "g.warc"
    path.write_bytes(data)
    out = list(read_warc(path, S))
    assert [d.url for d in out if isinstance(d, RawDoc)] == ["http://a.example/",
                                                             "http://b.example/"]
    assert out[0].warnings  # reported on the record before the junk


def test_cut_record_is_salvaged_only_when_mostly_present(tmp_path):
    page = b"<html><head><title>T</title></head><body>" + b"<p>Words here.</p>" * 200
    whole = warc_record("http://a.example/", PAGE) + warc_record("http://b.example/", page)
    for cut, salvaged in ((len(page) // 3, True), (len(page) - 200, False)):
        path = tmp_path / "cut.warc"
        path.write_bytes(whole[:-cut - 4])
        out = list(read_warc(path, S))
        docs = [d for d in out if isinstance(d, RawDoc)]
        assert out[-1]["error"]["code"] == "truncated"
        assert [d.url for d in docs][1:] == (["http://b.example/"] if salvaged else [])
        assert not docs[0].warnings
        if salvaged:
            assert docs[1].warnings[0].startswith("truncated")


def _fixture_docs(folder, entry, tmp_path):
    path = folder / entry["file"]
    if path.name.endswith(".bad"):
        path = tmp_path / path.name[:-4]
        path.write_bytes((folder / entry["file"]).read_bytes())
    out = list(read_warc(path, S))
    return ([d for d in out if isinstance(d, RawDoc)],
            [d["error"]["code"] for d in out if isinstance(d, dict)])


def test_shared_fixtures_best_outcome(shared_dir, tmp_path):
    """Every fixture gives expected.json's documents (not the weaker outcome) and reports."""
    folder = shared_dir / "data" / "warc"
    spec = json.loads((folder / "expected.json").read_text())
    assert len(spec["files"]) == 10
    for entry in spec["files"]:
        docs, errors = _fixture_docs(folder, entry, tmp_path)
        kept = [d for d in docs if not any(w.startswith("truncated") for w in d.warnings)]
        want = entry["expect"]["documents"] or []
        assert [d.url for d in kept] == [w["url"] for w in want], entry["file"]
        for doc, w in zip(kept, want, strict=True):
            assert f"<title>{w['title']}</title>" in doc.content.replace("\n", ""), w
        report = entry["expect"]["report"]
        flagged = [w for d in docs for w in d.warnings]
        if report == "truncated":
            assert errors == ["truncated"], entry["file"]
        elif report == "record length mismatch":
            assert not errors and flagged[0].startswith("length_mismatch"), entry["file"]
        elif report:
            assert errors == ["bad_input"], entry["file"]
        else:
            assert not errors and not flagged, entry["file"]


def test_clipped_page_is_salvaged_as_flagged_document(shared_dir):
    """Decision: the cut Houston Press page is kept, flagged, besides the truncated line."""
    from dateline.extract import extract_article

    docs, errors = _fixture_docs(shared_dir / "data" / "warc",
                                 {"file": "clipped.warc.gz"}, None)
    assert errors == ["truncated"] and len(docs) == 1
    assert "<title>Review: Chance The Rapper at Revention Music Center" in docs[0].content
    art = extract_article(docs[0], S)
    assert "Chance The Rapper" in art.title  # the page's og headline
    assert art.published == "2016-10-17"
    assert any(w.startswith("truncated") for w in art.warnings)
    assert len(art.text) > 2000


@pytest.mark.parametrize("lost", [3, 8, 12])
def test_gzip_member_cut_in_its_trailer_is_truncated(tmp_path, lost):
    recs = [gzip.compress(warc_record(f"http://{c}.example/", PAGE)) for c in "abc"]
    path = tmp_path / "t.warc.gz"
    path.write_bytes(b"".join(recs)[:-lost])
    out = list(read_warc(path, S))
    assert out[-1]["error"]["code"] == "truncated"
    assert "after 2 complete records" in out[-1]["error"]["message"]
    assert [d.url for d in out[:2]] == ["http://a.example/", "http://b.example/"]
    assert not out[0].warnings and not out[1].warnings
