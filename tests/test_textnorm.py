"""Matching text keeps every offset while folding homoglyphs and odd spaces."""
from __future__ import annotations

import pytest

from dateline.textnorm import has_homoglyphs, match_text


@pytest.mark.parametrize(("text", "expected"), [
    ("Marсh 18", "March 18"),            # Cyrillic с
    ("a\u00a0b", "a b"),                  # non-breaking space
    ("x\u200by", "x y"),                  # zero-width space keeps its slot
    ("“quoted”", "“quoted”"),             # curly quotes are kept
    ("ﬁnal", "ﬁnal"),                     # a ligature NFKC would widen stays
    ("plain ascii", "plain ascii"),
    ("Ｔｏｋｙｏ", "Tokyo"),                # full-width letters fold one to one
])
def test_match_text(text, expected):
    out = match_text(text)
    assert out == expected
    assert len(out) == len(text)


def test_homoglyph_detection():
    assert has_homoglyphs("a Marсh 18 vote")
    assert not has_homoglyphs("Москва")  # a Cyrillic word is not a homoglyph trick
    assert not has_homoglyphs("March")
