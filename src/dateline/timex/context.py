"""What the parse tells about a time expression: the clause's tense, and look-alike guards."""
from __future__ import annotations

import re
from typing import Any

from dateline.timex.lexicon import lexicon

FUTURE_AUX = {"will", "'ll", "shall", "wo", "may", "might", "could", "would", "should"}
PERFECT_AUX = {"has", "have", "had", "'s", "'ve", "'d"}
PAST_AUX = {"was", "were", "did", "had"}
# verbs whose participle points forward ("a hearing has been scheduled for June 3")
PROSPECTIVE = {"schedule", "set", "plan", "slate", "expect", "due", "intend", "aim"}
MAX_CLIMB = 8  # head steps from the expression to its verb; a clause is rarely deeper
# spaCy entity labels whose names may hold a time word that is not a time ("Theresa May")
NAME_LABELS = {"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "FAC", "LAW"}
FULL_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december"}
FRACTION_COUNTS = {"a", "an", "one", "three"}
FRACTION_CUES = {"about", "nearly", "almost", "roughly", "than", "over", "some", "around"}
AGE_RE = re.compile(r"^[\s-]*(?:years?[\s-]+)?old\b")


def _verb_tense(verb: Any) -> str | None:
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxes & FUTURE_AUX or verb.lemma_ in PROSPECTIVE:
        return "future"
    if "to" in auxes or (verb.tag_ == "VB" and "to" in {c.lower_ for c in verb.lefts}):
        # an infinitive looks ahead from its governor: "wants to cut by June" is future,
        # "called for her to be taken ..." follows the past governor (climb on)
        return None if verb.head.tag_ == "VBD" else "future"
    if verb.tag_ == "VBD" or auxes & PAST_AUX:
        return "past"
    if verb.tag_ == "VBN" and auxes & PERFECT_AUX:
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or auxes & {"is", "are", "am"}:
        return "present"
    return None


def tense_at(doc: Any, start: int, end: int) -> str | None:
    """past | present | future of the clause that governs the span (None when unclear)."""
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    for _ in range(MAX_CLIMB):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            tense = _verb_tense(tok)
            if tense:
                return tense
        if tok.head is tok:
            break
        tok = tok.head
    return None


def ents_of(doc: Any) -> list[tuple[int, int, str]]:
    """(start, end, label) of spaCy's entities."""
    return [] if doc is None else [(e.start_char, e.end_char, e.label_) for e in doc.ents]


def _inside_name(start: int, end: int, ents: list[tuple[int, int, str]]) -> bool:
    return any(s <= start and end <= e and lab in NAME_LABELS for s, e, lab in ents)


def _date_ent(start: int, end: int, ents: list[tuple[int, int, str]]) -> bool:
    return any(s < end and start < e and lab in ("DATE", "TIME") for s, e, lab in ents)


def _prev_word(text: str, start: int) -> str:
    words = re.findall(r"[A-Za-z']+", text[max(0, start - 30):start])
    return words[-1].lower() if words else ""


def plausible(text: str, start: int, end: int, name: str, groups: dict[str, str],
              ents: list[tuple[int, int, str]]) -> bool:
    """Whether a pattern match is a time expression and not a look-alike."""
    mon = groups.get("mon")
    if mon and (not mon[0].isupper() or (name == "mon" and mon.lower() not in FULL_MONTHS)):
        return False
    if _inside_name(start, end, ents):
        return False
    guard = GUARDS.get(name)
    return guard(text, start, end, groups, ents) if guard else True


def after_name(text: str, start: int) -> bool:
    """Whether a capitalised non-function word comes right before ("Theresa May",
    "Russell 2000"): the time word is then part of a name."""
    m = re.search(r"([A-Za-z][A-Za-z'.]*)[ \t]+$", text[max(0, start - 30):start])
    if not m or not m[1][0].isupper():
        return False
    word = m[1].lower()
    lex = lexicon()
    return not (word in lex.kind("year_prep") or word in lex.kind("future_cue")
                or word in lex.kind("past_cue") or word in lex.kind("month")
                or word in {"on", "at", "for", "this", "that", "each", "every"})


def _year_guard(text: str, start: int, end: int, groups: dict[str, str],
                ents: list[tuple[int, int, str]]) -> bool:
    if groups.get("mod"):
        return True
    if after_name(text, start):
        return False
    return _date_ent(start, end, ents) or _prev_word(text, start) in lexicon().kind("year_prep")


def _month_guard(text: str, start: int, end: int, groups: dict[str, str],
                 ents: list[tuple[int, int, str]]) -> bool:
    return bool(groups.get("rel")) or not after_name(text, start)


def _dur_guard(text: str, start: int, end: int, groups: dict[str, str],
               ents: list[tuple[int, int, str]]) -> bool:
    if AGE_RE.match(text[end:end + 12]) or text[end:end + 4].lower() == "-to-":
        return False  # "a 56-year-old", "day-to-day"
    unit = (groups.get("u") or "").lower()
    if unit == "second" and re.match(r"\s+[a-z]", text[end:end + 3]):
        return False
    if unit.startswith("quarter"):
        # "about a quarter of its dealers", "three quarters of": a fraction, not months
        if re.match(r"\s*of\s+(?:the|its|their|his|her|our|all|them|those|these)\b",
                    text[end:end + 12]):
            return False
        n = (groups.get("n") or "").lower()
        bare = re.search(r"\b[a-z]+\s+quarters?$", text[start:end].lower())
        if n in FRACTION_COUNTS and bare and re.match(r"\s*of\b", text[end:end + 4]):
            return False  # "less than a quarter of Clinton's donors"
        if n in ("a", "an", "one"):
            return not (_prev_word(text, start) in FRACTION_CUES
                        or re.match(r"\s*,", text[end:end + 2]))
    return True


def _vague_guard(text: str, start: int, end: int, groups: dict[str, str],
                 ents: list[tuple[int, int, str]]) -> bool:
    if groups.get("det") or groups.get("long") or groups.get("ago"):
        return True
    return _prev_word(text, start) in {"in", "for", "over", "within", "just", "only", "took",
                                       "takes", "spent", "after"}


def _clock_guard(text: str, start: int, end: int, groups: dict[str, str],
                 ents: list[tuple[int, int, str]]) -> bool:
    if re.match(r"[:.]\d", text[end:end + 2]) or re.search(r"\d[:.]$", text[:start]):
        return False  # a media timer "0:01:03" or a longer number
    dotted = "." in text[start:end].split()[0][:5]
    if dotted and not (groups.get("ampm") or groups.get("tz")):
        return False
    return not re.search(r"[$€£]\s*$", text[max(0, start - 3):start])


def _season_guard(text: str, start: int, end: int, groups: dict[str, str],
                  ents: list[tuple[int, int, str]]) -> bool:
    if (groups.get("s") or "").lower() == "fall":
        return bool(groups.get("y")) or (groups.get("rel") or "").lower() in ("this", "last",
                                                                                "next")
    return True


def _word_guard(text: str, start: int, end: int, groups: dict[str, str],
                ents: list[tuple[int, int, str]]) -> bool:
    # a capitalised "Daily" or "Current" mid-sentence is part of a name
    first = text[start]
    if name_is_superlative(text, start) or _not_a_reference(text, start, end):
        return False
    return not (first.isupper() and start > 0 and not re.search(r"[.!?\"\n]\s*$",
                                                                  text[max(0, start - 4):start]))


def _not_a_reference(text: str, start: int, end: int) -> bool:
    """"as soon as", "soon after", "the future of notebooks": no time reference."""
    word = text[start:end].lower()
    after = text[end:end + 8].lower()
    if word.endswith(("soon", "shortly")):
        return _prev_word(text, start) == "as" or re.match(r"\s+after\b", after) is not None
    return word.startswith("the ") and re.match(r"\s+of\b", after) is not None


def name_is_superlative(text: str, start: int) -> bool:
    """Whether the word follows "most"/"least" ("its most recent model" is no time)."""
    return _prev_word(text, start) in ("most", "least")


def _decade_guard(text: str, start: int, end: int, groups: dict[str, str],
                  ents: list[tuple[int, int, str]]) -> bool:
    if re.search(r"[$€£]\s*$", text[max(0, start - 2):start]):
        return False  # "a handful of $20s"
    return _prev_word(text, start) not in {"their", "his", "her", "my", "our", "your"}


def _relday_guard(text: str, start: int, end: int, groups: dict[str, str],
                  ents: list[tuple[int, int, str]]) -> bool:
    return not (text[start].isupper() and after_name(text, start))  # "Russia Today"


GUARDS = {"year": _year_guard, "mon": _month_guard, "relday": _relday_guard,
          "dur": _dur_guard, "vague": _vague_guard, "clock": _clock_guard,
          "season": _season_guard, "set": _word_guard, "ref": _word_guard,
          "decade": _decade_guard}
