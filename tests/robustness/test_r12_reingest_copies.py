"""Row 12: the same corpus ingested twice (shuffled) adds nothing; the same articles again as
WARC and JSONL copies are stored as documents of their own, in the same ``dup_group`` as the
originals; nothing is deleted."""
from __future__ import annotations

import gzip
import json
import random

from robustness._ingest_runs import db_rows

from dateline.config import Settings
from dateline.ingest import ingest

N_PAGES = 12


def _page(i: int) -> str:
    return (f"<html><head><title>Bridge vote {i}</title></head><body><article><p>The council "
            f"of district {i} voted on Monday to rebuild bridge {i * 11}, officials said.</p>"
            f"<p>Work on the {i}th crossing starts in the spring and costs {i + 3} million."
            "</p></article></body></html>")


def _warc(pages: list[str]) -> bytes:
    out = b""
    for i, html in enumerate(pages):
        body = html.encode()
        block = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                 b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
        head = ("WARC/1.0\r\nWARC-Type: response\r\n"
                f"WARC-Target-URI: http://mirror.example/copy-{i}\r\n"
                "WARC-Date: 2024-05-01T00:00:00Z\r\n"
                f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{i:012d}>\r\n"
                "Content-Type: application/http; msgtype=response\r\n"
                f"Content-Length: {len(block)}\r\n\r\n").encode()
        out += gzip.compress(head + block + b"\r\n\r\n")
    return out


def test_reingest_adds_nothing_and_copies_join_the_same_groups(tmp_path):
    pages = [_page(i) for i in range(N_PAGES)]
    files = []
    for i, html in enumerate(pages):
        files.append(tmp_path / f"page-{i:02d}.html")
        files[-1].write_text(html, encoding="utf-8")
    db, settings = tmp_path / "db.duckdb", Settings(batch_size=5)
    first = ingest(files, db, settings, ["extract"])
    assert first.counts["stored"] == N_PAGES
    before = db_rows(db, "SELECT id, content_hash, dup_group FROM documents ORDER BY id")
    shuffled = files[:]
    random.Random(12).shuffle(shuffled)
    again = ingest(shuffled, db, settings, ["extract"], resume=False)  # really reprocess
    assert again.counts["stored"] == again.counts["updated"] == 0
    assert again.counts["unchanged"] == N_PAGES
    assert db_rows(db, "SELECT id, content_hash, dup_group FROM documents ORDER BY id") == before

    (tmp_path / "copies.warc.gz").write_bytes(_warc(pages))
    with (tmp_path / "copies.jsonl").open("w", encoding="utf-8") as fh:
        for i, html in enumerate(pages):
            fh.write(json.dumps({"id": f"jsonl-copy-{i}", "html": html}) + "\n")
    copies = ingest([tmp_path / "copies.warc.gz", tmp_path / "copies.jsonl"], db, settings,
                    ["extract"])
    assert copies.counts["stored"] == 2 * N_PAGES
    groups = db_rows(db, "SELECT dup_group, count(*) FROM documents GROUP BY 1")
    assert len(groups) == N_PAGES and all(n == 3 for _, n in groups)
    ids_now = {r[0] for r in db_rows(db, "SELECT id FROM documents")}
    assert {r[0] for r in before} <= ids_now  # nothing deleted
