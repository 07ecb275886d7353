"""Storylines and follow-through on the storyline corpus, and the status rules."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.link import relink
from dateline.link.followthrough import decide, read_followthrough


@pytest.fixture()
def linked(store, storyline_records):
    store.write(storyline_records, store.start_run({}))
    relink(store)
    return store


@pytest.mark.parametrize(("doc", "status"), [
    ("a01", "disputed"),      # jets left, then the Pentagon saw no real reduction
    ("a08", "carried_out"),   # the December 2017 order, reported done
    ("a11", "carried_out"),   # the threat against Afrin, then the offensive
    ("a13", "no_sign_yet"),   # a factory promised, nothing since
    ("a14", "partly"),        # releases begun, not reported complete
])
def test_statuses(cluster_of, linked, doc, status):
    recs = {r["cluster"]: r for r in read_followthrough(linked.con)}
    assert recs[cluster_of(linked, doc)]["status"] == status


def test_only_announcements_are_followed(cluster_of, linked):
    followed = {r["cluster"] for r in read_followthrough(linked.con)}
    assert cluster_of(linked, "a04") not in followed
    assert len(followed) == 5


def test_evidence_roles_and_repeats(cluster_of, linked):
    recs = {r["cluster"]: r for r in read_followthrough(linked.con)}
    first, second = recs[cluster_of(linked, "a01")], recs[cluster_of(linked, "a08")]
    roles = [(e["document"], e["role"]) for e in first["evidence"]]
    assert ("a04", "implementation_claim") in roles
    assert ("a06", "contradiction") in roles
    assert ("a08", "repetition") in roles
    assert ("a16", "reaction") in roles
    assert ("a10", "implementation_claim") not in roles  # belongs to the later order
    assert second["repeats"] == [first["cluster"]]
    assert first["storyline"] == second["storyline"]
    assert first["announced"] == "2016-03-14" and second["as_of"] == "2017-12-22"
    assert first["source"] == {"country": "RUS", "sector": "GOV", "text": "Russia"}


def test_contract_keys(linked):
    keys = {"schema", "cluster", "action", "type", "source", "target", "announced", "status",
            "as_of", "evidence", "repeats", "storyline"}
    for rec in read_followthrough(linked.con):
        assert set(rec) == keys
        for ev in rec["evidence"]:
            assert set(ev) == {"cluster", "document", "date", "status", "role", "start", "end"}
        items = [tuple(sorted(ev.items())) for ev in rec["evidence"]]
        assert len(items) == len(set(items)), "one sentence is one piece of evidence"


@pytest.mark.parametrize(("actor", "type_", "n"), [
    ("RUS", None, 2), ("rus", "RETREAT", 2), ("TUR", None, 1), (None, "CONCEDE", 3),
    ("Acme", None, 1), ("USA", None, 0),
])
def test_filters(linked, actor, type_, n):
    assert len(read_followthrough(linked.con, actor, type_)) == n


def test_storyline_chains_clusters(cluster_of, linked):
    rows = linked.sql("SELECT storyline, cluster FROM link_storylines")
    story = {r["cluster"]: r["storyline"] for r in rows}
    ids = {story[cluster_of(linked, d)] for d in ("a01", "a04", "a05", "a06", "a08", "a10")}
    assert len(ids) == 1
    assert story[cluster_of(linked, "a07")] not in ids


def _ev(role: str, day: str, status: str = "occurred") -> dict:
    return {"role": role, "date": day, "status": status}


@pytest.mark.parametrize(("evidence", "expected"), [
    ([], "no_sign_yet"),
    ([_ev("repetition", "2020-02-01", "announced")], "no_sign_yet"),
    ([_ev("contradiction", "2020-02-01", "denied")], "disputed"),
    ([_ev("implementation_claim", "2020-02-01")], "carried_out"),
    ([_ev("verification", "2020-02-01")], "carried_out"),
    ([_ev("implementation_claim", "2020-02-01", "ongoing")], "partly"),
    ([_ev("implementation_claim", "2020-02-01"), _ev("contradiction", "2020-02-03")],
     "disputed"),
    ([_ev("contradiction", "2020-01-20"), _ev("implementation_claim", "2020-02-01")],
     "partly"),
    ([_ev("implementation_claim", "2020-02-01"), _ev("repetition", "2020-05-01", "ordered")],
     "partly"),
])
def test_decide(evidence, expected):
    assert decide(evidence) == expected


def test_relink_of_new_report_updates_status(cluster_of, store, storyline_records):
    run = store.start_run({})
    early = [r for r in storyline_records if r["id"] != "a10"]
    store.write(early, run)
    relink(store)
    recs = {r["cluster"]: r for r in read_followthrough(store.con)}
    assert recs[cluster_of(store, "a08")]["status"] == "no_sign_yet"
    late = [r for r in storyline_records if r["id"] == "a10"]
    store.write(late, run)
    relink(store, ["a10"])
    recs = {r["cluster"]: r for r in read_followthrough(store.con)}
    assert recs[cluster_of(store, "a08")]["status"] == "carried_out"
    assert len(recs) == 5


def test_self_target_does_not_split_storyline(store, storyline_records, cluster_of):
    recs = [dict(r) for r in storyline_records]
    for r in recs:  # every report of the first order codes Russia as its own target
        if r["id"] in ("a01", "a02", "a03", "a16"):
            r["events"] = [dict(e, target=e["source"]) if e["action"] == "RETREAT" else e
                           for e in r["events"]]
    store.write(recs, store.start_run({}))
    relink(store)
    story = {r["cluster"]: r["storyline"] for r in
             store.sql("SELECT storyline, cluster FROM link_storylines")}
    assert story[cluster_of(store, "a03")] == story[cluster_of(store, "a05")]


def test_an_announcement_needs_an_announcer():
    """A promise nobody is named as making cannot be followed through: it is not listed."""
    from datetime import date

    from dateline.link.clusters import Mention
    from dateline.link.followthrough import compute
    from dateline.link.storylines import build_storylines, group_clusters

    def promise(doc: str, source: str | None) -> Mention:
        return Mention(doc, f"{doc}-e1", 0, 40, "AGREE", "AID", "promised", "will give aid",
                       published=date(2020, 1, 1), source_key=source, cluster=f"c-{doc}",
                       source={"country": source, "sector": None, "text": source} if source
                       else None)

    infos = group_clusters([promise("d1", "USA"), promise("d2", None)])
    followed = {r["cluster"] for r in compute(infos, build_storylines(infos))}
    assert followed == {"c-d1"}


def test_only_commitments_are_announcements_end_to_end(tmp_path):
    """From text: a caution ("warned that prices could rise"), a warning of a danger and a
    readiness for an occasion are no announcements; the closure the country will make is."""
    doc = tmp_path / "border.txt"
    doc.write_text(
        "Egypt Tightens Border Controls\n\nEgypt warned on Monday that food prices could rise "
        "sharply this winter. The Egyptian government also warned of a deep recession. Cairo "
        "is getting ready for a difficult season, officials said. Egypt will close the Rafah "
        "border crossing next week, the foreign ministry said.\n", encoding="utf-8")
    db = str(tmp_path / "t.duckdb")
    runner = CliRunner()
    res = runner.invoke(app, ["ingest", str(doc), "--db", db, "--published", "2020-03-02"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["followthrough", "--db", db, "--json"])
    assert res.exit_code == 0, res.output
    records = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    assert [r["action"] for r in records] == ["COERCE"]


def test_announcer_is_the_source_of_an_announcing_mention():
    """A cluster whose only named source comes from a non-intent mention (a hope) and whose
    intent mention has no source has no announcer: it is not followed."""
    from dateline.link.clusters import Mention
    from dateline.link.followthrough import compute
    from dateline.link.storylines import ClusterInfo, build_storylines

    union = {"country": "CAN", "sector": "LAB", "text": "the union"}
    hope = Mention("d1", "e1", 0, 40, "SUPPORT", "SUPPORT", "hypothetical", "s",
                   source_key="CAN", source=union, cluster="c1")
    forecast = Mention("d1", "e2", 50, 90, "SUPPORT", "SUPPORT", "promised", "s",
                       cluster="c1")
    c = ClusterInfo("c1", [hope, forecast])
    assert c.intent and c.source_key == "CAN" and c.announcer_key is None
    assert compute({"c1": c}, build_storylines({"c1": c})) == []
    pledge = Mention("d2", "e3", 0, 40, "SUPPORT", "SUPPORT", "promised", "s",
                     source_key="CAN", source=union, cluster="c2")
    c2 = ClusterInfo("c2", [hope, pledge])
    (rec,) = compute({"c2": c2}, build_storylines({"c2": c2}))
    assert rec["source"]["text"] == "the union"
