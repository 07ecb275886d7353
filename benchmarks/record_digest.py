"""A digest of the pipeline's records over a fixed set of documents: a speed-up that claims
identical output must leave it unchanged.

    .venv/bin/python benchmarks/record_digest.py [--shared ../shared] [--batch 32] [--out F]

The documents: the 90 bundled Wikinews demo articles, and, when ``--shared`` exists, the seed
page dump and the first 60 PolNeAR dev articles. Each record (without its run stamp) is
written as sorted-key JSON; the last line is ``records=N sha256=...``. Run it on two commits
(a ``git worktree`` for the older one) and compare the lines; ``--out`` keeps the records to
diff when they differ, and ``--batch`` checks that the batch size changes nothing.
"""
from __future__ import annotations

import argparse
import hashlib
import json
from importlib import resources
from pathlib import Path

from dateline.config import load_settings
from dateline.engines.pool import cached_pipeline
from dateline.model import RawDoc

SEED_PUBLISHED = "2017-12-12"
POLNEAR_DOCS = 60
VOLATILE = ("run", "stamp", "processed_at", "timings")


def documents(shared: Path) -> list[RawDoc]:
    """The fixed document set (see module doc)."""
    demo = resources.files("dateline.demo").joinpath("meantime_wikinews.jsonl")
    docs = [RawDoc(d["id"], "text", d["text"]) for d in map(json.loads, demo.read_text(
        encoding="utf-8").splitlines()) if d]
    seed = shared / "data" / "seed" / "putin-syria-withdrawal.txt"
    if seed.exists():
        docs.append(RawDoc("seed", "page_text", seed.read_text(encoding="utf-8"),
                           published=SEED_PUBLISHED))
        lines = (shared / "data" / "quotes" / "dev.jsonl").read_text(encoding="utf-8")
        for i, line in enumerate(lines.splitlines()[:POLNEAR_DOCS]):
            docs.append(RawDoc(f"q{i}", "text", json.loads(line)["text"]))
    return docs


def main(argv: list[str] | None = None) -> None:
    """Run the pipeline over the documents and print the records' digest."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    docs = documents(args.shared)
    pipeline = cached_pipeline(load_settings(), None)
    digest = hashlib.sha256()
    lines = []
    for i in range(0, len(docs), args.batch):
        for rec in pipeline.process_batch(docs[i:i + args.batch]):
            kept = {k: v for k, v in rec.items() if k not in VOLATILE}
            line = json.dumps(kept, sort_keys=True, default=str)
            digest.update(line.encode("utf-8") + b"\n")
            lines.append(line)
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"records={len(lines)} sha256={digest.hexdigest()}")


if __name__ == "__main__":
    main()
