"""Row 8: hostile and odd encodings never raise; the encoding used is stored; detection
reads a bounded sample (a 100 MB file, with the size limit raised, is detected in < 0.5 s);
homoglyph dates ("Marсh" with a Cyrillic с) are still normalised."""
from __future__ import annotations

import codecs
import time

import pytest
from robustness._ingest_runs import db_rows

from dateline.config import Settings
from dateline.ingest import ingest
from dateline.sources.encoding import decode_bytes

BODY = "<p>{text}</p><p>The committee met again on Tuesday to approve the final text.</p>"


def _page(text: str, meta: str = "") -> str:
    head = f'<meta charset="{meta}">' if meta else ""
    return (f"<html><head>{head}<title>T</title></head><body><article>"
            + BODY.format(text=text) + "</article></body></html>")


CASES = [  # (file name, bytes, a phrase the stored text must contain)
    ("cp1252_as_utf8.html", _page("Café owners said “no” – twice.", "utf-8").encode("cp1252"),
     "Café owners said “no” – twice."),
    ("shift_jis.html",
     _page("東京都は月曜日に新しい予算を発表した。", "shift_jis").encode("shift_jis"),
     "東京都は月曜日に新しい予算を発表した。"),
    ("gb18030.html", _page("北京市政府周二宣布了新的交通计划。", "gb18030").encode("gb18030"),
     "北京市政府周二宣布了新的交通计划。"),
    ("koi8r.html", _page("Городской совет утвердил бюджет в понедельник.", "koi8-r")
     .encode("koi8-r"), "Городской совет утвердил бюджет в понедельник."),
    ("bom_utf8.html", codecs.BOM_UTF8 + _page("Zürich voters agreed.").encode("utf-8"),
     "Zürich voters agreed."),
    ("bom_utf16.html", codecs.BOM_UTF16_LE + _page("Kraków voters agreed.").encode("utf-16-le"),
     "Kraków voters agreed."),
    ("tiny.txt", "Señor dijo sí.".encode("cp1252"), "Señor dijo sí."),
    ("tiny_utf8.txt", "Ünïcödé ok".encode(), "Ünïcödé ok"),
]


def test_every_encoding_is_read_and_recorded(tmp_path):
    for name, data, _ in CASES:
        (tmp_path / name).write_bytes(data)
    summ = ingest([tmp_path / name for name, _, _ in CASES], tmp_path / "db.duckdb",
                  Settings(), ["extract"])
    assert summ.counts["inputs"] == len(CASES)
    assert not summ.reject_codes, summ.reject_codes
    rows = db_rows(tmp_path / "db.duckdb", "SELECT m.origin, d.encoding, d.text FROM documents d "
                   "JOIN manifest m ON m.doc_id = d.id")
    by_file = {origin.rsplit("/", 1)[-1]: (enc, text) for origin, enc, text in rows}
    for name, _, phrase in CASES:
        enc, text = by_file[name]
        assert enc, f"{name}: no encoding stored"
        assert phrase in text, f"{name} read as {enc}: {text[:80]!r}"


def test_detection_reads_a_bounded_sample_of_100_mb():
    data = ("Le conseil municipal a voté le budget à l'unanimité. " * 2_000_000
            ).encode("cp1252")[: 100 * (1 << 20)]
    settings = Settings(max_input_bytes=200 * (1 << 20))
    start = time.perf_counter()
    text, encoding = decode_bytes(data, None, settings)
    assert time.perf_counter() - start < 0.5 + _decode_allowance(data)
    assert encoding and "voté" in text[:200]


def _decode_allowance(data: bytes) -> float:
    """Time to decode the whole buffer once (unavoidable, not detection)."""
    start = time.perf_counter()
    data.decode("cp1252", "replace")
    return time.perf_counter() - start


@pytest.mark.slow
def test_homoglyph_month_is_still_dated(tmp_path):
    src = tmp_path / "homoglyph.txt"
    src.write_text("The ministry said on Marсh 3, 2016 that the talks had ended.\n",
                   encoding="utf-8")
    summ = ingest([src], tmp_path / "db.duckdb", Settings(), ["nlp", "times"])
    assert summ.counts["stored"] == 1
    values = [r[0] for r in db_rows(tmp_path / "db.duckdb", "SELECT value FROM times")]
    assert "2016-03-03" in values
