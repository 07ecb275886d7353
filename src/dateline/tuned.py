"""Tuned values, in one place: ``dateline/tuned.toml`` (in the spirit of trafilatura's
``settings.cfg``), one table a component, each value with the note of how it was chosen.

``DATELINE_TUNED=FILE`` points at an edited copy (how ``benchmarks/tuned_grid.py`` tries
values); the file's digest is part of the run identity, so a changed value makes a resumed
ingest redo its inputs. Values are read when a module is first imported.
"""
from __future__ import annotations

import hashlib
import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

PACKAGE_FILE = Path(__file__).resolve().parent / "tuned.toml"
ENV_FILE = "DATELINE_TUNED"


def tuned_path() -> Path:
    """The tuned-values file in use: ``$DATELINE_TUNED``, else the package's own."""
    override = os.environ.get(ENV_FILE)
    return Path(override) if override else PACKAGE_FILE


@cache
def _load(path: Path) -> dict[str, dict[str, Any]]:
    with path.open("rb") as fh:
        return tomllib.load(fh)


def tuned(section: str) -> dict[str, Any]:
    """One component's tuned values (a KeyError names a missing table)."""
    return dict(_load(tuned_path())[section])


def tuned_digest() -> str:
    """A short hash of the tuned-values file in use."""
    return hashlib.sha256(tuned_path().read_bytes()).hexdigest()[:12]
