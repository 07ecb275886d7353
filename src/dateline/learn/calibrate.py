"""Probability calibration fitted on a dev split, stored as two arrays (isotonic steps).

``Calibrator.fit(scores, labels)`` runs isotonic regression (pool adjacent violators) on
raw scores; ``apply`` interpolates. A calibrated probability is what ``confidence`` means.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def _mean(block: list[float]) -> float:
    return block[0] / block[1]


@dataclass(frozen=True)
class Calibrator:
    """A monotone map from raw score to probability, as knots ``xs`` -> ``ys``."""

    xs: np.ndarray
    ys: np.ndarray

    @classmethod
    def fit(cls, scores: np.ndarray, labels: np.ndarray) -> Calibrator:
        """Isotonic regression of labels (0/1) on scores, by pool adjacent violators."""
        order = np.argsort(scores, kind="mergesort")
        xs = np.asarray(scores, dtype=float)[order]
        ys = np.asarray(labels, dtype=float)[order]
        blocks: list[list[float]] = []  # [sum_y, count, max_x]
        for x, y in zip(xs, ys, strict=True):
            blocks.append([y, 1.0, x])
            while len(blocks) > 1 and _mean(blocks[-2]) >= _mean(blocks[-1]):
                s, n, mx = blocks.pop()
                blocks[-1][0] += s
                blocks[-1][1] += n
                blocks[-1][2] = mx
        knots_x = np.array([b[2] for b in blocks])
        knots_y = np.array([b[0] / b[1] for b in blocks])
        return cls(knots_x, knots_y)

    def apply(self, scores: np.ndarray) -> np.ndarray:
        """Calibrated probabilities for raw scores (flat beyond the fitted range)."""
        if len(self.xs) == 0:
            return np.asarray(scores, dtype=float)
        return np.interp(np.asarray(scores, dtype=float), self.xs, self.ys)

    def to_arrays(self, prefix: str = "calib") -> dict[str, np.ndarray]:
        """The knots as arrays for ``SavedModel.arrays``."""
        return {f"{prefix}_x": self.xs, f"{prefix}_y": self.ys}

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], prefix: str = "calib") -> Calibrator:
        """Rebuild from ``to_arrays`` output."""
        return cls(arrays[f"{prefix}_x"], arrays[f"{prefix}_y"])
