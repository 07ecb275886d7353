"""Hand-off files for the annotators of a corpus extension, and the merge of their answers.

  events DIR [--parts N]       the unlabelled lines of sentences.jsonl as N task files
                               (whole documents each) and, per source, the last 160 labelled
                               train sentences with their labels for calibration
  merge-events DIR             labels_K.jsonl answers into labels/batch_NN.jsonl (every
                               unlabelled line must be answered once; checked like `check`)
  antecedents DIR [--parts N]  the antecedent layer's tasks for the sentences it does not
                               cover: every null source or target of a labelled event in a
                               sentence holding a personal pronoun, with the sentence, the
                               trigger, the other role's filler and the document around it
  merge-antecedents DIR        labels_K.jsonl answers appended to antecedents.jsonl

DIR holds texts that may not be shipped (PolNeAR): it must lie outside the repository. The
annotators read docs/annotation.md and the corpus README, never dateline's output (stop 40
used this for the seventh extension; earlier extensions had the same steps by hand).
Run from the repository root: PYTHONPATH=src python scripts/annotation_tasks.py ...
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import annotations as ann  # noqa: E402

CALIBRATION = 160  # labelled train sentences of a source shown before labelling
CONTEXT = (1500, 400)  # characters of the document before and after an antecedent task
# the personal pronouns of the antecedent layer's selection (stop 38's list: with it the
# selection gives the layer's rows exactly; uppercase "US" is the country)
PRONOUNS = re.compile(r"\b(he|him|his|himself|she|her|hers|herself|it|its|itself|they|them|"
                      r"their|theirs|themselves|i|me|my|mine|myself|we|us|our|ours|ourselves|"
                      r"you|your|yours)\b", re.I)


def _outside_repo(folder: str) -> Path:
    path = Path(folder).resolve()
    if path == ann.REPO or ann.REPO in path.parents:
        raise SystemExit(f"{path}: task files hold non-free text; use a folder outside the repo")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def split_by_document(rows: list[dict], parts: int) -> list[list[dict]]:
    """``rows`` in order, cut into at most ``parts`` runs of whole documents, each run closed
    once it holds its share of the rows."""
    share, out, cur = len(rows) / max(1, parts), [], []
    for r in rows:
        if cur and r["doc_id"] != cur[-1]["doc_id"] and len(cur) >= share \
                and len(out) < parts - 1:
            out.append(cur)
            cur = []
        cur.append(r)
    return out + ([cur] if cur else [])


def has_pronoun(text: str) -> bool:
    """Whether a sentence holds a personal pronoun of the layer's list."""
    return any(m.group(0) != "US" for m in PRONOUNS.finditer(text))


def null_roles(sents: list[dict], labels: dict[str, list[dict]]) -> list[tuple[dict, dict, str]]:
    """(sentence, event, role) for every null source or target the layer's selection takes."""
    return [(s, ev, role) for s in sents if has_pronoun(s["text"])
            for ev in labels.get(s["sid"], []) for role in ("source", "target")
            if ev.get(role) is None]


def cmd_events(args) -> None:
    """Task and calibration files for the unlabelled lines."""
    out, labels = _outside_repo(args.dir), ann.load_labels()
    sents = ann.load_sentences()
    todo = [{"sid": s["sid"], "doc_id": s["doc_id"], "source": s["source"], "text": s["text"]}
            for s in sents if s["sid"] not in labels]
    for k, part in enumerate(split_by_document(todo, args.parts), 1):
        _write(out / f"task_{k}.jsonl", [{key: r[key] for key in ("sid", "source", "text")}
                                         for r in part])
        print(f"task_{k}: {len(part)} sentences")
    for source in sorted({r["source"] for r in todo}):
        seen = [s for s in sents if s["source"] == source and s["split"] == "train"
                and s["sid"] in labels][-CALIBRATION:]
        _write(out / f"calibration_{source}.jsonl",
               [{"sid": s["sid"], "text": s["text"], "events": labels[s["sid"]]} for s in seen])


def cmd_merge_events(args) -> None:
    """Answers into batch files of 100 lines, after the lines already labelled."""
    labels, sents = ann.load_labels(), ann.load_sentences()
    text = {s["sid"]: s["text"] for s in sents}
    answers: dict[str, list[dict]] = {}
    for path in sorted(Path(args.dir).glob("labels_[0-9]*.jsonl")):
        for rec in _read(path):
            if rec["sid"] in answers or rec["sid"] in labels:
                raise SystemExit(f"{path.name}: {rec['sid']} answered twice or already labelled")
            errors = [e for ev in rec["events"] for e in ann.event_errors(ev, text[rec["sid"]])]
            if errors:
                raise SystemExit(f"{path.name}: {rec['sid']}: {errors[0]}")
            answers[rec["sid"]] = rec["events"]
    missing = [s["sid"] for s in sents if s["sid"] not in labels and s["sid"] not in answers]
    if missing:
        raise SystemExit(f"{len(missing)} unlabelled lines have no answer, e.g. {missing[0]}")
    if not answers:
        print("nothing to merge")
        return
    first = min(i for i, s in enumerate(sents) if s["sid"] in answers) // 100
    for b in range(first, (len(sents) + 99) // 100):
        rows = sents[b * 100:(b + 1) * 100]
        _write(ann.LABELS / f"batch_{b + 1:02d}.jsonl",
               [{"sid": s["sid"], "events": labels.get(s["sid"], answers.get(s["sid"]))}
                for s in rows])
    print(f"merged {len(answers)} sentences into batches {first + 1:02d}-{b + 1:02d}")


def cmd_antecedents(args) -> None:
    """Antecedent tasks for the null roles of sentences the layer does not cover yet."""
    out, labels = _outside_repo(args.dir), ann.load_labels()
    covered = {sid for sid, *_ in ann.load_antecedents()}
    sents = [s for s in ann.load_sentences() if s["sid"] not in covered]
    docs = {}
    for source in {s["source"] for s in sents}:
        docs.update(dict(ann.load_docs(source, ann.shared_dir())))
    tasks = []
    for s, ev, role in null_roles(sents, labels):
        other = ev.get("target" if role == "source" else "source")
        doc, (before, after) = docs[s["doc_id"]], CONTEXT
        tasks.append({"sid": s["sid"], "trigger": ev["trigger"], "role": role,
                      "trigger_text": s["text"][ev["trigger"][0]:ev["trigger"][1]],
                      "type": ev["type"], "other_role_filler": other["text"] if other else None,
                      "sentence": s["text"], "before": doc[max(0, s["start"] - before):s["start"]],
                      "after": doc[s["end"]:s["end"] + after]})
    n = max(1, args.parts)
    for k in range(n):
        part = tasks[k * len(tasks) // n:(k + 1) * len(tasks) // n]
        _write(out / f"task_{k + 1}.jsonl", part)
        print(f"task_{k + 1}: {len(part)} roles")


def cmd_merge_antecedents(args) -> None:
    """Answers appended to antecedents.jsonl (each task answered once, spans checked)."""
    rows = [r for p in sorted(Path(args.dir).glob("labels_[0-9]*.jsonl")) for r in _read(p)]
    keys = [(r["sid"], *r["trigger"], r["role"]) for r in rows]
    if len(set(keys)) != len(keys) or set(keys) & set(ann.load_antecedents()):
        raise SystemExit("a role is answered twice or is already in the layer")
    fields = ("sid", "trigger", "role", "pronoun", "antecedent")
    with ann.ANTECEDENTS.open("a", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps({k: r[k] for k in fields}, ensure_ascii=False) + "\n")
    problems = ann.antecedent_errors({s["sid"]: s for s in ann.load_sentences()},
                                     ann.load_labels())
    print("\n".join(problems) or f"appended {len(rows)} roles")


def main() -> None:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name, func, parts in (("events", cmd_events, 8), ("antecedents", cmd_antecedents, 4),
                              ("merge-events", cmd_merge_events, 0),
                              ("merge-antecedents", cmd_merge_antecedents, 0)):
        sp = sub.add_parser(name)
        sp.add_argument("dir")
        if parts:
            sp.add_argument("--parts", type=int, default=parts)
        sp.set_defaults(func=func)
    args = ap.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
