"""Real pipeline outputs validate against the dateline/1 JSON Schema shipped in the package."""
from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from dateline.config import Settings
from dateline.ingest import iter_records


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(resources.files("dateline.schema").joinpath(
        "dateline-1.schema.json").read_text())
    return jsonschema.Draft202012Validator(schema)


def test_seed_and_demo_records_validate(validator, tmp_path):
    from pathlib import Path

    demo = resources.files("dateline.demo").joinpath("meantime_wikinews.jsonl").read_text()
    sample = tmp_path / "sample.jsonl"
    sample.write_text("".join(demo.splitlines(keepends=True)[:8]))
    seed = Path(__file__).parent / "fixtures" / "seed" / "putin-syria-withdrawal.txt"
    recs = list(iter_records([sample, seed], Settings(), published="2017-12-11"))
    assert len(recs) == 9
    for rec in recs:
        errors = sorted(validator.iter_errors(rec), key=str)
        assert not errors, f"{rec['id']}: {errors[0].message}"
    assert sum(len(r.get("entities", [])) for r in recs) > 20


def test_schema_rejects_broken_records(validator):
    bad = {"schema": "dateline/1", "id": "x", "text": "t"}  # required fields missing
    assert list(validator.iter_errors(bad))
    err = {"schema": "dateline/1", "id": "x", "error": {"code": "c", "message": "m"}}
    assert not list(validator.iter_errors(err))
