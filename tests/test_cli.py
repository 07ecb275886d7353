"""The CLI end to end on a real DuckDB file: extract, ingest twice, rejects, query, export."""
from __future__ import annotations

import json

import duckdb
import pytest
from typer.testing import CliRunner

from dateline.cli import app

runner = CliRunner()
TEXTS = [
    ("w1", "2008-03-06", "Apple released a new iPod on Tuesday. Shares rose 3% on the news."),
    ("w2", "2009-06-01", "General Motors filed for bankruptcy protection in New York on Monday."),
    ("w3", "2010-01-27",
     "Apple announced the iPad in San Francisco. Steve Jobs said it was magical."),
]


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps({"id": i, "published": p, "text": t}) + "\n"
                            for i, p, t in TEXTS))
    return path


def test_every_command_is_documented():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    for cmd in app.registered_commands:
        name = cmd.name or cmd.callback.__name__
        assert f"dateline {name}" in readme, f"README does not mention `dateline {name}`"
        assert cmd.callback.__doc__, f"command {name} has no help text"


def test_extract_prints_one_record_per_document(corpus):
    res = runner.invoke(app, ["extract", str(corpus)])
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["id"] for r in recs] == ["w1", "w2", "w3"]
    assert recs[1]["text"] == TEXTS[1][2]  # `text` inputs are used verbatim
    assert recs[1]["published"] == "2009-06-01"
    assert any(e["text"] == "General Motors" for e in recs[1]["entities"])


def test_extract_stage_subset(corpus):
    res = runner.invoke(app, ["extract", str(corpus), "--stages", "extract"])
    rec = json.loads(res.stdout.splitlines()[0])
    assert rec["entities"] == [] and rec["sentences"] == []


def test_ingest_twice_identical_and_rejects(corpus, tmp_path):
    db = tmp_path / "t.duckdb"
    bad = tmp_path / "broken.jsonl"
    bad.write_text('{"id": "x", "text": 5}\n{broken\n')
    res = runner.invoke(app, ["ingest", str(corpus), str(bad), "--db", str(db)])
    assert res.exit_code == 1  # rejects make the exit non-zero
    con = duckdb.connect(str(db))
    first = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
             for t in ("documents", "entities", "events", "rejects")}
    con.close()
    res = runner.invoke(app, ["ingest", str(corpus), str(bad), "--db", str(db),
                              "--allow-rejects"])
    assert res.exit_code == 0, res.output
    con = duckdb.connect(str(db))
    second = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in first}
    con.close()
    assert first == second and first["documents"] == 3 and first["rejects"] == 2
    status = runner.invoke(app, ["status", "--db", str(db)])
    assert "bad_input" in status.stdout and "bad_json" in status.stdout


def test_show_query_export(corpus, tmp_path):
    db = tmp_path / "q.duckdb"
    assert runner.invoke(app, ["ingest", str(corpus), "--db", str(db)]).exit_code == 0
    shown = runner.invoke(app, ["show", "w2", "--db", str(db)])
    assert shown.exit_code == 0 and '"General Motors' in shown.stdout
    assert runner.invoke(app, ["show", "nope", "--db", str(db)]).exit_code == 1
    res = runner.invoke(app, ["query", "--db", str(db), "--json", "--limit", "500"])
    assert res.exit_code == 0
    confs = [json.loads(x)["confidence"] for x in res.stdout.splitlines()]
    cut = sorted(confs)[len(confs) // 2]
    res = runner.invoke(app, ["query", "--db", str(db), "--json", "--limit", "500",
                              "--min-confidence", str(cut)])
    kept = [json.loads(x)["confidence"] for x in res.stdout.splitlines()]
    assert kept and len(kept) < len(confs) and min(kept) >= cut
    assert runner.invoke(app, ["query", "--db", str(db), "--min-confidence", "2"]).exit_code == 2
    assert runner.invoke(app, ["query", "--db", str(db), "--sort", "bogus"]).exit_code == 2
    out = tmp_path / "all.jsonl"
    assert runner.invoke(app, ["export", "--db", str(db), "-o", str(out)]).exit_code == 0
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == ["w1", "w2", "w3"]
    pq = tmp_path / "docs.parquet"
    res = runner.invoke(app, ["export", "--db", str(db), "--format", "parquet", "--table",
                              "documents", "-o", str(pq)])
    assert res.exit_code == 0 and pq.stat().st_size > 0


@pytest.fixture
def news_db(tmp_path):
    """A real store of one article whose second sentence holds two PLOVER events."""
    corpus = tmp_path / "news.jsonl"
    corpus.write_text(json.dumps({"id": "n1", "published": "2017-12-11", "text": (
        "Police arrested two protesters in Cairo on Monday. Russian President Vladimir Putin "
        "met Syrian President Bashar al-Assad and ordered a withdrawal of troops.")}) + "\n")
    db = tmp_path / "n.duckdb"
    assert runner.invoke(app, ["ingest", str(corpus), "--db", str(db)]).exit_code == 0
    return db


def test_export_min_confidence(news_db):
    db = news_db
    exported = {mc: runner.invoke(app, ["export", "--db", str(db), "--format", "plover",
                                        "--min-confidence", mc]).stdout.splitlines()
                for mc in ("0", "0.5", "1")}
    confs = [json.loads(line)["confidence"] for line in exported["0"]]
    assert len(confs) >= 2 and len(exported["1"]) == sum(c >= 1 for c in confs)
    assert len(exported["0.5"]) == sum(c >= 0.5 for c in confs)


def test_query_and_export_main_only(news_db):
    def ids(args):
        res = runner.invoke(app, args + ["--db", str(news_db)])
        assert res.exit_code == 0, res.stdout
        return [json.loads(line) for line in res.stdout.splitlines()]

    every = ids(["query", "--json"])
    plover = [e for e in every if e["type"] != "OTHER"]
    main = ids(["query", "--json", "--main-only"])
    assert len(plover) > len(main) == 2  # two sentences, one main event each
    assert all(e["main"] for e in main)
    assert sorted(e["start_char"] for e in main) == sorted({e["start_char"] for e in plover})
    exported = ids(["export", "--format", "plover", "--main-only"])
    assert [e["id"] for e in exported] == [f"n1:{e['event_id']}" for e in main]
