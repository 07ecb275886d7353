"""What reporting triggers report (link/reported.py), and how the learned linker uses it."""
from __future__ import annotations

from datetime import date

import numpy as np

from dateline.link.pairs import Mention, Texts, content_cosine, speakers_apart, weigh
from dateline.link.reported import (
    Quote,
    attach_contents,
    load_quotes,
    reported_content,
    source_speakers,
)

TEXTS = {
    "a": "Obama spoke in Ohio.\nThe economy will grow next year, Obama said.\n"
         "He said the bailout of carmakers would end.",
    "b": "A speech in Ohio.\nObama said the economy would grow next year.",
}


def _quote(doc: str, content: str, cue: str = "said") -> Quote:
    start = TEXTS[doc].index(content)
    return Quote(start, start + len(content), content, cue)


QUOTES = {
    "a": [_quote("a", "The economy will grow next year"),
          _quote("a", "the bailout of carmakers would end")],
    "b": [_quote("b", "the economy would grow next year")],
}


def _start(doc: str, word: str, nth: int = 0) -> int:
    start = -1
    for _ in range(nth + 1):
        start = TEXTS[doc].index(word, start + 1)
    return start


def _said(doc: str, nth: int) -> Mention:
    start = _start(doc, "said", nth)
    return Mention(doc, start, start + 4, "said", "say")


def test_reported_content_takes_the_quote_of_its_sentence() -> None:
    """A trigger reports the quotation whose cue is its word and lies in its sentence."""
    text = TEXTS["a"]
    first = text.index("The economy")
    sentence = (first, text.index("\n", first))
    assert reported_content("said", sentence, QUOTES["a"]) == "The economy will grow next year"
    assert reported_content("Said", sentence, QUOTES["a"]) == "The economy will grow next year"
    assert reported_content("told", sentence, QUOTES["a"]) == ""
    assert reported_content("", sentence, QUOTES["a"]) == ""


def test_content_cosine_tells_two_statements_apart() -> None:
    """Two "said" reporting the same statement are alike; two statements of one speech share
    nothing; a pair where one side reports nothing is -1."""
    speech = _start("b", "speech")
    ms = [_said("a", 0), _said("a", 1), _said("b", 0), Mention("b", speech, speech + 6, "speech")]
    attach_contents(ms, TEXTS, QUOTES)
    assert ms[0].content.startswith("The economy") and ms[1].content.startswith("the bailout")
    assert ms[3].content == ""
    counted = Texts.count(TEXTS)
    w = weigh(counted, sorted(TEXTS), counted.sentences(["x"] * len(ms)),
              counted.sentences([m.content for m in ms]))
    i, j = np.triu_indices(len(ms), k=1)
    pairs = list(zip(i.tolist(), j.tolist(), strict=True))
    cos = dict(zip(pairs, content_cosine(ms, w.C, i, j), strict=True))
    assert cos[(0, 2)] > 0.5  # the economy will grow, in both reports
    assert cos[(1, 2)] == 0.0 and cos[(0, 1)] == 0.0  # the bailout against the economy
    assert cos[(2, 3)] == -1 and cos[(0, 3)] == -1


def test_speakers_apart_needs_two_names_that_share_no_word() -> None:
    """Two named speakers sharing no word are apart; a shared word or a missing (pronoun)
    speaker is not."""
    ms = [Mention("a", 0, 4, "said", speaker=k)
          for k in ("barack obama", "obama", "angela merkel", "")]
    i, j = np.triu_indices(len(ms), k=1)
    apart = dict(zip(zip(i.tolist(), j.tolist(), strict=True),
                     speakers_apart(ms, i, j).tolist(), strict=True))
    assert apart[(0, 2)] and apart[(1, 2)]
    assert not apart[(0, 1)] and not apart[(0, 3)] and not apart[(2, 3)]


def test_speech_verbs_without_a_quoted_speaker_take_their_source() -> None:
    """A speech verb that no quotation names a speaker is said by its event's source (not a
    pronoun); a quoted speaker stays, and other verbs and coded events take no speaker."""
    stored = [_stored("a", 0, source={"text": "Barack Obama"}),
              _stored("a", 1, source={"text": "he"}),
              _stored("b", 0, source={"text": "The White House"}),
              _stored("b", 0, source={"text": "Angela Merkel"}),
              _stored("b", 0, source={"text": "Angela Merkel"}, type="ACCUSE"),
              _stored("b", 0, source={"text": "Angela Merkel"}, action="grow")]
    ms = [Mention(r.doc_id, r.trigger_start or 0, 0, "said", r.action) for r in stored]
    ms[2].speaker = "obama"
    ms[5].lemma = "grow"
    source_speakers(stored, ms)
    assert [m.speaker for m in ms] == ["barack obama", "", "obama", "angela merkel", "", ""]


def _stored(doc: str, nth: int, **kw):
    from dateline.link.clusters import Mention as Stored

    start = _start(doc, "said", nth)
    base = {"type": "OTHER", "action": "say"} | kw
    return Stored(doc_id=doc, event_id=f"e{nth}", start=0, end=len(TEXTS[doc]),
                  status="occurred", sentence=TEXTS[doc], published=date(2009, 6, 1),
                  trigger="said", trigger_start=start, **base)


def test_learned_linker_gives_disjoint_reports_no_evidence(monkeypatch) -> None:
    """With every pair scored 0.9, the three "said" form one cluster; once the linker knows
    what each reports, the two statements of one speech (the bailout, the economy) share no
    content and their pair counts for nothing, so the bailout stays alone."""
    from dateline.link import learned

    monkeypatch.setattr(learned, "_predict", lambda ms: [np.full(len(x), 0.9) for x in ms])
    reps = [_stored("a", 0), _stored("a", 1), _stored("b", 0)]
    titles = {d: "" for d in TEXTS}
    blind = learned.learned_labels(reps, TEXTS, titles)
    assert blind[0] == blind[1] == blind[2]
    told = learned.learned_labels(reps, TEXTS, titles, QUOTES)
    assert told[0] == told[2] != told[1]


def test_stored_quotes_are_read_back(tmp_path) -> None:
    """load_quotes reads a document's stored quotations with their cue and speaker spans; a
    speaker is named by its entity's longest spelling, a pronoun by no one."""
    from dateline.store.db import Store

    text = "Barack Obama spoke. Obama said the economy would grow. He said it again."
    second = text.index("it again")
    obama = text.index("Obama said")
    record = {"schema": "dateline/1", "id": "b", "text": text, "title": "A speech",
              "content_hash": "h-b", "published": "2024-01-02", "events": [],
              "entities": [{"start": 0, "end": 12, "text": "Barack Obama", "type": "PERSON",
                            "id": "E1"},
                           {"start": obama, "end": obama + 5, "text": "Obama",
                            "type": "PERSON", "id": "E1"}],
              "times": [], "places": [],
              "quotes": [{"start": obama + 11, "end": obama + 33, "text": "the economy would grow",
                          "kind": "indirect", "cue": "said", "speaker": "Obama",
                          "speaker_start": obama, "speaker_end": obama + 5,
                          "speaker_id": "E1", "reported_by": None},
                         {"start": second, "end": second + 8, "text": "it again",
                          "kind": "indirect", "cue": "said", "speaker": "He",
                          "speaker_start": second - 8, "speaker_end": second - 6,
                          "speaker_id": None, "reported_by": None}]}
    with Store(str(tmp_path / "t.duckdb")) as store:
        store.write([record], store.start_run({"stages": ["test"]}))
        got = load_quotes(store.con, ["b"])["b"]
    assert [(x.text, x.cue, x.speaker) for x in got] == [
        ("the economy would grow", "said", "barack obama"), ("it again", "said", "")]
    assert got[0].speaker_start == obama
