"""``dateline status`` shows the input manifest: counts by status and reject reasons."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.engines.manifest import Manifest
from dateline.model import RawDoc, error_record
from dateline.store.db import Store


@pytest.mark.parametrize("finished,expected", [
    (0, ["inputs: pending 3"]),
    (3, ["inputs: rejected 1, stored 2", "rejected timeout x1: took too long"]),
])
def test_status_reports_manifest(tmp_path, finished, expected):
    db = tmp_path / "s.duckdb"
    docs = [RawDoc(id=f"d{i}", kind="text", content="x", origin=f"f:{i}") for i in range(3)]
    with Store(db) as store:
        man = Manifest(store.con, "p", "r1")
        man.mark_pending(docs, 0)
        if finished:
            recs = [{"id": "d0"}, error_record("d1", "timeout", "took too long"), {"id": "d2"}]
            man.mark_finished(docs, recs, 0)
    result = CliRunner().invoke(app, ["status", "--db", str(db)])
    assert result.exit_code == 0, result.output
    for line in expected:
        assert line in result.output
