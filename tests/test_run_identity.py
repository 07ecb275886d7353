"""The run identity holds the dateline version and digests of the lexicons and trained
weights in use: changing any of them makes a resumed ingest redo its inputs, and `status`
names the stale ones until `ingest --reprocess-stale` redoes them."""
from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

import dateline
from dateline.cli import app
from dateline.config import Settings
from dateline.ingest import identity_key, ingest, pipeline_identity
from dateline.lexicon import ENV_DIR, PACKAGE_DIR

PAGE = ("<html><head><title>Council budget</title></head><body><article>"
        + "<p>The council met on Monday and approved the new budget for the city.</p>" * 6
        + "</article></body></html>")
STAGES = ["extract"]


@pytest.fixture
def lexicons(tmp_path, monkeypatch):
    """A copy of the lexicons that every loader and the identity read."""
    folder = tmp_path / "lexicons"
    shutil.copytree(PACKAGE_DIR, folder)
    monkeypatch.setenv(ENV_DIR, str(folder))
    return folder


@pytest.fixture
def page(tmp_path):
    """One small news page."""
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def _run(page, db) -> dict[str, int]:
    return ingest([page], db, Settings(), STAGES, link=False).counts


def _edit_a_row(folder) -> None:
    path = folder / "news_agencies.tsv"
    rows = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    path.write_text("\n".join(rows + [rows[-1]]) + "\n", encoding="utf-8")


def test_a_lexicon_edit_makes_the_next_ingest_redo_its_inputs(lexicons, page, tmp_path):
    db = tmp_path / "s.duckdb"
    assert _run(page, db)["stored"] == 1
    assert _run(page, db)["skipped"] == 1  # same identity: resumed, nothing redone
    before = identity_key(pipeline_identity(Settings(), STAGES))
    _edit_a_row(lexicons)
    assert identity_key(pipeline_identity(Settings(), STAGES)) != before
    again = _run(page, db)
    assert again["skipped"] == 0 and again["unchanged"] == 1  # redone under the new identity


def test_an_upgrade_or_new_weights_change_the_identity(lexicons, page, tmp_path,
                                                       monkeypatch):
    from dateline.learn import persist

    db = tmp_path / "s.duckdb"
    _run(page, db)
    monkeypatch.setattr(dateline, "__version__", "99.0.0")
    assert _run(page, db)["skipped"] == 0
    assert _run(page, db)["skipped"] == 1
    models = tmp_path / "models" / "quotes"
    models.mkdir(parents=True)
    (models / "meta.json").write_text("{}")
    monkeypatch.setattr(persist, "MODELS_DIR", tmp_path / "models")
    persist.weights_digest.cache_clear()  # computed once per process: weights ship fixed
    try:
        assert _run(page, db)["skipped"] == 0
    finally:
        monkeypatch.undo()
        persist.weights_digest.cache_clear()


def test_status_names_stale_inputs_and_reprocess_stale_redoes_them(lexicons, page,
                                                                   tmp_path):
    db = tmp_path / "s.duckdb"
    runner = CliRunner()
    done = runner.invoke(app, ["ingest", str(page), "--db", str(db)])
    assert done.exit_code == 0, done.output
    assert "stale" not in runner.invoke(app, ["status", "--db", str(db)]).output
    _edit_a_row(lexicons)
    status = runner.invoke(app, ["status", "--db", str(db)]).output
    assert "stale: 1 inputs" in status
    done = runner.invoke(app, ["ingest", "--reprocess-stale", "--db", str(db)])
    assert done.exit_code == 0, done.output
    assert "stale" not in runner.invoke(app, ["status", "--db", str(db)]).output
    nothing = runner.invoke(app, ["ingest", "--reprocess-stale", "--db", str(db)])
    assert nothing.exit_code == 2 and "no stale inputs" in nothing.output
