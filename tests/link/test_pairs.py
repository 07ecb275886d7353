"""Mention-pair features and clustering of the learned linker (no shared data needed)."""
from __future__ import annotations

import numpy as np

from dateline.link.pairs import FEATURES, Mention, cluster_mentions, link_mentions, pair_features

TEXTS = {
    "a": "Earthquake hits Chile\nA strong earthquake struck northern Chile on Monday, killing 3.",
    "b": "Quake in Chile kills three\nThe earthquake struck near Iquique in Chile on Monday.",
    "c": "Apple unveils new iPhone\nApple announced the iPhone 5 at an event in San Francisco.",
}


def _mentions() -> list[Mention]:
    out = []
    for doc, word in (("a", "earthquake"), ("a", "struck"), ("b", "earthquake"),
                      ("b", "struck"), ("c", "announced")):
        start = TEXTS[doc].index(word, TEXTS[doc].index("\n"))
        out.append(Mention(doc, start, start + len(word), word))
    return out


def test_features_shape_and_values() -> None:
    """Every i<j pair gets one row; the same word in related documents matches on surface."""
    pairs, X = pair_features(_mentions(), TEXTS)
    assert X.shape == (10, len(FEATURES)) and pairs.shape == (10, 2)
    row = {tuple(p): x for p, x in zip(pairs.tolist(), X, strict=True)}
    same, other = row[(0, 2)], row[(0, 4)]
    f = FEATURES.index
    assert same[f("same_text")] == 1 and other[f("same_text")] == 0
    assert same[f("doc_cosine")] > other[f("doc_cosine")]
    assert row[(0, 1)][f("same_doc")] == 1 and same[f("same_doc")] == 0


def test_reporting_verbs_and_sentence_numbers() -> None:
    """weak_count counts light/reporting lemmas; two sentences giving numbers and sharing
    none are a conflict, sharing one is not."""
    texts = {"a": "Shares fell 3% on Monday, the report said.",
             "b": "Shares fell 100 points, analysts said.",
             "c": "Shares fell 3% as traders said little."}
    ms = [Mention(d, t.index(w), t.index(w) + len(w), w, lemma)
          for d, t in texts.items() for w, lemma in (("fell", "fall"), ("said", "say"))]
    pairs, X = pair_features(ms, texts)
    row = {tuple(p): x for p, x in zip(pairs.tolist(), X, strict=True)}
    f = FEATURES.index
    assert row[(0, 2)][f("weak_count")] == 0 and row[(1, 3)][f("weak_count")] == 2
    assert row[(0, 3)][f("weak_count")] == 1
    assert row[(0, 2)][f("sent_numbers_conflict")] == 1  # 3% against 100 points
    same = row[(0, 4)]  # both give 3%
    assert same[f("sent_numbers_conflict")] == 0 and same[f("sent_numbers_jaccard")] > 0


def test_cluster_cut_follows_threshold() -> None:
    """Pairs above the threshold merge; a low-probability mention stays alone."""
    pairs = np.array([[0, 1], [0, 2], [1, 2]])
    labels = cluster_mentions(3, pairs, np.array([0.9, 0.1, 0.1]), 0.5)
    assert labels[0] == labels[1] != labels[2]
    assert len(set(cluster_mentions(3, pairs, np.array([0.9, 0.8, 0.85]), 0.5))) == 1


def test_shipped_model_links_coreferent_mentions() -> None:
    """The shipped model joins the two earthquakes and keeps the iPhone event apart."""
    labels = link_mentions(_mentions(), TEXTS)
    assert labels[0] == labels[2]
    assert labels[4] not in {labels[0], labels[1], labels[2], labels[3]}


def test_tfidf_matches_sklearn() -> None:
    """The counted-then-weighed TF-IDF equals TfidfVectorizer fitted on the same documents."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from dateline.link.pairs import Texts, weigh

    docs = sorted(TEXTS)
    sents = ["A strong earthquake struck northern Chile.", "Apple announced the iPhone 5."]
    counted = Texts.count(TEXTS)
    w = weigh(counted, docs, counted.sentences(sents))
    vec = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit([TEXTS[d] for d in docs])
    ref = vec.transform(sents)
    got = (w.S @ w.D.T).toarray()
    want = (ref @ vec.transform([TEXTS[d] for d in docs]).T).toarray()
    assert np.allclose(got, want, atol=1e-12) and got.max() > 0.1


def test_names_conflict_and_trigger_context() -> None:
    """Two sentences that name places and share none conflict; the words near the trigger
    (stop words and the trigger left out) are compared, not the whole sentence."""
    texts = {"a": "Then a strong earthquake struck Chile on Monday.",
             "b": "Then a strong earthquake struck Peru on Monday.",
             "c": "Then an earthquake struck. Officials in Lima met to discuss a strong budget."}
    ms = [Mention(d, t.index("earthquake"), t.index("earthquake") + 10, "earthquake")
          for d, t in texts.items()]
    pairs, X = pair_features(ms, texts)
    row = {tuple(p): x for p, x in zip(pairs.tolist(), X, strict=True)}
    f = FEATURES.index
    assert row[(0, 1)][f("sent_names_conflict")] == 0  # both name Monday
    assert row[(0, 2)][f("sent_names_conflict")] == 0  # c's sentence names no one
    assert row[(0, 1)][f("ctx5_jaccard")] == 0.6  # strong, struck, monday of 5 words
    assert row[(0, 2)][f("ctx5_jaccard")] == 0.25  # struck of strong, struck, chile, monday
    texts["b"] = "Then a strong earthquake struck Peru in March."
    _, X = pair_features(ms, texts)
    assert X[0][f("sent_names_conflict")] == 1  # Chile, Monday against Peru, March
