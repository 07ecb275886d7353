"""Mention-pair features for learned cross-document event linking.

Features are chosen to transfer between corpora (ECB+ -> MEANTIME -> news): trigger surface and
derivation match, context and document similarity (TF-IDF, fitted on the documents being
linked), participant overlap (capitalised names in the sentence), the numbers of the two
documents and of the two sentences (shared, or given by both and none shared: two
measurements), and how many of the two triggers are light or reporting verbs (the linker's
general lexicons, ``clusters.weak_actions``: a feature, so ECB+ teaches how much less such
pairs corefer). Two features compare the arguments near each trigger: whether both
sentences name someone or somewhere and share no name (two quakes in two places), and the
overlap of the content words within five words of the trigger. Nothing fitted to one corpus.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

FEATURES = (
    "same_text", "stem4", "stem5", "stem6", "char3_jaccard", "len_diff",
    "sent_cosine", "doc_cosine", "title_cosine", "names_jaccard", "numbers_jaccard",
    "same_doc", "weak_count", "sent_numbers_jaccard", "sent_numbers_conflict",
    "sent_names_conflict", "ctx5_jaccard",
)
# No position-in-document feature: ECB+ annotates only a document's first sentences, so
# position would learn that annotation protocol rather than anything about events.
_SENT_END = re.compile(r"(?<=[.!?])\s+|\n+")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z]+")
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
CONTEXT = 5  # words either side of the trigger for ``ctx5_jaccard``


@dataclass
class Mention:
    """One event mention to link: its document, offsets, trigger text and lemma, and what it
    reports and who says it when it is a reporting trigger (``reported.attach_contents``;
    else "")."""

    doc: str
    start: int
    end: int
    text: str
    lemma: str = ""
    content: str = ""
    speaker: str = ""


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


@lru_cache(maxsize=1)
def _counter() -> Any:
    """The word counter of the TF-IDF features (sklearn's English analyzer, no fit needed)."""
    from sklearn.feature_extraction.text import CountVectorizer

    return CountVectorizer(stop_words="english")


@dataclass
class Texts:
    """Word counts of documents, titles and mention sentences on one vocabulary.

    Counted once per call site (a topic in training, every loaded document in ``relink``);
    :func:`tfidf` then weighs any subset of rows by the IDF of a chosen set of documents,
    exactly as ``TfidfVectorizer(sublinear_tf=True, stop_words="english")`` fitted on them.
    """

    docs: list[str]
    doc_counts: Any
    title_counts: Any
    numbers: list[set[str]]

    @classmethod
    def count(cls, texts: dict[str, str], titles: dict[str, str] | None = None) -> Texts:
        """Count the words of every document (sorted by id) and of its title."""
        docs = sorted(texts)
        vec = _counter()
        doc_counts = vec.fit_transform([texts[d] for d in docs]).tocsr()
        title_list = [(titles or {}).get(d) or texts[d].split("\n", 1)[0] for d in docs]
        return cls(docs, doc_counts, vec.transform(title_list).tocsr(),
                   [set(_NUMBER.findall(texts[d])) for d in docs])

    def sentences(self, sents: list[str]) -> Any:
        """Word counts of sentences on the documents' vocabulary."""
        return _counter().transform(sents).tocsr()


def idf_of(doc_counts: Any) -> np.ndarray:
    """Smoothed IDF of the words over these document rows (0 for words they lack)."""
    df = np.asarray((doc_counts > 0).sum(axis=0)).ravel()
    n = doc_counts.shape[0]
    idf = np.log((1 + n) / (1 + df)) + 1.0
    idf[df == 0] = 0.0
    return idf


def tfidf(counts: Any, idf: np.ndarray) -> Any:
    """L2-normalised sublinear TF-IDF rows of word counts."""
    from scipy import sparse

    X = sparse.csr_matrix(counts, dtype=np.float64, copy=True)
    np.log(X.data, X.data)
    X.data += 1.0
    X.data *= idf[X.indices]
    X.eliminate_zeros()
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    norms[norms == 0.0] = 1.0
    X.data /= np.repeat(norms, np.diff(X.indptr))
    return X


def _binary(sets: list[set[str]]) -> Any:
    """A 0/1 sparse matrix, one row per set."""
    from scipy import sparse

    ids: dict[str, int] = {}
    rows, cols = [], []
    for r, items in enumerate(sets):
        for item in sorted(items):
            rows.append(r)
            cols.append(ids.setdefault(item, len(ids)))
    return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)),
                             shape=(len(sets), max(len(ids), 1)))


def _jaccard_rows(sets: list[set[str]], i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Jaccard of the sets of rows i and j (0 when either is empty)."""
    B = _binary(sets)
    inter = np.asarray((B @ B.T).todense())[i, j]
    size = np.array([len(s) for s in sets], dtype=np.float64)
    union = size[i] + size[j] - inter
    return np.where((size[i] > 0) & (size[j] > 0), inter / np.maximum(union, 1.0), 0.0)


def _codes(values: list[str]) -> np.ndarray:
    return np.unique(np.array(values, dtype=object).astype(str), return_inverse=True)[1]


def sentence_of(spans: list[tuple[int, int]], start: int) -> tuple[int, int]:
    """The span among sorted sentence spans that holds offset ``start`` (else the last)."""
    k = bisect_right([s for s, _ in spans], start) - 1
    if k >= 0 and spans[k][0] <= start < spans[k][1]:
        return spans[k]
    return spans[-1]


@dataclass
class Weighed:
    """TF-IDF rows (one IDF, from ``docs``) of documents, their titles, mention sentences and
    what the mentions report (``C``, rows as ``S``)."""

    docs: list[str]
    D: Any
    T: Any
    S: Any
    numbers: list[set[str]]
    C: Any = None


def weigh(counted: Texts, fit_docs: list[str], sents: Any, contents: Any = None) -> Weighed:
    """Weigh the documents ``fit_docs`` (which give the IDF), their titles, ``sents`` and
    ``contents`` (word counts of what each mention reports, rows as ``sents``; none: empty)."""
    row = {d: k for k, d in enumerate(counted.docs)}
    rows = [row[d] for d in fit_docs]
    idf = idf_of(counted.doc_counts[rows])
    if contents is None:
        from scipy import sparse

        contents = sparse.csr_matrix(sents.shape, dtype=np.float64)
    return Weighed(list(fit_docs), tfidf(counted.doc_counts[rows], idf),
                   tfidf(counted.title_counts[rows], idf), tfidf(sents, idf),
                   [counted.numbers[r] for r in rows], tfidf(contents, idf))


def _sim(rows: Any) -> np.ndarray:
    return np.asarray((rows @ rows.T).todense())


def group_features(mentions: list[Mention], w: Weighed, rows: list[int],
                   sent_text: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Features of every pair (i < j) of mentions; ``rows`` are their rows of ``w.S``."""
    n = len(mentions)
    if n < 2:
        return np.zeros((0, 2), dtype=int), np.zeros((0, len(FEATURES)), dtype=np.float32)
    pos = {d: k for k, d in enumerate(w.docs)}
    used, di = np.unique([pos[m.doc] for m in mentions], return_inverse=True)
    i, j = np.triu_indices(n, k=1)
    a, b = di[i], di[j]
    low = [m.text.lower() for m in mentions]
    same = _codes(low)
    cols = [same[i] == same[j]]
    for k in (4, 5, 6):
        c = _codes([t[:k] for t in low])
        cols.append(c[i] == c[j])
    lens = np.array([len(t) for t in low], dtype=np.float64)
    cols += [_jaccard_rows([_char3(t) for t in low], i, j), np.abs(lens[i] - lens[j]),
             _sim(w.S[rows])[i, j], _sim(w.D[used])[a, b], _sim(w.T[used])[a, b],
             _jaccard_rows([set(_NAME.findall(s)) for s in sent_text], i, j),
             _jaccard_rows([w.numbers[r] for r in used], a, b), a == b]
    weak = np.array([is_weak(m) for m in mentions], dtype=np.float64)
    nums = [set(_NUMBER.findall(s)) for s in sent_text]
    has = np.array([bool(x) for x in nums])
    shared = _jaccard_rows(nums, i, j)
    cols += [weak[i] + weak[j], shared, has[i] & has[j] & (shared == 0)]
    names = [set(_NAME.findall(s)) for s in sent_text]
    named = np.array([bool(x) for x in names])
    cols += [named[i] & named[j] & (_jaccard_rows(names, i, j) == 0),
             _jaccard_rows([context_words(m.text, s) for m, s in
                            zip(mentions, sent_text, strict=True)], i, j)]
    X = np.stack([np.asarray(c, dtype=np.float64) for c in cols], axis=1).astype(np.float32)
    return np.stack([i, j], axis=1), X


def context_words(trigger: str, sentence: str, width: int = CONTEXT) -> set[str]:
    """Lower-cased content words within ``width`` words of the trigger's first occurrence in
    its sentence (the trigger and English stop words left out)."""
    words = [(w.start(), w.group().lower()) for w in _WORD.finditer(sentence)]
    if not words:
        return set()
    at = sentence.find(trigger)
    k = min(range(len(words)), key=lambda q: abs(words[q][0] - at))
    low = trigger.lower()
    return {w for _, w in words[max(0, k - width):k + width + 1]
            if w not in ENGLISH_STOP_WORDS and w != low}


def speakers_apart(mentions: list[Mention], i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Pairs (i, j) whose reports both name a speaker and the two names share no word."""
    words = [set(m.speaker.split()) for m in mentions]
    return np.array([bool(words[a]) and bool(words[b]) and not words[a] & words[b]
                     for a, b in zip(i.tolist(), j.tolist(), strict=True)], dtype=bool)


def content_cosine(mentions: list[Mention], C: Any, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """TF-IDF cosine of what the mentions of pairs (i, j) report (rows ``C``), -1 unless both
    report something (two reporting triggers compared by their content, not their verb)."""
    has = np.array([bool(m.content.strip()) for m in mentions])
    both = has[i] & has[j]
    return np.where(both, _sim(C)[i, j], -1.0)


def is_weak(m: Mention) -> bool:
    """Whether a mention's lemma (else its lower-cased trigger) is a light or reporting verb."""
    from dateline.link.clusters import weak_actions

    return (m.lemma or m.text).lower() in weak_actions()


def mention_sentences(mentions: list[Mention], texts: dict[str, str]) -> list[str]:
    """The sentence (or line) of the text that holds each mention's start."""
    spans = {d: sentence_spans(texts[d]) for d in {m.doc for m in mentions}}
    out = []
    for m in mentions:
        s, e = sentence_of(spans[m.doc], m.start)
        out.append(texts[m.doc][s:e])
    return out


def pair_features(mentions: list[Mention], texts: dict[str, str],
                  titles: dict[str, str] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Features of every unordered mention pair (i < j) of one topic; returns (pairs, X)."""
    if len(mentions) < 2:
        return np.zeros((0, 2), dtype=int), np.zeros((0, len(FEATURES)))
    docs = sorted({m.doc for m in mentions})
    sub = {d: texts[d] for d in docs}
    counted = Texts.count(sub, titles)
    sent_text = mention_sentences(mentions, sub)
    w = weigh(counted, docs, counted.sentences(sent_text))
    return group_features(mentions, w, list(range(len(mentions))), sent_text)


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
