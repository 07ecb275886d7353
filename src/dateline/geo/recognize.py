"""Toponym recognition: spaCy place entities plus gazetteer matches the model missed.

Three sources, in priority order: GPE/LOC/FAC entities (spaCy's, then the entity stage's);
NORP/ORG entities that are exactly a known place ("Hmeimim" tagged NORP, "Tartus" ORG,
"EU"); and capitalised proper-noun runs outside any entity that name a well-known place.
Spans are trimmed of a leading "the" and a trailing possessive.
"""
from __future__ import annotations

import calendar
import re
from typing import Any, NamedTuple

from spacy.attrs import ENT_TYPE, IDX, POS
from spacy.parts_of_speech import PROPN

from dateline.geo.gazetteer import Candidate, Gazetteer
from dateline.geo.sources import read_tsv
from dateline.lexicon import lexicon_path

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
RELABEL_LABELS = frozenset({"NORP", "ORG"})  # exact matches of famous places are kept
# entities scanned for place names inside them ("Trade Promotion Organization of Iran"; the
# small model also swallows places into dates: "Winnipeg on Friday" tagged DATE)
INSIDE_LABELS = frozenset({"ORG", "EVENT", "WORK_OF_ART", "PRODUCT", "DATE", "TIME"})
NOT_PLACE_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL",
                              "CARDINAL", "LANGUAGE", "LAW"})
# A city named by an ORG/NORP/PERSON span or an unlabelled capitalised run is taken as a
# place only from this population up (below it, "Reading", "Mobile" or a surname collide
# with towns); calibrated on the geo dev set between 10k and 500k, F1 flat from 50k-200k.
MIN_CITY_POP_UNLABELED = 100_000
MAX_RUN_TOKENS = 4
SUFFIX_HINTS = {"county": "region", "province": "admin1", "governorate": "admin1",
                "state": "admin1", "region": "admin1", "oblast": "admin1"}
_TRIM_LEFT = re.compile(r"^(?:the|The|THE)\s+")
_TRIM_RIGHT = re.compile(r"(?:['’]s|['’]|[\s.,;:]+)$")
STRONG_KINDS = frozenset({"country", "continent", "region", "point"})
_STATE_AFTER = re.compile(r"\s*(?:,|\()\s*((?:[A-Z][a-z]{0,4}\.\s?)+|[A-Z][a-z]+(?: [A-Z][a-z]+)?)")


class Mention(NamedTuple):
    """A toponym span in the text, with spaCy's label and the token span it covers.

    ``weak`` marks a name the model did not tag as a place (a PERSON-tagged "Tamil Nadu",
    an untagged "Bellmore"); resolution keeps it only when the article's context supports it.
    """

    start: int
    end: int
    text: str
    label: str
    tok_start: int
    tok_end: int
    weak: bool = False
    locative: bool = False  # right after a preposition of place, or before ", State"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    seg = text[start:end]
    m = _TRIM_LEFT.match(seg)
    if m and len(seg) > m.end():
        start += m.end()
    while True:
        m = _TRIM_RIGHT.search(text[start:end])
        if not m or m.start() == 0:
            return start, end
        if text[start:end].endswith(".") and _is_abbrev(text[start:end]):
            return start, end
        end = start + m.start()


def _is_abbrev(seg: str) -> bool:
    return bool(re.search(r"(?:^|\s|\.)[A-Z][a-z]{0,3}\.$", seg)) or bool(
        re.fullmatch(r"(?:[A-Z]\.)+", seg))


def _strong(cands: list[Candidate], min_city_pop: int) -> bool:
    """Whether a name the model did not tag as a place is well-known enough to be one."""
    return any(c.primary and (c.kind in STRONG_KINDS or (c.kind == "admin1" and c.country == "US")
                              or (c.kind == "city" and c.population >= min_city_pop))
               for c in cands)


def _known(cands: list[Candidate]) -> bool:
    return any(c.primary for c in cands)


def _mention(text: str, span: Any, label: str, weak: bool = False) -> Mention | None:
    start, end = _trim(text, span.start_char, span.end_char)
    if end <= start or not any(ch.isalpha() for ch in text[start:end]):
        return None
    return Mention(start, end, text[start:end], label, span.start, span.end, weak)


def _person_parts(doc: Any) -> dict[str, set[str]]:
    """Words of multi-word PERSON names ("Tyler" of "Steven Tyler") → those names."""
    out: dict[str, set[str]] = {}
    for e in doc.ents:
        if e.label_ == "PERSON" and len(e) > 1:
            for t in e:
                out.setdefault(t.text, set()).add(e.text)
    return out


def entity_mentions(doc: Any, text: str, gaz: Gazetteer,
                    cues: dict[str, frozenset[str]]) -> list[Mention]:
    """Place entities, and other entities that are exactly a known place (weak unless famous)."""
    out = []
    for ent in doc.ents:
        m = _mention(text, ent, ent.label_)
        if m is None or ent.label_ in NOT_PLACE_LABELS:
            continue
        if ent.label_ in PLACE_LABELS:
            named_feature = has_feature_word(m.text, cues)
            out += ([] if named_feature else _split_unknown(doc, text, gaz, ent, m)) or [m]
            continue
        cands = gaz.lookup(m.text)
        if ent.label_ in RELABEL_LABELS and _strong(cands, MIN_CITY_POP_UNLABELED):
            out.append(m)
        elif _known(cands):
            out.append(m._replace(weak=True))
    return out


def _split_unknown(doc: Any, text: str, gaz: Gazetteer, ent: Any, m: Mention
                   ) -> list[Mention]:
    """Known names inside an unknown multi-word place entity ("Greece Italy", "Western
    US", "north west London"); empty when the entity is known or names a feature."""
    words = m.text.split()
    if len(ent) < 2 or gaz.lookup(m.text) or words[-1].lower() in SUFFIX_HINTS \
            or any(w.lower() in ("of", "de", "&") for w in words):
        return []
    subs = _scan(doc, text, gaz, ent.start, ent.end, in_entity=True)
    return [s._replace(weak=not _strong(gaz.lookup(s.text), MIN_CITY_POP_UNLABELED))
            for s in subs if s.text != m.text]


_DATELINE = re.compile(r"\s*([A-Z][A-Z.'\- ]{2,40}?)\s*(?=[,(:—–-])")


def dateline_mention(doc: Any, text: str, gaz: Gazetteer) -> list[Mention]:
    """The upper-case place of a dateline at the very start ("SAN ANTONIO —")."""
    m = _DATELINE.match(text)
    if not m or not gaz.lookup(m.group(1).title()):
        return []
    span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
    if span is None:
        return []
    return [Mention(m.start(1), m.end(1), m.group(1), "GPE", span.start, span.end)]


def _is_candidate_token(tok: Any, in_entity: bool) -> bool:
    if tok.pos_ != "PROPN" or not tok.text[:1].isupper():
        return False
    return in_entity or not tok.ent_type_


def _run_lengths(flags: list[bool]) -> list[int]:
    runs = [0] * (len(flags) + 1)
    for k in range(len(flags) - 1, -1, -1):
        runs[k] = runs[k + 1] + 1 if flags[k] else 0
    return runs


_RUNS: list[Any] = [None, None, None]  # the last doc and its two run tables (kept alive)


def candidate_runs(doc: Any, text: str, in_entity: bool) -> list[int]:
    """How many candidate tokens run from each token on (computed once per doc).

    ``text`` is the text the doc was parsed from (``doc.text`` would rebuild it).
    """
    if _RUNS[0] is not doc:  # as _is_candidate_token, from arrays (no Token objects)
        rows = doc.to_array([POS, ENT_TYPE, IDX]).tolist()
        inside = [pos == PROPN and text[idx].isupper() for pos, _ent, idx in rows]
        free = [ok and not row[1] for ok, row in zip(inside, rows, strict=True)]
        _RUNS[:] = [doc, _run_lengths(inside), _run_lengths(free)]
    return _RUNS[1] if in_entity else _RUNS[2]


def _scan(doc: Any, text: str, gaz: Gazetteer, lo: int, hi: int, in_entity: bool,
          label: str = "") -> list[Mention]:
    out, i = [], lo
    runs = candidate_runs(doc, text, in_entity)
    while i < hi:
        found = None
        # every token of doc[i:j] must be a candidate: j - i <= runs[i]
        for j in range(min(hi, i + MAX_RUN_TOKENS, i + runs[i]), i, -1):
            cands = gaz.lookup(doc[i:j].text)
            if _known(cands):
                strong = not in_entity and _strong(cands, MIN_CITY_POP_UNLABELED)
                found = _mention(text, doc[i:j], label, weak=not strong)
                break
        if found:
            out.append(found)
            i = found.tok_end
        else:
            i += 1
    return out


def run_mentions(doc: Any, text: str, gaz: Gazetteer) -> list[Mention]:
    """Capitalised proper-noun runs naming a known place: outside entities, or inside
    organisation names ("Trade Promotion Organization of Iran")."""
    out = _scan(doc, text, gaz, 0, len(doc), in_entity=False)
    for ent in doc.ents:
        if ent.label_ in INSIDE_LABELS and (len(ent) > 1 or ent.label_ in ("DATE", "TIME")):
            out += _scan(doc, text, gaz, ent.start, ent.end, True, ent.label_)
    return out


def extra_entity_mentions(article: Any, text: str) -> list[Mention]:
    """Place entities from the entity stage (when it ran), as mentions."""
    out = []
    for e in getattr(article, "entities", None) or []:
        if e.type in PLACE_LABELS:
            start, end = _trim(text, e.start, e.end)
            if end > start:
                out.append(Mention(start, end, text[start:end], e.type, -1, -1))
    return out


def state_mentions(doc: Any, text: str, gaz: Gazetteer, found: list[Mention]
                   ) -> list[Mention]:
    """US states written after a place ("Gainesville, Va.", "Walker County (Ga.)")."""
    out = []
    for m in found:
        nxt = _STATE_AFTER.match(text, m.end)
        if not nxt:
            continue
        name = nxt.group(1).strip()
        if name in gaz.abbrev or any(c.kind == "admin1" and c.country == "US"
                                     for c in gaz.lookup(name)):
            span = doc.char_span(nxt.start(1), nxt.start(1) + len(name),
                                 alignment_mode="expand")
            tok = (span.start, span.end) if span is not None else (-1, -1)
            out.append(Mention(nxt.start(1), nxt.start(1) + len(name), name, "GPE", *tok))
    return out


def find_mentions(article: Any, text: str, gaz: Gazetteer,
                  cues: dict[str, frozenset[str]]) -> list[Mention]:
    """Every toponym mention in the article, non-overlapping, in text order."""
    doc = article.doc
    _RUNS[0] = None  # the doc may have changed since a previous call: rebuild its runs
    ranked = dateline_mention(doc, text, gaz) + entity_mentions(doc, text, gaz, cues) \
        + extra_entity_mentions(article, text) \
        + run_mentions(doc, text, gaz)
    ranked += state_mentions(doc, text, gaz, ranked)
    taken: list[Mention] = []
    for m in ranked:
        if all(m.end <= t.start or m.start >= t.end for t in taken):
            taken.append(m)
    return mark_weak(doc, text, sorted(taken), cues)


def load_place_cues() -> dict[str, frozenset[str]]:
    """Cue words by role: metonymy verbs and nouns, prepositions of place, feature heads."""
    rows = read_tsv(lexicon_path("place_cues.tsv"))
    cues = {role: frozenset(r["lemma"] for r in rows if r["role"] == role)
            for role in ("verb", "noun", "locative", "literal_verb", "literal_noun")}
    cues["feature"] = frozenset(r["word"] for r in read_tsv(lexicon_path("place_features.tsv")))
    return cues


def load_demonyms() -> dict[str, str]:
    """Country adjectives and demonyms ("Syrian", "Syrians") → ISO alpha-2 codes."""
    rows = read_tsv(lexicon_path("demonyms.tsv"))
    out = {r["demonym"]: r["country"] for r in rows}
    out.update({f"{k}s": v for k, v in list(out.items()) if not k.endswith(("sh", "ese", "s"))})
    return out


def nationalities(doc: Any, demonyms: dict[str, str]) -> list[str]:
    """Countries of the article's NORP mentions ("Russian forces" → RU), one per mention."""
    return [demonyms[e.text] for e in doc.ents if e.label_ == "NORP" and e.text in demonyms]


def has_feature_word(text: str, cues: dict[str, frozenset[str]]) -> bool:
    """Whether a name has a street, building or landform head ("Royal Street")."""
    return any(w in cues["feature"] for w in re.findall(r"[a-z]+", text.lower()))


def _locative(doc: Any, text: str, m: Mention, cues: dict[str, frozenset[str]]) -> bool:
    if m.tok_start > 0 and doc[m.tok_start - 1].lower_ in cues["locative"]:
        return True
    if 0 < m.tok_start and m.tok_end < len(doc) and doc[m.tok_start - 1].text == "(" \
            and doc[m.tok_end].text == ")":
        return True  # "Fig Leaf Boutique (Maywood)"
    return bool(_STATE_AFTER.match(text, m.end))


# month and weekday names ("in March" is a date, not March, Cambridgeshire)
CALENDAR_WORDS = frozenset(w for w in (*calendar.month_name, *calendar.month_abbr,
                                       *calendar.day_name) if w)


def mark_weak(doc: Any, text: str, mentions: list[Mention],
              cues: dict[str, frozenset[str]]) -> list[Mention]:
    """Drop weak mentions that are part of a person's name or a date; note locative context."""
    persons = _person_parts(doc)
    out = []
    for m in mentions:
        if m.weak and (m.text in CALENDAR_WORDS or
                       all(persons.get(w, set()) - {m.text} for w in m.text.split())):
            continue  # a date word, or a word of some other person's name
        out.append(m._replace(locative=_locative(doc, text, m, cues)) if m.weak else m)
    return out


def _first_conjunct(tok: Any) -> Any:
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return tok


def is_metonymic(doc: Any, m: Mention, cues: dict[str, frozenset[str]]) -> bool:
    """Whether the mention stands for its people or government rather than the land.

    Agents: the subject of an action or saying verb ("Turkey said", "Russia ordered"), not
    of a verb of being or location ("Douma is surrounded"); a possessor or modifier of a
    noun that is not a place part ("Iran's exports", "EU leaders", not "Syria's coast");
    a party to a relation ("tension between Moscow and Washington"); a person's conjunct.
    """
    if m.tok_start < 0:
        return False
    root = doc[m.tok_start:m.tok_end].root
    if root.dep_ == "conj" and root.head.ent_type_ == "PERSON":
        return True
    tok = _first_conjunct(root)
    head = tok.head
    if tok.dep_ in ("nsubj", "agent"):
        return head.lemma_ in cues["verb"] or (
            head.pos_ == "VERB" and head.lemma_ not in cues["literal_verb"])
    if tok.dep_ in ("compound", "poss", "nmod") and head.pos_ in ("NOUN", "PROPN"):
        word = head.lemma_.lower()
        return head.ent_type_ not in ("GPE", "LOC", "FAC") and word not in cues["feature"] \
            and word not in cues["literal_noun"]
    return tok.dep_ == "pobj" and head.lower_ == "between" and \
        head.head.lemma_.lower() in cues["noun"]
