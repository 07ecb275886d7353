"""Find event triggers in a parsed sentence and combine them with their frames.

A trigger is a lexicon match (``event_triggers.tsv``) on a token. Frame words (agree,
threaten, refuse, demand, order) and light verbs (hold, launch, begin) govern another
trigger through the parse; the nearest frame decides how the act is typed (see
``dateline.events.status``). Reporting verbs are never events.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from dateline.events.lexicon import TriggerEntry, triggers
from dateline.events.scope import condition_holds

POS_OK = {"V": {"VERB", "AUX"}, "N": {"NOUN", "PROPN"}, "A": {"ADJ", "VERB"}}
# dependency relations through which a frame or light verb governs its complement (not
# amod: in "returned the seized boats" the seizure is no complement of the return)
GOVERNING_DEPS = {"xcomp", "ccomp", "dobj", "pobj", "prep", "acomp", "attr", "nsubjpass",
                  "oprd", "advcl", "compound", "acl"}
PREDICATE_DEPS = {"ROOT", "ccomp", "xcomp", "conj", "advcl", "relcl", "acl", "pcomp"}
LIGHT = {"light", "dispatch"}  # dispatch: "sent X to do Y" (Y is the event)
LIGHT_DEPS = {"dobj", "xcomp", "attr", "oprd", "nsubjpass", "acomp", "ccomp"}
LIGHT_PREPS = {"of", "for", "into"}
# frame kinds; all but "dispute" consume the complement they govern
FRAMES = {"intent", "threat", "refuse", "demand", "order", "reverse", "dispute"}
# how far up the parse a frame is looked for ("ordered the start of the withdrawal" needs 2
# per link); 3 keeps adjuncts two nouns away ("at the round of talks") out
MAX_CHAIN = 3
# prepositions through which a noun complements a frame ("the start of", "skepticism about")
COMPLEMENT_PREPS = {"of", "to", "for", "on", "about", "into", "against", "with", "over"}


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
        kids = [c for c in tok.children if c.dep_ in ("prt", "dobj", "prep", "advmod") and
                word in (c.lemma_.lower(), c.lower_)]
        if not kids:
            return None
        toks.append(kids[0])
    return toks


def _match(tok: Any) -> tuple[TriggerEntry, list[Any]] | None:
    index = triggers()
    lemma, lower = tok.lemma_.lower(), tok.lower_
    if lemma not in index and lower not in index:
        return None  # most tokens: no lexicon row starts with them
    keys = {lemma, lower}
    failed: TriggerEntry | None = None  # a row whose argument condition did not hold
    for key in sorted(keys):
        for entry in index.get(key, ()):
            toks = _rest_matches(entry, tok)
            if toks is None:
                continue
            head = toks[-1] if entry.pos == "N" else toks[0]
            if not _pos_ok(entry, head):
                continue
            if entry.condition is None:
                return entry, toks
            if condition_holds(entry.condition, head):
                return replace(entry, condition=None), toks
            failed = failed or entry
    return _unconditional(failed, tok) if failed is not None else None


def _unconditional(entry: TriggerEntry, tok: Any) -> tuple[TriggerEntry, list[Any]] | None:
    """A conditional row that failed and no other row: the word is an OTHER event (a verb
    only where a plain predicate would be one)."""
    if entry.pos == "V" and (tok.pos_ != "VERB" or tok.dep_ not in PREDICATE_DEPS):
        return None
    lemma = tok.lemma_.lower()
    note = "predicate" if entry.pos == "V" else "conditional row failed"
    return TriggerEntry((lemma,), entry.pos, "OTHER", lemma, None, None, None, note), [tok]


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
        if entry.frame == "oblige":
            if tok.dep_ != "aux":
                continue
            head, toks = tok.head, [tok.head]
        found.append(Trigger(entry, head, toks))
        covered.update([tok.i] if entry.frame == "oblige" else [t.i for t in toks])
    found.extend(_predicates(sent, covered))
    found.sort(key=lambda t: t.head.i)
    _link_frames(found)
    _relink_light(found)
    heads = {t.head.i for t in found}
    dropped = [t for t in found if _modifier(t) or _aspectual(t, heads)]
    for t in dropped:
        for c in t.complements:
            c.frame_of = None
    return [t for t in found if t not in dropped]


def _aspectual(trig: Trigger, heads: set[int]) -> bool:
    """A halting/other verb whose subject is itself an event ("the visit ended")."""
    if trig.entry.type not in ("SANCTION", "OTHER") or trig.entry.pos != "V":
        return False
    if trig.entry.note == "predicate":
        return False  # "the fall in prices hurt the company": hurt is an event of its own
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.i in heads for c in trig.head.children)


def _modifier(trig: Trigger) -> bool:
    """A participle of intent or report used as an adjective ("the planned deployment"), a
    noun used as a modifier ("aid workers", "a military aid program"), a bare noun of
    intent/order/demand that only refers to one ("the new order"), or "in order to"."""
    if trig.head.dep_ == "amod" and trig.frame in ("intent", "report"):
        return True
    if trig.frame == "order" and _purpose_idiom(trig.head):
        return True
    if (trig.entry.pos == "N" and trig.head.dep_ == "compound" and not trig.complements
            and trig.frame_of is None):
        return True
    return (trig.head.pos_ == "NOUN" and trig.frame in ("intent", "order", "demand")
            and not trig.complements and trig.frame_of is None)


def _purpose_idiom(head: Any) -> bool:
    """"in order to allow the sale", "in order that": a purpose, no order (a bare noun after
    "in"; "in the order of" has a determiner)."""
    return (head.pos_ == "NOUN" and head.dep_ == "pobj" and head.head.lower_ == "in"
            and not any(c.dep_ in ("det", "poss", "amod") for c in head.children))


def _predicates(sent: Any, covered: set[int]) -> list[Trigger]:
    """Main verbs outside the lexicon: events outside PLOVER (type OTHER, action = lemma),
    so that business and other news still yields mentions to link."""
    out: list[Trigger] = []
    index = triggers()
    for tok in sent:
        if tok.i in covered or tok.pos_ != "VERB" or tok.dep_ not in PREDICATE_DEPS:
            continue
        lemma = tok.lemma_.lower()
        if lemma in index or not lemma.isalpha():
            continue  # lexicon verbs (incl. 'ignore' rows) were handled by the matcher
        entry = TriggerEntry((lemma,), "V", "OTHER", lemma, None, None, None, "predicate")
        out.append(Trigger(entry, tok, [tok]))
    return out


def _link_frames(found: list[Trigger]) -> None:
    """Attach each trigger to the nearest frame or light verb above it in the parse."""
    by_head = {t.head.i: t for t in found if t.frame != "oblige"}
    for trig in found:
        if trig.frame in ("report", "oblige"):
            continue
        tok, path = trig.head, []
        for _ in range(MAX_CHAIN):
            dep = tok.dep_
            if dep == "conj" and tok.head.i != tok.i and not _own_subject(tok):
                tok = tok.head  # a conjunct shares its first conjunct's governor ("asked
                continue  # them to do a big thing and commit money": both are asked for)
            if dep not in GOVERNING_DEPS or tok.head.i == tok.i:
                break
            if dep == "prep" and tok.lower_ not in COMPLEMENT_PREPS:
                break
            path.append(tok)
            tok = tok.head
            gov = by_head.get(tok.i)
            if gov is None or gov.entry.note == "predicate":
                continue  # plain verbs outside the lexicon do not interrupt a frame's reach
            if _governs(gov, path[-1]):
                if gov.frame == "dispute":
                    trig.contested_by = gov
                elif gov.frame in FRAMES or gov.frame in LIGHT:
                    trig.frame_of = gov
                    gov.complements.append(trig)
            break
    for trig in found:
        if trig.frame == "oblige":
            verb = by_head.get(trig.head.i)
            if verb is not None and verb is not trig:
                verb.frame_of = trig
                trig.complements.append(verb)


def _own_subject(tok: Any) -> bool:
    """Whether a conjunct has a subject of its own (then it is a clause of its own)."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)


def _governs(gov: Trigger, child: Any) -> bool:
    """Whether ``child`` (a dependent of the governor's head) is a complement it takes."""
    dep = child.dep_
    if dep == "advcl":
        return _purpose_of(child, gov)
    if gov.frame == "light":  # light verbs take their object or an of/for/into phrase only
        return dep in LIGHT_DEPS or (dep == "prep" and child.lower_ in LIGHT_PREPS)
    return True


def _purpose_of(clause: Any, gov: Trigger) -> bool:
    """An adverbial clause complements a frame only as an infinitive of purpose/intent
    ("sent personnel to investigate", "sworn to fight"); light verbs take none ("began a
    strike to demand", "opened the bridge to allow")."""
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    return infinitive and gov.frame in ("dispatch", "intent", "threat", "demand", "order")


def _relink_light(found: list[Trigger]) -> None:
    """Under a light verb holding a frame noun ("reiterated its demand that X"), the other
    complements belong to that frame."""
    for gov in found:
        if gov.frame not in LIGHT:
            continue
        frames = [c for c in gov.complements if c.frame in FRAMES - {"dispute"}]
        if not frames:
            continue
        for c in list(gov.complements):
            if c is not frames[0] and c.frame != "dispute":
                gov.complements.remove(c)
                c.frame_of = frames[0]
                frames[0].complements.append(c)


def frame_chain(trig: Trigger) -> list[Trigger]:
    """The governing triggers of ``trig``, nearest first."""
    chain: list[Trigger] = []
    gov = trig.frame_of
    while gov is not None and gov not in chain:
        chain.append(gov)
        gov = gov.frame_of
    return chain


def is_event_trigger(trig: Trigger) -> bool:
    """True when the trigger yields an event of its own (not a consumed frame). Reporting
    verbs yield OTHER events (statements are events to link) but never frame others."""
    if trig.frame == "report":
        return trig.head.pos_ == "VERB" and trig.head.dep_ != "amod"
    if trig.frame == "ignore":
        return False
    if trig.frame in FRAMES | LIGHT | {"oblige"}:
        return not any(_substantive(c) for c in trig.complements)
    return True


def _substantive(trig: Trigger) -> bool:
    """A complement that carries a PLOVER act (OTHER predicates do not consume frames)."""
    if trig.frame in ("report", "ignore"):
        return False
    return trig.entry.type != "OTHER" or any(_substantive(c) for c in trig.complements)
