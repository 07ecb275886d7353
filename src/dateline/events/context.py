"""The words around an event candidate as one learned score for the detector (issue 14).

The detector's features describe a candidate by its trigger and the trigger's place in the
parse. The rest of the sentence says much as well: "13 percent of voters", "the survey",
"troops", "the border". Here a candidate's context is a bag of strings:

- every lemma of its sentence, and those within ``NEAR`` tokens on each side;
- the trigger's children with their dependency labels;
- the entity types on each side;
- the trigger's lemma and its head's.

They are hashed (CRC-32 into ``N_HASH`` columns, the same in training and at run time), and a
logistic model over them gives P(the candidate is a PLOVER event of some type). The detector
takes that chance as one more numeric feature, ``ctx_event``. Its training rows carry the
chance out of fold (``FOLDS`` contiguous blocks of rows, documents in order), so the booster
learns how far to trust it on text the context model has not seen.
"""
from __future__ import annotations

import dataclasses
import zlib
from typing import Any

import numpy as np

N_HASH = 2 ** 18
NEAR = 3  # tokens on each side of the trigger that count as its near context
FOLDS = 5
C = 0.1  # chosen on team dev (0.1 or 1.0): detector log loss and best F1


def context_strings(trig: Any, sent: Any) -> list[str]:
    """The bag of context strings of the candidate headed by ``trig.head`` in ``sent``."""
    head = trig.head
    out = [f"h:{head.lemma_.lower()}", f"hp:{head.lemma_.lower()}:{head.head.lemma_.lower()}"]
    for tok in sent:
        gap = tok.i - head.i
        if gap == 0 or tok.pos_ == "PUNCT":
            continue
        lemma, side = tok.lemma_.lower(), "L" if gap < 0 else "R"
        out.append(f"s:{lemma}")
        if abs(gap) <= NEAR:
            out.append(f"{side}{NEAR}:{lemma}")
        if tok.head.i == head.i:
            out.append(f"c:{tok.dep_}:{lemma}")
        if tok.ent_type_:
            out.append(f"e:{side}:{tok.ent_type_}")
    return out


def hashed(strings: list[str]) -> np.ndarray:
    """The distinct hash columns of one bag of strings."""
    return np.unique(np.array([zlib.crc32(s.encode("utf-8")) % N_HASH for s in strings],
                              dtype=np.int64))


@dataclasses.dataclass(frozen=True)
class ContextModel:
    """A logistic model over hashed context strings: P(the candidate is an event)."""

    coef: np.ndarray  # N_HASH weights
    intercept: float

    def probabilities(self, bags: list[list[str]]) -> np.ndarray:
        """P(event) per bag of context strings."""
        z = np.array([self.intercept + float(self.coef[hashed(b)].sum()) for b in bags])
        return 1.0 / (1.0 + np.exp(-z))


def _matrix(bags: list[list[str]]) -> Any:
    from scipy.sparse import csr_matrix

    cols = [hashed(b) for b in bags]
    indptr = np.concatenate([[0], np.cumsum([len(c) for c in cols])])
    indices = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    return csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(bags), N_HASH))


def fit_context(bags: list[list[str]], event: np.ndarray, weight: np.ndarray) -> ContextModel:
    """The logistic context model on labelled bags (``event``: 1 for an event row)."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, max_iter=2000).fit(_matrix(bags), event,
                                                       sample_weight=weight)
    return ContextModel(model.coef_[0].astype(np.float32), float(model.intercept_[0]))


def out_of_fold(bags: list[list[str]], event: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """P(event) of every bag from a model fitted on the other ``FOLDS`` - 1 blocks."""
    blocks = np.arange(len(bags)) * FOLDS // max(1, len(bags))
    out = np.zeros(len(bags))
    for k in range(FOLDS):
        held = np.flatnonzero(blocks == k)
        rest = np.flatnonzero(blocks != k)
        if not len(held):
            continue
        if len(set(event[rest])) < 2:  # a degenerate block (tiny data): the base rate
            out[held] = float(np.mean(event[rest])) if len(rest) else 0.5
            continue
        model = fit_context([bags[i] for i in rest], event[rest], weight[rest])
        out[held] = model.probabilities([bags[i] for i in held])
    return out
