"""The learned linker's hard limits: actors and written dates that disagree cannot link."""
from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from dateline.link.clusters import Mention
from dateline.link.learned import _forbidden


def _m(doc: str, **kw) -> Mention:
    base = {"start": 0, "end": 10, "type": "RETREAT", "action": "retreat", "status": "occurred",
            "sentence": "Troops left.", "published": date(2016, 3, 15)}
    base.update(kw)
    return Mention(doc_id=doc, event_id="e0", **base)


@pytest.mark.parametrize(("a", "b", "forbidden"), [
    ({"source_key": "RUS"}, {"source_key": "RUS"}, False),
    ({"source_key": "RUS"}, {"source_key": "USA"}, True),
    ({"source_key": "RUS"}, {"source_key": "the army"}, False),
    ({"target_key": "SYR"}, {"target_key": "TUR"}, True),
    ({"date": "2016-03-15", "date_inferred": False}, {"date": "2016-03", "date_inferred": False},
     False),
    ({"date": "2016-03-15", "date_inferred": False},
     {"date": "2017-12-11", "date_inferred": False}, True),
    ({"date": "2016-03-15", "date_inferred": True}, {"date": "2017-12-11", "date_inferred": True},
     False),
])
def test_forbidden_pairs(a, b, forbidden):
    assert _forbidden([_m("d1", **a), _m("d2", **b)], np.array([[0, 1]]))[0] == forbidden


def test_large_subtopics_split_by_block(monkeypatch):
    """Past MAX_GROUP mentions a sub-topic is scored block by block (type and action)."""
    from dateline.link import assign, learned

    reps = [_m("d1"), _m("d2"), _m("d3", action="other")]
    monkeypatch.setattr(learned, "MAX_GROUP", 3)
    assert learned._bounded([0, 1, 2], reps) == [[0, 1, 2]]
    monkeypatch.setattr(learned, "MAX_GROUP", 2)
    assert sorted(learned._bounded([0, 1, 2], reps)) == [[0, 1], [2]]
    monkeypatch.setattr(assign, "LINKER", "learned")
    assert assign.unblocked() and not assign.unblocked("rules")
