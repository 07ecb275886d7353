"""The speed-ups of issue 9 give exactly the outputs of the straightforward code they replace.

Each fast path is checked against a plain re-implementation of what it replaced: the
first-character regex guard against the bare pattern, the per-doc candidate-run table
against the per-window token test, and the stages' reuse of the parse's text against
``match_text``.
"""
from __future__ import annotations

import re

import pytest

from dateline.geo.recognize import _is_candidate_token, candidate_runs
from dateline.textnorm import match_text
from dateline.timex.lexicon import lexicon
from dateline.timex.prefilter import guarded
from dateline.timex.recognise import _templates

TEXTS = [
    "On March 3, 2017 the talks resumed; by 5:30 p.m. EST on Tuesday they had ended.",
    "Early last week, 12 days ago, Q3 2018 and the 1990s came up twice a year in FY19.",
    "Theresa May said the second half of 2019 and the next three months matter.",
    "Prices rose 2,000% in 2015.5 and ٣ days (Arabic-Indic digit) later, every 2 weeks.",
    "KELVIN \u212a sign, long \u017f s; Marсh 4 (Cyrillic с), 3\u00a0June 2020.",
    "",
]


def _spans(rx: re.Pattern[str], text: str) -> list[tuple[int, int, dict[str, str | None]]]:
    return [(m.start(), m.end(), m.groupdict()) for m in rx.finditer(text)]


@pytest.mark.parametrize("text", TEXTS)
def test_guarded_timex_patterns_match_exactly_as_bare(text):
    for _name, rx in _templates(lexicon()):
        bare = re.compile(rx, re.IGNORECASE)
        fast = re.compile(guarded(rx, re.IGNORECASE), re.IGNORECASE)
        assert _spans(fast, text) == _spans(bare, text), rx[:60]


@pytest.mark.parametrize("rx,text,guard", [
    (r"\bab|cd", "xab cd abcd", True),
    (r"(?:x)?\d+", "a1 x22 ٣", True),
    (r"\b(?=a)\w+", "ab ba", False),          # \w: any first character, left unguarded
    (r"a*", "aaa b", False),                   # may match empty: left unguarded
    (r"(?i:k)elvin", "\u212aelvin Kelvin", True),
])
def test_guarded_keeps_matches_and_guards_only_bounded_patterns(rx, text, guard):
    out = guarded(rx, re.IGNORECASE)
    assert (out != rx) is guard
    assert _spans(re.compile(out, re.I), text) == _spans(re.compile(rx, re.I), text)


@pytest.mark.parametrize("text", TEXTS[:5])
def test_candidate_runs_equal_the_per_window_token_test(make_article, text):
    art = make_article(text)
    doc = art.doc
    for in_entity in (True, False):
        runs = candidate_runs(doc, match_text(art.text), in_entity)
        for i in range(len(doc)):
            n = 0
            while i + n < len(doc) and _is_candidate_token(doc[i + n], in_entity):
                n += 1
            assert runs[i] == n


@pytest.mark.parametrize("text", TEXTS[:5])
def test_parse_text_is_the_matching_text(make_article, text):
    art = make_article(text)
    assert art.doc.text == match_text(art.text)
