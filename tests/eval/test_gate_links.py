"""Eval gate for cross-document linking: dev links set -> store -> relink -> export -> scorer.

Events come from the events stage when it is installed, else from a stand-in (one OTHER event
per verb, ``benchmarks/links.py --events standin``) so that the linker itself stays gated.
Floors sit a little below the scores measured with ``benchmarks/links.py --clusters``.
"""
from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.link import assign, relink
from dateline.link.variants import measure
from dateline.store.db import Store
from dateline.store.export import export_jsonl

HAS_EVENTS = importlib.util.find_spec("dateline.stages.events") is not None
# Measured 2026-11-28 with benchmarks/links.py --clusters --events standin:
# conll 0.583, xd_f1 0.051, xd_mention_recall 0.439, mention_recall 0.748 (same-document
# merging, tuned for typed events, chains untyped verbs; this path only runs in a checkout
# without the events stage).
STANDIN_FLOORS = {"conll_f1": 0.55, "xd_f1": 0.03, "xd_mention_recall": 0.40,
                  "mention_recall": 0.70}
# Measured with benchmarks/links.py --clusters --events pipeline (second linking pass: date
# intervals, names, masked numbers, sentence dates, NEAR 0.3 / FAR 0.5; events stage with
# nominal events): conll 0.659, xd_f1 0.463 (P 0.54, R 0.41), xd_mention_recall 0.818,
# mention_recall 0.792. First pass: conll 0.624, xd_f1 0.252, xd_mention_recall 0.697.
# Relinking touched blocks from scratch (incremental = full: IDF over the sentences of the
# block's documents, not of every loaded mention), 2026-12-05: conll 0.654, xd_f1 0.417,
# xd_mention_recall 0.818, mention_recall 0.792.
PIPELINE_FLOORS = {"conll_f1": 0.63, "xd_f1": 0.40, "xd_mention_recall": 0.76,
                   "mention_recall": 0.75}
# The learned linker (the default, trained on ECB+, nothing fitted to MEANTIME), same
# records, 2026-12-06 (pair model with the reporting-verb and sentence-number features, cut
# 0.4): conll 0.619, xd_f1 0.289 (P 0.25, R 0.35), xd_mention_recall 0.848,
# mention_recall 0.907. With the cut 0.3 (chosen on ECB+ dev, issue 15's end-to-end study):
# conll 0.607, xd_f1 0.268, xd_mention_recall 0.848, mention_recall 0.907. After the events
# stage's argument conditions (aid, captive, facility, party; questions and empty offers are
# OTHER), same day: conll 0.609, xd_f1 0.259, the recalls unchanged (ECB+ dev unchanged).
# Two reports whose quotations share no content word count as no evidence (report_content_cut),
# same day: conll 0.635, xd_f1 0.277 (P 0.23, R 0.35), the recalls unchanged; with named
# speakers that share no word too: conll 0.638, xd_f1 0.281 (ECB+ dev 0.637 / 0.415); with
# the speech event's source as the speaker where no quotation names one: conll 0.644, xd_f1
# 0.294 (P 0.26, R 0.35) (ECB+ dev 0.639 / 0.416). On the later actor commits (which alone
# give conll 0.609, xd_f1 0.238): conll 0.641, xd_f1 0.279 (ECB+ dev 0.639 / 0.417).
# With the pair model's trigger-context and sentence-name features (chosen on ECB+ dev only;
# scored here once as a check): conll 0.646, xd_f1 0.319, the recalls unchanged (ECB+ dev
# 0.644 / 0.419). Floors unchanged.
LEARNED_FLOORS = {"conll_f1": 0.60, "xd_f1": 0.25, "xd_mention_recall": 0.80,
                  "mention_recall": 0.85}
# ECB+ dev end to end, the learned linker (its choosing set), same day:
# `benchmarks/links.py --clusters --gold ecbplus_dev.jsonl`: conll 0.634, xd_f1 0.415,
# mention_recall 0.819, xd_mention_recall 0.831 (issue 15's goals: 0.62 / 0.40 / 0.75).
# Cut 0.3: conll 0.635, xd_f1 0.419, mention_recall 0.819, xd_mention_recall 0.831.
# With the pair model's context features: conll 0.644, xd_f1 0.419 (recalls unchanged).
ECBPLUS_FLOORS = {"conll_f1": 0.62, "xd_f1": 0.40, "mention_recall": 0.80,
                  "xd_mention_recall": 0.80}
# Near-duplicates on generated variants of the dev texts: P 1.000, R 0.985.
DEDUP_FLOORS = {"precision": 0.98, "recall": 0.95}


def _docs(shared: Path, name: str = "dev.jsonl") -> list[dict]:
    keep = ("id", "title", "url", "published", "text")
    with (shared / "data" / "links" / name).open(encoding="utf-8") as f:
        return [{k: d.get(k) for k in keep} for d in map(json.loads, f)]


def _standin_records(docs: list[dict], nlp_stage) -> list[dict]:
    from dateline.model import Article, to_record

    out = []
    for d in docs:
        art = nlp_stage(Article(id=d["id"], text=d["text"], published=d["published"]))
        rec = to_record(art)
        rec["events"] = [
            {"id": f"e{i}", "start": t.sent.start_char, "end": t.sent.end_char,
             "trigger": t.text, "trigger_start": t.idx, "trigger_end": t.idx + len(t.text),
             "type": "OTHER", "action": t.lemma_.lower(), "status": "occurred",
             "date": None, "date_inferred": True, "cluster": None}
            for i, t in enumerate(t for t in art.doc if t.pos_ == "VERB")]
        out.append(rec)
    return out


def _score(shared: Path, pred: Path, name: str = "dev.jsonl") -> dict[str, float]:
    res = subprocess.run([sys.executable, str(shared / "eval" / "score_links.py"), "--gold",
                          str(shared / "data" / "links" / name), "--pred", str(pred)],
                         capture_output=True, text=True, check=True, timeout=120)
    last = res.stdout.strip().splitlines()[-1]
    assert last.startswith("links:"), res.stdout
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", last)}


def _pipeline_records(docs: list[dict], settings, nlp_stage) -> list[dict]:
    from dateline.model import Article, to_record
    from dateline.pipeline import available_stages, build_stage

    stages = [nlp_stage] + [build_stage(n, settings) for n in available_stages() if n != "nlp"]
    out = []
    for d in docs:
        art = Article(id=d["id"], text=d["text"], published=d["published"],
                      title=d.get("title"), url=d.get("url"))
        for stage in stages:
            art = stage(art)
        out.append(to_record(art))
    return out


def test_gate_links(shared_dir, settings, nlp_stage, tmp_path, monkeypatch):
    docs = _docs(shared_dir)
    if HAS_EVENTS:
        records = _pipeline_records(docs, settings, nlp_stage)
        gates = {"rules": PIPELINE_FLOORS, "learned": LEARNED_FLOORS}
    else:
        records, gates = _standin_records(docs, nlp_stage), {"rules": STANDIN_FLOORS}
    for linker, floors in gates.items():
        monkeypatch.setattr(assign, "LINKER", linker)
        scores = _relinked_scores(shared_dir, records, tmp_path / f"pred-{linker}.jsonl")
        for key, floor in floors.items():
            assert scores[key] >= floor, (linker, key, floor, scores)


def _relinked_scores(shared: Path, records: list[dict], pred: Path,
                     name: str = "dev.jsonl") -> dict[str, float]:
    with Store(":memory:") as store:
        store.write(records, store.start_run({}))
        relink(store)
        with pred.open("w", encoding="utf-8") as f:
            export_jsonl(store, f)
    return _score(shared, pred, name)


@pytest.mark.skipif(not HAS_EVENTS, reason="needs the events stage")
def test_gate_links_ecbplus(shared_dir, settings, nlp_stage, tmp_path):
    """ECB+ dev end to end with the default (learned) linker: issue 15's goals."""
    assert assign.LINKER == "learned"
    name = "ecbplus_dev.jsonl"
    records = _pipeline_records(_docs(shared_dir, name), settings, nlp_stage)
    scores = _relinked_scores(shared_dir, records, tmp_path / "pred.jsonl", name)
    for key, floor in ECBPLUS_FLOORS.items():
        assert scores[key] >= floor, (key, scores)


def test_gate_near_duplicates(shared_dir):
    m = measure({d["id"]: d["text"] for d in _docs(shared_dir)})
    for key, floor in DEDUP_FLOORS.items():
        assert m[key] >= floor, (key, m)

