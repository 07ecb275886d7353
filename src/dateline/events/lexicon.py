"""Load the event lexicons (triggers, intent rules, actors) and country names, once per process.

The data live in ``dateline/lexicons/``: ``event_triggers.tsv``, ``event_intents.tsv``,
``event_words.tsv`` and ``actors.tsv``; country names and capitals come from
countrystatecity-countries and pycountry.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from dateline.lexicon import read_lexicon


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """One row of event_triggers.tsv."""

    phrase: tuple[str, ...]
    pos: str
    type: str
    action: str
    mode: str | None
    cameo: str | None
    frame: str | None
    note: str
    condition: str | None = None  # "mover:force", "theme:passage": see event_triggers.tsv


@dataclass(frozen=True, slots=True)
class IntentRule:
    """One row of event_intents.tsv: how an unrealised or refused act is typed."""

    action: str
    intent_type: str
    threat_mode: str | None
    negated_type: str | None
    reversed_type: str | None = None
    reversed_mode: str | None = None


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor-lexicon entry (or a country name/capital from the packages)."""

    text: str
    kind: str
    country: str | None
    sector: str | None


def _rows(name: str) -> list[dict[str, str]]:
    return read_lexicon(name)


def _opt(value: str) -> str | None:
    value = (value or "").strip()
    return None if value in ("", "-") else value


@lru_cache(maxsize=1)
def triggers() -> dict[str, list[TriggerEntry]]:
    """Trigger entries keyed by their first lemma."""
    index: dict[str, list[TriggerEntry]] = {}
    for r in _rows("event_triggers.tsv"):
        phrase = tuple(r["phrase"].lower().split())
        frame = _opt(r["frame"])
        condition = frame if frame and ":" in frame else None
        entry = TriggerEntry(phrase, r["pos"], r["type"], r["action"], _opt(r["mode"]),
                             _opt(r["cameo"]), None if condition else frame, r["note"],
                             condition)
        index.setdefault(phrase[0], []).append(entry)
    for entries in index.values():
        entries.sort(key=lambda e: -len(e.phrase))
    return index


def is_event_noun(tok: Any, plover_only: bool = False) -> bool:
    """Whether the token's lemma has a noun row in the trigger lexicon ("announcement"); with
    ``plover_only``, a row of a PLOVER type ("talks", "aid"; not "campaign")."""
    return any(r.pos in ("N", "*") and not (plover_only and r.type == "OTHER")
               for r in triggers().get(tok.lemma_.lower(), ()))


def is_act_verb(tok: Any, types: frozenset[str] | None = None) -> bool:
    """A verb the trigger lexicon codes as an act of its own ("sentence", "arrest"; of
    ``types`` when given), not as a frame or a disposition ("commit to", "oppose")."""
    return tok.pos_ == "VERB" and any(
        r.pos in ("V", "*") and r.frame is None and len(r.phrase) == 1 and r.type != "OTHER"
        and (types is None or r.type in types) for r in triggers().get(tok.lemma_.lower(), ()))


# frames of acts addressed to someone ("asked X to", "ordered X to", "warned X to"): their
# passive subject is the addressee, acted on, not a disposition ("is committed to")
ADDRESSED_FRAMES = frozenset({"demand", "order", "threat"})


def is_addressed_verb(tok: Any) -> bool:
    """A verb the trigger lexicon codes as an act addressed to its object ("ask", "urge",
    "order", "warn"), whose complement is what the addressee is to do."""
    return tok.pos_ == "VERB" and any(
        r.pos in ("V", "*") and r.frame in ADDRESSED_FRAMES and len(r.phrase) == 1
        for r in triggers().get(tok.lemma_.lower(), ()))


def codes_type(tok: Any, types: frozenset[str]) -> bool:
    """Whether the trigger lexicon codes the word's lemma as an act of one of ``types``."""
    return any(r.type in types for r in triggers().get(tok.lemma_.lower(), ()))


def is_act_noun(head: Any) -> bool:
    """A noun naming an act or a thing done, not someone who acts ("Apple's announcement",
    "GM's restructuring", "Apple's new offering"): an event noun of the trigger lexicon or a
    gerund, unless the actor lexicon knows it."""
    if head.pos_ != "NOUN" or lookup_actor(head.text):
        return False
    return is_event_noun(head) or head.lower_.endswith("ing")


@lru_cache(maxsize=1)
def word_classes() -> dict[str, frozenset[str]]:
    """Word class (force, passage, evidence, ...) -> lemmas, from event_words.tsv."""
    out: dict[str, set[str]] = {}
    for r in _rows("event_words.tsv"):
        out.setdefault(r["class"], set()).add(r["word"].lower())
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def intents() -> dict[str, IntentRule]:
    """Intent rules keyed by the act's PLOVER type."""
    return {r["action"]: IntentRule(r["action"], r["intent_type"], _opt(r["threat_mode"]),
                                    _opt(r["negated_type"]), _opt(r["reversed_type"]),
                                    _opt(r["reversed_mode"]))
            for r in _rows("event_intents.tsv")}


def _package_names() -> list[ActorEntry]:
    """Country names (kind country) and capitals (kind metonym, GOV) from the packages."""
    out: list[ActorEntry] = []
    try:
        import countrystatecity_countries as csc

        for c in csc.get_countries():
            out.append(ActorEntry(c.name, "country", c.iso3, None))
            if c.capital and len(c.capital) > 3:
                out.append(ActorEntry(c.capital, "metonym", c.iso3, "GOV"))
    except ImportError:  # pragma: no cover - optional dependency
        pass
    try:
        import pycountry

        for c in pycountry.countries:  # type: ignore[assignment]
            for attr in ("name", "common_name"):
                name = getattr(c, attr, None)
                if name and "," not in name:
                    out.append(ActorEntry(name, "country", c.alpha_3,  # type: ignore[attr-defined]
                                          None))
    except ImportError:  # pragma: no cover
        pass
    return out


@lru_cache(maxsize=1)
def actor_patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, ActorEntry]]:
    """Regexes over names (case-sensitive) and role words (any case), with their entries."""
    entries: dict[str, ActorEntry] = {}
    roles: dict[str, ActorEntry] = {}
    for e in _package_names():
        entries.setdefault(e.text, e)
    for r in _rows("actors.tsv"):
        e = ActorEntry(r["text"], r["kind"], _opt(r["country"]), _opt(r["sector"]))
        if e.text.lower() == e.text:
            roles[e.text] = e
        else:
            entries[e.text] = e  # the curated file wins over package names
    table = dict(entries) | {k.lower(): v for k, v in roles.items()}
    return _alternation(entries, 0), _alternation(roles, re.IGNORECASE), table


def _alternation(names: dict[str, ActorEntry], flags: int) -> re.Pattern[str]:
    alts = sorted(names, key=len, reverse=True)
    body = "|".join(re.escape(a) for a in alts)
    return re.compile(r"(?<![\w.-])(?:" + body + r")s?(?!\w)", flags)


def warm_lexicons() -> None:
    """Load every event lexicon and compile the actor patterns now (cached per process)."""
    triggers()
    word_classes()
    intents()
    actor_patterns()


def lookup_actor(text: str) -> list[tuple[int, int, ActorEntry]]:
    """Lexicon matches in a phrase as (start, end, entry), left to right, names first."""
    return list(_lookup_cached(text))


# Phrases repeat within and across articles (entity titles, actor phrases, clause tails);
# on the 90 demo articles a pass makes ~14k lookups of ~5k distinct texts (~50 characters
# each), so 8192 entries hold a batch's working set in well under 1 MB.
LOOKUP_CACHE_SIZE = 8192


@lru_cache(maxsize=LOOKUP_CACHE_SIZE)
def _lookup_cached(text: str) -> tuple[tuple[int, int, ActorEntry], ...]:
    """``lookup_actor`` memoised (the lexicon is fixed for the life of the process)."""
    names, roles, table = actor_patterns()
    found: list[tuple[int, int, ActorEntry]] = []
    for m in names.finditer(text):
        found.append((m.start(), m.end(), table[_base(m.group(0), table)]))
    taken = [(a, b) for a, b, _ in found]
    for m in roles.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        found.append((m.start(), m.end(), table[_base(m.group(0).lower(), table)]))
    return tuple(sorted(found, key=lambda f: f[0]))


def _base(matched: str, table: dict[str, ActorEntry]) -> str:
    if matched in table:
        return matched
    return matched[:-1]  # a plural 's' added to a lexicon word ("Afghans", "officers")
