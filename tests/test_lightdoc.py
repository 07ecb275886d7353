"""The light mirror of a parse gives what spaCy gives, token by token and span by span."""
from __future__ import annotations

import pytest

from dateline.lightdoc import LightDoc

TEXTS = [
    "Russian President Vladimir Putin on Monday ordered the withdrawal of \"a significant "
    "portion\" of troops from Syria, the Kremlin said. The Pentagon disputed it.",
    "In one case, the report said, two U.S. Air Force A-10s nearly collided head-on with a "
    "Russian Su-24 but swerved to avoid the aircraft.\n\nIt was 3,000 feet away.",
    "",
]
SCALARS = ("i", "idx", "text", "lower_", "lemma_", "pos_", "tag_", "dep_", "ent_type_")


@pytest.mark.parametrize("text", TEXTS)
def test_tokens_mirror_spacy(make_article, text):
    doc = make_article(text).doc
    light = LightDoc(doc)
    assert len(light) == len(doc)
    assert light.text == doc.text
    for tok, lt in zip(doc, light, strict=True):
        assert [getattr(lt, a) for a in SCALARS] == [getattr(tok, a) for a in SCALARS]
        assert lt.head.i == tok.head.i
        assert [c.i for c in lt.children] == [c.i for c in tok.children]
        assert [c.i for c in lt.lefts] == [c.i for c in tok.lefts]
        assert [c.i for c in lt.rights] == [c.i for c in tok.rights]
        assert [c.i for c in lt.subtree] == [c.i for c in tok.subtree]
        assert (lt.left_edge.i, lt.right_edge.i) == (tok.left_edge.i, tok.right_edge.i)
        assert (lt.sent.start, lt.sent.end) == (tok.sent.start, tok.sent.end)
        assert (lt.like_num, lt.is_punct, str(lt.morph)) == (tok.like_num, tok.is_punct,
                                                             str(tok.morph))
        assert lt is light[lt.i] and lt.head is light[tok.head.i]  # one object per token


@pytest.mark.parametrize("text", TEXTS)
def test_spans_mirror_spacy(make_article, text):
    doc = make_article(text).doc
    light = LightDoc(doc)
    assert [(s.start, s.end, s.start_char, s.end_char, s.text) for s in light.sents] == [
        (s.start, s.end, s.start_char, s.end_char, s.text) for s in doc.sents]
    for a, b in [(0, 3), (2, 9), (5, 5), (0, len(doc))]:
        assert light[a:b].text == doc[a:b].text
        assert [t.i for t in light[a:b]] == [t.i for t in doc[a:b]]
    if len(doc):
        sent = next(light.sents)
        assert sent[-1].i == sent.end - 1 and sent[0].i == sent.start
        with pytest.raises(IndexError):
            sent[len(sent)]
        with pytest.raises(IndexError):
            light[len(doc) - 1].nbor()


def test_spacy_objects_never_leak(make_article):
    """An attribute the mirror does not carry that would return spaCy tokens raises."""
    light = LightDoc(make_article("The troops left Syria on Monday.").doc)
    with pytest.raises(AttributeError):
        _ = light[2].ancestors
    with pytest.raises(AttributeError):
        _ = light[2].nbor_not_an_attribute


def test_release_breaks_the_cycles(make_article):
    light = LightDoc(make_article("The troops left Syria.").doc)
    tok = light[1]
    light.release()
    assert len(light) == 0 and tok.head is None and tok.children is None


def test_token_arrays_do_not_keep_their_document_alive(make_article):
    """The per-document cache lets a finished document (and its arrays) go."""
    import gc
    import weakref

    from dateline.tokarrays import token_arrays

    article = make_article("The troops left Syria on Monday.")
    arrays = token_arrays(article.doc)
    assert arrays is token_arrays(article.doc) and arrays.doc[2].text == "left"
    gone = weakref.ref(article.doc)
    del article, arrays
    gc.collect()
    assert gone() is None
