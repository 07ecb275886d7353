"""Generated near-duplicate variants of articles, to measure near-duplicate detection.

Positives are what syndication and republishing do to an article: a reprint under another
headline with a site footer, a lightly edited copy (words changed, a sentence dropped), a
shortened reprint. Negatives are different articles on the same topic. Deterministic for a
given seed; used by ``benchmarks/links.py --dedup`` and ``tests/link/test_dedup.py``.
"""
from __future__ import annotations

import random
from collections.abc import Mapping
from itertools import combinations

from dateline.link.dedup import near_duplicate_pairs

HEADLINES = ("Breaking: {w} in focus", "What we know about {w}", "{w}: the latest",
             "Update on {w}")
FOOTERS = ("This story was first published by a partner agency and is republished with "
           "permission.", "Copyright the wire service. All rights reserved. Reporting and "
           "editing by the news desk.", "Follow our live coverage for more updates on this "
           "story throughout the day.")


def _sentences(text: str) -> list[str]:
    return [s for s in text.split("\n") if s.strip()]


def reprint(text: str, rng: random.Random) -> str:
    """Another headline on top, a site footer below, the body unchanged."""
    word = rng.choice(text.split()[:8] or ["news"])
    return rng.choice(HEADLINES).format(w=word) + "\n" + text + "\n" + rng.choice(FOOTERS)


def light_edit(text: str, rng: random.Random, rate: float = 0.04) -> str:
    """A few words dropped or doubled, one sentence removed (when there are several)."""
    sents = _sentences(text)
    if len(sents) > 3:
        del sents[rng.randrange(len(sents))]
    out = []
    for s in sents:
        words = s.split()
        kept = [w for w in words if rng.random() > rate]
        out.append(" ".join(kept))
    return "\n".join(out)


def shortened(text: str, rng: random.Random) -> str:
    """The first two thirds of the article, with a footer (a reprint cut to fit)."""
    sents = _sentences(text)
    cut = max(1, (2 * len(sents)) // 3)
    return "\n".join(sents[:cut]) + "\n" + rng.choice(FOOTERS)


def make_variants(texts: Mapping[str, str], seed: int = 13) -> dict[str, tuple[str, str]]:
    """id -> (origin id, text): every original and three variants of each."""
    rng = random.Random(seed)
    out: dict[str, tuple[str, str]] = {}
    for doc_id, text in sorted(texts.items()):
        out[doc_id] = (doc_id, text)
        out[doc_id + "#reprint"] = (doc_id, reprint(text, rng))
        out[doc_id + "#edit"] = (doc_id, light_edit(text, rng))
        out[doc_id + "#short"] = (doc_id, shortened(text, rng))
    return out


def measure(texts: Mapping[str, str], seed: int = 13) -> dict[str, float]:
    """Pairwise precision/recall/F1 of near-duplicate detection on generated variants."""
    docs = make_variants(texts, seed)
    origin = {d: o for d, (o, _) in docs.items()}
    pred = set(near_duplicate_pairs({d: t for d, (_, t) in docs.items()}))
    gold = {(a, b) for a, b in combinations(sorted(docs), 2) if origin[a] == origin[b]}
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"pairs_gold": len(gold), "pairs_pred": len(pred), "precision": p, "recall": r,
            "f1": f, "negatives": len(list(combinations(sorted(docs), 2))) - len(gold)}
