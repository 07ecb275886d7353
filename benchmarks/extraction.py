"""Extraction benchmark: ours vs bare trafilatura on dev.jsonl, scored with the shared scorer.

Run: .venv/bin/python benchmarks/extraction.py [--shared ../shared] [--real-only]
Prints the scorer's last line for each and pages/s/core, and the speed ratio ours/trafilatura.
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
from dateline.extract import extract_article
from dateline.model import RawDoc, error_record, to_record


def run_ours(docs: list[dict], settings: Settings) -> list[dict]:
    """Our extraction of every page (an error record where it fails)."""
    out = []
    for d in docs:
        raw = RawDoc(id=d["id"], kind="html", content=d["html"], url=d.get("url"))
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


def score(shared: Path, gold: Path, preds: list[dict]) -> str:
    """The scorer's last line for these predictions."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        fh.writelines(json.dumps(p) + "\n" for p in preds)
    res = subprocess.run([sys.executable, str(shared / "eval" / "score_extraction.py"),
                          "--gold", str(gold), "--pred", fh.name],
                         capture_output=True, text=True, check=True)
    return res.stdout.strip().splitlines()[-1]


def main() -> None:
    """Run both extractors, print scores, speeds and the ratio."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--real-only", action="store_true")
    args = ap.parse_args()
    shared = Path(args.shared)
    gold = shared / "data" / "extraction" / "dev.jsonl"
    docs = [json.loads(line) for line in gold.open(encoding="utf-8")]
    if args.real_only:
        docs = [d for d in docs if not d.get("synthetic")]
        gold = Path(tempfile.mkstemp(suffix=".jsonl")[1])
        gold.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    run_ours(docs[:3], Settings())  # warm up imports for both
    speeds = {}
    for name, fn in (("trafilatura", run_trafilatura), ("ours", lambda d: run_ours(
            d, Settings()))):
        t0 = time.process_time()
        preds = fn(docs)
        speeds[name] = len(docs) / max(time.process_time() - t0, 1e-9)
        print(f"{name:12s} {score(shared, gold, preds)}  pages/s/core={speeds[name]:.1f}")
    print(f"speed ratio ours/trafilatura = {speeds['ours'] / speeds['trafilatura']:.2f}")


if __name__ == "__main__":
    main()
