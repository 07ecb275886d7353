"""Input dispatch, ids and the file and JSONL readers (extraction is tested elsewhere)."""
from __future__ import annotations

import json

import pytest

from dateline.config import Settings
from dateline.model import RawDoc
from dateline.sources import ReadOptions, expand_paths, read_inputs, reader_for
from dateline.sources.ids import doc_id_for, normalise_url


@pytest.mark.parametrize(("name", "reader"), [
    ("a.html", "files:read_html"), ("A.HTM", "files:read_html"), ("a.txt", "files:read_text"),
    ("a.jsonl", "jsonl:read_jsonl"), ("a.warc.gz", "warc:read_warc"), ("a.warc", "warc:read_warc"),
    ("feed.rss", "feeds:read_feed"), ("a.gz", None), ("a.arc", None),
])
def test_reader_for(tmp_path, name, reader):
    got = reader_for(tmp_path / name)
    assert (got.split(".")[-1] if got else None) == reader


@pytest.mark.parametrize(("url", "norm"), [
    ("HTTP://Example.COM/a/", "http://example.com/a"),
    ("<http://example.com/>", "http://example.com/"),
    ("https://x.org/p?q=1#frag", "https://x.org/p?q=1"),
])
def test_normalise_url(url, norm):
    assert normalise_url(url) == norm


def test_ids_are_stable_and_ordered_by_precedence():
    assert doc_id_for(url="http://a.com/x", raw="z", given="mine") == "mine"
    assert doc_id_for(url="http://a.com/x/") == doc_id_for(url="HTTP://A.com/x")
    assert doc_id_for(raw=b"abc") == doc_id_for(raw="abc") != doc_id_for(raw="abd")


def _opts(**kw) -> ReadOptions:
    return ReadOptions(Settings(**kw.pop("settings", {})), **kw)


def test_jsonl_kinds_errors_and_gold_ignored(tmp_path):
    path = tmp_path / "in.jsonl"
    lines = [{"id": "h", "html": "<p>x</p>", "published": "2017-12-11T10:00:00Z"},
             {"id": "p", "page_text": "menu\nbody", "gold": {"secret": 1}},
             {"id": "t", "text": "Body.", "url": "http://a/b", "title": "T"},
             {"id": "n", "body": "no known key"}]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n{not json\n\n[1]\n")
    out = list(read_inputs([path], _opts(published="2000-01-01")))
    docs = [o for o in out if isinstance(o, RawDoc)]
    errs = [o for o in out if isinstance(o, dict)]
    assert [(d.id, d.kind) for d in docs] == [("h", "html"), ("p", "page_text"), ("t", "text")]
    assert docs[0].published == "2017-12-11" and docs[1].published is None
    assert all(d.published_default == "2000-01-01" for d in docs)
    assert docs[2].title == "T" and docs[2].url == "http://a/b"
    assert [e["error"]["code"] for e in errs] == ["bad_input", "bad_json", "bad_json"]
    assert all("gold" not in d.content for d in docs)


def test_files_folders_globs_and_missing(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.html").write_text("<html><body><p>Hi</p></body></html>")
    (tmp_path / "d" / "b.txt").write_bytes("caf\xe9 text".encode("cp1252"))
    (tmp_path / "d" / "skip.bin").write_bytes(b"\x00")
    assert [p.name for p in expand_paths([tmp_path / "d"])] == ["a.html", "b.txt"]
    assert [p.name for p in expand_paths([str(tmp_path / "d" / "*.txt")])] == ["b.txt"]
    out = list(read_inputs([tmp_path / "d", tmp_path / "nope.html", tmp_path / "d" / "skip.bin"],
                           _opts(url="http://x.org/a")))
    assert [o.kind for o in out[:2]] == ["html", "page_text"]
    assert "café" in out[1].content and out[1].encoding
    assert [o["error"]["code"] for o in out[2:]] == ["not_found", "unsupported"]


def test_size_limit_rejects_before_reading(tmp_path):
    big = tmp_path / "big.html"
    big.write_bytes(b"<p>" + b"x" * 5000 + b"</p>")
    out = list(read_inputs([big], _opts(settings={"max_input_bytes": 1000})))
    assert out[0]["error"]["code"] == "too_large"
