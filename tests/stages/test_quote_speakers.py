"""The learned quote speaker ranker: candidates, the null rule, the shipped model, retraining."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from dateline.learn.persist import load_model, model_dir
from dateline.model import Quote
from dateline.quotes.speakers import (
    FEATURES,
    TASK,
    Candidate,
    DocView,
    best_per_quote,
    document_rows,
    with_speaker,
)
from dateline.stages.entities import EntityStage
from dateline.stages.quotes import QuoteStage

TEXT = ('Senator Mary Jones met the governor on Monday. "I spoke with Barack Obama '
        'yesterday and he agreed with every word," Jones told reporters after the meeting.')


@pytest.fixture(scope="module")
def paired(make_article):
    """The rules' quotes of TEXT with their pairing state."""
    art = EntityStage()(make_article(TEXT))
    return art, QuoteStage.pair(art)


def test_candidates_hold_the_speaker_and_leave_out_the_quote(paired):
    art, pairing = paired
    cands, X = document_rows(art, pairing.resolver, pairing.quotes, pairing.regions,
                             pairing.frames)
    assert X.shape == (len(cands), len(FEATURES))
    direct = next(i for i, q in enumerate(pairing.quotes) if q.kind == "direct")
    texts = {art.text[c.start:c.end] for c in cands if c.quote == direct}
    assert "Jones" in texts and "Senator Mary Jones" in texts
    assert "Barack Obama" not in texts  # named inside the quotation
    rule = [c for c in cands if c.quote == direct and c.is_rule]
    assert [art.text[c.start:c.end] for c in rule] == ["Jones"]


def test_no_confident_candidate_and_no_rule_means_no_speaker(paired):
    art, pairing = paired
    q = Quote(0, 5, art.text[0:5], "direct", speaker="X", speaker_start=0, speaker_end=1,
              speaker_id="x")
    root = DocView(art, pairing.resolver, pairing.regions, pairing.frames).head(0)
    cands = [Candidate(0, 0, 7, root), Candidate(0, 8, 12, root)]
    chosen = best_per_quote(cands, np.array([0.01, 0.04]), threshold=0.05)
    assert chosen == {0: None}
    cands[0].is_rule = True  # not confident: the rules' choice stands
    assert best_per_quote(cands, np.array([0.01, 0.04]), threshold=0.05) == {0: cands[0]}
    cands[0].is_rule = False
    cleared = with_speaker(q, chosen[0], pairing.resolver, art.text)
    assert (cleared.speaker, cleared.speaker_start, cleared.speaker_id) == (None, None, None)
    picked = best_per_quote(cands, np.array([0.01, 0.9]), threshold=0.05)[0]
    assert picked is not None and picked.start == 8


def test_shipped_model_picks_the_cue_subject(make_article):
    quotes = QuoteStage()(EntityStage()(make_article(TEXT))).quotes
    direct = next(q for q in quotes if q.kind == "direct")
    assert direct.speaker == "Mary Jones"
    assert TEXT[direct.speaker_start:direct.speaker_end] == "Jones"


def test_shipped_meta_matches_the_features():
    saved = load_model(model_dir(TASK))
    assert saved.meta["features"] == list(FEATURES)
    assert saved.booster().num_feature() == len(FEATURES)
    assert 0.0 <= saved.meta["threshold"] < 0.5 and 0.0 <= saved.meta["margin"] < 0.5
    cv = saved.meta["metrics"]["cv_model"]
    assert cv["all_speaker_acc"] > saved.meta["metrics"]["cv_rules"]["all_speaker_acc"]


@pytest.mark.slow
def test_retrain_on_a_sample_gives_the_shipped_metrics_shape(shared_dir, tmp_path):
    from dateline.quotes.speakertrain import train_task

    lines = (shared_dir / "data" / "quotes" / "train.jsonl").read_text(
        encoding="utf-8").splitlines()[:25]
    data = tmp_path / "data" / "quotes"
    data.mkdir(parents=True)
    (data / "train.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "eval").mkdir()
    shutil.copy(shared_dir / "eval" / "score_quotes.py", tmp_path / "eval")
    metrics = train_task(data, tmp_path / "model", seed=13)
    shipped = load_model(model_dir(TASK)).meta
    assert set(metrics) - {"threshold", "margin"} == set(shipped["metrics"])
    meta = json.loads(Path(tmp_path / "model" / "meta.json").read_text())
    assert meta["features"] == shipped["features"]
    assert metrics["positives"] > 0
