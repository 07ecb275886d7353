"""Settings come from defaults, then a TOML file, then DATELINE_* variables."""
from __future__ import annotations

from dateline.config import Settings, load_settings


def test_defaults_without_file(tmp_path):
    s = load_settings(tmp_path / "none.toml", env={})
    assert s == Settings()
    assert s.max_input_bytes == 20_000_000 and s.doc_timeout_s == 10.0


def test_toml_then_env(tmp_path):
    cfg = tmp_path / "d.toml"
    cfg.write_text('[dateline]\nworkers = 3\nstages = ["nlp", "times"]\n'
                   'max_input_bytes = 100\n')
    s = load_settings(cfg, env={"DATELINE_MAX_INPUT_BYTES": "200", "DATELINE_ALLOW_FETCH": "yes"})
    assert s.workers == 3 and s.stages == ("nlp", "times")
    assert s.max_input_bytes == 200 and s.allow_fetch is True


def test_config_hash_ignores_paths_but_not_limits():
    a = Settings()
    assert a.config_hash() == a.replace(db_path="x.duckdb", workers=4).config_hash()
    assert a.config_hash() != a.replace(max_input_bytes=5).config_hash()
