"""Eval gate: entities + quotes on the quotes dev set (PolNeAR dev), shared scorer."""
from __future__ import annotations

from eval_support import assert_floors

# A deterministic sample keeps the gate within its time budget: every SAMPLE_STEP-th line.
SAMPLE_STEP = 2
# Floors a little below the scores measured on that sample when the gate was pinned
# (direct_f1 0.962, direct_speaker_acc 0.891, all_f1 0.658, all_speaker_acc 0.842; on all
# 84 docs: 0.958 / 0.868 / 0.675 / 0.818; with parenthetical cues 0.958 / 0.868 / 0.682 /
# 0.821 via `python -m dateline.quotes.evaluate --shared ../shared`). With the learned cue
# model (dateline.quotes.cues) the sample scores 0.962 / 0.891 / 0.790 / 0.842 and all 84
# docs 0.958 / 0.868 / 0.799 / 0.823 at its CV-best threshold 0.2; at 0.5 (a cue only when
# more likely right than wrong) the sample scores 0.962 / 0.891 / 0.775 / 0.852 and all 84
# docs 0.958 / 0.868 / 0.780 / 0.833.
# With the learned speaker ranker (dateline.quotes.speakers) on top, the sample scores
# 0.962 / 0.955 / 0.775 / 0.896 and all 84 docs 0.958 / 0.938 / 0.780 / 0.881.
FLOORS = {"direct_f1": 0.94, "direct_speaker_acc": 0.94, "all_f1": 0.76,
          "all_speaker_acc": 0.88}


def test_quote_dev_scores_stay_above_floors(score_dev):
    scores = score_dev("quotes", "score_quotes.py", ["nlp", "entities", "quotes"], SAMPLE_STEP)
    assert_floors(scores, FLOORS)


def test_quote_evaluate_command_prints_scores_and_timing(shared_dir):
    from dateline.quotes.evaluate import score

    line = score(shared_dir, "dev", step=21)  # 4 articles: the command's path, not a gate
    assert line.startswith("quotes: direct_f1=") and "docs=4" in line
    assert float(line.rsplit("pipeline_ms_per_doc=", 1)[1]) > 0
