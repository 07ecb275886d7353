"""The annotated running-text PLOVER event corpus (issue 14): sample, check, build.

  sample  draw sentences as they come from news in ../shared, split by document, write
          data/annotations/events/sentences.jsonl (text only for freely licensed sources);
          sample --extend N [--source polnear] appends about N more sentences of one source
          (same shuffled document order, continued past the documents already drawn)
  check   validate every labels/batch_NN.jsonl against the guide's vocabulary
  stats   labelled sentences and events per split and source
  build   join sentences (texts rebuilt from ../shared) and labels into train/dev/test jsonl

Run from the repository root: PYTHONPATH=src python scripts/annotations.py sample|check|build
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "data" / "annotations" / "events"
SENTENCES = CORPUS / "sentences.jsonl"
LABELS = CORPUS / "labels"
ANTECEDENTS = CORPUS / "antecedents.jsonl"  # null actors that are pronouns of earlier names
BUILD = CORPUS / "build"          # git-ignored: holds non-free text
SEED = 14
MAX_SENTS_PER_DOC = 12
SPLIT_SHARES = (("train", 0.70), ("dev", 0.15), ("test", 0.15))

TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
MODES = {
    "CONSULT": {"visit", "third-party", "phone"},
    "RETREAT": {"release", "return", "withdraw", "access", "ease", "disarm", "ceasefire"},
    "REQUEST": {"assist", "change", "meet", "yield"},
    "REJECT": {"assist", "change", "meet", "yield"},
    "ACCUSE": {"disapprove", "allege", "investigate"},
    "THREATEN": {"ban", "expel", "political", "relations", "restrict", "territory", "violence"},
    "PROTEST": {"demo", "riot", "hunger", "boycott", "obstruct"},
    "SANCTION": {"discontinue", "expel", "withdraw"},
    "MOBILIZE": {"troops", "police"},
    "COERCE": {"arrest", "ban", "curfew", "deport", "martial-law", "restrict", "seize"},
    "ASSAULT": {"abduct", "assassinate", "beat", "cleansing", "explosives", "firearms",
                "heavy-weapons", "massacre", "seize", "sexual", "suicide-attack", "torture",
                "unconventional"},
}
STATUSES = {"occurred", "ongoing", "announced", "ordered", "promised", "threatened", "denied",
            "hypothetical", "claimed", "disputed"}
SECTORS = set("GOV JUD LEG MIL COP OPP PTY REB PRM SPY UAF CVL ELI BUS EDU MED LAB AGR JRN REF "
              "REL SOC CRM IGO NGO".split())

# source name -> (file under ../shared/data, id prefix, licence, text may be shipped)
SOURCES = {
    "polnear": ("quotes/train.jsonl", "polnear-",
                "no licence stated; texts belong to publishers", False),
    "ecbplus": ("links/ecbplus_train.jsonl", "ecbplus-", "CC BY 3.0 (ECB+ 1.0)", True),
    "meantime": ("links/dev.jsonl", "meantime-", "CC BY 4.0 (MEANTIME; English Wikinews)", True),
    "extraction": ("extraction/dev.jsonl", "", "pages belong to their publishers", False),
}
QUOTA = {"polnear": 1300, "ecbplus": 600, "meantime": 300, "extraction": 300}


def shared_dir() -> Path:
    """../shared (DATELINE_SHARED, the repo's sibling, or /work/shared)."""
    for cand in (os.environ.get("DATELINE_SHARED"), REPO.parent / "shared", "/work/shared"):
        if cand and (Path(cand) / "data").is_dir():
            return Path(cand)
    raise SystemExit("../shared/data not found; set DATELINE_SHARED")


def doc_text(record: dict) -> str:
    """The running text of one source record (extraction pages: the gold body)."""
    if "text" in record:
        return record["text"]
    gold = record["gold"]
    return gold.get("body") or ""


def load_docs(source: str, shared: Path) -> list[tuple[str, str]]:
    """(doc id, text) for every document of one source, in file order."""
    path, prefix, _, _ = SOURCES[source]
    out = []
    with open(shared / "data" / path, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["id"].startswith(prefix):
                out.append((rec["id"], doc_text(rec)))
    return out


def sha1(text: str) -> str:
    """Hex SHA-1 of a sentence, to check a rebuilt text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def doc_split(doc_id: str) -> str:
    """train/dev/test for a document, from a seeded hash of its id (70/15/15)."""
    h = int(hashlib.sha256(f"{SEED}:{doc_id}".encode()).hexdigest(), 16) % 10_000 / 10_000
    acc = 0.0
    for name, share in SPLIT_SHARES:
        acc += share
        if h < acc:
            return name
    return SPLIT_SHARES[-1][0]


def sentence_spans(nlp, text: str) -> list[tuple[int, int]]:
    """Character spans of the non-blank sentences spaCy finds, whitespace trimmed."""
    spans = []
    for sent in nlp(text).sents:
        s, e = sent.start_char, sent.end_char
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s >= 3:
            spans.append((s, e))
    return spans


def doc_rows(nlp, source: str, doc_id: str, text: str) -> list[dict]:
    """The sample rows of one document: its first MAX_SENTS_PER_DOC spaCy sentences."""
    rows = []
    for i, (s, e) in enumerate(sentence_spans(nlp, text)[:MAX_SENTS_PER_DOC]):
        row = {"sid": f"{doc_id}#{i}", "doc_id": doc_id, "source": source,
               "split": doc_split(doc_id), "start": s, "end": e, "sha1": sha1(text[s:e])}
        if SOURCES[source][3]:
            row["text"] = text[s:e]
        rows.append(row)
    return rows


def shuffled_docs(source: str, shared: Path) -> list[tuple[str, str]]:
    """One source's documents in the order `sample` drew them (the seeded shuffles replayed)."""
    rng = random.Random(SEED)
    for name in QUOTA:
        docs = load_docs(name, shared)
        rng.shuffle(docs)
        if name == source:
            return docs
    raise SystemExit(f"unknown source {source!r}")


def cmd_sample(args) -> None:
    """Draw whole documents at random per source, keep their first sentences in order."""
    from dateline.stages.nlp import load_model, model_name

    if args.extend:
        return extend_sample(args.extend, args.source)
    nlp = load_model(model_name())
    shared = shared_dir()
    rng = random.Random(SEED)
    rows_by_doc = []
    for source, quota in QUOTA.items():
        docs = load_docs(source, shared)
        rng.shuffle(docs)
        n = 0
        for doc_id, text in docs:
            if n >= quota:
                break
            rows = doc_rows(nlp, source, doc_id, text)
            n += len(rows)
            rows_by_doc.append(rows)
    rng.shuffle(rows_by_doc)  # batches mix sources; sentences stay in document order
    CORPUS.mkdir(parents=True, exist_ok=True)
    with open(SENTENCES, "w", encoding="utf-8") as fh:
        for rows in rows_by_doc:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {sum(map(len, rows_by_doc))} sentences from {len(rows_by_doc)} documents")


def extend_sample(n_new: int, source: str) -> None:
    """Append about n_new sentences of `source` to sentences.jsonl, never changing a line.

    The source's documents are taken in the same seeded shuffled order `sample` used, from the
    first one past the documents already in sentences.jsonl, whole documents (their first
    MAX_SENTS_PER_DOC sentences, same splitter and row format) until n_new sentences are drawn.
    Deterministic: the same file and data give the same rows; a second run continues further.
    """
    from dateline.stages.nlp import load_model, model_name

    existing = load_sentences(with_text=False)
    drawn = {r["doc_id"] for r in existing if r["source"] == source}
    docs = shuffled_docs(source, shared_dir())
    order = [doc_id for doc_id, _ in docs]
    last = max((order.index(d) for d in drawn), default=-1)
    nlp = load_model(model_name())
    # the drawn documents must be the head of the shuffled order (a skipped one had no sentence)
    skipped = [d for d in order[:last + 1] if d not in drawn]
    for doc_id, text in docs[:last + 1]:
        if doc_id in skipped and doc_rows(nlp, source, doc_id, text):
            raise SystemExit(f"{doc_id} precedes drawn documents but is not in the sample")
    new_rows, n_docs, pos = [], 0, last
    for doc_id, text in docs[last + 1:]:
        if len(new_rows) >= n_new:
            break
        rows = doc_rows(nlp, source, doc_id, text)
        new_rows += rows
        n_docs += bool(rows)
        pos += 1
    with open(SENTENCES, "a", encoding="utf-8") as fh:
        for row in new_rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"appended {len(new_rows)} {source} sentences from {n_docs} documents "
          f"(shuffled positions {last + 2}-{pos + 1} of {len(order)}); "
          f"{len(existing) + len(new_rows)} sentences in all")


def load_sentences(with_text: bool = True) -> list[dict]:
    """sentences.jsonl, with non-free texts rebuilt from ../shared and hash-checked."""
    rows = [json.loads(line) for line in SENTENCES.read_text(encoding="utf-8").splitlines()
            if line]
    if with_text and any("text" not in r for r in rows):
        shared = shared_dir()
        texts = {}
        for source in {r["source"] for r in rows if "text" not in r}:
            texts.update(dict(load_docs(source, shared)))
        for r in rows:
            if "text" not in r:
                r["text"] = texts[r["doc_id"]][r["start"]:r["end"]]
            if sha1(r["text"]) != r["sha1"]:
                raise SystemExit(f"{r['sid']}: rebuilt text does not match its hash")
    return rows


def load_labels() -> dict[str, list[dict]]:
    """sid -> events, over every labels/batch_NN.jsonl (a later batch may not relabel)."""
    out: dict[str, list[dict]] = {}
    for path in sorted(LABELS.glob("batch_*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            if rec["sid"] in out:
                raise ValueError(f"{path.name}:{n}: {rec['sid']} labelled twice")
            out[rec["sid"]] = rec["events"]
    return out


def load_antecedents() -> dict[tuple[str, int, int, str], dict]:
    """(sid, trigger start, trigger end, role) -> the antecedent layer's row for that null
    actor: the pronoun that fills it ({"span", "text"} or null) and its antecedent."""
    out = {}
    for line in ANTECEDENTS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            out[(r["sid"], r["trigger"][0], r["trigger"][1], r["role"])] = r
    return out


def with_antecedents(sid: str, events: list[dict], layer: dict) -> list[dict]:
    """The events with ``source_antecedent`` / ``target_antecedent`` ({"pronoun": span, "text",
    "country", "sector"}) where the layer names the pronoun of a null actor."""
    out = []
    for ev in events:
        ev = dict(ev)
        for role in ("source", "target"):
            row = layer.get((sid, ev["trigger"][0], ev["trigger"][1], role))
            if row is not None and row["pronoun"] is not None:
                ev[f"{role}_antecedent"] = {"pronoun": row["pronoun"]["span"],
                                            **(row["antecedent"] or {"text": None})}
        out.append(ev)
    return out


def antecedent_errors(sents: dict, labels: dict) -> list[str]:
    """What is wrong with the antecedent layer: rows whose event or null actor is not in the
    labels, or whose pronoun span does not hold its text."""
    errs = []
    for (sid, t0, t1, role), row in load_antecedents().items():
        ev = next((e for e in labels.get(sid, []) if e["trigger"] == [t0, t1]), None)
        if ev is None or role not in ("source", "target") or ev.get(role) is not None:
            errs.append(f"{sid}: antecedent row for no null {role} at {t0}-{t1}")
            continue
        p = row["pronoun"]
        if p is not None and sents[sid]["text"][p["span"][0]:p["span"][1]] != p["text"]:
            errs.append(f"{sid}: pronoun {p['text']!r} != its span text")
        a = row["antecedent"]
        if a is not None and a.get("sector") is not None and a["sector"] not in SECTORS:
            errs.append(f"{sid}: antecedent sector {a['sector']!r}")
    return errs


def event_errors(ev: dict, text: str) -> list[str]:
    """What is wrong with one event against its sentence (empty list = valid)."""
    errs = []
    def span_ok(span):
        return (isinstance(span, list) and len(span) == 2 and 0 <= span[0] < span[1] <= len(text))
    if not span_ok(ev.get("trigger")):
        errs.append(f"trigger span {ev.get('trigger')} outside the sentence")
    if ev.get("type") not in TYPES:
        errs.append(f"type {ev.get('type')!r}")
    mode = ev.get("mode")
    if mode is not None and mode not in MODES.get(ev.get("type"), set()):
        errs.append(f"mode {mode!r} for {ev.get('type')}")
    if ev.get("status") not in STATUSES:
        errs.append(f"status {ev.get('status')!r}")
    for role in ("source", "target"):
        actor = ev.get(role)
        if actor is not None:
            if not span_ok(actor.get("span")):
                errs.append(f"{role} span outside the sentence")
            elif text[actor["span"][0]:actor["span"][1]] != actor.get("text"):
                errs.append(f"{role} text {actor.get('text')!r} != span text")
        country, sector = ev.get(f"{role}_country"), ev.get(f"{role}_sector")
        if country is not None and not (isinstance(country, str) and len(country) == 3
                                        and country.isalpha() and country.isupper()):
            errs.append(f"{role}_country {country!r} is not ISO3")
        if sector is not None and sector not in SECTORS:
            errs.append(f"{role}_sector {sector!r}")
    return errs


def check() -> list[str]:
    """Every label problem in the corpus, as 'sid: message' lines."""
    sents = {r["sid"]: r for r in load_sentences()}
    labels = load_labels()
    problems = antecedent_errors(sents, labels)
    for sid, events in labels.items():
        if sid not in sents:
            problems.append(f"{sid}: not in sentences.jsonl")
            continue
        for ev in events:
            problems += [f"{sid}: {e}" for e in event_errors(ev, sents[sid]["text"])]
    return problems


def cmd_check(args) -> None:
    """Print label problems; exit 1 when there is any."""
    problems = check()
    print("\n".join(problems) or f"ok: {len(load_labels())} labelled sentences")
    sys.exit(1 if problems else 0)


def cmd_build(args) -> None:
    """Write build/{train,dev,test}.jsonl: labelled sentences with text and events."""
    labels, layer = load_labels(), load_antecedents()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    handles = {name: open(out / f"{name}.jsonl", "w", encoding="utf-8") for name, _ in SPLIT_SHARES}
    counts = {name: [0, 0] for name in handles}
    for r in load_sentences():
        if r["sid"] in labels:
            rec = {k: r[k] for k in ("sid", "doc_id", "source", "split", "start", "end", "text")}
            rec["events"] = with_antecedents(r["sid"], labels[r["sid"]], layer)
            handles[r["split"]].write(json.dumps(rec, ensure_ascii=False) + "\n")
            counts[r["split"]][0] += 1
            counts[r["split"]][1] += len(rec["events"])
    for h in handles.values():
        h.close()
    for name, (ns, ne) in counts.items():
        print(f"{name}: {ns} sentences, {ne} events")


def cmd_stats(args) -> None:
    """Print labelled sentences and events per split and per source (markdown table)."""
    rows = {r["sid"]: r for r in load_sentences(with_text=False)}
    labels = load_labels()
    table: dict[tuple[str, str], list[int]] = {}
    for sid, events in labels.items():
        r = rows[sid]
        for key in ((r["split"], r["source"]), (r["split"], "all"), ("all", r["source"]),
                    ("all", "all")):
            cell = table.setdefault(key, [0, 0, 0])
            cell[0] += 1
            cell[1] += bool(events)
            cell[2] += len(events)
    print("| split | source | sentences | with event | events |\n|---|---|---|---|---|")
    for (split, source), (ns, nw, ne) in sorted(table.items()):
        print(f"| {split} | {source} | {ns} | {nw} | {ne} |")


def main() -> None:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sp = sub.add_parser("sample", help="draw the sample; --extend N appends to it")
    sp.add_argument("--extend", type=int, default=0, metavar="N",
                    help="append about N sentences of --source past the documents drawn")
    sp.add_argument("--source", default="polnear", choices=sorted(SOURCES))
    sp.set_defaults(func=cmd_sample)
    sub.add_parser("check").set_defaults(func=cmd_check)
    sub.add_parser("stats").set_defaults(func=cmd_stats)
    b = sub.add_parser("build")
    b.add_argument("--out", default=str(BUILD))
    b.set_defaults(func=cmd_build)
    args = ap.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
