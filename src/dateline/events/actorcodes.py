"""Country and sector codes of actor phrases from the actor lexicon (``actors.tsv`` plus
country names and capitals, ``dateline.events.lexicon``).

Amounts inside a phrase code nothing ("US$14 billion" is a currency, not the United
States); an ethnic group is coded by where it lives ("ethnic Albanians").
"""
from __future__ import annotations

from typing import Any

from dateline.events.lexicon import lookup_actor
from dateline.model import Actor

NOT_ACTOR_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
STATELESS_SECTORS = {"IGO", "NGO", "IMG"}
# Names in which a title word may be part of the name, not a rank ("General Motors")
TITLED_NAMES = frozenset({"ORG", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})


def code_phrase(toks: list[Any], head: Any) -> tuple[str | None, str | None]:
    """ISO3 country and PLOVER sector of a phrase from the actor lexicon."""
    if not toks:
        return None, None
    start = toks[0].idx
    text = head.doc[toks[0].i:toks[-1].i + 1].text  # a span's text (Doc.text rebuilds it all)
    amounts = _offsets(toks, start, NOT_ACTOR_ENTS)  # "US$14 billion": a currency
    # a title that only modifies a name is part of the name ("General Motors")
    names = _offsets([t for t in toks if t.dep_ == "compound" and t.head.ent_type_ ==
                      t.ent_type_], start, TITLED_NAMES)
    hits = [h for h in lookup_actor(text) if not _ethnic(text, h)
            and not any(a <= h[0] < b for a, b in amounts)
            and not (h[2].kind == "title" and any(a <= h[0] < b for a, b in names))
            and not (h[2].kind == "private" and not h[0] <= head.idx - start < h[1])]
    country = next((e.country for _, _, e in hits if e.country), None)
    head_off = head.idx - start
    sector = None
    for a, b, e in hits:
        if e.sector and a <= head_off < b:
            sector = e.sector
    if sector is None:
        sectors = [e.sector for _, _, e in hits if e.sector]
        sector = sectors[-1] if sectors else None
    if country is None and any(e.sector in STATELESS_SECTORS for _, _, e in hits):
        sector = next(e.sector for _, _, e in hits if e.sector in STATELESS_SECTORS)
    return country, sector


def _offsets(toks: list[Any], start: int, ents: frozenset[str] | set[str]
             ) -> list[tuple[int, int]]:
    """Character ranges (from ``start``) of the tokens whose entity type is in ``ents``."""
    return [(t.idx - start, t.idx - start + len(t.text)) for t in toks if t.ent_type_ in ents]


def sentence_countries(sent: Any) -> list[tuple[int, str]]:
    """(offset, ISO3) of every country-coded lexicon match in a sentence."""
    base = sent.start_char
    return [(base + a, e.country) for a, _, e in lookup_actor(sent.text) if e.country]


def _ethnic(text: str, hit: tuple[int, int, Any]) -> bool:
    """"ethnic Albanians": an ethnic group is coded by where it lives, not by the adjective."""
    return hit[2].kind == "nationality" and text[:hit[0]].rstrip().lower().endswith("ethnic")


def same_actor(a: Actor | None, b: Actor | None) -> bool:
    """Whether two actors are the same mention or entity (the speaker acts himself; an act's
    source is not its target)."""
    if a is None or b is None:
        return False
    return (a.id is not None and a.id == b.id) or a.text == b.text
