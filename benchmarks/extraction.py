"""Extraction benchmark: ours vs bare trafilatura on dev.jsonl, and ours on dumps.jsonl.

Run: .venv/bin/python benchmarks/extraction.py [--shared ../shared] [--per-doc DIR]
Prints the scorer's last line on dev (all 122 pages and the 92 real ones) for both
extractors, on dumps.jsonl for ours (alone, and as one batch with each dump given its page's
URL so ``extract_batch`` learns site chrome), pages/s/core, and the speed ratio ours/trafilatura.
``--per-doc DIR`` writes the scorer's per-document tables there (worst body F1 first).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dateline.config import Settings
from dateline.extract import extract_article, extract_batch
from dateline.model import RawDoc, error_record, to_record


def run_ours(docs: list[dict], settings: Settings) -> list[dict]:
    """Our extraction of every page or dump (an error record where it fails)."""
    out = []
    for d in docs:
        kind = "html" if "html" in d else "page_text"
        raw = RawDoc(id=d["id"], kind=kind, content=d[kind], url=d.get("url"))
        try:
            out.append(to_record(extract_article(raw, settings)))
        except Exception as err:  # noqa: BLE001 - a benchmark counts failures
            out.append(error_record(d["id"], getattr(err, "code", "error"), str(err)))
    return out


def run_trafilatura(docs: list[dict]) -> list[dict]:
    """Bare trafilatura, as the dataset README's reference run calls it."""
    from trafilatura import bare_extraction

    out = []
    for d in docs:
        r = bare_extraction(d["html"], url=d.get("url"), with_metadata=True)
        out.append({"id": d["id"], "title": r.title if r else None,
                    "published": r.date if r else None, "text": (r.text or "") if r else ""})
    return out


def score(shared: Path, docs: list[dict], preds: list[dict], per_doc: Path | None = None
          ) -> str:
    """The scorer's last line for these predictions against these gold documents."""
    tmp = Path(tempfile.mkdtemp())
    gold, pred = tmp / "gold.jsonl", tmp / "pred.jsonl"
    gold.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    pred.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    cmd = [sys.executable, str(shared / "eval" / "score_extraction.py"),
           "--gold", str(gold), "--pred", str(pred)]
    res = subprocess.run(cmd + (["--per-doc"] if per_doc else []),
                         capture_output=True, text=True, check=True)
    if per_doc:
        per_doc.write_text(res.stdout, encoding="utf-8")
    return res.stdout.strip().splitlines()[-1]


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def main() -> None:
    """Run both extractors, print scores (all, real-only, dumps), speeds and the ratio."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--per-doc", metavar="DIR", help="write per-document scorer tables here")
    args = ap.parse_args()
    shared = Path(args.shared)
    folder = shared / "data" / "extraction"
    docs, dumps = _load(folder / "dev.jsonl"), _load(folder / "dumps.jsonl")
    real = [d for d in docs if not d.get("synthetic")]
    out_dir = Path(args.per_doc) if args.per_doc else None
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    run_ours(docs[:3], Settings())  # warm up imports for both
    speeds = {}
    for name, fn in (("trafilatura", run_trafilatura), ("ours", lambda d: run_ours(
            d, Settings()))):
        t0 = time.process_time()
        preds = fn(docs)
        speeds[name] = len(docs) / max(time.process_time() - t0, 1e-9)
        by_id = {p["id"]: p for p in preds}
        for label, subset in (("dev", docs), ("dev-real", real)):
            table = out_dir / f"{name}-{label}.txt" if out_dir else None
            line = score(shared, subset, [by_id[d["id"]] for d in subset], table)
            print(f"{name:12s} {label:9s} {line}")
        print(f"{name:12s} pages/s/core={speeds[name]:.1f}")
    table = out_dir / "ours-dumps.txt" if out_dir else None
    print(f"{'ours':12s} {'dumps':9s} "
          f"{score(shared, dumps, run_ours(dumps, Settings()), table)}")
    urls = {d["id"]: d.get("url") for d in docs}  # dumps carry no URL; the page's own one
    raws = [RawDoc(id=d["id"], kind="page_text", content=d["page_text"], url=urls.get(d["id"]))
            for d in dumps]
    batch = [to_record(a) if not isinstance(a, Exception) else error_record(r.id, "error", str(a))
             for r, a in zip(raws, extract_batch(raws, Settings()), strict=True)]
    print(f"{'ours':12s} {'dumps-site':9s} {score(shared, dumps, batch)}  (one batch, site chrome)")
    print(f"speed ratio ours/trafilatura = {speeds['ours'] / speeds['trafilatura']:.2f}")


if __name__ == "__main__":
    main()
