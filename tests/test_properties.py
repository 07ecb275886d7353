"""Property-based tests (hypothesis) of the readers, the decoder and the text-dump cleaner:
whatever the input, they never raise, never lose an input, and never invent text."""
from __future__ import annotations

import gzip
import json
import os
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.config import Settings
from dateline.extract import extract_article
from dateline.extract.dump import clean_dump
from dateline.model import RawDoc
from dateline.sources import ReadOptions, read_inputs
from dateline.sources.encoding import decode_bytes
from dateline.sources.warc import read_warc
from dateline.textnorm import match_text

S = Settings()
WORD = re.compile(r"\w+")
# CI replays a fixed set of examples (a landing never depends on luck); locally each run
# explores new ones.
FAST = settings(max_examples=60, deadline=None, derandomize=bool(os.environ.get("CI")),
                suppress_health_check=[HealthCheck.too_slow])
LINE = st.text(st.characters(blacklist_categories=("Cs",)), max_size=120)
DUMP = st.lists(st.one_of(LINE, st.sampled_from([
    "Accessibility links", "Breaking News", "0:00 0:01:03 0:00", "please wait",
    "With reporting by AP and Reuters", "WATCH: a video about it. (Reuters)",
    "Russian President Vladimir Putin has made a surprise visit to Syria on Monday.",
    "He said the withdrawal would start soon, according to the Kremlin statement."])),
    max_size=40)


@FAST
@given(st.binary(max_size=2000), st.sampled_from([None, "utf-8", "latin-1", "bogus"]))
def test_decode_never_raises(data, declared):
    text, encoding = decode_bytes(data, declared, S)
    assert isinstance(text, str) and encoding


@FAST
@given(st.text(max_size=300))
def test_match_text_keeps_every_offset(text):
    assert len(match_text(text)) == len(text)


@FAST
@given(DUMP)
def test_dump_cleaner_never_raises_nor_invents_text(lines):
    page = "\n".join(lines)
    result = clean_dump(page)
    words = set(WORD.findall(page))  # the cleaner may fold spaces, never add words
    for part in [*result.paragraphs, *result.captions, *result.credits]:
        assert set(WORD.findall(part)) <= words, part


@FAST
@given(DUMP)
def test_dump_extraction_gives_an_article_or_a_coded_error(lines):
    raw = RawDoc(id="p", kind="page_text", content="\n".join(lines))
    try:
        art = extract_article(raw, S)
    except Exception as exc:  # noqa: BLE001 - only coded errors are allowed out
        assert getattr(exc, "code", None), exc
        return
    for span in art.paragraphs:
        assert 0 <= span.start <= span.end <= len(art.text)


@FAST
@given(st.lists(st.one_of(
    st.text(max_size=60),
    st.builds(lambda t: json.dumps({"id": t, "text": t}), st.text(max_size=40)),
    st.builds(json.dumps, st.dictionaries(st.text(max_size=8), st.integers(), max_size=3))),
    min_size=1, max_size=12))
def test_jsonl_reader_accounts_for_every_line(lines):
    lines = [ln.replace("\n", " ").replace("\r", " ") for ln in lines]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out = list(read_inputs([path], ReadOptions(S)))
    assert len(out) == sum(1 for ln in lines if ln.strip())
    for item in out:
        assert isinstance(item, RawDoc) or item["error"]["code"]


@FAST
@given(st.binary(max_size=3000), st.booleans())
def test_warc_reader_never_raises_on_garbage(data, gz):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("x.warc.gz" if gz else "x.warc")
        path.write_bytes(gzip.compress(data) if gz else b"WARC/1.0\r\n" + data)
        for item in read_warc(path, S):
            assert isinstance(item, RawDoc) or item["error"]["code"]
