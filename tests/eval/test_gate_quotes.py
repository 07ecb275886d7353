"""Eval gate: entities + quotes on the quotes dev set (PolNeAR dev), shared scorer."""
from __future__ import annotations

from eval_support import assert_floors

# A deterministic sample keeps the gate within its time budget: every SAMPLE_STEP-th line.
SAMPLE_STEP = 2
# Floors a little below the scores measured on that sample when the gate was pinned
# (with the learned speaker ranker: direct_f1 0.962, direct_speaker_acc 0.965, all_f1 0.664,
# all_speaker_acc 0.892; on all 84 docs 0.958 / 0.943 / 0.682 / 0.874 via
# `python -m dateline.quotes.evaluate --shared ../shared`; the rules alone gave 0.868 and
# 0.821 speaker accuracy on all 84).
FLOORS = {"direct_f1": 0.94, "direct_speaker_acc": 0.95, "all_f1": 0.64,
          "all_speaker_acc": 0.88}


def test_quote_dev_scores_stay_above_floors(score_dev):
    scores = score_dev("quotes", "score_quotes.py", ["nlp", "entities", "quotes"], SAMPLE_STEP)
    assert_floors(scores, FLOORS)


def test_quote_evaluate_command_prints_scores_and_timing(shared_dir):
    from dateline.quotes.evaluate import score

    line = score(shared_dir, "dev", step=21)  # 4 articles: the command's path, not a gate
    assert line.startswith("quotes: direct_f1=") and "docs=4" in line
    assert float(line.rsplit("pipeline_ms_per_doc=", 1)[1]) > 0
