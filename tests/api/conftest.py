"""A DuckDB file with the hand-written records, and a client of the app over it."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from apidata import build_db  # noqa: E402


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> Path:
    """A database holding the three test documents."""
    return build_db(tmp_path_factory.mktemp("api") / "t.duckdb")


@pytest.fixture(scope="module")
def client(db_path):
    """A test client of the read-only app."""
    from fastapi.testclient import TestClient

    from dateline.api import create_app

    app = create_app(db_path)
    with TestClient(app) as c:
        yield c
    app.state.db.close()
