"""The text-dump cleaner: a page copied as text (chrome and all) to its article body.

Every line gets general features (words, stop-word density, end punctuation, repetition,
chrome patterns from ``lexicons/page_chrome.tsv``); good lines weigh +words, chrome and short
lines weigh against, and the heaviest contiguous run of lines is the article (a maximum-sum
segment, as in jusText-style block classifiers). Inside it, caption and blurb lines move to
``captions``, a 'With reporting by' line moves its sources to ``credits`` and ends the body,
and media-player debris is dropped with the clip title it follows.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from dateline.extract.chrome import (
    WORD,
    caption_text,
    guess_language,
    is_byline,
    line_kind,
    stop_words,
)
from dateline.tuned import tuned

_T = tuned("dump")  # values and their calibration: dateline/tuned.toml [dump]
GOOD_MIN_WORDS = _T["good_min_words"]
GOOD_MIN_STOP_SHARE = _T["good_min_stop_share"]
CHROME_COST = _T["chrome_cost"]
SHORT_COST = _T["short_cost"]
BREAK_RUN = _T["break_run"]
DENSITY_POWER = _T["density_power"]
LONG_PARA = _T["long_para"]
MIN_PARAS = _T["min_paras"]
MERGE_GAP = _T["merge_gap"]
MERGE_MIN_SHARE = _T["merge_min_share"]
TITLE_LOOKBACK = _T["title_lookback"]
TITLE_FAR = _T["title_far"]
TITLE_MIN_WORDS, TITLE_MAX_WORDS = _T["title_min_words"], _T["title_max_words"]
TITLE_NEAR_LINES = _T["title_near_lines"]
TITLE_NEAR_SCAN = _T["title_near_scan"]
REPEAT_MIN_WORDS = _T["repeat_min_words"]
DATE_BONUS = _T["date_bonus"]
BYLINE_BONUS = _T["byline_bonus"]
REPEAT_BONUS = _T["repeat_bonus"]
TITLE_FULL_WORDS = _T["title_full_words"]
DATELINE_MAX_WORDS = _T["dateline_max_words"]
YEAR_LINE_WORDS = _T["year_line_words"]
DATELINE = re.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}:\d\d\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")
CRUMB = re.compile(r" [>»/] ")
# A clock time or a numeric date marks a dateline, never a headline ("AFP 30 avril 2015 à 07:19").
CLOCK_DATE = re.compile(r"\b\d{1,2}[:h]\d\d\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")
# Names joined by a slash are a photo credit ("JIM WATSON/AFP/Getty Images", a caption's
# "- Heinrich Aikawa/Instituto Lula"); headlines do not write them.
PHOTO_CREDIT = re.compile(r"\b[A-Z][\w.-]*/[A-Z]")
TITLE_PARTS = re.compile(r" [|\-–—>»:·] ")
# A long line printed twice within this many lines is a photo caption (the image's alt/caption
# pair, or a slideshow's caption shown twice); seen in the seed and in wapo-1.
CAPTION_DUP_GAP = 3
# A line repeated at least this often in one dump is navigation or a teaser, not prose.
REPEAT_MIN = 2
# A line is site boilerplate when it recurs on at least this share of a site's pages (min 2).
SITE_MIN_SHARE = 0.5
SENTENCE_END = re.compile(r"[.!?…:;\"'”’»)\]]$")
DATE_LINE = re.compile(r"\d{1,4}[./: -]")
CREDIT_SPLIT = re.compile(r"\s*(?:,|;|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*")
CREDIT_LEAD = re.compile(r"^(?:with\s+)?(?:additional\s+)?(?:reporting|material)\s+(?:by|from)\s+"
                         r"|^.*?\bwith\s+(?:reporting|material)\s+(?:by|from)\s+", re.I)


@dataclass(slots=True)
class Line:
    """One non-empty line of a dump with its features."""

    text: str
    words: int
    stop_share: float
    kind: str | None
    repeats: int = 1
    near_dup: bool = False  # the same text again within CAPTION_DUP_GAP lines

    @property
    def dup_caption(self) -> bool:
        """Whether the line is a sentence-long text printed twice in a row (a caption)."""
        return self.near_dup and self.kind is None and self.words >= GOOD_MIN_WORDS

    @property
    def prose(self) -> bool:
        """Whether the line reads as article prose."""
        return (self.kind is None and self.words >= GOOD_MIN_WORDS
                and self.stop_share >= GOOD_MIN_STOP_SHARE)


@dataclass(slots=True)
class CleanDump:
    """The cleaner's result: body paragraphs, headline, captions, credits, language."""

    paragraphs: list[str]
    title: str | None
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    language: str = "en"


def _lines(text: str, boilerplate: frozenset[str]) -> tuple[list[Line], str]:
    """Split a dump into featured lines and guess its language."""
    raw = [" ".join(x.split()) for x in text.splitlines()]
    raw = [x for x in raw if x]
    lang = guess_language(WORD.findall(text))
    stops = stop_words(lang) or stop_words("en")
    counts = Counter(raw)
    out = []
    for i, x in enumerate(raw):
        toks = [w.lower() for w in WORD.findall(x)]
        share = sum(1 for w in toks if w in stops) / len(toks) if toks else 0.0
        kind = "drop" if (x in boilerplate or not toks) else line_kind(x)
        near = counts[x] > 1 and x in raw[max(0, i - CAPTION_DUP_GAP):i] + raw[
            i + 1:i + 1 + CAPTION_DUP_GAP]
        out.append(Line(x, len(toks), share, kind, counts[x], near))
    return out, lang


def _weight(line: Line) -> float:
    """A line's weight in the segment search."""
    if line.prose and line.repeats < REPEAT_MIN:
        return float(line.words)
    if line.kind in ("drop", "media") or line.repeats >= REPEAT_MIN:
        return -CHROME_COST
    if line.kind in ("caption", "blurb", "credits"):
        return 0.0
    return -SHORT_COST


def segments(weights: list[float]) -> list[tuple[int, int]]:
    """[start, end) runs of lines split at BREAK_RUN or more consecutive non-prose lines."""
    out, start, gap = [], None, 0
    for i, w in enumerate(weights):
        if w > 0:
            if start is None:
                start = i
            gap, last = 0, i
        elif start is not None:
            gap += 1 if w < 0 else 0
            if gap >= BREAK_RUN:
                out.append((start, last + 1))
                start, gap = None, 0
    if start is not None:
        out.append((start, last + 1))
    return out


def _score(part: list[float]) -> tuple[float, float]:
    """A block's score and, when it has MIN_PARAS prose lines, its prose-line share."""
    prose = [w for w in part if w > 0]
    share = len(prose) / max(1, len([w for w in part if w != 0]))
    mean = sum(prose) / max(1, len(prose))
    paras = min(1.0, len(prose) / MIN_PARAS)
    merge_share = share if len(prose) >= MIN_PARAS else 0.0
    return sum(prose) * share ** DENSITY_POWER * min(1.0, mean / LONG_PARA) * paras, merge_share


def best_segment(weights: list[float]) -> tuple[int, int]:
    """The best block of lines, joined with dense neighbours a short gap away."""
    segs = segments(weights)
    if not segs:
        return 0, 0
    scored = [_score(weights[a:b]) for a, b in segs]
    k = max(range(len(segs)), key=lambda i: scored[i][0])
    lo = hi = k
    while lo > 0 and segs[lo][0] - segs[lo - 1][1] <= MERGE_GAP and \
            scored[lo - 1][1] >= MERGE_MIN_SHARE:
        lo -= 1
    while hi + 1 < len(segs) and segs[hi + 1][0] - segs[hi][1] <= MERGE_GAP and \
            scored[hi + 1][1] >= MERGE_MIN_SHARE:
        hi += 1
    return segs[lo][0], segs[hi][1]


def split_credits(line: str) -> list[str]:
    """The sources of a 'With reporting by A, B, and C' line."""
    rest = CREDIT_LEAD.sub("", line).strip().rstrip(".")
    return [p.strip() for p in CREDIT_SPLIT.split(rest) if p and p.strip()]


def _is_clip_title(line: Line) -> bool:
    """A short line with no sentence end: a video's title when media debris follows it."""
    return line.kind is None and line.words <= TITLE_MAX_WORDS and not SENTENCE_END.search(
        line.text) and not line.prose


def _body(lines: list[Line], start: int, end: int, result: CleanDump) -> None:
    """Fill paragraphs, captions and credits from the chosen run of lines."""
    seen_caps: set[str] = set()

    def caption(text: str) -> None:
        if text not in seen_caps:
            seen_caps.add(text)
            result.captions.append(text)

    boxed = False  # inside a 'Related'/'Comments' box embedded in the article
    for i in range(start, end):
        ln = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if ln.kind == "credits":
            result.credits.extend(split_credits(ln.text))
            break
        boxed = (boxed or ln.kind == "end") and not ln.prose
        if boxed:
            continue
        if ln.kind == "caption":
            caption(caption_text(ln.text))
        elif ln.kind == "blurb" or ln.dup_caption:
            caption(ln.text)
        elif ln.kind in ("drop", "media", "end") or ln.repeats >= REPEAT_MIN:
            continue
        elif nxt is not None and nxt.kind == "media" and _is_clip_title(ln):
            continue
        elif result.title and ln.text == result.title and not result.paragraphs:
            continue
        else:
            result.paragraphs.append(ln.text)


def _title_like(ln: Line) -> bool:
    """Whether a line could be a headline (no chrome, no sentence, date, byline or crumbs)."""
    text = ln.text
    if ln.kind is not None or ln.dup_caption or not TITLE_MIN_WORDS <= ln.words <= TITLE_MAX_WORDS:
        return False
    if text.endswith(".") and text[-3:-1].isalpha() and text[-3:-1].islower():
        return False  # a sentence ("... on Monday."), not "... N.Y.C."
    return not (DATE_LINE.match(text) or is_byline(text) or len(CRUMB.findall(text)) >= 2
                or CLOCK_DATE.search(text) or PHOTO_CREDIT.search(text))


def _near_lines(lines: list[Line], i: int) -> list[tuple[Line, bool]]:
    """The lines under line ``i`` that may hold its byline or date, each with whether it is
    a date line (chrome and one- or two-word lines skipped)."""
    out = []
    for ln in lines[i + 1:i + 1 + TITLE_NEAR_SCAN]:
        is_date = bool(ln.words <= DATELINE_MAX_WORDS and CLOCK_DATE.search(ln.text) or
                       TITLE_MIN_WORDS <= ln.words <= YEAR_LINE_WORDS and DATELINE.search(ln.text))
        if is_date or not (ln.kind in ("drop", "media") or ln.words < TITLE_MIN_WORDS):
            out.append((ln, is_date))
    return out


def _header_bonus(lines: list[Line], i: int) -> float:
    """Byline and date bonuses from the few lines under line ``i``; a byline or date right
    under another headline-like line met before any of them belongs to that line."""
    near = _near_lines(lines, i)
    byline = dated = False
    for k, (ln, is_date) in enumerate(near[:TITLE_NEAR_LINES]):
        nxt = near[k + 1] if k + 1 < len(near) else None
        if (not (is_date or byline or dated) and _title_like(ln) and nxt is not None
                and (nxt[1] or is_byline(nxt[0].text))):
            break
        byline = byline or is_byline(ln.text)
        dated = dated or is_date
    return BYLINE_BONUS * byline + DATE_BONUS * dated


def _earlier_copies(lines: list[Line], stop: int) -> dict[str, int]:
    """Each line before ``stop`` and its separator-cut parts (a <title> line, a crumb trail)."""
    first: dict[str, int] = {}
    for i, ln in enumerate(lines[:stop]):
        for part in [ln.text, *TITLE_PARTS.split(ln.text)]:
            first.setdefault(part.strip(), i)
    return first


def _title(lines: list[Line], start: int) -> str | None:
    """The headline: a title-like line before the body, scored on its byline/date under it,
    an earlier copy of it (the page's title line), its length and its distance."""
    lo = max(0, start - TITLE_FAR)
    copies = _earlier_copies(lines, min(start + 1, len(lines)))
    best, best_score = None, 0.0
    for i in range(lo, min(start + 1, len(lines))):
        ln = lines[i]
        if not _title_like(ln):
            continue
        bonus = _header_bonus(lines, i) + (REPEAT_BONUS if copies.get(ln.text, i) < i and
                                           ln.words >= REPEAT_MIN_WORDS else 0.0)
        if not bonus and start - i > TITLE_LOOKBACK:
            continue
        score = bonus + min(ln.words, TITLE_FULL_WORDS) / TITLE_FULL_WORDS - (
            start - i) / TITLE_FAR
        if score > best_score:
            best, best_score = ln.text, score
    return best


def _leading_captions(lines: list[Line], start: int, result: CleanDump) -> None:
    """Captions printed just above the body (a repeated photo caption, a labelled one)."""
    for ln in lines[max(0, start - TITLE_LOOKBACK):start]:
        if ln.kind == "caption":
            text = caption_text(ln.text)
        elif ln.dup_caption:
            text = ln.text
        else:
            continue
        if text not in result.captions:
            result.captions.append(text)


def clean_dump(text: str, boilerplate: Iterable[str] = ()) -> CleanDump:
    """Clean a page's text dump to its article: paragraphs, title, captions, credits."""
    lines, lang = _lines(text, frozenset(boilerplate))
    result = CleanDump(paragraphs=[], title=None, language=lang)
    if not lines:
        return result
    start, end = best_segment([_weight(ln) for ln in lines])
    if not any(ln.prose for ln in lines):
        start, end = 0, len(lines)  # a short note: keep all that is not chrome
    result.title = _title(lines, start)
    _leading_captions(lines, start, result)
    _body(lines, start, end, result)
    return result


def learn_site_boilerplate(dumps: Iterable[str], min_share: float = SITE_MIN_SHARE
                           ) -> frozenset[str]:
    """Lines that recur on several dumps of one site: its chrome, to pass to ``clean_dump``."""
    pages = 0
    seen: Counter[str] = Counter()
    for dump in dumps:
        pages += 1
        seen.update({" ".join(x.split()) for x in dump.splitlines() if x.strip()})
    need = max(2.0, min_share * pages)
    return frozenset(line for line, n in seen.items() if n >= need)
