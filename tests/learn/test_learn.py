"""The shared learning package: safe persistence, calibration, the task registry."""
from __future__ import annotations

import numpy as np
import pytest

from dateline.errors import DatelineError
from dateline.learn.calibrate import Calibrator
from dateline.learn.persist import SavedModel, load_model, load_shipped, save_model, weights_digest
from dateline.learn.tasks import trainer


def test_calibrator_is_monotone_and_matches_rates():
    rng = np.random.default_rng(0)
    scores = rng.uniform(0, 1, 4000)
    labels = (rng.uniform(0, 1, 4000) < scores ** 2).astype(int)  # true rate = score^2
    cal = Calibrator.fit(scores, labels)
    probe = np.array([0.1, 0.5, 0.9])
    probs = cal.apply(probe)
    assert np.all(np.diff(cal.apply(np.linspace(0, 1, 50))) >= 0)
    assert np.allclose(probs, probe ** 2, atol=0.08)


def test_calibrator_round_trips_through_arrays():
    cal = Calibrator.fit(np.array([0.1, 0.2, 0.8, 0.9]), np.array([0, 1, 0, 1]))
    again = Calibrator.from_arrays(cal.to_arrays())
    assert np.array_equal(again.apply(np.array([0.15, 0.85])), cal.apply(np.array([0.15, 0.85])))


def test_model_folder_round_trip_without_pickle(tmp_path):
    lgb = pytest.importorskip("lightgbm")
    x = np.array([[0.0], [1.0], [2.0], [3.0]] * 10)
    y = np.array([0, 0, 1, 1] * 10)
    booster = lgb.train({"objective": "binary", "verbose": -1, "min_data_in_leaf": 1,
                         "seed": 1, "deterministic": True}, lgb.Dataset(x, y), 5)
    saved = SavedModel(meta={"task": "toy", "features": ["x"]},
                       booster_text=booster.model_to_string(),
                       arrays={"w": np.arange(3.0)})
    folder = save_model(tmp_path / "toy", saved)
    back = load_model(folder)
    libraries = back.meta.pop("libraries")
    assert back.meta == {"task": "toy", "features": ["x"]}
    assert libraries["lightgbm"] == lgb.__version__ and libraries["numpy"] == np.__version__
    assert np.array_equal(back.arrays["w"], np.arange(3.0))
    assert np.allclose(back.booster().predict(x), booster.predict(x))
    assert weights_digest(tmp_path) != weights_digest(tmp_path / "toy")


def test_unknown_task_is_a_clear_error():
    with pytest.raises(DatelineError, match="unknown task"):
        trainer("no-such-task")


def test_load_shipped_gives_the_packaged_model_or_none():
    assert load_shipped("no_such_task") is None
    status = load_shipped("event_status")
    assert status is not None and status.meta["task"] == "event_status"
