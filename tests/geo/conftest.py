"""Geo test fixtures: the gazetteer (built once into a per-session cache if needed)."""
from __future__ import annotations

import pytest

from dateline.geo.gazetteer import load_gazetteer


@pytest.fixture(scope="session")
def gazetteer():
    """The process-wide gazetteer."""
    return load_gazetteer()
