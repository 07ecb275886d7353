"""Tuned values live in one file (``dateline/tuned.toml``) that the modules read and whose
digest is part of the run identity."""
from __future__ import annotations

from dateline.config import Settings
from dateline.extract import dump
from dateline.ingest import identity_key, pipeline_identity
from dateline.link import clusters
from dateline.tuned import ENV_FILE, PACKAGE_FILE, tuned


def test_modules_read_their_values_from_the_file():
    assert dump.BREAK_RUN == tuned("dump")["break_run"]
    assert clusters.NEAR_SIM == tuned("link")["near_sim"]
    assert (dump.TITLE_MIN_WORDS, dump.TITLE_MAX_WORDS) == (
        tuned("dump")["title_min_words"], tuned("dump")["title_max_words"])


def test_an_edited_value_changes_the_run_identity(tmp_path, monkeypatch):
    before = identity_key(pipeline_identity(Settings(), ["extract"]))
    copy = tmp_path / "tuned.toml"
    copy.write_text(PACKAGE_FILE.read_text(encoding="utf-8").replace(
        "near_sim = 0.25", "near_sim = 0.35"), encoding="utf-8")
    monkeypatch.setenv(ENV_FILE, str(copy))
    assert tuned("link")["near_sim"] == 0.35
    assert identity_key(pipeline_identity(Settings(), ["extract"])) != before
