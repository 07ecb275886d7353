"""QuoteStage: quotation marks, kinds, speakers through coref, relays; and the seed."""
from __future__ import annotations

import pytest

from dateline.quotes.marks import direction, quote_regions
from dateline.stages.entities import EntityStage
from dateline.stages.quotes import QuoteStage

SEED_START = "Russian President Vladimir Putin has made a surprise visit"
SEED_END = "swerved to avoid the aircraft."


def seed_body(dump: str) -> str:
    """The seed body, cut from the page dump until the extraction cleaner lands."""
    return dump[dump.index(SEED_START):dump.index(SEED_END) + len(SEED_END)]


@pytest.fixture(scope="module")
def quotes_of(make_article):
    """Run entities and quotes on a text."""
    def run(text: str):
        return QuoteStage()(EntityStage()(make_article(text))).quotes
    return run


@pytest.mark.parametrize(("text", "expected"), [
    ('He said "we will win" today.', ["we will win"]),
    ("He said \u201cwe will win\u201d today.", ["we will win"]),
    ('She said "we will win\u201d today.', ["we will win"]),          # mismatched marks
    ("He said ''we will win'' today.", ["we will win"]),               # NYT doubled apostrophes
    ('"First part.\n\n"Second part," he said.', ["First part.\n\n\"Second part"]),
    ("Nothing quoted here, it's O'Brien's.", []),
])
def test_quote_regions(text, expected):
    assert [text[r.start:r.end] for r in quote_regions(text)] == expected


@pytest.mark.parametrize(("text", "pos", "expected"), [
    ('a "b"', 2, "open"), ('a "b"', 4, "close"), ("x \u201d y", 2, "close"), ('x " y', 2, "?"),
])
def test_mark_direction(text, pos, expected):
    assert direction(text, pos, 1) == expected


@pytest.mark.parametrize(("text", "content", "kind", "speaker"), [
    ('"We will not surrender to anyone at all," Smith said.',
     "We will not surrender to anyone at all", "direct", "Smith"),
    ('John Smith arrived late. "This is a very bad day for us," he said.',
     "This is a very bad day for us", "direct", "John Smith"),
    ("Senator Mary Jones said the bill would fail in the House.",
     "the bill would fail in the House", "indirect", "Mary Jones"),
    ('Mary Jones said the bill had "no chance at all" in the House.',
     'the bill had "no chance at all" in the House', "mixed", "Mary Jones"),
    ("The economy will grow by three percent, according to the central bank.",
     "The economy will grow by three percent", "indirect", "the central bank"),
    ('"We will fight them everywhere and always." \u2015 Sonya Herridge',
     "We will fight them everywhere and always.", "direct", "Sonya Herridge"),
    # a parenthetical cue frames its host clause (covering span, as the scorer reads
    # PolNeAR's discontinuous contents)
    ("In one case, the report said, two jets nearly collided over the sea.",
     "In one case, the report said, two jets nearly collided over the sea", "indirect",
     "the report"),
])
def test_quote_kind_and_speaker(quotes_of, text, content, kind, speaker):
    got = [q for q in quotes_of(text) if q.text == content]
    assert got, [q.text for q in quotes_of(text)]
    assert got[0].kind == kind
    assert got[0].speaker == speaker


def test_scare_quote_is_not_speech(quotes_of):
    quotes = quotes_of('Troops took part in what Moscow calls a "counterterrorism operation."')
    assert [(q.text.rstrip("."), q.kind, q.speaker) for q in quotes] == [
        ("counterterrorism operation", "scare", None)]


@pytest.fixture(scope="module")
def seed_quotes(make_article, seed_text):
    """Quotes of the seed body."""
    art = make_article(seed_body(seed_text), "2017-12-11")
    return QuoteStage()(EntityStage()(art)).quotes


@pytest.mark.parametrize(("fragment", "kind", "speaker", "reported_by"), [
    ("I order the defense minister", "direct", "Vladimir Putin", None),
    ("crushed the most combat-capable", "mixed", "Vladimir Putin", None),
    ("a significant portion of the Russian military contingent in [Syria]", "direct",
     "Vladimir Putin", None),
    ("continue to operate", "indirect", "Vladimir Putin",
     "Russian news agencies"),
    ("he ordered the start of the withdrawal", "mixed", "Kremlin", None),
    ("counterterrorism operation", "scare", None, None),
    ("pull out 23 warplanes", "indirect", "Sergei Surovikin", None),
    ("successfully fulfill the tasks", "mixed", "Sergei Surovikin", None),
    ("do not often correspond", "mixed", "Rob Manning", None),
    ("the withdrawal of the main part of our military contingent", "mixed",
     "Vladimir Putin", None),
    ("Russia used much of its firepower", "indirect", "Western officials", None),
    ("the motherland is waiting for you", "direct", "Vladimir Putin", None),
    ("if the terrorists again raise their heads", "direct", "Vladimir Putin", None),
    ("After those negotiations", "direct", "Vladimir Putin", "Interfax"),
    ("Russian fighter jets have flown", "indirect", "unidentified U.S. officials",
     "The New York Times"),
    ("two U.S. Air Force A-10s nearly collided", "indirect", "the report", None),
])
def test_seed_quotes(seed_quotes, fragment, kind, speaker, reported_by):
    # the tightest quote holding the fragment: a report can frame a statement ("he said
    # [...], agencies reported"), and both are attributions, as in PolNeAR
    got = sorted((q for q in seed_quotes if fragment in q.text and q.kind == kind),
                 key=lambda q: q.end - q.start)
    assert got, [(q.kind, q.text[:40]) for q in seed_quotes if fragment in q.text]
    assert (got[0].speaker, got[0].reported_by) == (speaker, reported_by)


def test_seed_pronoun_speaker_keeps_its_mention(seed_quotes, seed_text):
    body = seed_body(seed_text)
    q = next(q for q in seed_quotes if "successfully fulfill" in q.text)
    assert body[q.speaker_start:q.speaker_end] == "he"
    assert q.speaker_id is not None
