"""Find event triggers in a parsed sentence and combine them with their frames.

A trigger is a lexicon match (``event_triggers.tsv``) on a token. Frame words (agree,
threaten, refuse, demand, order) and light verbs (hold, launch, begin) govern another
trigger through the parse; the nearest frame decides how the act is typed (see
``dateline.events.status``). Reporting verbs are never events.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dateline.events.lexicon import TriggerEntry, triggers

POS_OK = {"V": {"VERB", "AUX"}, "N": {"NOUN", "PROPN"}, "A": {"ADJ", "VERB"}}
# dependency relations through which a frame or light verb governs its complement
GOVERNING_DEPS = {"xcomp", "ccomp", "dobj", "pobj", "prep", "acomp", "attr", "nsubjpass",
                  "oprd", "advcl", "compound", "amod"}
FRAMES = {"intent", "threat", "refuse", "demand", "order", "dispute"}  # "dispute" never consumes
# how far up the parse a frame is looked for ("ordered the start of the withdrawal" needs 4)
MAX_CHAIN = 5


@dataclass
class Trigger:
    """One lexicon match: the entry and the tokens it spans (head = the syntactic head)."""

    entry: TriggerEntry
    head: Any
    tokens: list[Any]
    frame_of: Trigger | None = None
    complements: list[Trigger] = field(default_factory=list)
    contested_by: Trigger | None = None

    @property
    def frame(self) -> str | None:
        """The entry's frame kind (intent, threat, light, report, ...)."""
        return self.entry.frame


def _pos_ok(entry: TriggerEntry, tok: Any) -> bool:
    if entry.pos == "*":
        return True
    return tok.pos_ in POS_OK.get(entry.pos, set())


def _rest_matches(entry: TriggerEntry, tok: Any) -> list[Any] | None:
    """Tokens covered by a multiword entry starting at ``tok`` (contiguous or a particle)."""
    rest = entry.phrase[1:]
    if not rest:
        return [tok]
    doc = tok.doc
    toks = [tok]
    i = tok.i + 1
    for word in rest:
        if i < len(doc) and word in (doc[i].lemma_.lower(), doc[i].lower_):
            toks.append(doc[i])
            i += 1
            continue
        kids = [c for c in tok.children if c.dep_ in ("prt", "dobj") and
                word in (c.lemma_.lower(), c.lower_)]
        if not kids:
            return None
        toks.append(kids[0])
    return toks


def _match(tok: Any) -> tuple[TriggerEntry, list[Any]] | None:
    index = triggers()
    keys = {tok.lemma_.lower(), tok.lower_}
    for key in keys:
        for entry in index.get(key, ()):
            toks = _rest_matches(entry, tok)
            if toks is None:
                continue
            head = toks[-1] if entry.pos == "N" else toks[0]
            if _pos_ok(entry, head):
                return entry, toks
    return None


def find_triggers(sent: Any) -> list[Trigger]:
    """All trigger matches in a spaCy sentence span, longest first, without overlaps."""
    found: list[Trigger] = []
    covered: set[int] = set()
    for tok in sent:
        if tok.i in covered:
            continue
        hit = _match(tok)
        if hit is None:
            continue
        entry, toks = hit
        if any(t.i in covered for t in toks):
            continue
        head = toks[-1] if entry.pos == "N" else toks[0]
        found.append(Trigger(entry, head, toks))
        covered.update(t.i for t in toks)
    _link_frames(found)
    return found


def _link_frames(found: list[Trigger]) -> None:
    """Attach each trigger to the nearest frame or light verb above it in the parse."""
    by_head = {t.head.i: t for t in found}
    for trig in found:
        if trig.frame == "report":
            continue
        tok = trig.head
        for _ in range(MAX_CHAIN):
            if tok.dep_ not in GOVERNING_DEPS or tok.head.i == tok.i:
                break
            tok = tok.head
            gov = by_head.get(tok.i)
            if gov is None:
                continue
            if gov.frame == "dispute":
                trig.contested_by = gov
            elif gov.frame in FRAMES or gov.frame == "light":
                trig.frame_of = gov
                gov.complements.append(trig)
            break


def frame_chain(trig: Trigger) -> list[Trigger]:
    """The governing triggers of ``trig``, nearest first."""
    chain: list[Trigger] = []
    gov = trig.frame_of
    while gov is not None and gov not in chain:
        chain.append(gov)
        gov = gov.frame_of
    return chain


def is_event_trigger(trig: Trigger) -> bool:
    """True when the trigger yields an event of its own (not a report verb or used frame)."""
    if trig.frame == "report":
        return False
    if trig.frame in FRAMES | {"light"}:
        return not any(c.frame != "report" for c in trig.complements)
    return True
