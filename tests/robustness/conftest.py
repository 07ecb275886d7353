"""A live read-only server over the test records, and one headless chromium per module."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "api"))
from apidata import browser, build_db, live_server  # noqa: E402

from dateline.api import create_app  # noqa: E402


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """URL of a server over the three test documents."""
    app = create_app(build_db(tmp_path_factory.mktemp("ui") / "ui.duckdb"))
    with live_server(app) as url:
        yield url
    app.state.db.close()


@pytest.fixture(scope="module")
def chrome():
    """Headless chromium (skips without one)."""
    with browser() as chrome:
        yield chrome
