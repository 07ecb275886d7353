"""benchmarks/detector_learners.py's helpers: the context features, AP, the four dev figures."""
from __future__ import annotations

import numpy as np
import pytest
from tests_support import load_script


def _bench():
    return load_script("benchmarks/detector_learners.py")


def test_average_precision_ranks_and_counts_missed_relevant_items() -> None:
    bench = _bench()
    right = np.array([True, False, True])
    assert bench.average_precision(np.array([0.9, 0.8, 0.1]), right, 2) == pytest.approx(
        (1 / 1 + 2 / 3) / 2)
    # a relevant item no candidate holds counts in the denominator
    assert bench.average_precision(np.array([0.9, 0.8, 0.1]), right, 4) == pytest.approx(
        (1 / 1 + 2 / 3) / 4)


def test_metrics_reward_the_probabilities_that_rank_right_events_first() -> None:
    bench = _bench()
    classes = bench.dt.CLASSES
    raws = [{"lex_type": "ACCUSE"}, {"lex_type": "ACCUSE"}, {"lex_type": "OTHER"}]
    labels = ["ACCUSE", "NONE", "NONE"]

    def probs(event_first: float, event_second: float) -> np.ndarray:
        p = np.full((3, len(classes)), 0.01)
        for row, event in enumerate((event_first, event_second, 0.05)):
            p[row, classes.index("NONE")] = 1 - event
            p[row, classes.index("ACCUSE")] = event
        return p / p.sum(axis=1, keepdims=True)

    good = bench.metrics(probs(0.9, 0.2), raws, labels, 1)
    bad = bench.metrics(probs(0.2, 0.9), raws, labels, 1)
    assert good["ap_default"] == pytest.approx(1.0) and bad["ap_default"] == pytest.approx(0.5)
    assert good["ap_model"] > bad["ap_model"] and good["log_loss"] < bad["log_loss"]
    assert good["recall_at_p85"] == pytest.approx(1.0) and bad["recall_at_p85"] == 0.0


@pytest.mark.slow
def test_context_words_read_the_trigger_its_arguments_and_its_sentence(make_article) -> None:
    bench = _bench()
    doc = make_article("Senator Smith sharply criticized the governor over the budget.").doc
    head = next(t for t in doc if t.lemma_ == "criticize")
    words = bench.context_words(head)
    assert "l=criticize" in words and "ls=criticize|smith" in words
    assert "pp=criticize|over|budget" in words and "c=criticize|dobj|governor" in words
    assert "w-1=sharply" in words and "b=budget" in words and "b=criticize" not in words
