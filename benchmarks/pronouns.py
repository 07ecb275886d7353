"""He/she antecedents against the hand gold of PolNeAR dev pronouns.

    PYTHONPATH=src .venv/bin/python benchmarks/pronouns.py [--shared ../shared]
        [--gold data/annotations/pronouns/dev.jsonl] [--show] [--rules]

Runs the stages up to the entities (``nlp``, ``entities``) on the gold's articles (their
text only), resolves each gold pronoun span with ``dateline.coref.Resolver.resolve`` and
counts: right (the resolved canonical name and the gold name share the gold's last name,
case-insensitive, or the resolved last name is a word of the gold name: "Ban Ki-moon" /
"Mr. Ban"), wrong (another name), null (unresolved). ``--show`` lists every wrong and null.
Since stop 38 ``resolve`` gives a personal pronoun the learned antecedent
(``dateline.events.antecedents``, trained on the team event corpus's antecedent layer, never on
these pronouns); ``--rules`` scores ``Resolver.rule_resolve``, the rules it replaced.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from dateline.config import Settings
from dateline.coref import Resolver, surname_key
from dateline.model import Article
from dateline.pipeline import build_stage

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("nlp", "entities")


def verdict(got: str | None, gold: str | None) -> str:
    """right / wrong / null for one resolved name against the gold name."""
    if not got:
        return "null"
    if gold is None:
        return "wrong"
    words = {w.lower() for w in got.replace("\u2019s", "").split()}
    gold_words = {w.lower() for w in gold.split()}
    if surname_key(gold) in words or surname_key(got) in gold_words:
        return "right"
    return "wrong"


def main() -> None:
    """Score every gold pronoun and print the counts."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--gold", type=Path, default=ROOT / "data/annotations/pronouns/dev.jsonl")
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--rules", action="store_true", help="the rules, not the learned model")
    args = ap.parse_args()
    gold = [json.loads(line) for line in args.gold.open(encoding="utf-8")]
    want = {g["doc"] for g in gold}
    texts = {}
    for line in (args.shared / "data/quotes/dev.jsonl").open(encoding="utf-8"):
        doc = json.loads(line)
        if doc["id"] in want:
            texts[doc["id"]] = doc["text"]
    stages = [build_stage(name, Settings()) for name in STAGES]
    counts: Counter[str] = Counter()
    by_pronoun: Counter[tuple[str, str]] = Counter()
    resolvers: dict[str, Resolver] = {}
    for g in gold:
        if g["doc"] not in resolvers:
            art = Article(id=g["doc"], text=texts[g["doc"]])
            for stage in stages:
                art = stage(art)
            resolvers[g["doc"]] = Resolver(art)
        res = resolvers[g["doc"]]
        hit = (res.rule_resolve if args.rules else res.resolve)(g["start"], g["end"])
        got = hit[0] if hit else None
        v = verdict(got, g["antecedent"])
        counts[v] += 1
        by_pronoun[(g["pronoun"].lower(), v)] += 1
        if args.show and v != "right":
            print(f"{v:5} {g['doc'][8:48]:40} {g['start']:6} {g['pronoun']:4} "
                  f"gold={g['antecedent']!r} got={got!r}", file=sys.stderr)
    n = len(gold)
    print(f"pronouns {n}: right {counts['right']} ({counts['right'] / n:.3f}), "
          f"wrong {counts['wrong']}, null {counts['null']}")
    for p in ("he", "she"):
        print(f"  {p}: right {by_pronoun[(p, 'right')]}, wrong {by_pronoun[(p, 'wrong')]}, "
              f"null {by_pronoun[(p, 'null')]}")


if __name__ == "__main__":
    main()
