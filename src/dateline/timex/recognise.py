"""Recognition of time expressions: lexicon-built patterns over the matching text.

Every pattern has a name that tells ``normalise`` how to read its groups. Patterns run
case-insensitively on ``textnorm.match_text`` (same length as the stored text), overlaps
keep the longest match, and a few guards drop look-alikes (the verb "may", a bare number
that is no year, an age "56-year-old").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dateline.timex.lexicon import TimexLexicon, factor, lexicon
from dateline.timex.prefilter import guarded

YEAR = r"(?<![\d$€£.,#])(?:1[6-9]\d\d|20\d\d)(?![\d%]|,\d|\.\d)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d%:])"
# word alternations are factored on their first letters (lexicon.factor: same matches)
UNITS = "(?:" + factor(["second", "minute", "hour", "day", "night", "week", "month", "quarter",
                       "year", "decade", "centur(?:y|ie)"]) + ")s?"
TENS = factor(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
ONES = factor(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"])
DUR_DETS = factor([r"the\s+(?:past|last|next|previous|coming|first|following|remaining)",
                   r"over(?:\s+the\s+(?:past|last|next))?", "nearly", "almost", r"more\s+than",
                   r"less\s+than", r"at\s+least", r"up\s+to"])
MOD_WORDS = [r"early", r"late", r"mid", r"the\s+end\s+of", r"the\s+beginning\s+of",
             r"the\s+start\s+of", r"the\s+middle\s+of", r"end\s+of", r"beginning\s+of",
             r"start\s+of"]
MODS = factor(MOD_WORDS)
DETS = factor([r"this", r"last", r"next", r"the\s+past", r"the\s+previous", r"the\s+last",
               r"the\s+coming", r"the\s+following", r"the\s+current", r"the\s+same",
               r"the\s+next", r"the\s+entire", r"the\s+whole", r"that", r"the"])
REL_MODS = factor(["last", "next", "this", *MOD_WORDS])
UNIT_MODS = factor(["earlier", "later", *MOD_WORDS, r"the\s+rest\s+of", r"the\s+remainder\s+of"])
TZ = r"UTC|GMT|EST|EDT|CST|CDT|PST|PDT|CET|CEST|BST"
AMPM = r"[ap]\.?m\.?(?!\w)"


@dataclass(frozen=True, slots=True)
class Match:
    """A recognised expression: span, the pattern's name and its named groups."""

    start: int
    end: int
    name: str
    groups: tuple[tuple[str, str], ...]

    def group(self, key: str) -> str | None:
        """A named group's text (None when it did not take part)."""
        return dict(self.groups).get(key)


def _number(lex: TimexLexicon) -> str:
    return (rf"(?:\d+(?:\.\d+)?|(?:{TENS})[\s-](?:{ONES})\b|(?:"
            + lex.alternation("number") + r"))")


def _calendar_templates(lex: TimexLexicon) -> list[tuple[str, str]]:
    mon = lex.alternation("month")
    wd = lex.alternation("weekday")
    ordn = lex.alternation("ordinal")
    pod = lex.alternation("partofday")
    season = lex.alternation("season")
    return [
        ("iso", rf"\b(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)\b"),
        ("mdy", rf"\b(?P<mon>{mon})\.?\s+(?P<d>{DAY}),?\s+(?P<y>{YEAR})"),
        ("dmy", rf"\b(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{mon})\.?,?\s+(?P<y>{YEAR})"),
        ("md", rf"\b(?P<mon>{mon})\.?\s+(?P<d>{DAY})(?!\s*(?:,\d|\d|-\d))"),
        ("dm", rf"\b(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{mon})\b"),
        ("my", rf"\b(?:(?P<mod>{MODS})[\s-]+)?(?P<mon>{mon})\.?,?\s+(?:of\s+)?(?P<y>{YEAR})"),
        ("mon", rf"\b(?:(?P<rel>{REL_MODS})[\s-]+)?(?P<mon>{mon})\b"),
        ("wd", rf"\b(?:(?P<rel>last|next|this|early|late)\s+)?(?P<wd>{wd})"
               rf"(?:\s+(?P<pod>{pod}))?\b"),
        ("clock", rf"\b(?P<h>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)(?:\s*(?P<ampm>{AMPM}))?"
                  rf"(?:\s*(?P<tz>{TZ})\b)?(?:,?\s+(?P<day>today|yesterday|tomorrow|{wd}))?"),
        ("clock", rf"\b(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s*(?P<tz>{TZ})\b"
                  rf"(?:,?\s+(?P<day>today|yesterday|tomorrow|{wd}))?"),
        ("clock", rf"\b(?P<h>1[0-2]|0?[1-9])\s*(?P<ampm>{AMPM})(?:\s*(?P<tz>{TZ})\b)?"),
        ("decade", r"\b(?:the\s+)?(?:(?P<mod>early|late|mid)[\s-]+)?(?:(?P<c>1[5-9]|20)"
                   r"(?P<dd>\d)0|'?(?P<d2>[2-9])0)'?s\b"),
        ("year", rf"(?:\b(?P<mod>{MODS})[\s-]+)?(?P<y>{YEAR})\b"),
        ("quarter", rf"\b(?:the\s+)?(?P<ord>{ordn})[\s-]+quarter(?:\s+(?:of\s+)?(?:(?P<y>"
                    rf"{YEAR})|(?P<rel>this|last|next|the\s+current|the\s+previous)\s+year))?"),
        ("quarter", rf"\b(?:fiscal\s+)?Q(?P<q>[1-4])(?:\s+(?P<y>{YEAR}))?\b"),
        ("half", rf"\b(?:the\s+)?(?P<ord>first|second|1st|2nd)\s+half\s+(?:of\s+)?"
                 rf"(?:(?P<y>{YEAR})|(?P<rel>this|last|next|the)\s+year)"),
        ("fiscal", rf"\b(?:fiscal\s+(?:year\s+)?|FY\s*)(?P<y>{YEAR}|'?\d\d)\b"),
        ("season", rf"\b(?:(?P<rel>this|last|next|early|late|the)\s+)?(?P<s>{season})"
                   rf"(?:\s+(?:of\s+)?(?P<y>{YEAR}))?\b"),
    ]


def _relative_templates(lex: TimexLexicon) -> list[tuple[str, str]]:
    num = _number(lex)
    pod = lex.alternation("partofday")
    return [
        ("relday", rf"\b(?:(?P<mod>earlier|later|early|late)\s+)?(?P<w>today|yesterday|"
                   rf"tomorrow|tonight)(?:\s+(?P<pod>{pod}))?\b"),
        ("relday", r"\b(?P<w>this)\s+(?P<pod>morning|afternoon|evening)\b"),
        ("relunit", rf"\b(?:(?P<mod>{UNIT_MODS})\s+)?(?P<det>{DETS})\s+(?P<u>week|weekend|"
                    rf"month|year|quarter|decade|century|day|time)\b"),
        ("unitprev", r"\bthe\s+(?P<u>year|month|week|day|quarter)\s+(?:previous|earlier|prior"
                     r"|before(?=\s*(?:[,.;:)]|$)))"),
        ("sameprev", r"\bthe\s+same\s+(?P<u>period|month|quarter|week|day|time)\s+(?:of\s+)?"
                     r"(?:last\s+year|a\s+year\s+(?:ago|earlier|before)|the\s+(?:previous|prior)"
                     r"\s+year)\b"),
        ("dur", rf"\b(?:(?P<det>{DUR_DETS})\s+)?(?P<n>{num})(?:\s+|-)(?:(?:straight|"
                rf"consecutive|more|additional|further|trading|business|calendar|full)\s+)?"
                rf"(?P<u>{UNITS})\b(?:\s+(?P<ago>ago|from\s+now|earlier|later)\b(?!\s+than)|"
                rf"(?=\s+(?P<rel>after|before|later|earlier)\b))?"),
        ("dur", rf"\b(?P<n>{num})(?=\s+(?:and|to|or)\s+{num}[\s-]+(?P<u>{UNITS})\b)"),
        ("vague", r"\b(?:(?P<det>several|many|a\s+few|few|the\s+past\s+(?:few|several)|the\s+"
                  r"last\s+(?:few|several)|the\s+next\s+(?:few|several))\s+)?(?P<u>seconds|"
                  r"minutes|hours|days|weeks|months|years|decades|centuries)(?:(?P<long>-long)|\s+"
                  r"(?P<ago>ago))?\b"),
        ("ref", rf"\b(?P<w>{lex.alternation('ref')})\b"),
        ("set", rf"\b(?P<w>{lex.alternation('set')})\b"),
        ("set", rf"\bevery\s+(?P<n>{num})\s+(?P<u>{UNITS})\b"),
        ("set", rf"\b(?:once|twice|(?P<times>{num})\s+times)\s+(?:a|per|each)\s+(?P<u>{UNITS})\b"),
    ]


def _templates(lex: TimexLexicon) -> list[tuple[str, str]]:
    return _calendar_templates(lex) + _relative_templates(lex)


@lru_cache(maxsize=1)
def compiled() -> list[tuple[int, str, re.Pattern[str]]]:
    """The recognition patterns, compiled once, with their priority (list order)."""
    return [(i, name, re.compile(guarded(rx, re.IGNORECASE), re.IGNORECASE))
            for i, (name, rx) in enumerate(_templates(lexicon()))]


def _candidates(text: str) -> list[tuple[int, int, int, str, dict[str, str]]]:
    found = []
    for prio, name, rx in compiled():
        for m in rx.finditer(text):
            if m.end() > m.start():
                groups = {k: v for k, v in m.groupdict().items() if v is not None}
                found.append((m.start(), m.end(), prio, name, groups))
    return found


def find(text: str, keep: object = None) -> list[Match]:
    """Non-overlapping pattern matches in ``text`` (longest first, then pattern order).

    ``keep(start, end, name, groups) -> bool`` may veto a candidate before overlaps are
    resolved (the stage uses it for guards that need the parse).
    """
    cands = _candidates(text)
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    out = []
    for start, end, _prio, name, groups in cands:
        if any(start < e and s < end for s, e in taken):
            continue
        if keep is not None and not keep(start, end, name, groups):  # type: ignore[operator]
            continue
        taken.append((start, end))
        out.append(Match(start, end, name, tuple(sorted(groups.items()))))
    out.sort(key=lambda m: m.start)
    return out
