"""Document sub-topics: average-linkage clusters of a topic's documents by TF-IDF cosine.

ECB+ topics each hold two real events of one kind; grouping documents first keeps mention
links inside one of them. The cut is chosen on ECB+ dev against its gold sub-topics
(``choose_cut``); ``CUT`` holds the chosen value.
"""
from __future__ import annotations

from typing import Any

import numpy as np

CUT = 0.85  # cosine distance; ECB+ dev mean ARI 0.617 (0.8: 0.496, 0.9: 0.467; see choose_cut)


def subtopics(texts: list[str], cut: float = CUT) -> list[int]:
    """Sub-topic label of each document (documents within ``cut`` cosine distance merge)."""
    if len(texts) < 2:
        return [0] * len(texts)
    from sklearn.feature_extraction.text import TfidfVectorizer

    return subtopics_of(TfidfVectorizer(sublinear_tf=True, stop_words="english")
                        .fit_transform(texts), cut)


def subtopics_of(rows: Any, cut: float = CUT) -> list[int]:
    """Sub-topic labels from L2-normalised (sparse) document rows, labels from 0."""
    n = rows.shape[0]
    if n < 2:
        return [0] * n
    from scipy.cluster.hierarchy import fcluster, linkage

    sim = np.asarray((rows @ rows.T).todense())
    dist = np.clip(1.0 - sim[np.triu_indices(n, k=1)], 0.0, None)
    return [int(x) - 1 for x in fcluster(linkage(dist, method="average"), t=cut,
                                         criterion="distance")]


def choose_cut(topics: dict[str, list[dict]], cuts=(0.6, 0.7, 0.8, 0.85, 0.9, 0.95)) -> dict:
    """Mean adjusted Rand index against gold ``source.subtopic`` for each candidate cut."""
    from sklearn.metrics import adjusted_rand_score

    out = {}
    for cut in cuts:
        scores = [adjusted_rand_score([d["source"]["subtopic"] for d in docs],
                                      subtopics([d["text"] for d in docs], cut))
                  for docs in topics.values()]
        out[cut] = round(float(np.mean(scores)), 3)
    return out
