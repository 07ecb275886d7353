"""Quotation-mark regions: straight, curly, mismatched, doubled apostrophes, and quotes
that run over several paragraphs (an opening mark left open at a paragraph's end and
reopened at the next one's start, the way English prints long quotations).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MARK = re.compile(r"``|''|[\"\u201c\u201d\u201e\u00ab\u00bb]")
OPENERS = frozenset({"\u201c", "\u201e", "\u00ab", "``"})
CLOSERS = frozenset({"\u201d", "\u00bb"})
LEFT_BOUND = set("([{\u2014\u2013/-")
RIGHT_BOUND = set(".,;:!?)]}\u2014\u2013-")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True)
class Region:
    """Quoted content (marks excluded) and the outer span with its marks."""

    start: int
    end: int
    outer_start: int
    outer_end: int


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each blank-line-separated paragraph."""
    out, pos = [], 0
    for m in PARAGRAPH_BREAK.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def direction(text: str, pos: int, length: int) -> str:
    """'open', 'close' or '?' for the mark at ``pos``, from its neighbours, then its glyph."""
    prev = text[pos - 1] if pos > 0 else " "
    nxt = text[pos + length] if pos + length < len(text) else " "
    left = prev.isspace() or prev in LEFT_BOUND
    right = nxt.isspace() or nxt in RIGHT_BOUND
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    glyph = text[pos:pos + length]
    return "open" if glyph in OPENERS else "close" if glyph in CLOSERS else "?"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def paragraph_regions(text: str, start: int, end: int) -> tuple[list[Region], bool]:
    """Quoted regions of one paragraph, and whether it ends inside an open quote."""
    out: list[Region] = []
    open_at: int | None = None
    open_len = 0
    for m in MARK.finditer(text, start, end):
        way = direction(text, m.start(), len(m.group()))
        if open_at is None and way in ("open", "?"):
            open_at, open_len = m.start(), len(m.group())
        elif open_at is not None and way in ("close", "?"):
            s, e = _trimmed(text, open_at + open_len, m.start())
            if e > s:
                out.append(Region(s, e, open_at, m.end()))
            open_at = None
    if open_at is not None:
        s, e = _trimmed(text, open_at + open_len, end)
        if e > s:
            out.append(Region(s, e, open_at, end))
            return out, True
    return out, False


def quote_regions(text: str) -> list[Region]:
    """Every quoted region of a text; multi-paragraph quotations merged into one."""
    out: list[Region] = []
    carry: Region | None = None
    for p_start, p_end in paragraphs(text):
        regions, left_open = paragraph_regions(text, p_start, p_end)
        if carry is not None:
            if regions and regions[0].outer_start == p_start:
                first = regions.pop(0)
                regions.insert(0, Region(carry.start, first.end, carry.outer_start,
                                         first.outer_end))
            else:
                out.append(carry)
        carry = None
        if left_open and regions:
            carry = regions.pop()
        out.extend(regions)
    if carry is not None:
        out.append(carry)
    return sorted(out, key=lambda r: r.start)
