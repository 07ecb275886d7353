"""Linking accuracy: near-duplicates on generated variants, event clusters on the links dev set.

    .venv/bin/python benchmarks/links.py                # both
    .venv/bin/python benchmarks/links.py --dedup        # near-duplicate P/R on variants
    .venv/bin/python benchmarks/links.py --clusters [--events pipeline|standin] [--keep OUT]
                                                    [--topics]  # per-topic table too
                                                    [--gold ecbplus_dev.jsonl]
                                                    [--linker rules|learned]

``--events pipeline`` (default when ``dateline.stages.events`` exists) runs the real stages;
``standin`` replaces the events stage by one OTHER event per verb (action = its lemma, the
sentence as span) so the linker can be measured before the events stage lands;
``nouns`` adds to the stage's events one OTHER event per noun it did not take (a diagnostic:
what the linker would do if nominal events such as "bankruptcy" or "sales" were emitted).
``--gold ecbplus_dev.jsonl`` scores ECB+ dev instead of MEANTIME dev (a trigger P/R line
is printed too, over ECB+'s annotated sentences); ``--no-detector`` runs the events stage
without the learned mention detector (an A/B of ``dateline.link.mentions``).
None reads the ``gold`` member; only the scorer does.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GOLD = SHARED / "data" / "links" / "dev.jsonl"


def dev_inputs(path: Path = GOLD) -> list[dict]:
    """The dev documents without their gold member."""
    keep = ("id", "title", "url", "published", "text")
    with path.open(encoding="utf-8") as f:
        return [{k: d.get(k) for k in keep} for d in map(json.loads, f)]


def standin_records(docs: list[dict]) -> list[dict]:
    """dateline/1 records with one OTHER event per verb (a stand-in for the events stage)."""
    from dateline.config import Settings
    from dateline.model import Article, to_record
    from dateline.stages.nlp import NlpStage

    nlp = NlpStage(Settings())
    out = []
    for d in docs:
        art = nlp(Article(id=d["id"], text=d["text"], published=d["published"],
                          title=d.get("title"), url=d.get("url")))
        rec = to_record(art)
        rec["events"] = [_standin_event(i, t) for i, t in
                         enumerate(t for t in art.doc if t.pos_ == "VERB")]
        out.append(rec)
    return out


def _standin_event(i: int, tok) -> dict:
    sent = tok.sent
    return {"id": f"e{i}", "start": sent.start_char, "end": sent.end_char, "trigger": tok.text,
            "trigger_start": tok.idx, "trigger_end": tok.idx + len(tok.text), "type": "OTHER",
            "action": tok.lemma_.lower(), "status": "occurred", "disputed_by": [],
            "source": None, "target": None, "date": None, "date_inferred": True,
            "background": False, "place": None, "quantities": [], "cluster": None}


def pipeline_records(docs: list[dict]) -> list[dict]:
    """dateline/1 records from the real stages (all available), run in this process."""
    from dateline.config import Settings
    from dateline.model import Article, to_record
    from dateline.pipeline import available_stages, build_stage

    settings = Settings()
    stages = [build_stage(n, settings) for n in available_stages()]
    out = []
    for d in docs:
        art = Article(id=d["id"], text=d["text"], published=d["published"],
                      title=d.get("title"), url=d.get("url"))
        for stage in stages:
            art = stage(art)
        out.append(to_record(art))
    return out


def with_nouns(records: list[dict]) -> list[dict]:
    """The records with one extra OTHER event per noun that is not already a trigger."""
    from dateline.config import Settings
    from dateline.model import Article
    from dateline.stages.nlp import NlpStage

    nlp = NlpStage(Settings())
    for rec in records:
        art = nlp(Article(id=rec["id"], text=rec["text"], published=rec.get("published")))
        taken = {e.get("trigger_start") for e in rec.get("events") or []}
        extra = [t for t in art.doc if t.pos_ == "NOUN" and t.idx not in taken]
        rec["events"] = list(rec.get("events") or []) + [
            _standin_event(i, t) | {"id": f"n{i}"} for i, t in enumerate(extra)]
    return records


def link_and_export(records: list[dict], out: Path) -> dict:
    """Store the records in a fresh database, relink, and export dateline/1 lines."""
    from dateline.link import relink
    from dateline.store.db import Store
    from dateline.store.export import export_jsonl

    with Store(":memory:") as store:
        run = store.start_run({"stages": ["bench"]})
        store.write(records, run)
        t0 = time.perf_counter()
        counts = relink(store)
        counts["relink_s"] = round(time.perf_counter() - t0, 3)
        with out.open("w", encoding="utf-8") as f:
            export_jsonl(store, f)
    return counts


def score(pred: Path, table: bool = False, gold: Path = GOLD) -> str:
    """The scorer's last line for a prediction file (with its per-topic table if asked)."""
    res = subprocess.run([sys.executable, str(SHARED / "eval" / "score_links.py"), "--gold",
                          str(gold), "--pred", str(pred)], capture_output=True, text=True,
                         check=True)
    lines = res.stdout.strip().splitlines()
    if not table:
        return lines[-1]
    start = next((i for i, ln in enumerate(lines) if ln.startswith("topic")), len(lines) - 1)
    return "\n".join(lines[start:])


def bench_clusters(mode: str, keep: Path | None, topics: bool = False, gold: Path = GOLD,
                   linkers: tuple[str, ...] = ("rules",)) -> None:
    """Print the scorer line for each linker over one way of getting events."""
    from dateline.link import assign

    docs = dev_inputs(gold)
    t0 = time.perf_counter()
    records = standin_records(docs) if mode == "standin" else pipeline_records(docs)
    if mode == "nouns":
        records = with_nouns(records)
    n_ev = sum(len(r.get("events") or []) for r in records)
    for linker in linkers:
        assign.LINKER = linker
        with tempfile.TemporaryDirectory() as tmp:
            out = keep or Path(tmp) / "pred.jsonl"
            counts = link_and_export(records, out)
            print(f"clusters [{mode}, {linker}] {gold.name}: {len(records)} docs, {n_ev} "
                  f"events, {time.perf_counter() - t0:.1f}s, relink {counts}")
            print(trigger_prf(records, gold))
            print(score(out, topics, gold))


def trigger_prf(records: list[dict], gold: Path) -> str:
    """Event triggers vs gold mentions in the annotated sentences (ECB+ ``gold.annotated``;
    the whole text elsewhere): precision, recall, F1, and the same for OTHER rows only."""
    golds = {d["id"]: d["gold"] for d in map(json.loads, gold.open(encoding="utf-8"))}
    out = []
    for label, keep in (("all", lambda e: True), ("OTHER", lambda e: e.get("type") == "OTHER")):
        n_pred = tp_p = tp_r = n_gold = 0
        for rec in records:
            g = golds[rec["id"]]
            ann = g.get("annotated") or [[0, len(rec["text"])]]
            trig = [(e["trigger_start"], e["trigger_end"]) for e in rec.get("events") or []
                    if keep(e) and any(a <= e["trigger_start"] < b for a, b in ann)]
            spans = [(m["start"], m["end"]) for m in g["events"]]
            n_pred += len(trig)
            tp_p += sum(any(s < e1 and s1 < e for s, e in spans) for s1, e1 in trig)
            n_gold += len(spans)
            tp_r += sum(any(s < e1 and s1 < e for s1, e1 in trig) for s, e in spans)
        p, r = tp_p / max(1, n_pred), tp_r / max(1, n_gold)
        out.append(f"mentions[{label}]: triggers={n_pred} precision={p:.3f} recall={r:.3f} "
                   f"f1={2 * p * r / max(1e-9, p + r):.3f}")
    return "\n".join(out)


def bench_dedup() -> None:
    """Print near-duplicate P/R/F1 on generated variants of the dev texts."""
    from dateline.link.variants import measure

    texts = {d["id"]: d["text"] for d in dev_inputs()}
    t0 = time.perf_counter()
    m = measure(texts)
    print(f"dedup: variants of {len(texts)} docs, {m['pairs_gold']} positive pairs, "
          f"{m['negatives']} negative pairs: precision={m['precision']:.3f} "
          f"recall={m['recall']:.3f} f1={m['f1']:.3f} ({time.perf_counter() - t0:.1f}s)")


def main() -> None:
    """Command-line entry."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dedup", action="store_true")
    ap.add_argument("--clusters", action="store_true")
    has_events = importlib.util.find_spec("dateline.stages.events") is not None
    ap.add_argument("--events", choices=("pipeline", "standin", "nouns"),
                    default="pipeline" if has_events else "standin")
    ap.add_argument("--keep", type=Path, help="keep the exported prediction here")
    ap.add_argument("--topics", action="store_true", help="print the per-topic table too")
    ap.add_argument("--no-detector", action="store_true",
                    help="events stage without the learned mention detector (A/B)")
    ap.add_argument("--gold", type=Path, default=GOLD,
                    help="gold links file (a name in ../shared/data/links or a path)")
    ap.add_argument("--linker", choices=("rules", "learned"), action="append",
                    help="the linker(s) to score (default: rules)")
    args = ap.parse_args()
    gold = args.gold if args.gold.exists() else GOLD.parent / args.gold
    if args.no_detector:
        import dateline.stages.events as events_stage

        events_stage.shipped_detector = lambda: None  # type: ignore[assignment]
    both = not (args.dedup or args.clusters)
    if args.dedup or both:
        bench_dedup()
    if args.clusters or both:
        bench_clusters(args.events, args.keep, args.topics, gold,
                       tuple(args.linker or ["rules"]))


if __name__ == "__main__":
    main()
