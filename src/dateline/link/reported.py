"""What a reporting event reports: the quotations the quotes stage attributes through it.

Two reports of one speech hold many "said"s that are different statements; two "said"s are
one event only when they report the same thing, said by the same speaker. The learned linker
compares what two reporting triggers report (``pairs.content_cosine``) and who says it
(``pairs.speakers_apart``), in ``link/learned.py``: the text and speaker of the quotations
(direct and indirect, from ``stages/quotes.py``) whose cue is the trigger.

The store keeps a quotation's cue word, its content span and its speaker span, not the cue's
offsets, so a trigger takes the quotations whose cue is the same word (case-insensitive) and
whose content or speaker lies in the trigger's sentence (:func:`reported_content`).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Quote:
    """A quotation as the linker sees it: content span and text, cue word, speaker span."""

    start: int
    end: int
    text: str
    cue: str
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker: str = ""  # a comparable name of the speaker ("" for a pronoun or none)


def _overlaps(a: int | None, b: int | None, lo: int, hi: int) -> bool:
    return a is not None and b is not None and a < hi and lo < b


def reported_quotes(trigger: str, sentence: tuple[int, int], quotes: list[Quote]) -> list[Quote]:
    """The quotations a reporting trigger introduces: those whose cue is the trigger's word
    and whose content or speaker lies in the trigger's sentence."""
    word = trigger.strip().lower()
    if not word:
        return []
    lo, hi = sentence
    return [q for q in quotes if (q.cue or "").strip().lower() == word and (
        _overlaps(q.start, q.end, lo, hi) or _overlaps(q.speaker_start, q.speaker_end, lo, hi))]


def reported_content(trigger: str, sentence: tuple[int, int], quotes: list[Quote]) -> str:
    """The text a reporting trigger reports: its quotations' texts joined ("" when none)."""
    return " ".join(q.text for q in reported_quotes(trigger, sentence, quotes))


def attach_contents(mentions: list[Any], texts: dict[str, str],
                    quotes: dict[str, list[Quote]]) -> None:
    """Set ``content`` and ``speaker`` on pair-model mentions (``pairs.Mention``: ``doc``,
    ``start``, ``text``) from their documents' quotations, in the pair model's own sentences."""
    from dateline.link.pairs import sentence_of, sentence_spans

    spans: dict[str, list[tuple[int, int]]] = {}
    for m in mentions:
        qs = quotes.get(m.doc)
        if not qs:
            continue
        if m.doc not in spans:
            spans[m.doc] = sentence_spans(texts[m.doc])
        found = reported_quotes(m.text, sentence_of(spans[m.doc], m.start), qs)
        m.content = " ".join(q.text for q in found)
        m.speaker = next((q.speaker for q in found if q.speaker), "")


def source_speakers(stored: list[Any], mentions: list[Any]) -> None:
    """Give a speech verb that no quotation names a speaker its event's source instead.

    ``stored``: the stored mentions (``clusters.Mention``), ``mentions`` their pair-model view
    in the same order. Only OTHER events, whose action is their predicate's lemma, are
    matched against the speech verbs; a pronoun names no one.
    """
    from dateline.coref import pronouns
    from dateline.link.features import name_key
    from dateline.quotes.frames import speech_verbs

    for r, m in zip(stored, mentions, strict=True):
        text = ((r.source or {}).get("text") or "").strip()
        if (m.speaker or not text or r.type != "OTHER" or text.lower() in pronouns()
                or (m.lemma or m.text).lower() not in speech_verbs()):
            continue
        m.speaker = name_key(text)


def load_quotes(con: Any, doc_ids: list[str]) -> dict[str, list[Quote]]:
    """The stored quotations of these documents, by document id, each speaker named by the
    longest spelling of its entity in the document (else its own words; a pronoun: none)."""
    from dateline.coref import pronouns
    from dateline.link.features import name_key

    out: dict[str, list[Quote]] = defaultdict(list)
    if not doc_ids:
        return out
    docs = sorted(doc_ids)
    longest: dict[tuple[str, str], str] = {}
    for d, eid, text in con.execute("SELECT doc_id, entity_id, text FROM entities WHERE doc_id "
                                    "IN (SELECT unnest(?)) AND entity_id IS NOT NULL",
                                    [docs]).fetchall():
        if text and len(text) > len(longest.get((d, eid), "")):
            longest[(d, eid)] = text
    for d, s, e, text, cue, ss, se, spk, sid in con.execute(
            "SELECT doc_id, start_char, end_char, text, cue, speaker_start, speaker_end, "
            "speaker, speaker_id FROM quotes WHERE doc_id IN (SELECT unnest(?)) "
            "ORDER BY doc_id, start_char, end_char", [docs]).fetchall():
        name = longest.get((d, sid), spk or "") if sid else (spk or "")
        key = "" if name.strip().lower() in pronouns() else name_key(name)
        out[d].append(Quote(s, e, text or "", cue or "", ss, se, key))
    return out
