"""Eval gate: the places stage on the geo dev set (GeoWebNews), scored by the shared scorer."""
from __future__ import annotations

from eval_support import assert_floors

# Floors a little below the dev scores measured when the gate was pinned
# (rec_f1 0.889, acc161 0.915 on shared/data/geo/dev.jsonl, all 100 documents).
FLOORS = {"rec_f1": 0.87, "acc161": 0.90}


def test_geo_dev_scores_stay_above_floors(score_dev):
    assert_floors(score_dev("geo", "score_geo.py", ["nlp", "entities", "places"]), FLOORS)
