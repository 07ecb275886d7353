"""An ingest links what it wrote: near-duplicate reprints share a group, events a cluster."""
from __future__ import annotations

import json

from dateline.config import Settings
from dateline.ingest import ingest
from dateline.store.db import Store

STORY = ("Russian President Vladimir Putin ordered the withdrawal of Russian forces from Syria "
         "on Monday during a visit to the Hmeimim air base. The Pentagon expressed skepticism "
         "about the announced withdrawal. Putin also met Syrian President Bashar al-Assad at "
         "the base and thanked the Russian servicemen.")


def test_reprint_shares_group_and_clusters(tmp_path):
    docs = [{"id": "orig", "published": "2017-12-11", "text": STORY},
            {"id": "reprint", "published": "2017-12-11",
             "text": STORY + " Reporting by the agency's Moscow bureau."},
            {"id": "other", "published": "2017-12-11",
             "text": "Apple released a new iPhone in California on Tuesday."}]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs))
    db = tmp_path / "l.duckdb"
    ingest([path], db, Settings(), workers=1)
    with Store(db, read_only=True) as store:
        groups = {r["id"]: r["dup_group"]
                  for r in store.sql("SELECT id, dup_group FROM documents")}
        assert groups["orig"] == groups["reprint"] != groups["other"]
        shared = store.sql(
            "SELECT a.event_id FROM events a JOIN events b ON a.cluster = b.cluster "
            "WHERE a.doc_id = 'orig' AND b.doc_id = 'reprint' AND a.type = 'CONCEDE'")
        assert shared, "the reprint's withdrawal is not in the original's cluster"
