"""A learned event-mention detector: which tokens of a parsed document are event mentions.

Event coreference corpora (ECB+, MEANTIME) annotate every event: occurrences, reporting,
states and nominal events ("the earthquake", "his arrest"), not only the acts the PLOVER
lexicon codes. A LightGBM classifier over spaCy token features (POS, tag, dependency,
head, arguments, morphology, named-entity type, the tok2vec context vector, the event
lexicons as features, and lemma/suffix event rates learned on ECB+ train) scores every
candidate token of a document in one ``predict`` call; tokens at or above the threshold
chosen on ECB+ dev are mentions. Trained by ``dateline train link_mentions``
(:mod:`dateline.link.mentiontrain`).
"""
from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from dateline.tokarrays import TokenArrays, token_arrays

TASK = "link_mentions"
FEATURES_VERSION = 1
# Heads of ECB+ train gold mentions: VERB 2,281, NOUN 1,191, PROPN 188, ADJ 98; AUX, NUM and
# ADV head 11 of 2,125 such tokens, so they are no candidates (fewer rows to score).
CANDIDATE_POS = frozenset({"VERB", "NOUN", "PROPN", "ADJ"})
CATEGORICAL = ("pos", "tag", "dep", "head_pos", "head_dep", "ent_type", "tense", "aspect",
               "verb_form", "number")
NUMERIC = (
    "lemma_rate", "lemma_log_n", "lower_rate", "suffix3_rate", "suffix4_rate",
    "head_lemma_rate", "lex_any", "lex_plover", "lex_report", "lex_ignore", "lex_frame",
    "is_title", "is_upper", "sent_start", "length", "is_stop", "rel_position", "is_root",
    "has_subj", "has_subjpass", "has_obj", "has_aux", "has_neg", "has_det", "has_poss",
    "has_of", "has_prep", "n_children", "n_lefts", "ent_iob",
)
TENSOR_DIM = 96
PRIOR_SMOOTH = 2.0  # pseudo-count towards the base rate for the learned lemma/suffix rates


@dataclass(frozen=True)
class Rates:
    """Event rates learned on training tokens: per key, (positives, total), and the base rate."""

    counts: dict[str, tuple[int, int]]
    base: float

    def rate(self, key: str) -> float:
        """Smoothed share of the key's candidate tokens that were mentions."""
        pos, n = self.counts.get(key, (0, 0))
        return (pos + PRIOR_SMOOTH * self.base) / (n + PRIOR_SMOOTH)

    def log_n(self, key: str) -> float:
        """log(1 + how often the key was seen in training)."""
        return float(np.log1p(self.counts.get(key, (0, 0))[1]))


def feature_names(tensor_dim: int = TENSOR_DIM) -> list[str]:
    """Column names of the feature matrix, in order."""
    return list(CATEGORICAL) + list(NUMERIC) + [f"t2v_{i}" for i in range(tensor_dim)]


def candidate_ids(doc: Any, skip: Sequence[tuple[int, int]] = ()) -> list[int]:
    """Indices of the candidate tokens of a parsed document, in order, leaving out those
    whose characters overlap a ``skip`` span (already an event mention)."""
    arrays = token_arrays(doc)
    covered = set()
    for s, e in skip:  # the tokens whose characters overlap [s, e)
        j = bisect.bisect_right(arrays.ends, s)
        while j < len(arrays.starts) and arrays.starts[j] < e:
            covered.add(j)
            j += 1
    out = []
    for i, pos in enumerate(arrays.pos):
        if pos not in CANDIDATE_POS or i in covered:
            continue
        # the lower-case form has a letter exactly when the text has one (a vocabulary
        # without lexeme attributes leaves it empty: then the text itself)
        if any(ch.isalpha() for ch in arrays.lower[i] or doc[i].text):
            out.append(i)
    return out


def candidates(doc: Any) -> list[Any]:
    """The candidate tokens of a parsed document, in order."""
    return [doc[i] for i in candidate_ids(doc)]


def rate_keys(tok: Any) -> dict[str, str]:
    """The keys under which a token's learned event rates are kept."""
    lemma = tok.lemma_.lower()
    return {"lemma": f"l:{lemma}", "lower": f"w:{tok.lower_}", "suffix3": f"s3:{lemma[-3:]}",
            "suffix4": f"s4:{lemma[-4:]}", "head": f"l:{tok.head.lemma_.lower()}"}


@lru_cache(maxsize=65536)
def _lexicon_flags(lemma: str) -> tuple[float, float, float, float, float]:
    from dateline.events.lexicon import triggers

    entries = triggers().get(lemma, [])
    if not entries:
        return 0.0, 0.0, 0.0, 0.0, 0.0
    plover = any(e.type not in ("OTHER", "") and e.frame not in ("report", "ignore")
                 for e in entries)
    return (1.0, float(plover), float(any(e.frame == "report" for e in entries)),
            float(any(e.frame == "ignore" for e in entries)),
            float(any(e.frame is not None and e.frame not in ("report", "ignore")
                      for e in entries)))


_MORPH_FEATS = (("tense", "Tense"), ("aspect", "Aspect"), ("verb_form", "VerbForm"),
                ("number", "Number"))


_CODES: dict[tuple[int, int], tuple[Any, Any, dict[str, dict[int, int]]]] = {}


def _string_codes(vocab: dict[str, dict[str, int]], strings: Any) -> dict[str, dict[int, int]]:
    """Per categorical column, spaCy string id -> code (made once per vocabulary and string
    store: a symbol such as "NOUN" has a small fixed id, other strings their hash)."""
    key = (id(vocab), id(strings))
    got = _CODES.get(key)
    if got is None or got[0] is not vocab or got[1] is not strings:
        got = _CODES[key] = (vocab, strings, {
            name: {strings.add(v): c for v, c in vocab[name].items()} for name in CATEGORICAL})
    return got[2]


def _categorical_block(doc: Any, ids: list[int], vocab: dict[str, dict[str, int]]
                       ) -> np.ndarray:
    """Codes of the categorical columns for some token indices (-1 for a value not in
    ``vocab``), read from the document's arrays."""
    from spacy.attrs import DEP, ENT_TYPE, HEAD, MORPH, POS, TAG

    n = len(doc)
    arr = doc.to_array([POS, TAG, DEP, ENT_TYPE, MORPH, HEAD]).reshape(n, 6)
    rows = np.array(ids, dtype=np.int64)
    heads = rows + arr[rows, 5].astype(np.int64)
    code = _string_codes(vocab, doc.vocab.strings)
    out = np.full((len(ids), len(CATEGORICAL)), -1.0, dtype=np.float32)
    cols = {"pos": arr[rows, 0], "tag": arr[rows, 1], "dep": arr[rows, 2],
            "head_pos": arr[heads, 0], "head_dep": arr[heads, 2], "ent_type": arr[rows, 3]}
    for k, name in enumerate(CATEGORICAL):
        if name in cols:
            table = code[name]
            out[:, k] = [table.get(x, -1) for x in cols[name].tolist()]
    morph_cols = [CATEGORICAL.index(name) for name, _feat in _MORPH_FEATS]
    morphs: dict[int, list[float]] = {}
    for r, (i, key) in enumerate(zip(ids, arr[rows, 4].tolist(), strict=True)):
        if key not in morphs:
            m = doc[i].morph
            morphs[key] = [float(vocab[name].get("|".join(m.get(feat)), -1))
                           for name, feat in _MORPH_FEATS]
        out[r, morph_cols] = morphs[key]
    return out


_IOB = {3: 1.0, 1: 2.0}  # spaCy's ENT_IOB codes: B -> 1, I -> 2, O and unset -> 0


# dependency labels of a token's children that are features ("has a subject", ...)
_CHILD_DEPS = ("nsubj", "nsubjpass", "dobj", "aux", "auxpass", "neg", "det", "poss", "prep")
_CHILD_CODE = {d: k for k, d in enumerate(_CHILD_DEPS)}


def _child_columns(arrays: TokenArrays) -> np.ndarray:
    """Per token of the document: a child with each of ``_CHILD_DEPS``, an 'of' child
    preposition, the number of children and of left children (numpy, one pass)."""
    n = len(arrays.dep)
    head = np.asarray(arrays.head, dtype=np.int64)
    idx = np.arange(n)
    child = head != idx
    code = np.array([_CHILD_CODE.get(d, -1) for d in arrays.dep], dtype=np.int64)
    k = len(_CHILD_DEPS)
    out = np.zeros((n, k + 3), dtype=np.float64)
    has = child & (code >= 0)
    out[head[has], code[has]] = 1.0
    of = child & (code == _CHILD_CODE["prep"]) & np.array([w == "of" for w in arrays.lower],
                                                          dtype=bool)
    out[head[of], k] = 1.0
    out[:, k + 1] = np.bincount(head[child], minlength=n)
    out[:, k + 2] = np.bincount(head[child & (idx < head)], minlength=n)
    return out


def _numeric_block(ids: list[int], rates: Rates, arrays: TokenArrays) -> np.ndarray:
    """The numeric columns for some token indices, read from the shared token arrays (the
    learned rates and lexicon flags looked up once per distinct word of the document)."""
    rate = rates.rate
    lemma, lower = arrays.lemma, arrays.lower
    by_lemma: dict[str, tuple[float, ...]] = {}
    for lem in {lemma[i] for i in ids}:
        by_lemma[lem] = (rate(f"l:{lem}"), rates.log_n(f"l:{lem}"), rate(f"s3:{lem[-3:]}"),
                         rate(f"s4:{lem[-4:]}"), *_lexicon_flags(lem))
    lower_rate = {w: rate(f"w:{w}") for w in {lower[i] for i in ids}}
    heads = [arrays.head[i] for i in ids]
    head_rate = {w: rate(f"l:{w}") for w in {lemma[h] for h in heads}}
    per_lemma = np.array([by_lemma[lemma[i]] for i in ids], dtype=np.float64)
    rows = np.asarray(ids, dtype=np.int64)
    s0 = np.array([arrays.sent[i][0] for i in ids], dtype=np.int64)
    s1 = np.array([arrays.sent[i][1] for i in ids], dtype=np.int64)
    kids = _child_columns(arrays)[rows]
    k = len(_CHILD_DEPS)
    col = _CHILD_CODE
    out = np.column_stack([
        per_lemma[:, 0], per_lemma[:, 1], [lower_rate[lower[i]] for i in ids],
        per_lemma[:, 2], per_lemma[:, 3], [head_rate[lemma[h]] for h in heads],
        per_lemma[:, 4:],
        [arrays.title[i] for i in ids], [arrays.upper[i] for i in ids], rows == s0,
        [arrays.length[i] for i in ids], [arrays.stop[i] for i in ids],
        (rows - s0) / np.maximum(1, s1 - s0 - 1), [arrays.dep[i] == "ROOT" for i in ids],
        kids[:, col["nsubj"]], kids[:, col["nsubjpass"]], kids[:, col["dobj"]],
        np.maximum(kids[:, col["aux"]], kids[:, col["auxpass"]]), kids[:, col["neg"]],
        kids[:, col["det"]], kids[:, col["poss"]], kids[:, k], kids[:, col["prep"]],
        kids[:, k + 1], kids[:, k + 2], [_IOB.get(arrays.ent_iob[i], 0.0) for i in ids]])
    return out.astype(np.float32)


def features(doc: Any, toks: list[Any], vocab: dict[str, dict[str, int]], rates: Rates,
             tensor_dim: int = TENSOR_DIM) -> np.ndarray:
    """The feature matrix of some tokens of one document (rows in the order given)."""
    return feature_rows(doc, [t.i for t in toks], vocab, rates, tensor_dim)


def feature_rows(doc: Any, ids: list[int], vocab: dict[str, dict[str, int]], rates: Rates,
                 tensor_dim: int = TENSOR_DIM) -> np.ndarray:
    """The feature matrix of some token indices of one document (rows in the order given)."""
    X = np.zeros((len(ids), len(CATEGORICAL) + len(NUMERIC) + tensor_dim), dtype=np.float32)
    if not ids:
        return X
    tensor: Any = getattr(doc, "tensor", None)
    shape = getattr(tensor, "shape", (0, 0))
    width = len(CATEGORICAL) + len(NUMERIC)
    X[:, :len(CATEGORICAL)] = _categorical_block(doc, ids, vocab)
    X[:, len(CATEGORICAL):width] = _numeric_block(ids, rates, token_arrays(doc))
    if len(shape) == 2 and shape[1] == tensor_dim and shape[0] == len(doc):
        X[:, width:] = np.asarray(tensor)[ids]
    return X


@dataclass
class Detector:
    """The shipped mention model: booster, vocabularies, learned rates and threshold."""

    booster: Any
    vocab: dict[str, dict[str, int]]
    rates: Rates
    threshold: float

    def scores(self, doc: Any, skip: Sequence[tuple[int, int]] = ()) -> list[tuple[int, float]]:
        """Every candidate token index of ``doc`` (outside the ``skip`` character spans)
        with its mention probability (one predict)."""
        ids = candidate_ids(doc, skip)
        if not ids:
            return []
        probs = self.booster.predict(feature_rows(doc, ids, self.vocab, self.rates),
                                     num_threads=1)
        return list(zip(ids, probs.tolist(), strict=True))

    def detect_ids(self, doc: Any, skip: Sequence[tuple[int, int]] = ()) -> list[int]:
        """Indices of the tokens of ``doc`` the model takes for event mentions (none
        overlapping the ``skip`` character spans)."""
        return [i for i, p in self.scores(doc, skip) if p >= self.threshold]

    def detect(self, doc: Any, skip: Sequence[tuple[int, int]] = ()) -> list[Any]:
        """The tokens of ``doc`` the model takes for event mentions."""
        return [doc[i] for i in self.detect_ids(doc, skip)]


def rates_to_arrays(rates: Rates) -> dict[str, np.ndarray]:
    """Learned rates as plain arrays for ``save_model`` (strings as a unicode array)."""
    keys = sorted(rates.counts)
    return {"rate_keys": np.array(keys, dtype=str),
            "rate_counts": np.array([rates.counts[k] for k in keys], dtype=np.int64)
            .reshape(-1, 2)}


def rates_from_arrays(arrays: dict[str, np.ndarray], base: float) -> Rates:
    """The inverse of :func:`rates_to_arrays`."""
    counts = {str(k): (int(c[0]), int(c[1]))
              for k, c in zip(arrays["rate_keys"], arrays["rate_counts"], strict=True)}
    return Rates(counts, base)


def load_detector(folder: Path | None = None) -> Detector:
    """A detector from a model folder (default: the one shipped in the package)."""
    from dateline.learn.persist import load_model, model_dir

    saved = load_model(folder or model_dir(TASK))
    meta = saved.meta
    return Detector(saved.booster(), meta["vocab"],
                    rates_from_arrays(saved.arrays, float(meta["base_rate"])),
                    float(meta["threshold"]))


@lru_cache(maxsize=1)
def shipped_detector() -> Detector | None:
    """The package's detector, loaded once per process (None when no model is shipped)."""
    from dateline.learn.persist import BOOSTER, model_dir

    if not (model_dir(TASK) / BOOSTER).exists():
        return None
    return load_detector()
