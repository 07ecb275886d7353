"""Row 7: a ``.warc.gz`` cut at 70 % gives its complete records and a report of the
truncation with byte offset and record count; the quirky but valid WARCs of data/warc/
never crash the ingest."""
from __future__ import annotations

import gzip
import json

from robustness._ingest_runs import db_rows, measure

PAGE = ("<html><head><title>Story {i}</title></head><body><article><p>Story {i}: the "
        "regional council approved a budget of {i} million for schools on Monday.</p><p>"
        "Opposition members said the plan came too late for this winter.</p></article>"
        "</body></html>")
FILLER = "".join(f"<p>Note {k}: members asked about roads, parks and item {k * 7}.</p>"
                 for k in range(12))


def _plain_record(i: int) -> bytes:
    html = PAGE.format(i=i).replace("</article>", FILLER * (i % 4) + "</article>").encode()
    block = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
             + str(len(html)).encode() + b"\r\n\r\n" + html)
    head = ("WARC/1.0\r\nWARC-Type: response\r\n"
            f"WARC-Target-URI: http://news.example/story-{i}\r\n"
            "WARC-Date: 2024-05-01T00:00:00Z\r\n"
            f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{i:012d}>\r\n"
            "Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(block)}\r\n\r\n").encode()
    return gzip.compress(head + block + b"\r\n\r\n")


def _cut_warc(tmp_path, fraction: float):
    records = [_plain_record(i) for i in range(10)]
    data = b"".join(records)
    cut = int(len(data) * fraction)
    ends = [sum(len(r) for r in records[: i + 1]) for i in range(10)]
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[:cut])
    return path, cut, ends


def _check_truncation_report(tmp_path, path, complete: int) -> None:
    got = measure(tmp_path, [path])
    # the complete records, plus possibly the cut one salvaged and flagged (data/warc README)
    assert complete <= got["counts"]["stored"] <= complete + 1, got
    assert got["codes"] == {"truncated": 1}, got
    message = got["messages"][0]
    assert "offset" in message.lower() and str(complete) in message, message


def test_warc_cut_at_70_percent_keeps_complete_records(tmp_path):
    path, cut, ends = _cut_warc(tmp_path, 0.7)
    complete = sum(end <= cut for end in ends)
    assert ends[complete] - cut > 8, "the cut must fall inside a record's deflate data"
    _check_truncation_report(tmp_path, path, complete)


def test_warc_cut_inside_the_gzip_trailer_is_reported(tmp_path):
    records = [_plain_record(i) for i in range(10)]
    cut = sum(len(r) for r in records[:7]) - 3  # record 6 loses 3 trailer bytes
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(b"".join(records)[:cut])
    _check_truncation_report(tmp_path, path, 6)


def test_quirky_fixture_warcs_never_crash(tmp_path, shared_dir):
    folder = shared_dir / "data" / "warc"
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    files = sorted(p for p in folder.iterdir() if p.name.endswith((".warc", ".warc.gz")))
    got = measure(tmp_path, files)
    assert got["seconds"] < 5.0, got
    urls = {r[0] for r in db_rows(tmp_path / "m.duckdb", "SELECT url FROM documents")}
    assert "http://example.com/" in urls and "http://www.iana.org/" in urls
    assert expected  # the fixture's own expectations file is present
