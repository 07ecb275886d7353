"""Event-level agreement between the corpus labels and a blind re-annotation of a sample.

  sample [--set S]  print a seeded random sample of labelled sentences (sid and text, no labels)
  score [--set S]   compare the set's re-annotation file with labels/batch_*.jsonl
  antecedents       compare the antecedent layer's blind second pass with antecedents.jsonl

Three samples (``SAMPLES``): ``self``, 100 of the first 2,000 sentences re-annotated by the
annotator who labelled them (``agreement/reannotation.jsonl``); ``cross``, 200 of the sixth
extension (lines 6,413-8,002) re-annotated by annotators who had not labelled them
(``agreement/crossannotation.jsonl``); and ``cross7``, 200 of the seventh extension (lines
8,003-9,609) re-annotated the same way (``agreement/crossannotation7.jsonl``).

An event of one annotation matches one of the other when the trigger spans overlap and the types
are equal; agreement is reported as precision/recall/F1 of the re-annotation against the corpus,
sentence-level event/no-event agreement (Cohen's kappa), and source/target agreement on matched
events (same span or both null).

``antecedents``: every dev and test row of the antecedent layer (361 null actors at stop 39,
456 since stop 40) annotated a second time from the guide and the document alone
(``agreement/antecedents_second.jsonl``):
agreement on whether a pronoun fills the role (Cohen's kappa), on which pronoun, and on whom it
names (a shared word of the two names, articles and titles aside). Run from the repository
root with PYTHONPATH=src.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import annotations as ann  # noqa: E402

AGREEMENT = ann.CORPUS / "agreement"
# name: (re-annotation file, seed, sample size, pool of sentence lines [first, last))
SAMPLES = {"self": (AGREEMENT / "reannotation.jsonl", 1414, 100, (0, 2000)),
           "cross": (AGREEMENT / "crossannotation.jsonl", 1415, 200, (6412, 8002)),
           "cross7": (AGREEMENT / "crossannotation7.jsonl", 1416, 200, (8002, 9609))}


def sample_sids(name: str = "self") -> list[str]:
    """A seeded random sample of the sample's pool of sentence ids (fixed as batches grow)."""
    _path, seed, size, (first, last) = SAMPLES[name]
    rows = ann.load_sentences(with_text=False)[first:last]
    sids = sorted(r["sid"] for r in rows)
    return sorted(random.Random(seed).sample(sids, min(size, len(sids))))


def overlap(a: list[int], b: list[int]) -> bool:
    """True when two [start, end) spans share a character."""
    return a[0] < b[1] and b[0] < a[1]


def match(gold: list[dict], other: list[dict]) -> list[tuple[dict, dict]]:
    """Greedy one-to-one pairs of events with overlapping triggers and the same type."""
    pairs, used = [], set()
    for g in gold:
        for j, o in enumerate(other):
            if j not in used and o["type"] == g["type"] and overlap(g["trigger"], o["trigger"]):
                pairs.append((g, o))
                used.add(j)
                break
    return pairs


def same_actor(a: dict | None, b: dict | None) -> bool:
    """Both null, or overlapping spans."""
    if a is None or b is None:
        return a is None and b is None
    return overlap(a["span"], b["span"])


def kappa(pairs: list[tuple[bool, bool]]) -> float:
    """Cohen's kappa for two binary annotations."""
    n = len(pairs)
    po = sum(a == b for a, b in pairs) / n
    pa, pb = sum(a for a, _ in pairs) / n, sum(b for _, b in pairs) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    return 1.0 if pe == 1 else (po - pe) / (1 - pe)


def score(name: str = "self") -> dict[str, float]:
    """Agreement figures of a sample's re-annotation against the corpus labels."""
    gold = ann.load_labels()
    redo = {}
    for line in SAMPLES[name][0].read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            redo[rec["sid"]] = rec["events"]
    n_gold = n_redo = n_match = actors_ok = 0
    flags = []
    for sid, events in redo.items():
        g = gold[sid]
        pairs = match(g, events)
        n_gold, n_redo, n_match = n_gold + len(g), n_redo + len(events), n_match + len(pairs)
        actors_ok += sum(same_actor(a.get("source"), b.get("source")) and
                         same_actor(a.get("target"), b.get("target")) for a, b in pairs)
        flags.append((bool(g), bool(events)))
    p = n_match / n_redo if n_redo else 0.0
    r = n_match / n_gold if n_gold else 0.0
    return {"sentences": len(redo), "events_corpus": n_gold, "events_reannotation": n_redo,
            "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "sentence_kappa": kappa(flags), "actors_agree": actors_ok / n_match if n_match else 0.0}


ANTECEDENTS_SECOND = AGREEMENT / "antecedents_second.jsonl"
NAME_STOP = frozenset({"the", "a", "an", "of", "and", "s", "mr", "mrs", "ms", "dr"})


def _name_words(name: str | None) -> set[str]:
    return set(re.findall(r"\w+", (name or "").lower())) - NAME_STOP


def antecedent_agreement() -> dict[str, float]:
    """Agreement of the antecedent layer's second pass with the layer (see module doc)."""
    layer = ann.load_antecedents()
    flags, same_span, names = [], 0, []
    for line in ANTECEDENTS_SECOND.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        b = json.loads(line)
        a = layer[(b["sid"], b["trigger"][0], b["trigger"][1], b["role"])]
        flags.append((a["pronoun"] is not None, b["pronoun"] is not None))
        if a["pronoun"] is None or b["pronoun"] is None:
            continue
        same_span += a["pronoun"]["span"] == b["pronoun"]["span"]
        first, second = [(r["antecedent"] or {}).get("text") for r in (a, b)]
        names.append(first is None and second is None
                     or bool(_name_words(first) & _name_words(second)))
    both = sum(x and y for x, y in flags)
    return {"roles": len(flags), "pronoun_first": sum(x for x, _ in flags),
            "pronoun_second": sum(y for _, y in flags), "pronoun_both": both,
            "pronoun_kappa": kappa(flags), "same_pronoun": same_span / both if both else 0.0,
            "same_antecedent": sum(names) / len(names) if names else 0.0}


def main() -> None:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cmd", choices=["sample", "score", "antecedents"])
    ap.add_argument("--set", default="self", choices=sorted(SAMPLES))
    args = ap.parse_args()
    if args.cmd == "sample":
        rows = {r["sid"]: r for r in ann.load_sentences()}
        for sid in sample_sids(args.set):
            print(json.dumps({"sid": sid, "text": rows[sid]["text"]}, ensure_ascii=False))
    else:
        got = antecedent_agreement() if args.cmd == "antecedents" else score(args.set)
        print(" ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}"
                       for k, v in got.items()))


if __name__ == "__main__":
    main()
