"""Pronoun actors of events: the learned antecedent against the rules, on the team corpus.

    PYTHONPATH=src .venv/bin/python benchmarks/pronoun_actors.py [dev] [test] [--show]

For every pronoun the corpus's antecedent layer marks as an event's source or target (a name
given in another sentence: ``data/annotations/events/antecedents.jsonl``, built into the splits
by ``scripts/annotations.py build``), runs the pipeline on the split's documents and resolves
the pronoun token twice: with the rules (``rule_pronoun_actor``) and as the events stage does
(``pronoun_actor``: the shipped antecedent model). Counts, by name alone (a shared word, or one
name the other's acronym; two Americans are not one person): right, wrong (another name), null;
and, for the few pronouns no reader could name, null_right. ``--show`` lists the differences.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter

from dateline.coref import Resolver
from dateline.events.actors import pronoun_actor, rule_pronoun_actor
from dateline.events.antecedenttrain import layer_pronouns
from dateline.events.evaluate import _actor_right, load_split, run_pipeline


def verdict(actor: object | None, name: str | None) -> str:
    """right / wrong / null / null_right for one resolved actor against the layer's name."""
    if actor is None:
        return "null" if name else "null_right"
    return "right" if name and _actor_right(actor, {"text": name}, None) else "wrong"


def score_split(split: str, show: bool = False) -> dict[str, Counter[str]]:
    """The rules' and the model's outcome counts over one split's named pronoun actors."""
    docs = load_split(split)
    counts: dict[str, Counter[str]] = {"rules": Counter(), "model": Counter()}
    for doc, art in zip(docs, run_pipeline(docs), strict=True):
        resolver = Resolver(art)
        for tok, layer in layer_pronouns(doc, art):
            rule = rule_pronoun_actor(tok, art, resolver)
            model = pronoun_actor(tok, art, resolver)
            got = {"rules": verdict(rule, layer.get("text")),
                   "model": verdict(model, layer.get("text"))}
            for key, value in got.items():
                counts[key][value] += 1
            if show and got["rules"] != got["model"]:
                print(f"{split} {tok.text!r} gold={layer.get('text')!r} "
                      f"rules={getattr(rule, 'text', None)!r} "
                      f"model={getattr(model, 'text', None)!r}", file=sys.stderr)
    return counts


def main() -> None:
    """Print the counts for each split asked for."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("splits", nargs="*", default=["dev"], choices=("train", "dev", "test"))
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    for split in args.splits:
        for key, c in score_split(split, args.show).items():
            n = sum(c.values())
            print(f"{split} {key}: pronouns={n} right={c['right']} wrong={c['wrong']} "
                  f"null={c['null']} null_right={c['null_right']} "
                  f"accuracy={(c['right'] + c['null_right']) / max(1, n):.3f}", flush=True)


if __name__ == "__main__":
    main()
