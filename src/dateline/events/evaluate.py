"""Score the events stage on the team's annotated running-text corpus (issue 14).

``python -m dateline.events.evaluate dev`` runs the pipeline on the labelled sentences of one
split of ``data/annotations/events/build/`` (written by ``scripts/annotations.py build``), each
document's sentences put back at their offsets so that the stage sees its context, and matches
the emitted PLOVER events to the gold ones by trigger overlap (one to one, overlap first):

- precision: emitted PLOVER events that overlap a gold event of the same type / emitted;
- recall: gold events matched by an emitted event of their type / gold events;
- source / target right on the correct events: the emitted actor's text shares a token with
  the gold actor's text or one's capitalised words make the other's acronym ("United Auto
  Workers", "the UAW"), or its country is the gold country; a gold actor that is null is
  right only when the emitted one is null too. A null gold actor that the corpus's antecedent
  layer fills with a pronoun of a name given earlier ("he apologized": Mike Huckabee) is that
  name; ``source_sentence_right`` / ``target_sentence_right`` score the corpus's sentence-level
  convention alone, where such an actor is null (the figures before stop 38);
- of the correct events' actors that the antecedent layer names through a pronoun, how many
  came out right (by name, not by country), wrong (another name: the issue's '"he" resolved to
  the wrong person') or null;
- a confusion table gold type x emitted type (MISS: no emitted event on the trigger; NONE: an
  emitted event where the gold has none).
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.model import Article, Event
from dateline.vocab import PloverType

CORPUS_BUILD = Path(__file__).resolve().parents[3] / "data" / "annotations" / "events" / "build"
PLOVER_TYPES = tuple(t.value for t in PloverType if t is not PloverType.OTHER)  # table order
_WORD = re.compile(r"\w+")


@dataclass
class CorpusDoc:
    """One document's labelled sentences rebuilt as a text with doc-relative gold events."""

    id: str
    text: str
    sentences: list[tuple[int, int]] = field(default_factory=list)
    gold: list[dict[str, Any]] = field(default_factory=list)


def load_split(split: str, build: Path | None = None) -> list[CorpusDoc]:
    """The documents of one built split (train/dev/test), sentences at their source offsets."""
    path = (build or CORPUS_BUILD) / f"{split}.jsonl"
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        by_doc[rec["doc_id"]].append(rec)
    docs = []
    for doc_id, recs in by_doc.items():
        recs.sort(key=lambda r: r["start"])
        text, doc = "", CorpusDoc(doc_id, "")
        for r in recs:
            if r["start"] < len(text):
                continue  # overlapping sentence: never written by the sampler, skipped
            text += " " * (r["start"] - len(text)) + r["text"]
            doc.sentences.append((r["start"], r["start"] + len(r["text"])))
            for ev in r["events"]:
                doc.gold.append(_shift(ev, r["start"]))
        doc.text = text
        docs.append(doc)
    return docs


def _shift(ev: dict[str, Any], by: int) -> dict[str, Any]:
    out = dict(ev)
    out["trigger"] = (ev["trigger"][0] + by, ev["trigger"][1] + by)
    return out


def articles(docs: Iterable[CorpusDoc]) -> list[Article]:
    """Bare articles (id and text) for the pipeline."""
    return [Article(id=d.id, text=d.text) for d in docs]


def run_pipeline(docs: list[CorpusDoc], settings: Any = None) -> list[Article]:
    """Every available stage over the documents (nlp batched); the parse is kept."""
    from dateline.config import Settings
    from dateline.pipeline import available_stages, build_stage

    settings = settings or Settings()
    nlp = build_stage("nlp", settings)
    stages = [build_stage(n, settings) for n in available_stages() if n != "nlp"]
    out = []
    for art in nlp.pipe(articles(docs)):  # type: ignore[attr-defined]
        for stage in stages:
            art = stage(art)
        out.append(art)
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _actor_right(pred: Any, gold: dict | None, country: str | None) -> bool:
    if gold is None:
        return pred is None
    if pred is None:
        return False
    if country and pred.country == country:
        return True
    ours, theirs = set(_WORD.findall(pred.text.lower())), set(_WORD.findall(gold["text"].lower()))
    return bool(ours & theirs) or _initials(pred.text) in theirs or _initials(gold["text"]) in ours


def gold_actor(g: dict[str, Any], role: str, antecedents: bool = True
               ) -> tuple[dict[str, Any] | None, str | None]:
    """The gold actor of one role and its country: the annotated span, else (``antecedents``)
    the name the antecedent layer gives for a pronoun (None when it could not be named)."""
    ante = g.get(f"{role}_antecedent") if antecedents else None
    if g.get(role) is None and ante is not None and ante.get("text"):
        return {"text": ante["text"]}, ante.get("country")
    return g.get(role), g.get(f"{role}_country")


def _pronoun_outcome(ours: Any, gold: dict[str, Any] | None) -> str:
    """right / wrong / null: how an actor the corpus names only through a pronoun came out,
    judged by name alone (two Americans are not one person)."""
    return "null" if ours is None else "right" if _actor_right(ours, gold, None) else "wrong"


def _status_of(event: Event) -> str:
    """An emitted event's status as the corpus writes it ("occurred", "promised", ...)."""
    status = event.status
    return str(getattr(status, "value", status) or "occurred")


def _initials(text: str) -> str:
    """The acronym of a name of two or more capitalised words ("United Auto Workers" -> "uaw"),
    so that an actor written out and its acronym ("the UAW") are one actor."""
    caps = [w for w in _WORD.findall(text) if w[0].isupper()]
    return "".join(w[0] for w in caps).lower() if len(caps) >= 2 else "\0"


def match_doc(doc: CorpusDoc, events: list[Event]) -> Iterator[tuple[dict | None, Event | None]]:
    """(gold, emitted) pairs: overlapping triggers one to one, then the unmatched of each."""
    plover = [e for e in events if e.type in PLOVER_TYPES]
    pairs = []
    for gi, g in enumerate(doc.gold):
        for pi, e in enumerate(plover):
            ov = _overlap(g["trigger"], (e.trigger_start, e.trigger_end))
            if ov > 0:
                pairs.append((g["type"] == e.type, ov, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _same, _ov, gi, pi in sorted(pairs, reverse=True):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            yield doc.gold[gi], plover[pi]
    for gi, g in enumerate(doc.gold):
        if gi not in used_g:
            yield g, None
    for pi, e in enumerate(plover):
        if pi not in used_p:
            yield None, e


def score(docs: list[CorpusDoc], arts: list[Article], min_confidence: float = 0.0
          ) -> dict[str, Any]:
    """Precision, recall, actor accuracy and the confusion table over a split."""
    confusion: Counter[tuple[str, str]] = Counter()
    n_pred = n_gold = correct = status_ok = 0
    actors_ok: Counter[str] = Counter()
    pronouns: Counter[str] = Counter()  # actors the antecedent layer names through a pronoun
    for doc, art in zip(docs, arts, strict=True):
        kept = [e for e in art.events if (e.confidence or 0.0) >= min_confidence]
        for g, e in match_doc(doc, kept):
            n_gold += g is not None
            n_pred += e is not None
            confusion[(g["type"] if g else "NONE", e.type if e else "MISS")] += 1
            if g is not None and e is not None and g["type"] == e.type:
                correct += 1
                for role in ("source", "target"):
                    ours = getattr(e, role)
                    actors_ok[role] += _actor_right(ours, *gold_actor(g, role))
                    if g.get(role) is None and (g.get(f"{role}_antecedent") or {}).get("text"):
                        pronouns[_pronoun_outcome(ours, gold_actor(g, role)[0])] += 1
                    actors_ok[f"{role}_sentence"] += _actor_right(ours, *gold_actor(g, role,
                                                                                    False))
                status_ok += _status_of(e) == (g.get("status") or "occurred")
    p = correct / n_pred if n_pred else 0.0
    r = correct / n_gold if n_gold else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "emitted": n_pred, "gold": n_gold, "correct": correct,
            **{f"{k}_right": round(actors_ok[k] / correct, 3) if correct else 0.0
               for k in ("source", "target", "source_sentence", "target_sentence")},
            "status_right": round(status_ok / correct, 3) if correct else 0.0,
            "pronoun_actors": {k: pronouns[k] for k in ("right", "wrong", "null")},
            "confusion": {f"{g}>{e}": n for (g, e), n in sorted(confusion.items())}}


def actor_errors(docs: list[CorpusDoc], arts: list[Article]) -> Iterator[dict[str, Any]]:
    """One row per wrong source or target on a correct event: the sentence, the trigger, the
    gold and the emitted actor (the rows stop 29 and 30 grouped into classes on team train)."""
    for doc, art in zip(docs, arts, strict=True):
        for g, e in match_doc(doc, art.events):
            if g is None or e is None or g["type"] != e.type:
                continue
            sent = next((doc.text[a:b] for a, b in doc.sentences if a <= g["trigger"][0] < b), "")
            for role in ("source", "target"):
                (gold, country), ours = gold_actor(g, role), getattr(e, role)
                if _actor_right(ours, gold, country):
                    continue
                yield {"doc": doc.id, "type": g["type"], "role": role, "sentence": sent,
                       "trigger": doc.text[g["trigger"][0]:g["trigger"][1]],
                       "gold": (gold or {}).get("text"), "gold_country": country,
                       "emitted": ours.text if ours else None,
                       "emitted_country": ours.country if ours else None}


def main_events_only(art: Article) -> Article:
    """The article with each sentence's main PLOVER event only (OTHER events kept: they are
    never scored)."""
    kept = [e for e in art.events if e.main or e.type == PloverType.OTHER]
    return dataclasses.replace(art, events=kept)


def confusion_table(confusion: dict[str, int]) -> str:
    """The confusion counts as a text table, gold types as rows."""
    cells = {tuple(k.split(">")): n for k, n in confusion.items()}
    rows = sorted({g for g, _ in cells}, key=lambda t: (t == "NONE", t))
    cols = sorted({e for _, e in cells}, key=lambda t: (t == "MISS", t))
    head = "gold\\emitted".ljust(12) + "".join(c[:6].rjust(7) for c in cols)
    lines = [head]
    for g in rows:
        lines.append(g[:12].ljust(12) + "".join(
            (str(cells.get((g, c), "")) or ".").rjust(7) for c in cols))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Print the scores of the pipeline on one or more splits of the corpus."""
    from dateline.config import Settings
    from dateline.events.detector import load_detector

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("splits", nargs="+", choices=("train", "dev", "test"))
    ap.add_argument("--lexicon", action="store_true",
                    help="the stage's default: the lexicon decides, the model gives confidence")
    ap.add_argument("--min-confidence", type=float, default=None,
                    help="keep PLOVER events from this confidence (default: the model's "
                         "threshold; 0 with --lexicon)")
    ap.add_argument("--model-types", action="store_true",
                    help="the model's type for every candidate, not the lexicon's where it "
                         "codes one")
    ap.add_argument("--main-only", action="store_true",
                    help="score each sentence's main PLOVER event only (the stored `main`)")
    ap.add_argument("--sweep", action="store_true", help="also score at thresholds 0..0.9")
    ap.add_argument("--table", action="store_true", help="print the confusion table")
    ap.add_argument("--actor-errors", type=Path, default=None, metavar="FILE",
                    help="write the wrong sources and targets of correct events as JSONL")
    args = ap.parse_args(argv)
    det = load_detector()
    default = 0.0 if args.lexicon or det is None else det.threshold
    threshold = args.min_confidence if args.min_confidence is not None else default
    settings = Settings(min_confidence=None if args.lexicon else 0.0,
                        event_types="model" if args.model_types else "lexicon")
    for split in args.splits:
        docs = load_split(split)
        arts = run_pipeline(docs, settings)
        if args.main_only:
            arts = [main_events_only(art) for art in arts]
        grid = [round(0.1 * k, 1) for k in range(10)] if args.sweep else []
        for thr in grid:
            res = score(docs, arts, thr)
            res.pop("confusion")
            print(f"{split} min_confidence={thr}", json.dumps(res), flush=True)
        res = score(docs, arts, threshold)
        table = res.pop("confusion")
        print(f"{split} min_confidence={threshold}", json.dumps(res), flush=True)
        if args.table:
            print(confusion_table(table))
        if args.actor_errors is not None:
            rows = list(actor_errors(docs, arts))
            args.actor_errors.write_text("".join(json.dumps(r) + "\n" for r in rows),
                                         encoding="utf-8")
            print(f"{split}: {len(rows)} actor errors -> {args.actor_errors}")


if __name__ == "__main__":
    main()
