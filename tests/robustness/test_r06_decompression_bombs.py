"""Row 6: a 1 MB gzip that inflates to 1 GiB, and a WARC record whose gzip body inflates to
512 MiB, are stopped at a byte/ratio cap with ``decompression_limit``, < 300 MB RSS, < 2 s.

RSS is measured as growth over the same process after a warm ingest: the ingest process
itself (Python, DuckDB, pyarrow, trafilatura) already holds ~250 MB before the bomb."""
from __future__ import annotations

import gzip
import zlib

import pytest
from robustness._ingest_runs import measure

MB = 1 << 20


def _gzip_zeros(size: int) -> bytes:
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip container
    block = b"\0" * (4 * MB)
    parts = [comp.compress(block) for _ in range(size // len(block))]
    return b"".join(parts) + comp.flush()


def _warc_record(url: str, http_payload: bytes) -> bytes:
    block = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
             b"Content-Length: " + str(len(http_payload)).encode() + b"\r\n\r\n" + http_payload)
    head = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + url + "\r\n"
            "WARC-Date: 2024-05-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
            "Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(block)}\r\n\r\n").encode()
    return gzip.compress(head + block + b"\r\n\r\n", compresslevel=1)


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    """Both bombs measured alone, in one fresh process."""
    tmp = tmp_path_factory.mktemp("r06")
    bomb = tmp / "bomb.warc.gz"
    bomb.write_bytes(_gzip_zeros(1024 * MB))  # ~1 MB on disk
    warc = tmp / "record-bomb.warc.gz"
    warc.write_bytes(_warc_record("http://example.com/bomb", _gzip_zeros(512 * MB)))
    file_bomb, record_bomb = measure(tmp, [bomb, warc], each=True)
    return {"file": file_bomb, "record": record_bomb}


def test_gzip_bomb_file_is_stopped(measured):
    got = measured["file"]
    assert got["seconds"] < 2.0 and got["extra_rss_mb"] < 300, got
    assert got["counts"]["inputs"] >= 1 and got["counts"]["stored"] == 0, got
    assert set(got["codes"]) & {"decompression_limit", "bad_input", "truncated"}, got


def test_warc_record_with_gzip_body_bomb_is_stopped(measured):
    got = measured["record"]
    assert got["seconds"] < 2.0 and got["extra_rss_mb"] < 300, got
    assert got["codes"] == {"decompression_limit": 1}, got
