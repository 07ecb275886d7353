"""The light resolver on its own: names, learned titles, appositions and pronouns."""
from __future__ import annotations

import pytest

from dateline.coref import Resolver, strip_possessive, surname_key
from dateline.stages.entities import EntityStage

TEXT_PUTIN = ("Russian President Vladimir Putin visited Syria on Monday. "
              "Putin's plane landed at a base. Later the Russian president met troops. "
              "He said the mission was over.")
TEXT_MANNING = ("Army Colonel Rob Manning, a Pentagon spokesman, said the plan was unclear. "
                "The Pentagon expressed doubts.")
TEXT_KREMLIN = ("A brief Kremlin statement said Putin met with Assad. "
                "It said he ordered the start of the withdrawal.")


@pytest.fixture(scope="module")
def resolve(make_article):
    """Resolve the n-th occurrence of a mention in a text to its canonical name."""
    def run(text: str, mention: str, nth: int = 0) -> str | None:
        art = EntityStage()(make_article(text))
        start = -1
        for _ in range(nth + 1):
            start = text.index(mention, start + 1)
        got = Resolver(art).resolve(start, start + len(mention))
        return got[0] if got else None
    return run


@pytest.mark.parametrize(("text", "mention", "nth", "expected"), [
    (TEXT_PUTIN, "Putin", 1, "Vladimir Putin"),
    (TEXT_PUTIN, "Putin's", 0, "Vladimir Putin"),
    (TEXT_PUTIN, "the Russian president", 0, "Vladimir Putin"),
    (TEXT_PUTIN, "He", 0, "Vladimir Putin"),
    (TEXT_MANNING, "a Pentagon spokesman", 0, "Rob Manning"),
    (TEXT_KREMLIN, "It", 0, "Kremlin"),
    (TEXT_KREMLIN, "he", 0, "Putin"),
])
def test_resolves_mentions(resolve, text, mention, nth, expected):
    assert resolve(text, mention, nth) == expected


def test_unknown_description_stays_unresolved(resolve):
    text = "Russian President Vladimir Putin spoke. The Syrian president did not."
    assert resolve(text, "The Syrian president") is None


@pytest.mark.parametrize(("text", "expected"), [
    # a common noun subject between the name and "it" is the nearer antecedent: no name
    ("The Canadian Auto Workers union met on Monday. The industry will be smaller, but it "
     "will be viable.", None),
    ("General Motors said on Monday that it will cut 500 jobs.", "General Motors"),
])
def test_it_skips_a_name_behind_a_nearer_common_noun_subject(resolve, text, expected):
    assert resolve(text, "it") == expected


def test_pronoun_outside_window_is_unresolved(resolve):
    filler = " ".join("The weather was cold." for _ in range(5))
    assert resolve(f"Sergei Shoigu arrived. {filler} He spoke.", "He") is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Putin's", "Putin"), ("officials\u2019", "officials"), ("Assad", "Assad"),
])
def test_strip_possessive(text, expected):
    assert strip_possessive(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Bashar al-Assad", "assad"), ("Assad's", "assad"), ("Recep Tayyip Erdogan", "erdogan"),
])
def test_surname_key(text, expected):
    assert surname_key(text) == expected
