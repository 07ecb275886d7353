"""The attribute ruler's indexed matcher finds exactly what spaCy's matcher finds."""
from __future__ import annotations

import pytest
import spacy

from dateline.stages.attrmatch import IndexedMatcher, speed_up_attribute_ruler

TEXTS = [
    "Russian President Vladimir Putin on Monday ordered the withdrawal of troops, the "
    "Kremlin said. I told you it would happen; they gave it to me.",
    "Y' all gon na see: it ai n't over, c'm on, let 's go! There is nothin' here and "
    "there were nuthin' left. We got ta wait.",
    "  Whether or not that is so, the U.S. has had   enough.\n\n\tIt is what it is. "
    "Do it now, he did not have to. Which one? Those that remain.",
    "",
]




def test_dateline_model_has_the_indexed_matcher(models):
    stock, fast = models
    assert isinstance(fast.get_pipe("attribute_ruler").matcher, IndexedMatcher)
    assert not isinstance(stock.get_pipe("attribute_ruler").matcher, IndexedMatcher)


@pytest.mark.parametrize("text", TEXTS)
def test_same_matches_and_annotations_as_spacy(models, text):
    stock, fast = models
    with stock.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        before = stock(text)  # the doc as the ruler sees it (tagged and parsed)
    ruler_s = stock.get_pipe("attribute_ruler")
    ruler_f = fast.get_pipe("attribute_ruler")
    assert sorted(ruler_f.match(before)) == sorted(ruler_s.match(before))
    a, b = stock(text), fast(text)
    assert [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in b] == [
        (t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in a]


def test_unsupported_patterns_keep_spacys_matcher():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"POS": "DET"})
    assert not speed_up_attribute_ruler(nlp)
    assert not isinstance(ruler.matcher, IndexedMatcher)


def test_two_token_and_regex_patterns_on_a_blank_model():
    def build():
        nlp = spacy.blank("en")
        ruler = nlp.add_pipe("attribute_ruler")
        ruler.add([[{"LOWER": {"IN": ["a", "an"]}}, {"IS_SPACE": False}]], {"POS": "DET"})
        ruler.add([[{"LOWER": {"REGEX": "^th"}}]], {"POS": "PRON"}, index=0)
        ruler.add([[{"LOWER": "big"}, {"LOWER": {"NOT_IN": ["dog"]}}]], {"POS": "ADJ"}, index=-1)
        return nlp, ruler

    stock, ruler_s = build()
    fast, ruler_f = build()
    assert speed_up_attribute_ruler(fast)
    text = "a cat , an \n the big cat and this big dog , then a"
    doc = fast.make_doc(text)
    assert sorted(ruler_f.match(doc)) == sorted(ruler_s.match(stock.make_doc(text)))
    assert [t.pos_ for t in fast(text)] == [t.pos_ for t in stock(text)]
