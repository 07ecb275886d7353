"""Mention-pair features for learned cross-document event linking.

Features are chosen to transfer between corpora (ECB+ -> MEANTIME -> news): trigger surface and
derivation match, context and document similarity (TF-IDF, fitted on the documents being
linked), participant overlap (capitalised names in the sentence), number/date overlap and
position. No word list, nothing fitted to one corpus.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

FEATURES = (
    "same_text", "stem4", "stem5", "stem6", "char3_jaccard", "len_diff",
    "sent_cosine", "doc_cosine", "title_cosine", "names_jaccard", "numbers_jaccard",
    "same_doc",
)
# No position-in-document feature: ECB+ annotates only a document's first sentences, so
# position would learn that annotation protocol rather than anything about events.
_SENT_END = re.compile(r"(?<=[.!?])\s+|\n+")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z]+")
_NUMBER = re.compile(r"\b\d[\d,.]*\b")


@dataclass
class Mention:
    """One event mention to link: its document, offsets and trigger text."""

    doc: str
    start: int
    end: int
    text: str


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences (and lines) of a text."""
    spans, last = [], 0
    for m in _SENT_END.finditer(text):
        if m.start() > last:
            spans.append((last, m.start()))
        last = m.end()
    if last < len(text):
        spans.append((last, len(text)))
    return spans or [(0, len(text))]


def _char3(s: str) -> set[str]:
    s = f"#{s.lower()}#"
    return {s[i:i + 3] for i in range(len(s) - 2)}


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _cosine_rows(matrix) -> np.ndarray:
    """Dense cosine similarity of L2-normalised sparse rows."""
    return np.asarray((matrix @ matrix.T).todense())


def pair_features(mentions: list[Mention], texts: dict[str, str],
                  titles: dict[str, str] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Features of every unordered mention pair (i < j) of one topic; returns (pairs, X)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    n = len(mentions)
    if n < 2:
        return np.zeros((0, 2), dtype=int), np.zeros((0, len(FEATURES)))
    docs = sorted({m.doc for m in mentions})
    doc_idx = {d: i for i, d in enumerate(docs)}
    sents = []
    spans_by_doc = {d: sentence_spans(texts[d]) for d in docs}
    for m in mentions:
        spans = spans_by_doc[m.doc]
        k = next((i for i, (s, e) in enumerate(spans) if s <= m.start < e), len(spans) - 1)
        s, e = spans[k]
        sents.append(texts[m.doc][s:e])
    vec = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1)
    vec.fit([texts[d] for d in docs])
    doc_sim = _cosine_rows(vec.transform([texts[d] for d in docs]))
    sent_sim = _cosine_rows(vec.transform(sents))
    title_list = [(titles or {}).get(d) or texts[d].split("\n", 1)[0] for d in docs]
    title_sim = _cosine_rows(vec.transform(title_list))
    names = [set(_NAME.findall(s)) for s in sents]
    numbers = [set(_NUMBER.findall(texts[d])) for d in docs]
    low = [m.text.lower() for m in mentions]
    grams = [_char3(t) for t in low]
    i_idx, j_idx = np.triu_indices(n, k=1)
    X = np.zeros((len(i_idx), len(FEATURES)), dtype=np.float32)
    for r, (i, j) in enumerate(zip(i_idx, j_idx, strict=True)):
        a, b = low[i], low[j]
        di, dj = doc_idx[mentions[i].doc], doc_idx[mentions[j].doc]
        X[r] = (
            a == b, a[:4] == b[:4], a[:5] == b[:5], a[:6] == b[:6],
            _jaccard(grams[i], grams[j]), abs(len(a) - len(b)),
            sent_sim[i, j], doc_sim[di, dj], title_sim[di, dj],
            _jaccard(names[i], names[j]), _jaccard(numbers[di], numbers[dj]),
            di == dj,
        )
    return np.stack([i_idx, j_idx], axis=1), X


def cluster_mentions(n: int, pairs: np.ndarray, probs: np.ndarray, threshold: float) -> list[int]:
    """Average-linkage clusters of n mentions from pair probabilities; cut at 1 - threshold."""
    if n < 2:
        return list(range(n))
    from scipy.cluster.hierarchy import fcluster, linkage

    dist = np.ones((n, n))
    dist[pairs[:, 0], pairs[:, 1]] = 1.0 - probs
    condensed = dist[np.triu_indices(n, k=1)]
    labels = fcluster(linkage(condensed, method="average"), t=1.0 - threshold,
                      criterion="distance")
    return [int(x) for x in labels]


def link_mentions(mentions: list[Mention], texts: dict[str, str],
                  titles: dict[str, str] | None = None) -> list[int]:
    """Cluster labels of one topic's mentions by the shipped pair model and its dev threshold."""
    from dateline.learn.persist import load_model, model_dir

    model = load_model(model_dir("link_pairs"))
    pairs, X = pair_features(mentions, texts, titles)
    probs = model.booster().predict(X) if len(X) else np.zeros(0)
    return cluster_mentions(len(mentions), pairs, probs, float(model.meta["threshold"]))
