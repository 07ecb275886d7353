"""Row 2: HTML with 100,000 nested ``<div>`` finishes in < 2 s or is rejected with a
``depth`` code; an article nested 300 deep is extracted or flagged, never a silent empty
body (lxml drops text past depth 256 without an error)."""
from __future__ import annotations

from pathlib import Path

import pytest
from robustness._ingest_runs import db_rows, measure

ARTICLE = ("<p>The harbour authority said on Tuesday that the new ferry terminal would open "
           "in June, after two years of delays caused by flooding and a dispute over costs."
           "</p>") * 4


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    """Both pages measured alone, in one fresh process."""
    tmp = tmp_path_factory.mktemp("r02")
    deep = tmp / "deep.html"
    deep.write_text("<html><body>" + "<div>" * 100_000 + "x" + "</div>" * 100_000
                    + "</body></html>", encoding="utf-8")
    nested = tmp / "deep300.html"
    nested.write_text("<html><head><title>Ferry</title></head><body>" + "<div>" * 300
                      + "<article>" + ARTICLE + "</article>" + "</div>" * 300
                      + "</body></html>", encoding="utf-8")
    deep_got, nested_got = measure(tmp, [deep, nested], each=True)
    return {"deep": deep_got, "nested": nested_got}


def test_100k_nested_divs_finish_fast_or_are_rejected(measured):
    got = measured["deep"]
    assert got["counts"]["inputs"] == 1
    assert got["seconds"] < 2.0 or set(got["codes"]) == {"depth"}, got


def test_article_300_deep_is_extracted_or_flagged(measured):
    got = measured["nested"]
    assert got["seconds"] < 2.0, got
    if got["counts"]["rejected"]:
        assert got["codes"], got  # flagged with a reason
        return
    text = db_rows(Path(got["db"]), "SELECT text FROM documents")[0][0]
    assert "ferry terminal would open in June" in text
