"""Eval-gate fixture: score the real pipeline on a ../shared dev set (skips without it)."""
from __future__ import annotations

from collections.abc import Callable

import pytest
from eval_support import run_dev


@pytest.fixture
def score_dev(shared_dir, tmp_path) -> Callable[..., dict[str, float]]:
    """``score_dev(area, scorer, stages, step=1)`` -> the scorer's last-line numbers."""
    def run(area: str, scorer: str, stages: list[str], step: int = 1) -> dict[str, float]:
        return run_dev(shared_dir, tmp_path, area, scorer, stages, step)
    return run
