"""The link commands through the CLI: relink, storylines and follow-through, table and JSON."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.store.db import Store


@pytest.fixture(scope="module")
def db(tmp_path_factory, storyline_records):
    path = str(tmp_path_factory.mktemp("link") / "t.duckdb")
    with Store(path) as store:
        store.write(storyline_records, store.start_run({}))
    result = CliRunner().invoke(app, ["relink", "--db", path])
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize(("args", "n", "statuses"), [
    ([], 4, {"disputed", "carried_out", "partly"}),
    (["--include-other"], 5, {"disputed", "carried_out", "no_sign_yet", "partly"}),
    (["--actor", "RUS"], 2, {"disputed", "carried_out"}),
    (["--actor", "RUS", "--type", "RETREAT"], 2, {"disputed", "carried_out"}),
    (["--type", "ASSAULT"], 1, {"carried_out"}),
    (["--actor", "FRA"], 0, set()),
])
def test_followthrough_json(db, args, n, statuses):
    result = CliRunner().invoke(app, ["followthrough", "--db", db, "--json", *args])
    assert result.exit_code == 0, result.output
    recs = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert len(recs) == n
    assert {r["status"] for r in recs} == statuses


@pytest.mark.parametrize(("command", "expected"), [
    (["followthrough"], "carried_out"),
    (["storylines"], "retreat"),
    (["storylines", "--actor", "TUR"], "assault"),
])
def test_tables(db, command, expected):
    result = CliRunner().invoke(app, [*command, "--db", db], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert expected in result.output


def test_storylines_json_groups_clusters(db):
    result = CliRunner().invoke(app, ["storylines", "--db", db, "--json", "--actor", "RUS"])
    rows = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    retreat = {r["storyline"] for r in rows if r["action"] == "retreat"}
    assert len(retreat) == 1
    assert sum(1 for r in rows if r["action"] == "retreat") == 6


def test_export_carries_clusters_and_groups(db):
    result = CliRunner().invoke(app, ["export", "--db", db, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    recs = {r["id"]: r for r in map(json.loads, (ln for ln in result.output.splitlines()
                                                 if ln.startswith("{")))}
    assert all(e["cluster"] for r in recs.values() for e in r["events"])
    assert recs["a01"]["events"][0]["cluster"] == recs["a03"]["events"][0]["cluster"]
    assert recs["a01"]["dup_group"] == recs["a02"]["dup_group"] != recs["a03"]["dup_group"]


def test_old_database_gets_a_clear_message(tmp_path):
    import duckdb

    path = str(tmp_path / "old.duckdb")
    duckdb.connect(path).execute("CREATE TABLE documents (id VARCHAR)").close()
    result = CliRunner().invoke(app, ["followthrough", "--db", path])
    assert result.exit_code == 1
    assert "dateline relink" in result.output


def test_followthrough_leaves_out_other_announcements_by_default():
    """Announcements of OTHER acts (predicates kept for linking) are not PLOVER
    announcements: listed only with --include-other or when their type is asked for."""
    import duckdb

    from dateline.link.followthrough import read_followthrough

    con = duckdb.connect()
    con.execute("CREATE TABLE link_followthrough (cluster VARCHAR, announced VARCHAR, "
                "record VARCHAR)")
    for cluster, kind, action in (("c1", "CONCEDE", "RETREAT"), ("c2", "OTHER", "UPDATE")):
        rec = {"cluster": cluster, "type": kind, "action": action, "source": None}
        con.execute("INSERT INTO link_followthrough VALUES (?, '2017-12-11', ?)",
                    [cluster, json.dumps(rec)])
    assert [r["cluster"] for r in read_followthrough(con, plover=True)] == ["c1"]
    assert [r["cluster"] for r in read_followthrough(con, plover=False)] == ["c1", "c2"]
    assert [r["cluster"] for r in read_followthrough(con, "", "OTHER", True)] == ["c2"]
